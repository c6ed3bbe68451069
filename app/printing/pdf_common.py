"""What every PDF printout carries: the 密级★保密期限 marking at the top left of every page (黑体), the
page number "第 N 页 共 M 页" and the line saying who printed it and when."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.printing.fonts import FANGSONG, HEITI, pdf_font
from app.printing.meta import PrintMeta, page_label

__all__ = ["MM", "PrintMeta", "decorated_canvas", "escape", "page_label"]

MM = 72 / 25.4


def decorated_canvas(meta: PrintMeta) -> Callable[..., Any]:
    """A canvasmaker drawing the marking, page numbers and printed-by line once the page count is known.

    Pages are kept as saved states until ``save`` so "共 M 页" is right without a second layout pass.
    """
    from reportlab.pdfgen.canvas import Canvas

    class DecoratedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # otherwise every page's preamble references an unembedded Helvetica
            if not kwargs.get("initialFontName"):
                kwargs["initialFontName"] = pdf_font(FANGSONG)
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _decorate(self, total: int) -> None:
            width, height = self._pagesize
            page = self._pageNumber
            self.saveState()
            if meta.marking:
                self.setFont(pdf_font(HEITI), 14)
                self.drawString(15 * MM, height - 12 * MM, meta.marking)
            if meta.running_title and page > 1:
                self.setFont(pdf_font(FANGSONG), 9)
                self.setFillGray(0.35)
                self.drawCentredString(width / 2, height - 11 * MM, f"{meta.running_title}（续）")
            self.setFillGray(0.25)
            self.setFont(pdf_font(FANGSONG), 9)
            self.drawString(15 * MM, 8 * MM, meta.printed_line)
            self.drawRightString(width - 15 * MM, 8 * MM, page_label(page, total))
            self.restoreState()

    return DecoratedCanvas


def escape(text: str) -> str:
    """Text for a reportlab Paragraph (which parses a small XML dialect)."""
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")

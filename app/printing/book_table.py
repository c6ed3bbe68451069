"""One page of a register book's table, drawn straight onto the canvas.

reportlab's Table costs about 0.1 ms per cell line (a text object, bidi shaping and font splitting for
every drawString, a style pass over every cell), which made a 10,000-row, 18-column register book take
15 s. The book module has already measured and wrapped every cell, so this flowable only has to draw:
the grid as one path, and every line of text of the page in ONE text object, each distinct string
encoded once per document through the font's documented ``splitString``/``getSubsetInternalName`` API
(so font subsetting, embedding and the text layer stay reportlab's own).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable

HEADER_GREY = 0.9
VOID_GREY = 0.5


class TextEncoder:
    """PDF text-showing operators for strings in one font and size, cached per document."""

    def __init__(self, font_name: str, size: float) -> None:
        from reportlab.pdfbase.pdfmetrics import getFont

        self.font = getFont(font_name)
        self.font_name = font_name
        self.size = size
        self._doc: Any = None
        self._cache: dict[str, str] = {}
        self.cached = self._cache.get  # valid for the document of the last bind()

    def bind(self, canvas: Any) -> None:
        """Subset codes belong to one document: forget them when drawing into another."""
        doc = canvas._doc  # the same document object drawString hands to splitString
        if doc is not self._doc:
            self._doc = doc
            self._cache.clear()

    def ops(self, canvas: Any, text: str) -> str:
        """``/Fx+n size Tf (...) Tj`` for ``text`` (several subsets give several pairs)."""
        from reportlab.lib.rl_accel import escapePDF

        self.bind(canvas)
        doc = self._doc

        font = self.font  # always a TrueType font here (app.printing.fonts registers only those)
        out = " ".join(
            f"{font.getSubsetInternalName(subset, doc)} {self.size:g} Tf ({escapePDF(chunk)}) Tj"
            for subset, chunk in font.splitString(text, doc)
        )
        self._cache[text] = out
        return out


class PageTable(Flowable):
    """A header row and body rows whose cells are already broken into lines; fixed widths and heights.

    Looks like the Table it replaces: grid 0.5 pt, box 1 pt, grey header with centred bold labels,
    cells left-aligned and vertically centred, voided rows in grey.
    """

    def __init__(
        self,
        widths: Sequence[float],
        header: Sequence[Sequence[str]],
        header_h: float,
        rows: Sequence[Sequence[Sequence[str]]],
        heights: Sequence[float],
        voided: Sequence[bool],
        *,
        body: TextEncoder,
        head: TextEncoder,
        head_widths: Any,
        leading: float,
        pad: float,
    ) -> None:
        super().__init__()
        self.widths = list(widths)
        self.header, self.header_h = header, header_h
        self.rows, self.heights, self.voided = rows, heights, voided
        self.body, self.head, self.head_widths = body, head, head_widths
        self.leading, self.pad = leading, pad
        self.width = sum(self.widths)
        self.height = header_h + sum(heights)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def _cells(
        self,
        canvas: Any,
        ops: list[str],
        cells: Sequence[Sequence[str]],
        top: float,
        h: float,
        enc: TextEncoder,
        centred: bool,
    ) -> None:
        # the hot loop of a book (every line of every cell): locals, and each y formatted once per row
        size, leading, pad = enc.size, self.leading, self.pad
        cached, encode, append = enc.cached, enc.ops, ops.append
        ys: dict[int, list[str]] = {}
        x = 0.0
        for lines, w in zip(cells, self.widths):
            n = len(lines)
            if n > 1 or (n and lines[0]):
                y = ys.get(n)
                if y is None:
                    # reportlab's Table places an n-line string cell, VALIGN MIDDLE, like this
                    first = top - h + (h + n * leading) / 2.0 - size
                    y = ys[n] = [f"{first - i * leading:.2f}" for i in range(n)]
                left = f"{x + pad:.2f}"
                for i, line in enumerate(lines):
                    if line:
                        lx = f"{x + (w - self.head_widths(line)) / 2.0:.2f}" if centred else left
                        append(f"1 0 0 1 {lx} {y[i]} Tm {cached(line) or encode(canvas, line)}")
            x += w

    def draw(self) -> None:
        c = self.canv
        width, height = self.width, self.height
        c.saveState()
        c.setFillGray(HEADER_GREY)
        c.rect(0, height - self.header_h, width, self.header_h, stroke=0, fill=1)
        # grid: one path of all inner lines, then the heavier box
        segs: list[tuple[float, float, float, float]] = []
        x = 0.0
        for w in self.widths[:-1]:
            x += w
            segs.append((x, 0, x, height))
        y = height - self.header_h
        for h in self.heights:
            segs.append((0, y, width, y))
            y -= h
        c.setStrokeGray(0)
        c.setLineWidth(0.5)
        c.lines(segs)
        c.setLineWidth(1.0)
        c.rect(0, 0, width, height, stroke=1, fill=0)

        self.body.bind(c)
        self.head.bind(c)
        ops = ["BT 0 g"]
        self._cells(c, ops, self.header, height, self.header_h, self.head, True)
        top = height - self.header_h
        grey = False
        for cells, h, void in zip(self.rows, self.heights, self.voided):
            if void != grey:
                ops.append(f"{VOID_GREY} g" if void else "0 g")
                grey = void
            self._cells(c, ops, cells, top, h, self.body, False)
            top -= h
        ops.append("ET")
        c.addLiteral("\n".join(ops))
        c.restoreState()

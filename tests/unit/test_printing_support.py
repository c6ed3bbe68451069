"""Writing and reading printouts back for the printing tests (no tests here): a form or a register book
written by format through app.printing.layouts, PDF text and fonts with pypdf."""

from __future__ import annotations

from pathlib import Path

from app.printing.book import BookPrintout, RegisterBook
from app.printing.layout import FormLayout, FormPrintout
from app.printing.layouts import BOOK, FORM
from app.printing.meta import PrintMeta


def render_form(layout: FormLayout, meta: PrintMeta, out: Path, fmt: str | None = None) -> Path:
    return FORM.write(FormPrintout(layout, meta), out, fmt)


def render_book(book: RegisterBook, meta: PrintMeta, out: Path, fmt: str | None = None) -> Path:
    return BOOK.write(BookPrintout(book, meta), out, fmt)


def pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [p.extract_text() or "" for p in PdfReader(str(path)).pages]


def pdf_font_embedding(path: Path) -> dict[str, bool]:
    """Every font used on any page → whether its TrueType program (/FontFile2) is embedded."""
    from pypdf import PdfReader

    found: dict[str, bool] = {}
    for page in PdfReader(str(path)).pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            font = ref.get_object()
            desc = font.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in font:
                desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            found[str(font.get("/BaseFont"))] = "/FontFile2" in desc
    return found


def docx_text(path: Path) -> str:
    """Body paragraphs and every table cell, in document order, plus headers and footers."""
    from docx import Document

    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    for s in doc.sections:
        parts += [p.text for p in s.header.paragraphs] + [p.text for p in s.footer.paragraphs]
    return "\n".join(parts)


def pdf_top_left(path: Path, width_mm: float = 70, height_mm: float = 20) -> list[str]:
    """Per page, the text drawn in the top-left corner (where the 密级 marking belongs)."""
    from pypdf import PdfReader

    result = []
    for page in PdfReader(str(path)).pages:
        top = float(page.mediabox.top)
        found: list[str] = []

        def visit(text, cm, tm, font, size, found=found, top=top):  # type: ignore[no-untyped-def]
            x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
            if text.strip() and x < width_mm * 72 / 25.4 and y > top - height_mm * 72 / 25.4:
                found.append(text)

        page.extract_text(visitor_text=visit)
        result.append("".join(found).strip())
    return result

"""Register books as Word (.docx) for offices that edit before printing: landscape A4, the header row
repeated on every page, voided rows grey with "（作废）", a totals line. Column widths, line height and cell
padding are the PDF book's (book.fitted_widths, LEADING, PAD), so a page holds the same ~20 rows and
numbers and 文号 keep to two lines.

Body rows are written as WordprocessingML directly (python-docx's add_row is far too slow for 10,000
rows); fonts come from the Normal style, so the rows carry no per-run formatting.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from app.printing.book import LEADING, PAD, RegisterBook, fitted_widths
from app.printing.docx_common import W_NS, clean, new_document, repeat_header, set_cell_text, set_font, shade
from app.printing.fonts import FANGSONG, HEITI, SONGTI, XIAOBIAOSONG
from app.printing.meta import PrintMeta

CHUNK = 500  # rows parsed per XML fragment
TWIPS_PER_MM = 1440 / 25.4
MARGINS_MM = (18, 15, 14, 15)  # top, right, bottom, left
LINE_TWIPS = round(LEADING * 20)
PAD_TWIPS = round(PAD * 20)
# exact line height, no paragraph spacing: Word's "single" spacing of a 9 pt CJK font is ~11.7 pt a line
SPACING = f'<w:spacing w:before="0" w:after="0" w:line="{LINE_TWIPS}" w:lineRule="exact"/>'


def usable_width_pt() -> float:
    """The table's width: the page between the margins, less the outer borders."""
    return (297 - MARGINS_MM[1] - MARGINS_MM[3]) * TWIPS_PER_MM / 20 - 2


def _cell_xml(text: str, width: int, grey: bool) -> str:
    rpr = '<w:rPr><w:color w:val="808080"/></w:rPr>' if grey else ""
    paras = "".join(
        f"<w:p><w:pPr>{SPACING}</w:pPr>"
        f'<w:r>{rpr}<w:t xml:space="preserve">{xml_escape(line)}</w:t></w:r></w:p>'
        for line in clean(text).split("\n")
    )
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{paras}</w:tc>'


def render_book_docx(book: RegisterBook, meta: PrintMeta, out: Path) -> Path:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.shared import Pt

    doc = new_document(meta, landscape=True, margins_mm=MARGINS_MM, body_font=SONGTI, body_size=9)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(title.add_run(clean(book.title)), XIAOBIAOSONG, 20)
    if book.subtitle:
        sub = doc.add_paragraph()
        sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_font(sub.add_run(clean(book.subtitle)), FANGSONG, 11)
    n = len(book.columns)
    fitted, rows = fitted_widths(book, usable_width_pt())
    widths = [int(w * 20) for w in fitted]
    table = doc.add_table(rows=1, cols=n)
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    _fix_grid(table, widths)
    header = table.rows[0]
    repeat_header(header)
    ns = f'xmlns:w="{W_NS}"'
    for cell, col, w in zip(header.cells, book.columns, widths):
        set_cell_text(cell, col.label, HEITI, 9, align="center")
        for para in cell.paragraphs:
            para._p.get_or_add_pPr().append(parse_xml(SPACING.replace("<w:spacing", f"<w:spacing {ns}")))
        shade(cell)
        cell.width = Pt(w / 20)
    tbl = table._tbl
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            fragment = parse_xml(f"<w:tbl {ns}>{''.join(buffer)}</w:tbl>")
            for tr in list(fragment):
                tbl.append(tr)
            buffer.clear()

    for row in rows:
        cells = "".join(_cell_xml(text, w, row.voided) for text, w in zip(row.cells, widths))
        buffer.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>")
        if len(buffer) >= CHUNK:
            flush()
    flush()
    totals = doc.add_paragraph()
    totals.paragraph_format.space_before = Pt(6)
    set_font(totals.add_run(book.totals_line()), FANGSONG, 11)
    doc.save(str(out))
    return out


def _fix_grid(table: Any, widths: list[int]) -> None:
    """Fixed column widths Word and LibreOffice both honour (tblLayout fixed + gridCol), and the PDF book's
    cell padding (Table Grid's own is 5.4 pt left and right: two columns' worth on a 16-column book)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tblpr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(PAD_TWIPS))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tblpr.append(margins)
    for gc, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        gc.set(qn("w:w"), str(w))

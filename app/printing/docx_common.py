"""python-docx helpers shared by the Word renderers: East Asian fonts (w:eastAsia), page fields, the
密级 marking in the header, the printed-by line and page numbers in the footer, table details."""

from __future__ import annotations

import re
from typing import Any

from app.printing.fonts import FANGSONG, HEITI, docx_family
from app.printing.meta import PrintMeta

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def clean(text: str) -> str:
    """Text safe for XML (control characters from pasted data would make Word refuse the file)."""
    return _INVALID_XML.sub("", text or "")


def set_font(
    target: Any,
    logical: str | None = None,
    size: float | None = None,
    *,
    family: str | None = None,
    bold: bool | None = None,
    color: tuple[int, int, int] | None = None,
) -> None:
    """Font of a run or a style: sets ascii/hAnsi AND eastAsia, without which Word shows Chinese in the
    theme font whatever the name says."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    font = target.font
    name = family or (docx_family(logical) if logical else None)
    if name:
        font.name = name
        el = target.element if hasattr(target, "element") else target._element
        rpr = el.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.insert(0, rfonts)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            rfonts.set(qn(attr), name)
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if color is not None:
        font.color.rgb = RGBColor(*color)


def add_field(
    paragraph: Any,
    instruction: str,
    logical: str | None = None,
    size: float | None = None,
    placeholder: str = "1",
) -> Any:
    """A Word field (PAGE, NUMPAGES) as begin/instr/separate/result/end runs."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run_with(child: Any) -> Any:
        run = paragraph.add_run()
        if logical or size:
            set_font(run, logical, size)
        run._r.append(child)
        return run

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    result = paragraph.add_run(placeholder)
    if logical or size:
        set_font(result, logical, size)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    return run_with(end)


def decorate_section(section: Any, meta: PrintMeta) -> None:
    """Header: the marking at the left in 黑体; footer: printed-by at the left, 第 N 页 共 M 页 at the right."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Inches, Mm

    header = section.header
    hp = header.paragraphs[0]
    hp.text = ""
    if meta.marking:
        set_font(hp.add_run(meta.marking), HEITI, 14)
    footer = section.footer
    fp = footer.paragraphs[0]
    fp.text = ""
    usable = section.page_width - section.left_margin - section.right_margin
    tabs = fp.paragraph_format.tab_stops
    for inherited in (Inches(3.25), Inches(6.5)):  # the Footer style's centre/right stops would catch the tab
        tabs.add_tab_stop(inherited, WD_TAB_ALIGNMENT.CLEAR)
    tabs.add_tab_stop(usable, WD_TAB_ALIGNMENT.RIGHT)
    set_font(fp.add_run(meta.printed_line + "\t第 "), FANGSONG, 9)
    add_field(fp, "PAGE", FANGSONG, 9)
    set_font(fp.add_run(" 页 共 "), FANGSONG, 9)
    add_field(fp, "NUMPAGES", FANGSONG, 9)
    set_font(fp.add_run(" 页"), FANGSONG, 9)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(8)


def new_document(
    meta: PrintMeta,
    *,
    landscape: bool = False,
    margins_mm: tuple[float, float, float, float] = (22, 20, 18, 20),
    body_font: str = FANGSONG,
    body_size: float = 12,
) -> Any:
    """A4 document (margins top, right, bottom, left), Normal style in ``body_font``, decorated."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    doc = Document()
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    top, right, bottom, left = margins_mm
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
    set_font(doc.styles["Normal"], body_font, body_size)
    doc.core_properties.author = meta.printed_by
    doc.core_properties.comments = meta.printed_line
    decorate_section(section, meta)
    return doc


def repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def shade(cell: Any, fill: str = "E6E6E6") -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def set_cell_text(
    cell: Any,
    text: str,
    logical: str | None = None,
    size: float | None = None,
    align: str = "left",
    bold: bool | None = None,
) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    lines = clean(text).split("\n")
    para = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if i:
            para = cell.add_paragraph()
        para.alignment = {
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
        }[align]
        run = para.add_run(line)
        if logical or size or bold is not None:
            set_font(run, logical, size, bold=bold)

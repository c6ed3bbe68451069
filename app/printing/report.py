"""A report of figures (督办通报, 信息工作通报, 年度统计报告 …) as an editable Word file or a PDF: a title in 小标宋,
headings in 黑体, body paragraphs in 3号仿宋 as GB/T 9704 sets them, tables of figures and charts (drawn
once by app.printing.charts: vector in the PDF, the same drawing as a picture in Word). Plain data in,
file out; the PDF writer is app.printing.report_pdf."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.printing.charts import pngs
from app.printing.docx_common import clean, new_document, repeat_header, set_font, shade
from app.printing.fonts import FANGSONG, HEITI, XIAOBIAOSONG
from app.printing.layouts import Layout

# the plain data, shared with the PDF writer (importable from here as before)
from app.printing.report_model import (
    Report,
    ReportSection,
    ReportTable,
    heading_number,
    is_figure,
    percent,
    rows_of,
)

__all__ = ["REPORT", "Report", "ReportSection", "ReportTable", "percent", "rows_of", "write_docx"]


def _templates(doc) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """One run per cell font, built once with set_font and copied into each cell: python-docx's cell API
    (cell.text, add_run, set_font) costs about a millisecond a cell, a copied element a few microseconds."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    scratch = doc.add_paragraph()
    out: dict[str, Any] = {}
    for key, logical in (("head", HEITI), ("cell", FANGSONG)):
        run = scratch.add_run("x")
        set_font(run, logical, 10.5)
        out[key] = run._r
    scratch._p.getparent().remove(scratch._p)
    out["grid"] = doc.styles["Table Grid"].style_id
    for key, value in (("center", "center"), ("right", "right")):
        ppr = OxmlElement("w:pPr")
        jc = OxmlElement("w:jc")
        jc.set(qn("w:val"), value)
        ppr.append(jc)
        out[key] = ppr
    return out


def _fill(tc: Any, text: str, run: Any, ppr: Any = None) -> None:
    from copy import deepcopy

    from docx.oxml.ns import qn

    p = tc.p_lst[0]
    if ppr is not None:
        p.insert(0, deepcopy(ppr))
    r = deepcopy(run)
    w_t = r.find(qn("w:t"))
    w_t.text = clean(text)
    w_t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    p.append(r)


def _table(doc, t: ReportTable, templates: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.keep_with_next = True
    set_font(p.add_run(clean(t.caption)), HEITI, 12)
    # python-docx looks a style up by name among all the styles on every add_table (twice: the default,
    # then ours); the id is looked up once per document in ``_templates``
    table = doc._body.add_table(1 + len(t.rows), len(t.headers), doc._block_width)
    table._tbl.tblStyle_val = templates["grid"]
    rows = table._tbl.tr_lst
    for i, tc in enumerate(rows[0].tc_lst):
        _fill(tc, t.headers[i], templates["head"], templates["center"])
    for cell in table.rows[0].cells:
        shade(cell)
    repeat_header(table.rows[0])
    if t.weights:
        from docx.shared import Mm

        total = sum(t.weights)
        table.autofit = False
        # the grid too: LibreOffice (and WPS) lay a table out by its grid columns, Word by the cells
        for grid, w in zip(table._tbl.tblGrid.gridCol_lst, t.weights, strict=True):
            grid.w = Mm(156 * w / total)
        for column, w in zip(table.columns, t.weights, strict=True):
            for cell in column.cells:
                cell.width = Mm(156 * w / total)
    for tr, row in zip(rows[1:], t.rows, strict=True):
        for i, (tc, text) in enumerate(zip(tr.tc_lst, row, strict=True)):
            _fill(tc, text, templates["cell"], templates["right"] if i > 0 and is_figure(text) else None)
    if t.note:
        p = doc.add_paragraph()
        p.paragraph_format.space_before = Pt(3)
        set_font(p.add_run(clean(t.note)), FANGSONG, 10)


def _chart(doc, picture: bytes) -> None:  # type: ignore[no-untyped-def]
    import io

    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    from app.printing.charts import WIDTH_MM

    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run().add_picture(io.BytesIO(picture), width=Mm(WIDTH_MM))


def _body(doc, text: str, *, font: str = FANGSONG, indent: bool = True) -> None:  # type: ignore[no-untyped-def]
    from docx.shared import Pt

    p = doc.add_paragraph()
    pf = p.paragraph_format
    pf.first_line_indent = Pt(32) if indent else None
    pf.line_spacing = Pt(28.9)
    set_font(p.add_run(clean(text)), font, 16)


def write_docx(report: Report, out: Path) -> Path:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = new_document(report.meta, margins_mm=(37, 26, 35, 28), body_size=16)
    templates = _templates(doc)
    pictures = pngs([c for s in report.sections for c in s.charts])
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(p.add_run(clean(report.title)), XIAOBIAOSONG, 22)
    if report.subtitle:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_font(p.add_run(clean(report.subtitle)), FANGSONG, 14)
    for text in report.intro:
        _body(doc, text)
    for n, section in enumerate(report.sections, start=1):
        p = doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(32)
        set_font(p.add_run(f"{heading_number(n)}、{clean(section.heading)}"), HEITI, 16)
        for text in section.paragraphs:
            _body(doc, text)
        for t in section.tables:
            _table(doc, t, templates)
        for _ in section.charts:
            _chart(doc, pictures.pop(0))
    for text in report.signature:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        set_font(p.add_run(clean(text)), FANGSONG, 16)
    doc.save(str(out))
    return out


def _write_pdf(report: Report, out: Path) -> Path:
    from app.printing.report_pdf import write_pdf

    return write_pdf(report, out)


REPORT = Layout("报告", pdf=_write_pdf, docx=write_docx)

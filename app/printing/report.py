"""A report of figures as an editable Word file (督办通报, 信息工作通报 …): a title in 小标宋, headings in 黑体, body
paragraphs in 3号仿宋 as GB/T 9704 sets them, and tables of figures. Plain data in, file out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.printing.docx_common import clean, new_document, repeat_header, set_font, shade
from app.printing.fonts import FANGSONG, HEITI, XIAOBIAOSONG
from app.printing.layouts import Layout
from app.printing.meta import PrintMeta


@dataclass(frozen=True)
class ReportTable:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""  # e.g. how a rate is defined


@dataclass(frozen=True)
class ReportSection:
    heading: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[ReportTable, ...] = ()


@dataclass(frozen=True)
class Report:
    title: str
    meta: PrintMeta
    subtitle: str = ""  # e.g. 统计期间 and 统计范围
    intro: tuple[str, ...] = ()
    sections: tuple[ReportSection, ...] = field(default_factory=tuple)
    signature: tuple[str, ...] = ()  # organ and date at the end, right-aligned


def _table(doc, t: ReportTable) -> None:  # type: ignore[no-untyped-def]
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(p.add_run(clean(t.caption)), HEITI, 12)
    table = doc.add_table(rows=1, cols=len(t.headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, t.headers, strict=True):
        cell.text = ""
        set_font(cell.paragraphs[0].add_run(clean(text)), HEITI, 10.5)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        shade(cell)
    repeat_header(table.rows[0])
    for row in t.rows:
        cells = table.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, row, strict=True)):
            cell.text = ""
            para = cell.paragraphs[0]
            set_font(para.add_run(clean(text)), FANGSONG, 10.5)
            if i > 0 and text and text.replace(".", "").replace("%", "").replace("-", "").isdigit():
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if t.note:
        p = doc.add_paragraph()
        p.paragraph_format.space_before = Pt(3)
        set_font(p.add_run(clean(t.note)), FANGSONG, 10)


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
        set_font(p.add_run(f"{_CN[n] if n < len(_CN) else n}、{clean(section.heading)}"), HEITI, 16)
        for text in section.paragraphs:
            _body(doc, text)
        for t in section.tables:
            _table(doc, t)
    for text in report.signature:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        set_font(p.add_run(clean(text)), FANGSONG, 16)
    doc.save(str(out))
    return out


_CN = "〇一二三四五六七八九十"


def percent(part: int, whole: int) -> str:
    """A rate as the office writes it (92.3%), or — when there is nothing to divide by."""
    return f"{part * 100 / whole:.1f}%" if whole else "—"


def rows_of(pairs: Sequence[tuple[str, int]]) -> tuple[tuple[str, ...], ...]:
    return tuple((k, str(v)) for k, v in pairs)


REPORT = Layout("报告", docx=write_docx)

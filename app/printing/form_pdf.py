"""A FormLayout as PDF: portrait A4 (or landscape), 小标宋 title, ruled boxes of equal width stacked without
gaps, labels in 宋体 and values in 仿宋, big boxes that keep their minimum height."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.printing.fonts import FANGSONG, SONGTI, XIAOBIAOSONG, pdf_font
from app.printing.layout import FieldRow, FormLayout, SignatureLine, TableSection, TextBox
from app.printing.pdf_common import MM, PrintMeta, decorated_canvas, escape

LINE = 0.7
PAD = 4


class _Styles:
    def __init__(self) -> None:
        from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle

        song, fang = pdf_font(SONGTI), pdf_font(FANGSONG)
        self.title = ParagraphStyle(
            "title",
            fontName=pdf_font(XIAOBIAOSONG),
            fontSize=22,
            leading=30,
            alignment=TA_CENTER,
            spaceAfter=6,
        )
        self.label = ParagraphStyle(
            "label", fontName=song, fontSize=12, leading=16, alignment=TA_CENTER, wordWrap="CJK"
        )
        self.value = ParagraphStyle(
            "value", fontName=fang, fontSize=13, leading=19, alignment=TA_LEFT, wordWrap="CJK"
        )
        self.cell = ParagraphStyle("cell", parent=self.value, fontSize=12, leading=16, alignment=TA_CENTER)
        self.sign = ParagraphStyle("sign", parent=self.value, alignment=TA_RIGHT)
        self.small_left = ParagraphStyle("sl", fontName=fang, fontSize=12, leading=16, alignment=TA_LEFT)
        self.small_right = ParagraphStyle("sr", parent=self.small_left, alignment=TA_RIGHT)
        self.note = ParagraphStyle("note", fontName=fang, fontSize=10.5, leading=15, alignment=TA_LEFT)


def _grid(extra: list[tuple] | None = None) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    return TableStyle(
        [
            # plain-string cells (blank rows) would otherwise pull in an unembedded Helvetica
            ("FONT", (0, 0), (-1, -1), pdf_font(FANGSONG), 12),
            ("GRID", (0, 0), (-1, -1), LINE, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            *(extra or []),
        ]
    )


def _para(text: str, style: Any) -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text), style)


def _field_row(row: FieldRow, layout: FormLayout, width: float, st: _Styles) -> Any:
    from reportlab.platypus import Table

    unit = width / max(layout.columns, 1)
    label_w = layout.label_width_mm * MM
    cells: list[Any] = []
    widths: list[float] = []
    spans = sum(max(f.span, 1) for f in row.fields)
    for i, f in enumerate(row.fields):
        span = max(f.span, 1)
        # the last field takes any units the row leaves free, so every row fills the full width
        if i == len(row.fields) - 1 and spans < layout.columns:
            span += layout.columns - spans
        cells += [_para(f.label, st.label), _para(f.value, st.value)]
        widths += [label_w, max(unit * span - label_w, 10 * MM)]
    scale = width / sum(widths)
    t = Table([cells], colWidths=[w * scale for w in widths])
    height = max(row.min_height_mm * MM, t.wrap(width, 10_000)[1])
    t = Table([cells], colWidths=[w * scale for w in widths], rowHeights=[height])
    t.setStyle(_grid())
    return t


def _text_box(box: TextBox, layout: FormLayout, width: float, st: _Styles) -> Any:
    from reportlab.platypus import Spacer, Table

    label_w = layout.label_width_mm * MM
    inner = width - label_w - 2 * PAD
    body = [_para(box.text, st.value)] if box.text else []
    sign = [_para(box.sign, st.sign)] if box.sign else []
    used = sum(p.wrap(inner, 10_000)[1] for p in body + sign) + 6
    gap = max(box.min_height_mm * MM - used, 4)
    content = [*body, Spacer(1, gap), *sign]
    t = Table([[_para(box.label, st.label), content]], colWidths=[label_w, width - label_w])
    t.setStyle(_grid([("VALIGN", (1, 0), (1, 0), "TOP")]))
    return t


def _table_section(sec: TableSection, layout: FormLayout, width: float, st: _Styles) -> Any:
    from reportlab.platypus import Table

    label_w = layout.label_width_mm * MM
    n = len(sec.headers)
    rel = list(sec.widths) if len(sec.widths) == n else [1.0] * n
    widths = [label_w, *[(width - label_w) * w / sum(rel) for w in rel]]
    data: list[list[Any]] = [[_para(sec.label, st.label), *[_para(h, st.label) for h in sec.headers]]]
    rows = [list(r)[:n] + [""] * (n - len(r)) for r in sec.rows]
    rows += [[""] * n for _ in range(max(sec.min_rows - len(rows), 0))]
    for r in rows:
        data.append(["", *[_para(str(c), st.cell) for c in r]])
    # natural heights first (a cell may wrap), then at least the hand-writing height for the rows
    probe = Table(data, colWidths=widths)
    probe.wrap(width, 100_000)
    minimum = [0.0] + [sec.row_height_mm * MM] * len(rows)
    heights = [max(m, h) for m, h in zip(minimum, probe._rowHeights)]
    if sum(heights) < 150 * MM:
        # short lists: the label spans the rows on the left like the other boxes
        t = Table(data, colWidths=widths, rowHeights=heights)
        t.setStyle(_grid([("SPAN", (0, 0), (0, -1))]))
        return t
    # long lists must be able to break across pages, which a vertical span forbids: label row on top,
    # repeated with the column headers on every page
    data = [[_para(sec.label, st.label), *[""] * (n - 1)], *[r[1:] for r in data]]
    t = Table(data, colWidths=[width * w / sum(rel) for w in rel], rowHeights=[None, *heights], repeatRows=2)
    t.setStyle(_grid([("SPAN", (0, 0), (-1, 0))]))
    return t


def _signature(line: SignatureLine, width: float, st: _Styles) -> Any:
    from reportlab.platypus import Table

    n = max(len(line.items), 1)
    t = Table([[_para(x, st.small_left) for x in line.items]], colWidths=[width / n] * n)
    t.setStyle(
        [
            ("FONT", (0, 0), (-1, -1), pdf_font(FANGSONG), 12),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 8),
        ]
    )
    return t


def render_form_pdf(layout: FormLayout, meta: PrintMeta, out: Path) -> Path:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    size = landscape(A4) if layout.landscape else A4
    doc = SimpleDocTemplate(
        str(out),
        pagesize=size,
        leftMargin=20 * MM,
        rightMargin=20 * MM,
        topMargin=22 * MM,
        bottomMargin=18 * MM,
        title=layout.title,
        author=meta.printed_by,
        creator="县委办公室综合事务管理系统",
    )
    width = doc.width - 12
    st = _Styles()
    story: list[Any] = [Paragraph(escape(layout.title), st.title)]
    if layout.header_left or layout.header_right:
        head = Table(
            [[_para(layout.header_left, st.small_left), _para(layout.header_right, st.small_right)]],
            colWidths=[width / 2, width / 2],
        )
        head.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), pdf_font(FANGSONG), 12),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        story.append(head)
    story.append(Spacer(1, 2 * MM))
    for sec in layout.sections:
        if isinstance(sec, FieldRow):
            story.append(_field_row(sec, layout, width, st))
        elif isinstance(sec, TextBox):
            story.append(_text_box(sec, layout, width, st))
        elif isinstance(sec, TableSection):
            story.append(_table_section(sec, layout, width, st))
        elif isinstance(sec, SignatureLine):
            story.append(_signature(sec, width, st))
    for line in layout.after:
        story.append(_signature(line, width, st))
    if layout.footer_note:
        story += [Spacer(1, 3 * MM), _para(layout.footer_note, st.note)]
    doc.build(story, canvasmaker=decorated_canvas(meta))
    return out

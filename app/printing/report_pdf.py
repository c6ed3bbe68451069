"""The PDF of a report (app.printing.report): A4 with the GB/T 9704 margins, the title in 小标宋, headings in
黑体, body in 3号仿宋 on a 28.9 pt line, tables of figures (黑体 header, 仿宋 cells, figures right-aligned,
the header row repeated on every page) and the charts as vector drawings. Plain data in, file out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.printing.charts import HEIGHT_MM, WIDTH_MM, drawing
from app.printing.fonts import FANGSONG, HEITI, XIAOBIAOSONG, pdf_font
from app.printing.pdf_common import MM, decorated_canvas, escape
from app.printing.report_model import Report, ReportTable, heading_number, is_figure

TOP, RIGHT, BOTTOM, LEFT = 37, 26, 35, 28  # mm, GB/T 9704 §5.2.1


def _styles() -> dict[str, Any]:
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    body = pdf_font(FANGSONG)
    return {
        "title": ParagraphStyle(
            "title",
            fontName=pdf_font(XIAOBIAOSONG),
            fontSize=22,
            leading=32,
            alignment=TA_CENTER,
            spaceAfter=6,
        ),
        "subtitle": ParagraphStyle(
            "subtitle", fontName=body, fontSize=14, leading=22, alignment=TA_CENTER, spaceAfter=10
        ),
        "body": ParagraphStyle(
            "body",
            fontName=body,
            fontSize=16,
            leading=28.9,
            firstLineIndent=32,
            alignment=TA_JUSTIFY,
            wordWrap="CJK",
        ),
        "heading": ParagraphStyle(
            "heading", fontName=pdf_font(HEITI), fontSize=16, leading=28.9, firstLineIndent=32, spaceBefore=6
        ),
        "caption": ParagraphStyle(
            "caption",
            fontName=pdf_font(HEITI),
            fontSize=12,
            leading=18,
            alignment=TA_CENTER,
            spaceBefore=8,
            spaceAfter=3,
        ),
        "cell": ParagraphStyle("cell", fontName=body, fontSize=10.5, leading=13, wordWrap="CJK"),
        "figure": ParagraphStyle("figure", fontName=body, fontSize=10.5, leading=13, alignment=TA_RIGHT),
        "head": ParagraphStyle(
            "head", fontName=pdf_font(HEITI), fontSize=10.5, leading=13, alignment=TA_CENTER, wordWrap="CJK"
        ),
        "note": ParagraphStyle(
            "note", fontName=body, fontSize=10, leading=14, spaceBefore=3, spaceAfter=6, wordWrap="CJK"
        ),
        "signature": ParagraphStyle(
            "signature", fontName=body, fontSize=16, leading=28.9, alignment=TA_RIGHT
        ),
    }


def _widths(t: ReportTable, total: float) -> list[float]:
    """The first column (the row's name) gets what its longest text needs, up to 40%; figures share the rest."""
    n = len(t.headers)
    if t.weights:
        return [total * w / sum(t.weights) for w in t.weights]
    if n == 1:
        return [total]
    longest = max([len(r[0]) for r in t.rows] + [len(t.headers[0]), 4])
    first = min(total * 0.4, max(total / n, (longest + 1) * 10.5))
    return [first] + [(total - first) / (n - 1)] * (n - 1)


PAD = 6  # reportlab's default left and right cell padding, each side


def _table(t: ReportTable, st: dict[str, Any], width: float) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph, Table, TableStyle

    widths = _widths(t, width)
    body, bold = pdf_font(FANGSONG), pdf_font(HEITI)
    size = st["cell"].fontSize
    styles: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), body),  # not the default Helvetica
        ("FONTNAME", (0, 0), (-1, 0), bold),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), st["cell"].leading),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e7e6e6")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]

    def cell(text: str, col: int, font: str, style: Any) -> Any:
        # A text that fits its column on one line is drawn as a plain string in the same font and size (a
        # table of figures is hundreds of cells; a Paragraph each is most of the report's time); a longer
        # one is a Paragraph, which wraps it.
        if "\n" not in text and stringWidth(text, font, size) <= widths[col] - 2 * PAD:
            return text
        return Paragraph(escape(text), style)

    data = [[cell(h, i, bold, st["head"]) for i, h in enumerate(t.headers)]]
    for r, row in enumerate(t.rows, start=1):
        line = []
        for i, v in enumerate(row):
            figure = i > 0 and is_figure(v)
            if figure:
                styles.append(("ALIGN", (i, r), (i, r), "RIGHT"))
            line.append(cell(v, i, body, st["figure"] if figure else st["cell"]))
        data.append(line)
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="CENTER")
    table.setStyle(TableStyle(styles))
    out: list[Any] = [Paragraph(escape(t.caption), st["caption"]), table]
    if t.note:
        out.append(Paragraph(escape(t.note), st["note"]))
    return out


def write_pdf(report: Report, out: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, SimpleDocTemplate, Spacer

    st = _styles()
    doc = SimpleDocTemplate(
        str(out),
        pagesize=A4,
        topMargin=TOP * MM,
        rightMargin=RIGHT * MM,
        bottomMargin=BOTTOM * MM,
        leftMargin=LEFT * MM,
        title=report.title,
        author=report.meta.printed_by,
    )
    width = A4[0] - (LEFT + RIGHT) * MM
    story: list[Any] = [Paragraph(escape(report.title), st["title"])]
    if report.subtitle:
        story.append(Paragraph(escape(report.subtitle), st["subtitle"]))
    story += [Paragraph(escape(p), st["body"]) for p in report.intro]
    for n, section in enumerate(report.sections, start=1):
        story.append(CondPageBreak(60 * MM))  # a heading never ends a page alone
        story.append(Paragraph(escape(f"{heading_number(n)}、{section.heading}"), st["heading"]))
        story += [Paragraph(escape(p), st["body"]) for p in section.paragraphs]
        for t in section.tables:
            parts = _table(t, st, width)
            if len(t.rows) <= 14:
                story.append(KeepTogether(parts))
            else:  # a long table starts where its caption and a few rows fit
                story += [CondPageBreak(50 * MM), *parts]
        for chart in section.charts:
            story += [Spacer(1, 4 * MM), drawing(chart, min(WIDTH_MM, width / MM), HEIGHT_MM)]
    if report.signature:
        story.append(Spacer(1, 10 * MM))
        story += [Paragraph(escape(p), st["signature"]) for p in report.signature]
    doc.build(story, canvasmaker=decorated_canvas(report.meta))
    return out

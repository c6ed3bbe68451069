"""Register books (登记簿) as PDF: landscape A4, title and subtitle, the header row on every page, wrapped
cells, voided rows in grey with "（作废）", a totals line at the end.

It scales linearly: rows are measured here (our own CJK line breaking, cached glyph widths) and cut into
one Table per page, because reportlab's own splitting of one long Table is super-linear.

    from app.printing.book import BookColumn, RegisterBook, render_book_pdf
    book = RegisterBook("收文登记簿", (BookColumn("编号", 1), BookColumn("标题", 3)),
                        rows=[["2026-0001", "关于……的通知"], BookRow(["2026-0002", "……"], voided=True)],
                        subtitle="2026年1月")
    render_book_pdf(book, PrintMeta("王芳", marking="秘密"), Path("book.pdf"))
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.printing.fonts import HEITI, SONGTI, XIAOBIAOSONG, FANGSONG, pdf_font
from app.printing.pdf_common import MM, PrintMeta, decorated_canvas

VOID_MARK = "（作废）"
FONT_SIZE = 9
LEADING = 11.5
PAD = 2.5  # top/bottom and left/right cell padding, points


@dataclass(frozen=True)
class BookColumn:
    label: str
    width: float = 1.0            # relative width


@dataclass(frozen=True)
class BookRow:
    cells: Sequence[str]
    voided: bool = False


@dataclass
class RegisterBook:
    """Plain data in. ``rows`` may be any iterable (a generator over the database is fine): it is consumed
    once. ``totals`` replaces the default "共 N 条，其中作废 M 条" line."""

    title: str
    columns: Sequence[BookColumn]
    rows: Iterable[BookRow | Sequence[str]]
    subtitle: str = ""
    totals: str | None = None
    counted: dict[str, int] = field(default_factory=lambda: {"rows": 0, "voided": 0})

    def iter_rows(self) -> Iterator[BookRow]:
        """Rows normalised to the column count, voided ones marked; counts them for the totals line."""
        n = len(self.columns)
        for row in self.rows:
            if not isinstance(row, BookRow):
                row = BookRow(row)
            cells = [("" if c is None else str(c)) for c in row.cells][:n]
            cells += [""] * (n - len(cells))
            if row.voided:
                cells[0] = f"{cells[0]}{VOID_MARK}"
            self.counted["rows"] += 1
            self.counted["voided"] += int(row.voided)
            yield BookRow(cells, row.voided)

    def totals_line(self) -> str:
        if self.totals is not None:
            return self.totals
        return f"共 {self.counted['rows']} 条，其中作废 {self.counted['voided']} 条"


class _Measure:
    """Line breaking with a per-character width cache (stringWidth per character is the hot spot)."""

    def __init__(self, font: str, size: float) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self._sw = stringWidth
        self.font, self.size = font, size
        self._cache: dict[str, float] = {}

    def width(self, ch: str) -> float:
        w = self._cache.get(ch)
        if w is None:
            w = self._cache[ch] = self._sw(ch, self.font, self.size)
        return w

    def lines(self, text: str, avail: float) -> list[str]:
        out: list[str] = []
        for raw in text.split("\n"):
            line: list[str] = []
            used = 0.0
            for ch in raw:
                w = self.width(ch)
                if used + w > avail and line:
                    # move a trailing Latin word/number to the next line when it fits there whole
                    cut = len(line)
                    if ch.isascii() and ch.isalnum():
                        while cut > 0 and line[cut - 1].isascii() and line[cut - 1].isalnum():
                            cut -= 1
                    if 0 < cut < len(line):
                        out.append("".join(line[:cut]))
                        line = line[cut:]
                    else:
                        out.append("".join(line))
                        line = []
                    used = sum(self.width(c) for c in line)
                line.append(ch)
                used += w
            out.append("".join(line))
        return out


def _layout(width: float, columns: Sequence[BookColumn]) -> list[float]:
    total = sum(max(c.width, 0.1) for c in columns)
    return [width * max(c.width, 0.1) / total for c in columns]


def _table_style(voided_rows: Sequence[int], fonts: tuple[str, str]) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    body, head = fonts
    cmds: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), body, FONT_SIZE, LEADING),
        ("FONT", (0, 0), (-1, 0), head, FONT_SIZE, LEADING),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BOX", (0, 0), (-1, -1), 1.0, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), PAD),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD),
    ]
    for r in voided_rows:
        cmds.append(("TEXTCOLOR", (0, r), (-1, r), colors.Color(0.5, 0.5, 0.5)))
    return TableStyle(cmds)


def _row_height(n_lines: int) -> float:
    return n_lines * LEADING + 2 * PAD + 1


def render_book_pdf(book: RegisterBook, meta: PrintMeta, out: Path) -> Path:
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table

    page_w, page_h = landscape(A4)
    margin_x, margin_top, margin_bottom = 15 * MM, 18 * MM, 14 * MM
    doc = SimpleDocTemplate(str(out), pagesize=(page_w, page_h), leftMargin=margin_x, rightMargin=margin_x,
                            topMargin=margin_top, bottomMargin=margin_bottom, title=book.title,
                            author=meta.printed_by, creator="县委办公室综合事务管理系统")
    frame_w, frame_h = doc.width - 12, doc.height - 12  # Frame's default 6 pt padding on each side
    body_font, head_font = pdf_font(SONGTI), pdf_font(HEITI)
    widths = _layout(frame_w, book.columns)
    body = _Measure(body_font, FONT_SIZE)
    head = _Measure(head_font, FONT_SIZE)

    title_style = ParagraphStyle("t", fontName=pdf_font(XIAOBIAOSONG), fontSize=20, leading=26,
                                 alignment=TA_CENTER, spaceAfter=4)
    sub_style = ParagraphStyle("s", fontName=pdf_font(FANGSONG), fontSize=11, leading=15, alignment=TA_CENTER)
    from app.printing.pdf_common import escape

    story: list[Any] = [Paragraph(escape(book.title), title_style)]
    if book.subtitle:
        story.append(Paragraph(escape(book.subtitle), sub_style))
    story.append(Spacer(1, 3 * MM))
    first_page_used = sum(f.wrap(frame_w, frame_h)[1] + f.getSpaceAfter() + f.getSpaceBefore() for f in story)

    header_lines = [head.lines(c.label, w - 2 * PAD) for c, w in zip(book.columns, widths)]
    header_cells = ["\n".join(x) for x in header_lines]
    header_h = _row_height(max(len(x) for x in header_lines))
    avail = frame_h - first_page_used
    rows: list[list[str]] = []
    heights: list[float] = []
    voided: list[int] = []
    used = header_h
    tables = 0

    def flush() -> None:
        nonlocal rows, heights, voided, used, avail, tables
        if tables:
            story.append(PageBreak())
        t = Table([header_cells, *rows], colWidths=widths, rowHeights=[header_h, *heights], repeatRows=1)
        t.setStyle(_table_style(voided, (body_font, head_font)))
        story.append(t)
        tables += 1
        rows, heights, voided, used, avail = [], [], [], header_h, frame_h

    for row in book.iter_rows():
        cell_lines = [body.lines(text, w - 2 * PAD) for text, w in zip(row.cells, widths)]
        while True:
            n = max(len(x) for x in cell_lines)
            h = _row_height(n)
            if used + h > avail and rows:
                flush()
                continue
            if used + h <= avail:
                break
            # one record taller than a whole page: print what fits, continue it in the next row
            fit = max(1, int((avail - used - 2 * PAD - 1) // LEADING))
            rows.append(["\n".join(x[:fit]) for x in cell_lines])
            heights.append(_row_height(fit))
            if row.voided:
                voided.append(len(rows))
            cell_lines = [x[fit:] or [""] for x in cell_lines]
            used = avail
            flush()
        rows.append(["\n".join(x) for x in cell_lines])
        heights.append(h)
        used += h
        if row.voided:
            voided.append(len(rows))
    if rows or not tables:
        flush()
    total_style = ParagraphStyle("n", fontName=pdf_font(FANGSONG), fontSize=11, leading=16, spaceBefore=6)
    story.append(Paragraph(escape(book.totals_line()), total_style))
    doc.build(story, canvasmaker=decorated_canvas(meta))
    return out


def render_book(book: RegisterBook, meta: PrintMeta, out: Path, fmt: str | None = None) -> Path:
    """The register book as PDF or Word; ``fmt`` defaults to the file suffix."""
    fmt = (fmt or out.suffix.lstrip(".") or "pdf").lower()
    if fmt == "pdf":
        return render_book_pdf(book, meta, out)
    if fmt == "docx":
        from app.printing.book_docx import render_book_docx

        return render_book_docx(book, meta, out)
    from app.domain.errors import ValidationFailed

    raise ValidationFailed({"format": f"不支持的格式：{fmt}（可用 pdf、docx）"})

"""Register books (登记簿) as PDF: landscape A4, title and subtitle, the header row on every page, wrapped
cells, voided rows in grey with "（作废）", a totals line at the end.

It scales linearly: rows are measured here (our own CJK line breaking, cached glyph widths) and cut into
one table per page (reportlab's own splitting of one long Table is super-linear), and each page's table
is drawn directly by ``book_table.PageTable`` (reportlab's Table costs ~0.1 ms per cell line).

    from app.printing.book import BookColumn, RegisterBook, render_book_pdf
    book = RegisterBook("收文登记簿", (BookColumn("编号", 1), BookColumn("标题", 3)),
                        rows=[["2026-0001", "关于……的通知"], BookRow(["2026-0002", "……"], voided=True)],
                        subtitle="2026年1月")
    render_book_pdf(book, PrintMeta("王芳", marking="秘密"), Path("book.pdf"))

Word: book_docx.render_book_docx; by format: ``app.printing.layouts.BOOK.write(BookPrintout(book, meta), out)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.printing.fonts import FANGSONG, HEITI, SONGTI, XIAOBIAOSONG, pdf_font
from app.printing.pdf_common import MM, PrintMeta, decorated_canvas

VOID_MARK = "（作废）"
FONT_SIZE = 9
LEADING = 9.8  # with PAD: a two-line row is 23.8 pt, so a landscape A4 page holds 20 of them, as on paper
PAD = 1.6  # top/bottom and left/right cell padding, points


@dataclass(frozen=True)
class BookColumn:
    label: str
    width: float = 1.0  # relative width
    # numbers, 文号, dates, counts: one line when short, never more than two (None: by the label, "…号")
    compact: bool | None = None

    @property
    def is_code(self) -> bool:
        return _is_code(self.label) if self.compact is None else self.compact


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
                cells[0] = (
                    f"{cells[0]}\n{VOID_MARK}" if cells[0] else VOID_MARK
                )  # the mark on a line of its own
            self.counted["rows"] += 1
            self.counted["voided"] += int(row.voided)
            yield BookRow(cells, row.voided)

    def totals_line(self) -> str:
        if self.totals is not None:
            return self.totals
        return f"共 {self.counted['rows']} 条，其中作废 {self.counted['voided']} 条"


@dataclass(frozen=True)
class BookPrintout:
    """A register book and how it is marked: what the print service hands to ``layouts.BOOK``."""

    book: RegisterBook
    meta: PrintMeta


class _Widths(dict):
    """Glyph width per character, measured once (stringWidth per character is the hot spot)."""

    def __init__(self, font: str, size: float) -> None:
        super().__init__()
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self._sw, self.font, self.size = stringWidth, font, size

    def __missing__(self, ch: str) -> float:
        w = self[ch] = self._sw(ch, self.font, self.size)
        return w


class _Measure:
    """CJK line breaking over cumulative glyph widths (no per-character Python loop)."""

    def __init__(self, font: str, size: float) -> None:
        self.font, self.size = font, size
        self._width = _Widths(font, size).__getitem__
        self._lines: dict[tuple[str, float], list[str]] = {}

    def width(self, ch: str) -> float:
        return self._width(ch)

    def text_width(self, text: str) -> float:
        return sum(map(self._width, text))

    def lines(self, text: str, avail: float) -> list[str]:
        # most cells fit on one line and many repeat (密级, 签收人, 来文机关): answer those without breaking
        key = (text, avail)
        hit = self._lines.get(key)
        if hit is not None:
            return hit
        if "\n" not in text and self.text_width(text) <= avail:
            out = [text]
        else:
            out = self._break(text, avail)
        if len(self._lines) > 100_000:  # bounded: a long book of unique titles must not grow it forever
            self._lines.clear()
        self._lines[key] = out
        return out

    def _break(self, text: str, avail: float) -> list[str]:
        from bisect import bisect_right
        from itertools import accumulate

        out: list[str] = []
        for raw in text.split("\n"):
            cum = list(accumulate(map(self._width, raw), initial=0.0))
            start, n = 0, len(raw)
            while True:
                end = max(start + 1, bisect_right(cum, cum[start] + avail) - 1)
                if end >= n:
                    out.append(raw[start:])
                    break
                # 避头尾: no line starts with closing punctuation nor ends with an opening bracket
                while end - 1 > start and (raw[end] in _NO_LINE_START or raw[end - 1] in _NO_LINE_END):
                    end -= 1
                # move a trailing Latin word/number to the next line (unless it is the whole line)
                if raw[end].isascii() and raw[end].isalnum():
                    cut = end
                    while cut > start and raw[cut - 1].isascii() and raw[cut - 1].isalnum():
                        cut -= 1
                    if cut > start:
                        end = cut
                    # …and still no "〔" left at the end of the line: "市纪发" / "〔2026〕2号"
                    while end - 1 > start and raw[end - 1] in _NO_LINE_END:
                        end -= 1
                out.append(raw[start:end])
                start = end
                while start < n - 1 and raw[start] == " ":  # "2026-01-01" / "12:00", no leading blank
                    start += 1
        return out


# 号 and "-": never "…〔2026〕35" / "号", nor "J012-WS·2026" / "-D30-0001"
_NO_LINE_START = set("，。、；：！？）》」』】〕〉”’,.;:!?)]}%号-")
_NO_LINE_END = set("（《「『【〔〈“‘([{")


def _layout(width: float, columns: Sequence[BookColumn]) -> list[float]:
    total = sum(max(c.width, 0.1) for c in columns)
    return [width * max(c.width, 0.1) / total for c in columns]


SAMPLE_ROWS = 300  # rows measured to fit the column widths (the first ones; a book is one register)
CODE_MAX_LINES = 2  # 编号, 文号, 份号 …: never more lines than this


def _is_code(label: str) -> bool:
    """Columns of numbers and 文号 (编号, 来文字号, 份号, 档号, 部门号 …) must stay legible: at most two lines."""
    return "号" in label


def _least_width(body: _Measure, text: str, lines: int, cache: dict[tuple[str, int], float]) -> float:
    """The narrowest text width at which ``text`` breaks into at most ``lines`` lines (0.5 pt steps)."""
    key = (text, lines)
    hit = cache.get(key)
    if hit is not None:
        return hit
    parts = text.split("\n")
    widest = max(body.text_width(p) for p in parts)
    lo, hi = (widest / max(1, lines - len(parts) + 1), widest) if len(parts) <= lines else (widest, widest)
    if lines > 1 and " " in parts[0]:  # a date and time: break at the blank, not inside the date
        lo = min(hi, max(lo, body.text_width(parts[0].split(" ")[0])))
    while hi - lo > 0.5:
        mid = (lo + hi) / 2
        if len(body._break(text, mid)) <= lines:
            hi = mid
        else:
            lo = mid
    cache[key] = hi
    return hi


def _fit_widths(
    width: float, columns: Sequence[BookColumn], sample: Sequence[BookRow], body: _Measure, head: _Measure
) -> list[float]:
    """Column widths from what the rows hold, so a paper-like ~20 rows fit a page: every column starts at
    the least it needs (its header in two lines; numbers, 文号 and dates on one line when short and two at
    most, whatever the row), then the width left goes, row by row, to the rows that are cheapest to bring
    down to two lines of text (or three, when that gives the shorter book); what is left after that goes to
    the columns whose longest values still wrap. The declared widths only break ties. Without rows, the
    declared widths."""
    if not sample:
        return _layout(width, columns)
    n = len(columns)
    pad = 2 * PAD + 1
    char = body.width("中")
    cap = width / 3
    cache: dict[tuple[str, int], float] = {}
    header = [max(head.text_width(c.label) / 2 + head.width("中"), 2 * char) + pad for c in columns]
    longest_text = [max((r.cells[i] for r in sample), key=body.text_width) for i in range(n)]
    longest = [max(body.text_width(p) for p in t.split("\n")) for t in longest_text]
    code = [c.is_code for c in columns]
    # numbers: a 收文编号 "2026-0012" on one line, never cut in two; longer ones (文号) on two at most
    one_line = [code[i] and longest[i] + pad <= 6 * char for i in range(n)]
    typical = []
    for i in range(n):
        sizes = sorted(body.text_width(r.cells[i]) for r in sample)
        typical.append(sizes[int(0.8 * (len(sizes) - 1))])
    need = [
        max(
            header[i],
            min(_least_width(body, longest_text[i], 1 if one_line[i] else CODE_MAX_LINES, cache) + pad, cap),
        )
        if code[i]
        else max(header[i], min(typical[i], 3 * char) + pad)
        for i in range(n)
    ]
    if sum(need) >= width:
        return [width * w / sum(need) for w in need]

    def fit(lines: int) -> list[float]:
        """Greedy over the sampled rows: take the rows in order of cost per row until the width is spent."""
        from collections import Counter

        cur = list(need)
        groups: Counter[tuple[tuple[int, float], ...]] = Counter()
        for r in sample:
            want = []
            for i in range(n):
                text = r.cells[i]
                if not text:
                    continue
                k = 1 if one_line[i] else (CODE_MAX_LINES if code[i] else lines)
                w = min(_least_width(body, text, k, cache) + pad, cap)
                if w > cur[i]:
                    want.append((i, w))
            groups[tuple(want)] += 1
        budget = width - sum(cur)
        while groups:
            best, best_cost, best_ratio = None, 0.0, float("inf")
            for key, count in groups.items():
                cost = sum(max(0.0, w - cur[i]) for i, w in key)
                if cost <= budget and cost / count < best_ratio:
                    best, best_cost, best_ratio = key, cost, cost / count
                    if cost == 0:
                        break
            if best is None:
                break
            for i, w in best:
                cur[i] = max(cur[i], w)
            budget -= best_cost
            del groups[best]
        return cur

    def height(widths: list[float]) -> float:
        return sum(max(len(body.lines(r.cells[i], widths[i] - 2 * PAD)) for i in range(n)) for r in sample)

    chosen = min((fit(2), fit(3)), key=height)
    # room to spare: to the columns whose longest values still wrap, by how much they would need
    rest = width - sum(chosen)
    extra = [
        max(0.0, min(longest[i] + pad, width / 2) - chosen[i]) * max(c.width, 0.1)
        for i, c in enumerate(columns)
    ]
    if sum(extra) <= 0:
        extra = [max(c.width, 0.1) for c in columns]
    return [chosen[i] + rest * extra[i] / sum(extra) for i in range(n)]


def fitted_widths(
    book: RegisterBook, width: float, body: _Measure | None = None, head: _Measure | None = None
) -> tuple[list[float], Iterator[BookRow]]:
    """Column widths (points) for a table ``width`` wide, fitted to the first rows of the book, and all
    its rows (those measured first): the PDF and the Word book share them, so both hold as many rows."""
    from itertools import chain, islice

    body = body or _Measure(pdf_font(SONGTI), FONT_SIZE)
    head = head or _Measure(pdf_font(HEITI), FONT_SIZE)
    rows = book.iter_rows()
    sample = list(islice(rows, SAMPLE_ROWS))
    return _fit_widths(width, book.columns, sample, body, head), chain(sample, rows)


def _row_height(n_lines: int) -> float:
    return n_lines * LEADING + 2 * PAD + 1


def render_book_pdf(book: RegisterBook, meta: PrintMeta, out: Path) -> Path:
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    from app.printing.book_table import PageTable, TextEncoder

    page_w, page_h = landscape(A4)
    margin_x, margin_top, margin_bottom = 15 * MM, 16 * MM, 12 * MM  # clear of the marking and footer lines
    doc = SimpleDocTemplate(
        str(out),
        pagesize=(page_w, page_h),
        leftMargin=margin_x,
        rightMargin=margin_x,
        topMargin=margin_top,
        bottomMargin=margin_bottom,
        title=book.title,
        author=meta.printed_by,
        creator="县委办公室综合事务管理系统",
    )
    frame_w, frame_h = doc.width - 12, doc.height - 12  # Frame's default 6 pt padding on each side
    body_font, head_font = pdf_font(SONGTI), pdf_font(HEITI)
    body = _Measure(body_font, FONT_SIZE)
    head = _Measure(head_font, FONT_SIZE)
    widths, all_rows = fitted_widths(book, frame_w, body, head)

    title_style = ParagraphStyle(
        "t", fontName=pdf_font(XIAOBIAOSONG), fontSize=20, leading=26, alignment=TA_CENTER, spaceAfter=4
    )
    sub_style = ParagraphStyle("s", fontName=pdf_font(FANGSONG), fontSize=11, leading=15, alignment=TA_CENTER)
    from app.printing.pdf_common import escape

    story: list[Any] = [Paragraph(escape(book.title), title_style)]
    if book.subtitle:
        story.append(Paragraph(escape(book.subtitle), sub_style))
    story.append(Spacer(1, 3 * MM))
    first_page_used = sum(f.wrap(frame_w, frame_h)[1] + f.getSpaceAfter() + f.getSpaceBefore() for f in story)

    header_lines = [head.lines(c.label, w - 2 * PAD) for c, w in zip(book.columns, widths)]
    header_h = _row_height(max(len(x) for x in header_lines))
    body_encoder, head_encoder = TextEncoder(body_font, FONT_SIZE), TextEncoder(head_font, FONT_SIZE)
    avail = frame_h - first_page_used
    rows: list[list[list[str]]] = []
    heights: list[float] = []
    voided: list[bool] = []
    used = header_h
    tables = 0

    def flush() -> None:
        nonlocal rows, heights, voided, used, avail, tables
        if tables:
            story.append(PageBreak())
        story.append(
            PageTable(
                widths,
                header_lines,
                header_h,
                rows,
                heights,
                voided,
                body=body_encoder,
                head=head_encoder,
                head_widths=head.text_width,
                leading=LEADING,
                pad=PAD,
            )
        )
        tables += 1
        rows, heights, voided, used, avail = [], [], [], header_h, frame_h

    for row in all_rows:
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
            rows.append([x[:fit] for x in cell_lines])
            heights.append(_row_height(fit))
            voided.append(row.voided)
            cell_lines = [x[fit:] or [""] for x in cell_lines]
            used = avail
            flush()
        rows.append(cell_lines)
        heights.append(h)
        voided.append(row.voided)
        used += h
    if rows or not tables:
        flush()
    total_style = ParagraphStyle("n", fontName=pdf_font(FANGSONG), fontSize=11, leading=16, spaceBefore=6)
    story.append(Paragraph(escape(book.totals_line()), total_style))
    doc.build(story, canvasmaker=decorated_canvas(meta))
    return out

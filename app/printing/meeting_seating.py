"""Printouts of one participant list (会议安排): the seating chart (座次图, stating its view: 面向主席台 or
主席台视角), the 桌签 table cards (A4 landscape, folded along the middle into a tent readable from both sides,
one name per card, large bold characters) and the 签到表. Plain data in, PDF out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.domain.seating import AUDIENCE_VIEW
from app.printing.fonts import FANGSONG, HEITI, XIAOBIAOSONG, pdf_font
from app.printing.layouts import Layout
from app.printing.meta import PrintMeta
from app.printing.pdf_common import MM, decorated_canvas


@dataclass(frozen=True)
class SeatBox:
    row: int  # 1 = front row (nearest the audience on the 主席台; nearest the 主席台 in the hall)
    position: int  # 1.. from the left in the chart's view
    name: str
    title: str = ""
    unit: str = ""


@dataclass(frozen=True)
class SeatingChart:
    title: str  # the meeting's name
    when: str
    room: str
    view: str  # 面向主席台 / 主席台视角
    rostrum: tuple[SeatBox, ...]
    rostrum_rows: tuple[int, ...]  # seats per 主席台 row, front first
    hall: tuple[SeatBox, ...]
    hall_rows: int
    hall_per_row: int
    blocks: tuple[tuple[str, int], ...] = ()  # (unit, people) in the hall, in block order


@dataclass(frozen=True)
class SeatingPrintout:
    chart: SeatingChart
    meta: PrintMeta


@dataclass(frozen=True)
class CardsPrintout:
    names: tuple[str, ...]  # one card each, in seating order


@dataclass(frozen=True)
class SignInRow:
    unit: str
    name: str
    title: str
    phone: str
    arrived: str  # 签到时间 already taken ("" = a blank to sign in)
    note: str  # 请假/代会/迟到


@dataclass(frozen=True)
class SignInSheet:
    title: str
    when: str
    room: str
    rows: tuple[SignInRow, ...]
    meta: PrintMeta


def _fit(canvas, text: str, font: str, size: float, width: float, floor: float = 4.0) -> float:  # type: ignore[no-untyped-def]
    w = canvas.stringWidth(text, font, size)
    if width <= 0:
        return floor
    return size if w <= width else max(floor, size * width / w)


# the hall's unit blocks alternate white and a light blue, so that where one unit ends shows at a glance
BLOCK_FILLS = ((1.0, 1.0, 1.0), (0.88, 0.94, 1.0))


def _boxes(  # type: ignore[no-untyped-def]
    canvas,
    seats,
    x0: float,
    y: float,
    w: float,
    h: float,
    font: str,
    fill,
    size: float,
    unit_font: str = "",
) -> None:
    """One framed box a seat, the name centred; with ``unit_font`` the unit in small type under it.
    ``fill`` is a colour, or a function of the seat (the hall: its unit block's colour)."""
    for s in seats:
        x = x0 + (s.position - 1) * w
        canvas.setFillColorRGB(*(fill(s) if callable(fill) else fill))
        canvas.rect(x + 0.6, y + 0.6, w - 1.2, h - 1.2, stroke=1, fill=1)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.setFont(font, size)
        if unit_font and s.unit:
            canvas.drawCentredString(x + w / 2, y + h * 0.58 - size * 0.35, s.name)
            small = _fit(canvas, s.unit, unit_font, min(6.5, h * 0.2), w - 1.5 * MM, 3.0)
            canvas.setFont(unit_font, small)
            canvas.drawCentredString(x + w / 2, y + 0.9 * MM + small * 0.2, s.unit)
        else:
            canvas.drawCentredString(x + w / 2, y + h / 2 - size * 0.35, s.name)


def render_seating(data: SeatingPrintout, out: Path) -> Path:
    from reportlab.lib.pagesizes import A3, A4, landscape

    chart = data.chart
    big = chart.hall_per_row > 24 or chart.hall_rows + len(chart.rostrum_rows) > 24
    width, height = landscape(A3 if big else A4)
    canvas = decorated_canvas(data.meta)(str(out), pagesize=(width, height))
    canvas.setTitle(f"{chart.title}座次图")
    title_font, head_font, body_font = pdf_font(XIAOBIAOSONG), pdf_font(HEITI), pdf_font(FANGSONG)
    size = _fit(canvas, f"{chart.title}座次图", title_font, 20, width - 30 * MM)
    canvas.setFont(title_font, size)
    canvas.drawCentredString(width / 2, height - 20 * MM, f"{chart.title}座次图")
    canvas.setFont(head_font, 12)
    canvas.drawCentredString(width / 2, height - 28 * MM, f"（{chart.view}）")
    canvas.setFont(body_font, 10)
    canvas.drawCentredString(width / 2, height - 34 * MM, "　".join(t for t in (chart.when, chart.room) if t))
    left, right, top, bottom = 15 * MM, width - 15 * MM, height - 40 * MM, 20 * MM
    n_rostrum = len(chart.rostrum_rows) if chart.rostrum else 0
    gap = 10 * MM
    lines = n_rostrum + chart.hall_rows
    h = min(12 * MM, (top - bottom - gap - 8 * MM) / max(lines, 1))
    widest = max([chart.hall_per_row, *chart.rostrum_rows, 1])
    w = min(26 * MM, (right - left - 14 * MM) / widest)
    cx = (left + 14 * MM + right) / 2  # the row labels take the left margin
    audience = chart.view == AUDIENCE_VIEW
    canvas.setLineWidth(0.5)
    # one size for every name, so that the chart reads evenly
    longest = max((s.name for s in (*chart.rostrum, *chart.hall)), key=len, default="")
    # 1 mm clear of each side of the box, so that a three-character name does not touch its frame
    name_size = _fit(canvas, longest, head_font, min(h * 0.42, 14), w - 2 * MM)
    # y of each line, top to bottom: facing the 主席台 it is at the top (back rows above the front row)
    # and the hall runs down from row 1; from the 主席台 it is the other way round
    order = [("r", r) for r in range(n_rostrum, 0, -1)] + [("h", r) for r in range(1, chart.hall_rows + 1)]
    if not audience:
        order.reverse()
    block_of = {unit: i for i, (unit, _) in enumerate(chart.blocks)}
    y = top - h
    for i, (part, row) in enumerate(order):
        if i and order[i - 1][0] != part:
            y -= gap
            canvas.setFont(head_font, 10)
            where = "以上为主席台，以下为台下" if audience else "以上为台下，以下为主席台"
            canvas.drawCentredString(cx, y + h + gap / 2 - 1.5 * MM, where)
        if part == "r":
            n = chart.rostrum_rows[row - 1]
            seats = [s for s in chart.rostrum if s.row == row]
            _boxes(canvas, seats, cx - n * w / 2, y, w, h, head_font, (1.0, 0.93, 0.85), name_size)
            label = "主席台" + ("前排" if row == 1 else f"第{row}排")
        else:
            seats = [s for s in chart.hall if s.row == row]
            _boxes(
                canvas,
                seats,
                cx - chart.hall_per_row * w / 2,
                y,
                w,
                h,
                body_font,
                lambda s: BLOCK_FILLS[block_of.get(s.unit, 0) % 2],
                name_size,
                unit_font=body_font,
            )
            label = f"第{row}排"
        canvas.setFont(body_font, min(9, h * 0.45))
        canvas.drawString(left, y + h / 2 - 3, label)
        y -= h
    canvas.setFont(body_font, 9)
    blocks = "；".join(f"{u} {n}人" for u, n in chart.blocks)
    foot = f"本图为{chart.view}：左右以{'台下面向主席台' if audience else '主席台上领导面向台下'}时为准。"
    canvas.drawString(left, bottom + 1 * MM, foot)
    if blocks:
        text = f"台下分区（由前至后）：{blocks}"
        canvas.setFont(body_font, _fit(canvas, text, body_font, 9, right - left))
        canvas.drawString(left, bottom - 3.5 * MM, text)
    canvas.showPage()
    canvas.save()
    return out


def render_cards(data: CardsPrintout, out: Path) -> Path:
    """Each page one card: A4 landscape folded along the middle; the upper half upside down so that, standing
    as a tent, both faces read upright."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    width, height = landscape(A4)
    canvas = Canvas(str(out), pagesize=(width, height), initialFontName=pdf_font(HEITI))
    canvas.setTitle("桌签")
    font = pdf_font(HEITI)
    half = height / 2
    for name in data.names:
        text = name.strip()
        size = min(half * 0.62, _fit(canvas, text, font, 200, width - 40 * MM, 20))
        if len(text) == 2:  # two-character names are spaced out as is the custom on 桌签
            text = f"{text[0]}　{text[1]}"
            size = min(size, _fit(canvas, text, font, 200, width - 40 * MM, 20))
        canvas.setDash(4, 4)
        canvas.setLineWidth(0.3)
        canvas.line(10 * MM, half, width - 10 * MM, half)
        canvas.setDash()
        canvas.setFont(pdf_font(FANGSONG), 7)
        canvas.drawString(10 * MM, half + 1.5 * MM, "沿此线对折")
        # large and bold: the glyphs filled and outlined (text render mode 2)
        canvas.setLineWidth(size / 40)
        for upside_down in (False, True):
            canvas.saveState()
            if upside_down:
                canvas.translate(width, height)
                canvas.rotate(180)
            t = canvas.beginText()
            t.setTextRenderMode(2)
            t.setFont(font, size)
            tw = canvas.stringWidth(text, font, size)
            t.setTextOrigin((width - tw) / 2, (half - size * 0.72) / 2 + 2 * MM)
            t.textOut(text)
            canvas.drawText(t)
            canvas.restoreState()
        canvas.showPage()
    if not data.names:
        canvas.showPage()
    canvas.save()
    return out


SIGN_COLUMNS = (
    ("序号", 11),
    ("单位", 42),
    ("姓名", 20),
    ("职务", 38),
    ("联系电话", 27),
    ("签到时间", 20),
    ("备注", 0),
)


def render_sign_in(data: SignInSheet, out: Path) -> Path:
    from reportlab.lib.pagesizes import A4

    width, height = A4
    canvas = decorated_canvas(data.meta)(str(out), pagesize=(width, height))
    canvas.setTitle(f"{data.title}签到表")
    title_font, head_font, body_font = pdf_font(XIAOBIAOSONG), pdf_font(HEITI), pdf_font(FANGSONG)
    left, right = 15 * MM, width - 15 * MM
    widths = [w * MM for _, w in SIGN_COLUMNS]
    widths[-1] = right - left - sum(widths[:-1])
    row_h, per_page = 9 * MM, 26
    pages = [data.rows[i : i + per_page] for i in range(0, len(data.rows), per_page)] or [()]
    number = 0
    for page_rows in pages:
        size = _fit(canvas, f"{data.title}签到表", title_font, 18, right - left)
        canvas.setFont(title_font, size)
        canvas.drawCentredString(width / 2, height - 22 * MM, f"{data.title}签到表")
        canvas.setFont(body_font, 10.5)
        canvas.drawCentredString(
            width / 2, height - 29 * MM, "　".join(t for t in (data.when, data.room) if t)
        )
        y = height - 36 * MM
        canvas.setLineWidth(0.6)
        x = left
        canvas.setFont(head_font, 10.5)
        for (label, _), w in zip(SIGN_COLUMNS, widths, strict=True):
            canvas.rect(x, y - row_h, w, row_h)
            canvas.drawCentredString(x + w / 2, y - row_h + 3.2 * MM, label)
            x += w
        y -= row_h
        for r in page_rows:
            number += 1
            cells = (str(number), r.unit, r.name, r.title, r.phone, r.arrived, r.note)
            x = left
            for text, w in zip(cells, widths, strict=True):
                canvas.rect(x, y - row_h, w, row_h)
                fs = _fit(canvas, text, body_font, 10.5, w - 2 * MM)
                canvas.setFont(body_font, fs)
                canvas.drawCentredString(x + w / 2, y - row_h + 3.2 * MM, text)
                x += w
            y -= row_h
        canvas.showPage()
    canvas.save()
    return out


SEATING = Layout[SeatingPrintout]("座次图", pdf=render_seating)
CARDS = Layout[CardsPrintout]("桌签", pdf=render_cards)
SIGN_IN = Layout[SignInSheet]("签到表", pdf=render_sign_in)

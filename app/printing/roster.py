"""The 值班表 of a month as a calendar (A4 landscape, Monday first): each day its 带班领导 and 值班人员,
holidays marked 休 and 调休 working days 班, then each person's shifts by kind. Plain data in, PDF out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.printing.fonts import FANGSONG, HEITI, XIAOBIAOSONG, pdf_font
from app.printing.layouts import Layout
from app.printing.meta import PrintMeta
from app.printing.pdf_common import MM, decorated_canvas

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


@dataclass(frozen=True)
class RosterDay:
    day: date
    mark: str  # 休 (statutory holiday) / 班 (调休 working day) / ""
    lines: tuple[tuple[str, str, str], ...]  # (slot or "", leader, staff)


@dataclass(frozen=True)
class RosterMonth:
    year: int
    month: int
    organ: str
    days: tuple[RosterDay, ...]
    counts: Mapping[str, Mapping[str, int]]
    phone: str = ""


@dataclass(frozen=True)
class RosterPrintout:
    month: RosterMonth
    meta: PrintMeta


def _fit(canvas, text: str, font: str, size: float, width: float) -> float:  # type: ignore[no-untyped-def]
    """The largest size ≤ ``size`` at which ``text`` fits ``width`` (never below 6 pt)."""
    w = canvas.stringWidth(text, font, size)
    return size if w <= width else max(6.0, size * width / w)


def render_month(data: RosterMonth, meta: PrintMeta, out: Path) -> Path:
    from reportlab.lib.pagesizes import A4, landscape

    width, height = landscape(A4)
    canvas = decorated_canvas(meta)(str(out), pagesize=(width, height))
    canvas.setTitle(f"{data.organ}{data.year}年{data.month}月值班表")
    title_font, head_font, body_font = pdf_font(XIAOBIAOSONG), pdf_font(HEITI), pdf_font(FANGSONG)
    canvas.setFont(title_font, 20)
    canvas.drawCentredString(width / 2, height - 22 * MM, f"{data.organ}{data.year}年{data.month}月值班表")
    left, right, top = 15 * MM, width - 15 * MM, height - 30 * MM
    col = (right - left) / 7
    canvas.setFont(head_font, 11)
    for i, name in enumerate(WEEKDAYS):
        canvas.drawCentredString(left + col * (i + 0.5), top - 5 * MM, name)
    first = data.days[0].day
    weeks = (first.weekday() + len(data.days) + 6) // 7
    grid_top = top - 8 * MM
    bottom = 40 * MM
    row_h = (grid_top - bottom) / weeks
    canvas.setLineWidth(0.6)
    for w in range(weeks + 1):
        canvas.line(left, grid_top - w * row_h, right, grid_top - w * row_h)
    for c in range(8):
        canvas.line(left + c * col, grid_top, left + c * col, grid_top - weeks * row_h)
    for d in data.days:
        index = first.weekday() + d.day.day - 1
        x, y = left + (index % 7) * col, grid_top - (index // 7) * row_h
        canvas.setFont(head_font, 11)
        canvas.drawString(x + 2 * MM, y - 5 * MM, str(d.day.day))
        if d.mark:
            canvas.setFillColorRGB(0.8, 0, 0) if d.mark == "休" else canvas.setFillColorRGB(0, 0.3, 0.7)
            canvas.drawRightString(x + col - 2 * MM, y - 5 * MM, d.mark)
            canvas.setFillGray(0)
        line_y = y - 10 * MM
        for slot, leader, staff in d.lines:
            for text in (f"{slot}带班：{leader}" if slot else f"带班：{leader}", f"值班：{staff}"):
                size = _fit(canvas, text, body_font, 9.5, col - 3 * MM)
                canvas.setFont(body_font, size)
                canvas.drawString(x + 1.5 * MM, line_y, text)
                line_y -= 4.2 * MM
        if not d.lines:
            canvas.setFont(body_font, 9)
            canvas.setFillGray(0.5)
            canvas.drawString(x + 1.5 * MM, line_y, "（未排班）")
            canvas.setFillGray(0)
    canvas.setFont(body_font, 10)
    y = bottom - 6 * MM
    if data.phone:
        canvas.drawString(left, y, f"值班电话：{data.phone}　　休＝法定节假日　班＝调休上班")
    else:
        canvas.drawString(left, y, "休＝法定节假日　班＝调休上班")
    y -= 5.5 * MM
    parts = [
        f"{p} {sum(c.values())}（休息日{c.get('weekend', 0)}、节假日{c.get('holiday', 0)}）"
        for p, c in data.counts.items()
    ]
    line = "本月班次："
    for part in parts:
        if canvas.stringWidth(line + part + "；", body_font, 10) > right - left:
            canvas.drawString(left, y, line)
            y -= 5 * MM
            line = "　　　　　"
        line += part + "；"
    canvas.drawString(left, y, line.rstrip("；"))
    canvas.showPage()
    canvas.save()
    return out


def _pdf(data: RosterPrintout, out: Path) -> Path:
    return render_month(data.month, data.meta, out)


ROSTER = Layout("值班表", pdf=_pdf)

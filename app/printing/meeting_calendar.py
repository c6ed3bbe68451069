"""The meetings of a month as a calendar (A4 landscape, Monday first): each day its meetings with time and
room, a room's use when one room is asked for. Plain data in, PDF out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.printing.fonts import FANGSONG, HEITI, XIAOBIAOSONG, pdf_font
from app.printing.layouts import Layout
from app.printing.meta import PrintMeta
from app.printing.pdf_common import MM, decorated_canvas

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


@dataclass(frozen=True)
class CalendarDay:
    day: date
    lines: tuple[str, ...]  # "09:00 县委常委会（第一会议室）"


@dataclass(frozen=True)
class MeetingMonth:
    title: str  # 2026年3月会议安排 (or a room's use)
    days: tuple[CalendarDay, ...]
    meta: PrintMeta


def _wrap(canvas, text: str, font: str, size: float, width: float) -> list[str]:  # type: ignore[no-untyped-def]
    """Break ``text`` into lines that fit ``width`` (CJK text breaks between any two characters)."""
    lines, line = [], ""
    for ch in text:
        if line and canvas.stringWidth(line + ch, font, size) > width:
            lines.append(line)
            line = "　" + ch
        else:
            line += ch
    return [*lines, line] if line else lines


def render_month(data: MeetingMonth, out: Path) -> Path:
    from reportlab.lib.pagesizes import A4, landscape

    width, height = landscape(A4)
    canvas = decorated_canvas(data.meta)(str(out), pagesize=(width, height))
    canvas.setTitle(data.title)
    title_font, head_font, body_font = pdf_font(XIAOBIAOSONG), pdf_font(HEITI), pdf_font(FANGSONG)
    canvas.setFont(title_font, 20)
    canvas.drawCentredString(width / 2, height - 22 * MM, data.title)
    left, right, top, bottom = 15 * MM, width - 15 * MM, height - 30 * MM, 18 * MM
    col = (right - left) / 7
    canvas.setFont(head_font, 11)
    for i, name in enumerate(WEEKDAYS):
        canvas.drawCentredString(left + col * (i + 0.5), top - 5 * MM, name)
    first = data.days[0].day
    weeks = (first.weekday() + len(data.days) + 6) // 7
    grid_top = top - 8 * MM
    row_h = (grid_top - bottom) / weeks
    canvas.setLineWidth(0.6)
    for w in range(weeks + 1):
        canvas.line(left, grid_top - w * row_h, right, grid_top - w * row_h)
    for c in range(8):
        canvas.line(left + c * col, grid_top, left + c * col, grid_top - weeks * row_h)
    room_for = max(1, int((row_h - 8 * MM) // (3.8 * MM)))
    for d in data.days:
        index = first.weekday() + d.day.day - 1
        x, y = left + (index % 7) * col, grid_top - (index // 7) * row_h
        canvas.setFont(head_font, 11)
        canvas.drawString(x + 2 * MM, y - 5 * MM, str(d.day.day))
        line_y = y - 9.5 * MM
        lines = [piece for text in d.lines for piece in _wrap(canvas, text, body_font, 8.5, col - 3 * MM)]
        if len(lines) > room_for:
            lines = [*lines[: room_for - 1], f"……共{len(d.lines)}个会议"]
        canvas.setFont(body_font, 8.5)
        for text in lines:
            canvas.drawString(x + 1.5 * MM, line_y, text)
            line_y -= 3.8 * MM
    canvas.showPage()
    canvas.save()
    return out


CALENDAR = Layout[MeetingMonth]("会议日程", pdf=render_month)

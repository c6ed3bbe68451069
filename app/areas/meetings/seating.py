"""The seating plan of one meeting from its participant list: the 主席台 by the protocol rule (rank order,
the room's 主席台 rows front first), the hall by unit blocks in the clerk's order, then the hand swaps;
shown facing the 主席台 or from it (app.domain.seating). Those on leave get no seat, a 代会 substitute
takes the seat of the one they stand in for."""

from __future__ import annotations

import math
from collections.abc import Sequence

from app.areas.meetings.info import MeetingInfo, Participant, protocol_order
from app.areas.meetings.registers import Attendance, AttendRole, Reply
from app.domain import seating as rules
from app.domain.errors import ValidationFailed
from app.printing.meeting_seating import SeatBox, SeatingChart

DEFAULT_PER_ROW = 20  # a hall not in the room list: rows of this many seats


def seated_name(p: Participant) -> str:
    return p.substitute if p.reply == Reply.SUBSTITUTE.value and p.substitute else p.name


def seated(people: Sequence[Participant]) -> list[Participant]:
    return [
        p
        for p in protocol_order(people)
        if p.role != AttendRole.STAFF.value
        and p.attendance not in (Attendance.LEAVE.value, Attendance.ABSENT.value)
    ]


def unit_blocks(people: Sequence[Participant], order: Sequence[str]) -> list[tuple[str, list[Participant]]]:
    """Units in the clerk's order first, the others after them by their most senior member."""
    by_unit: dict[str, list[Participant]] = {}
    for p in protocol_order(people):
        by_unit.setdefault(p.unit or "（未填单位）", []).append(p)
    named = [u for u in order if u in by_unit]
    rest = [u for u in by_unit if u not in named]
    return [(u, by_unit[u]) for u in (*named, *rest)]


def _swap(
    rostrum: list[rules.Seat], hall: list[rules.Seat], a: str, b: str
) -> tuple[list[rules.Seat], list[rules.Seat]]:
    names_r, names_h = {s.person for s in rostrum}, {s.person for s in hall}
    for name in (a, b):
        if name not in names_r | names_h:
            raise ValidationFailed({"swaps": f"座位调换：座次表中没有“{name}”"})
    if a in names_r and b in names_r:
        return rules.swap(rostrum, a, b), hall
    if a in names_h and b in names_h:
        return rostrum, rules.swap(hall, a, b)
    up, down = (a, b) if a in names_r else (b, a)  # one from the 主席台 and one from the hall change places

    def rename(seats: list[rules.Seat], old: str, new: str) -> list[rules.Seat]:
        return [rules.Seat(s.row, s.position, new if s.person == old else s.person) for s in seats]

    return rename(rostrum, up, down), rename(hall, down, up)


def build_chart(
    info: MeetingInfo,
    people: Sequence[Participant],
    rostrum_rows: Sequence[int],
    hall_rows: int,
    per_row: int,
    view: str = rules.AUDIENCE_VIEW,
) -> SeatingChart:
    if view not in (rules.AUDIENCE_VIEW, rules.STAGE_VIEW):
        raise ValidationFailed({"view": f"视角应为“{rules.AUDIENCE_VIEW}”或“{rules.STAGE_VIEW}”"})
    present = seated(people)
    top = [p for p in present if p.rostrum]
    rest = [p for p in present if not p.rostrum]
    by_name = {seated_name(p): p for p in present}
    rows = list(rostrum_rows) or ([len(top)] if top else [])
    try:
        stage = rules.rostrum([seated_name(p) for p in top], rows) if top else []
    except ValueError as e:
        raise ValidationFailed({"rostrum": str(e)}) from None
    # a 主席台 row holding fewer people than seats is centred: its people take the middle seats
    counts = {r: sum(1 for t in stage if t.row == r) for r in {t.row for t in stage}}
    stage = [rules.Seat(t.row, t.position + (rows[t.row - 1] - counts[t.row]) // 2, t.person) for t in stage]
    blocks = unit_blocks(rest, info.unit_order)
    per_row = per_row or DEFAULT_PER_ROW
    hall_rows = hall_rows or max(1, math.ceil(len(rest) / per_row))
    try:
        hall = rules.audience([(u, [seated_name(p) for p in ps]) for u, ps in blocks], hall_rows, per_row)
    except ValueError as e:
        raise ValidationFailed({"hall": str(e)}) from None
    for a, b in info.swaps:
        stage, hall = _swap(stage, hall, a, b)
    used_rows = tuple(rows[: max((s.row for s in stage), default=0)])
    if view == rules.STAGE_VIEW:
        stage = rules.mirrored(stage, {i: n for i, n in enumerate(used_rows, start=1)})
        hall = rules.mirrored(hall, {r: per_row for r in range(1, hall_rows + 1)})

    def box(s: rules.Seat) -> SeatBox:
        p = by_name.get(s.person)
        return SeatBox(s.row, s.position, s.person, p.title if p else "", p.unit if p else "")

    last_row = max((s.row for s in hall), default=0)
    start = info.starts_at  # a Chinese date has no leading zeros: 2026年3月5日
    when = f"{start.year}年{start.month}月{start.day}日 {start:%H:%M}" if start else ""
    return SeatingChart(
        info.name,
        when,
        info.room,
        view,
        tuple(box(s) for s in stage),
        used_rows,
        tuple(box(s) for s in hall),
        max(last_row, 1) if hall else 0,
        per_row,
        tuple((u, len(ps)) for u, ps in blocks),
    )


def card_names(chart: SeatingChart) -> tuple[str, ...]:
    """桌签 in the order they are laid out: the 主席台 front row first, by seat from the left."""
    return tuple(s.name for s in sorted(chart.rostrum, key=lambda s: (s.row, s.position))) + tuple(
        s.name for s in sorted(chart.hall, key=lambda s: (s.row, s.position))
    )

"""The checks of the 会议安排 registers, in Chinese, before anything is saved: times in order, a room not
booked twice (the clashing meeting named), no more people than seats, nobody twice in one meeting (so
never twice on one 主席台), the meeting type from the office's list. Database checks run inside the
saving transaction."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from db.models.meetings import Meeting, MeetingParticipant, MeetingPerson, MeetingRoom

TYPES_SETTING, LARGE_SETTING = "meetings.types", "meetings.large_types"
DEFAULT_TYPES = ("大型会议", "全委会", "常委会", "专题会议", "座谈会", "工作会议", "培训会", "视频会议")
DEFAULT_LARGE = ("大型会议", "全委会")
DEFAULT_LENGTH = timedelta(hours=2)  # a meeting registered without an end time is taken to last this long


def today() -> date:
    return date.today()


def split_list(text: str) -> list[str]:
    import re

    return [p.strip() for p in re.split(r"[、，,；;\n]+", text or "") if p.strip()]


def parse_rostrum_rows(text: str) -> list[int]:
    """'9，11' -> [9, 11]: the 主席台's seats per row, front row first."""
    parts = split_list((text or "").replace(" ", "，"))
    rows = []
    for p in parts:
        if not p.isdigit() or not 1 <= int(p) <= 99:
            raise ValueError("主席台座位应写成每排座位数，如“9，11”")
        rows.append(int(p))
    return rows


def meeting_types(s: Any) -> tuple[list[str], set[str]]:
    from app.services.settings import get_value

    kinds = split_list(get_value(s, TYPES_SETTING) or "") or list(DEFAULT_TYPES)
    large = split_list(get_value(s, LARGE_SETTING) or "")
    return kinds, set(large or DEFAULT_LARGE)


def span(start: datetime | None, end: datetime | None) -> tuple[datetime, datetime] | None:
    if start is None:
        return None
    return start, end if end and end > start else start + DEFAULT_LENGTH


def meeting_form(values: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    start, end, checkin = values.get("starts_at"), values.get("ends_at"), values.get("checkin_at")
    if start and end and end <= start:
        errors["ends_at"] = "结束时间应晚于开始时间"
    if start and checkin and checkin > start:
        errors["checkin_at"] = "报到时间不能晚于会议开始时间"
    return errors


def room_of(s: Any, name: str) -> MeetingRoom | None:
    if not name:
        return None
    return s.scalars(
        select(MeetingRoom).where(MeetingRoom.name == name.strip(), MeetingRoom.voided.is_(False))
    ).first()


def room_seats(room: MeetingRoom) -> tuple[int, int]:
    """(主席台 seats, hall seats) of a room."""
    rostrum = sum(parse_rostrum_rows(room.rostrum_rows)) if room.rostrum_rows else 0
    hall = (room.rows or 0) * (room.seats_per_row or 0)
    if not hall and room.capacity:
        hall = max(room.capacity - rostrum, 0)
    return rostrum, hall


def clashes(s: Any, room: str, start: datetime, end: datetime | None, exclude: int | None) -> list[Meeting]:
    """Meetings in ``room`` whose time overlaps [start, end)."""
    window = span(start, end)
    assert window is not None
    lo, hi = window
    q = select(Meeting).where(
        Meeting.room == room,
        Meeting.voided.is_(False),
        Meeting.starts_at < hi,
        Meeting.starts_at > lo - timedelta(days=31),  # keeps the index range short; no meeting lasts a month
    )
    if exclude:
        q = q.where(Meeting.id != exclude)
    found = []
    for other in s.scalars(q):
        o = span(other.starts_at, other.ends_at)
        if o and o[0] < hi and lo < o[1]:
            found.append(other)
    return found


def _seated(s: Any, meeting_id: int, exclude: int | None = None) -> tuple[int, int]:
    """(people on the 主席台, people in the hall) of a meeting; 工作人员 and those on leave take no seat."""
    q = (
        select(MeetingParticipant.rostrum, func.count())
        .where(
            MeetingParticipant.meeting_id == meeting_id,
            MeetingParticipant.voided.is_(False),
            MeetingParticipant.role != "工作人员",
            MeetingParticipant.attendance.is_(None) | MeetingParticipant.attendance.not_in(("请假", "缺席")),
        )
        .group_by(MeetingParticipant.rostrum)
    )
    if exclude:
        q = q.where(MeetingParticipant.id != exclude)
    counts = {bool(k): n for k, n in s.execute(q).all()}
    return counts.get(True, 0), counts.get(False, 0)


def meeting_db(s: Any, values: Mapping[str, Any], obj: Any) -> dict[str, str]:
    errors: dict[str, str] = {}
    kind = (values.get("kind") or "").strip()
    kinds, _large = meeting_types(s)
    if kind and kind not in kinds:
        errors["kind"] = f"会议类型“{kind}”不在类型表中（可选：{'、'.join(kinds)}；可在系统设置中增加）"
    notice_no = values.get("notice_no") or ""
    if notice_no:  # one 文号 is one document: two meetings cannot share a notice's number
        same = select(Meeting.number, Meeting.name).where(
            Meeting.notice_no == notice_no, Meeting.voided.is_(False)
        )
        if obj is not None:
            same = same.where(Meeting.id != obj.id)
        other = s.execute(same.limit(1)).first()
        if other is not None:
            errors["notice_no"] = f"通知文号{notice_no}已用于会议“{other.name}”（{other.number}）"
    room_name = (values.get("room") or "").strip()
    start = values.get("starts_at")
    room = room_of(s, room_name)
    if room is not None and start:
        others = clashes(s, room_name, start, values.get("ends_at"), obj.id if obj else None)
        if others:
            o = others[0]
            when = f"{o.starts_at:%m月%d日 %H:%M}" + (f"—{o.ends_at:%H:%M}" if o.ends_at else "")
            errors["room"] = f"{room_name}在该时段已被“{o.name}”（{o.number}，{when}）占用"
        if obj is not None and "room" not in errors:
            on_rostrum, in_hall = _seated(s, obj.id)
            r_seats, h_seats = room_seats(room)
            if r_seats and on_rostrum > r_seats or h_seats and in_hall > h_seats:
                errors["room"] = (
                    f"{room_name}主席台{r_seats}座、台下{h_seats}座，本会议已安排主席台{on_rostrum}人、台下{in_hall}人，座位不够"
                )
    return errors


def room_form(values: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    try:
        rostrum = sum(parse_rostrum_rows(values.get("rostrum_rows") or ""))
    except ValueError as e:
        return {"rostrum_rows": str(e)}
    rows, per_row, cap = values.get("rows"), values.get("seats_per_row"), values.get("capacity")
    if bool(rows) != bool(per_row):
        errors["seats_per_row" if rows else "rows"] = "台下排数与每排座位应同时填写"
    elif rows and cap and rows * per_row + rostrum > cap:
        errors["capacity"] = (
            f"台下{rows}排×{per_row}座加主席台{rostrum}座，共{rows * per_row + rostrum}座，超过容纳人数{cap}"
        )
    return errors


def room_db(s: Any, values: Mapping[str, Any], obj: Any) -> dict[str, str]:
    name = (values.get("name") or "").strip()
    other = room_of(s, name)
    if other is not None and (obj is None or other.id != obj.id):
        return {"name": f"已有名为“{name}”的会议室"}
    return {}


def person_db(s: Any, values: Mapping[str, Any], obj: Any) -> dict[str, str]:
    name, unit = (values.get("name") or "").strip(), (values.get("unit") or "").strip()
    q = select(MeetingPerson.id).where(
        MeetingPerson.name == name, MeetingPerson.unit == unit, MeetingPerson.voided.is_(False)
    )
    if obj is not None:
        q = q.where(MeetingPerson.id != obj.id)
    if s.scalars(q).first() is not None:
        return {"name": f"名录中已有{unit}的{name}"}
    return {}


def find_meeting(s: Any, ref: str) -> Meeting | None:
    ref = (ref or "").strip()
    q = select(Meeting).where(Meeting.voided.is_(False))
    q = q.where(Meeting.id == int(ref)) if ref.isdigit() else q.where(Meeting.number == ref)
    return s.scalars(q).first()


def _meeting_or_error(s: Any, values: Mapping[str, Any]) -> tuple[Meeting | None, dict[str, str]]:
    meeting = find_meeting(s, values.get("meeting_no") or "")
    if meeting is None:
        return None, {"meeting_no": f"没有编号为“{values.get('meeting_no')}”的会议（或已作废）"}
    return meeting, {}


def participant_form(values: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if values.get("attendance") == "请假" and not (values.get("leave_reason") or "").strip():
        errors["leave_reason"] = "请假请填写事由"
    if values.get("reply") == "代会" and not (values.get("substitute") or "").strip():
        errors["substitute"] = "代会请填写代会人姓名"
    if values.get("rostrum") and values.get("role") == "工作人员":
        errors["rostrum"] = "工作人员不上主席台"
    if values.get("late") and not values.get("arrived_at"):
        errors["arrived_at"] = "迟到请填写签到时间"
    return errors


def participant_db(s: Any, values: Mapping[str, Any], obj: Any) -> dict[str, str]:
    meeting, errors = _meeting_or_error(s, values)
    if meeting is None:
        return errors
    name = (values.get("name") or "").strip()
    q = select(MeetingParticipant.id).where(
        MeetingParticipant.meeting_id == meeting.id,
        MeetingParticipant.name == name,
        MeetingParticipant.voided.is_(False),
    )
    if obj is not None:
        q = q.where(MeetingParticipant.id != obj.id)
    if s.scalars(q).first() is not None:
        where = "主席台" if values.get("rostrum") else "本会议"
        return {"name": f"{name}已在{where}的名单中，同一人不能安排两次"}
    room = room_of(s, meeting.room)
    if room is not None and values.get("role") != "工作人员":
        on_rostrum, in_hall = _seated(s, meeting.id, obj.id if obj else None)
        r_seats, h_seats = room_seats(room)
        if values.get("rostrum"):
            if on_rostrum + 1 > r_seats:
                errors["rostrum"] = f"{room.name}主席台只有{r_seats}个座位，已安排{on_rostrum}人"
        elif h_seats and in_hall + 1 > h_seats:
            errors["name"] = f"{room.name}台下只有{h_seats}个座位，已安排{in_hall}人，座位不够"
    return errors


def task_db(s: Any, values: Mapping[str, Any], obj: Any) -> dict[str, str]:
    return _meeting_or_error(s, values)[1]


def link_meeting(s: Any, actor: Any, obj: Any, created: bool) -> None:
    """A participant or preparation item keeps the id of the meeting its 会议编号 names."""
    meeting = find_meeting(s, obj.meeting_no)
    if meeting is not None:
        obj.meeting_id = meeting.id
        obj.meeting_no = meeting.number

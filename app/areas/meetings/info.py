"""Plain data of the 会议安排 area (a meeting, a participant, the counts, a sign-in, a clash, a calendar entry,
a 议定事项) and the pure helpers that make them from rows: what the service returns and the printouts read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from app.areas.meetings import checks
from app.areas.meetings.registers import Attendance, AttendRole, Reply
from db.models.meetings import Meeting, MeetingParticipant


@dataclass(frozen=True)
class MeetingInfo:
    id: int
    number: str
    name: str
    kind: str
    state: str
    starts_at: datetime | None
    ends_at: datetime | None
    checkin_at: datetime | None
    checkin_place: str
    room: str
    host_unit: str
    chair: str
    attendees_scope: str
    topics: tuple[tuple[str, str], ...]  # (议题, 汇报人)
    agenda: tuple[str, ...]
    schedule: tuple[str, ...]
    requirements: str
    contact: str
    contact_phone: str
    reply_by: date | None
    unit_order: tuple[str, ...]
    swaps: tuple[tuple[str, str], ...]
    decisions: tuple[str, ...]
    minutes_summary: str
    secret_level: str
    headcount: int | None
    notice_no: str = ""  # 通知文号 (standard form), empty when the notice has none


@dataclass(frozen=True)
class Participant:
    id: int
    name: str
    unit: str
    title: str
    rank: int | None
    phone: str
    role: str
    rostrum: bool
    attendance: str
    leave_reason: str
    arrived_at: datetime | None
    late: bool
    reply: str
    substitute: str


@dataclass(frozen=True)
class Counts:
    expected: int  # 应到: 出席 + 列席
    present: int  # 实到
    leave: int  # 请假
    absent: int  # 缺席
    late: int  # 迟到
    waiting: int  # not yet arrived

    @property
    def rate(self) -> float:
        """参会率 = 实到 / 应到 (those on leave are part of 应到)."""
        return self.present / self.expected if self.expected else 0.0

    @property
    def rate_text(self) -> str:
        return f"{self.rate * 100:.1f}%"


@dataclass(frozen=True)
class SignIn:
    participant: Participant
    arrived_at: datetime
    late: bool


@dataclass(frozen=True)
class Overlap:
    """``name`` is also in ``other`` (number, name, start) at an overlapping time."""

    name: str
    other_number: str
    other_name: str
    other_start: datetime | None


@dataclass(frozen=True)
class Decision:
    """One 议定事项 of the minutes; ``state`` stays 待督办 until a 督办 area takes it over."""

    number: int
    text: str
    state: str = "待督办"


@dataclass(frozen=True)
class CalendarEntry:
    id: int
    number: str
    name: str
    kind: str
    room: str
    starts_at: datetime
    ends_at: datetime
    people: int = 0  # participants listed (出席/列席/工作人员)


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def _topic(line: str) -> tuple[str, str]:
    for sep in ("——", "—", "--", "：", ":", "|"):
        if sep in line:
            head, _, who = line.partition(sep)
            return head.strip(), who.strip()
    return line, ""


def _swap(line: str) -> tuple[str, str] | None:
    for sep in ("↔", "<->", "—", "-", "与", "，", ","):
        if sep in line:
            a, _, b = line.partition(sep)
            if a.strip() and b.strip():
                return a.strip(), b.strip()
    return None


def meeting_info(m: Meeting) -> MeetingInfo:
    return MeetingInfo(
        m.id,
        m.number,
        m.name,
        m.kind,
        m.state or "筹备",
        m.starts_at,
        m.ends_at,
        m.checkin_at,
        m.checkin_place,
        m.room,
        m.host_unit,
        m.chair,
        m.attendees_scope,
        tuple(_topic(t) for t in _lines(m.topics)),
        _lines(m.agenda),
        _lines(m.schedule),
        m.requirements,
        m.contact,
        m.contact_phone,
        m.reply_by,
        tuple(checks.split_list(m.unit_order)),
        tuple(p for p in (_swap(line) for line in _lines(m.swaps)) if p),
        _lines(m.decisions),
        m.minutes_summary,
        m.secret_level,
        m.headcount,
        m.notice_no or "",
    )


def participant_of(p: MeetingParticipant) -> Participant:
    return Participant(
        p.id,
        p.name,
        p.unit,
        p.title,
        p.rank,
        p.phone,
        p.role or AttendRole.MEMBER.value,
        bool(p.rostrum),
        p.attendance or Attendance.EXPECTED.value,
        p.leave_reason,
        p.arrived_at,
        bool(p.late),
        p.reply or Reply.NONE.value,
        p.substitute,
    )


def initials(name: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return "".join(w[:1] for w in lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()


def counts_of(people: Sequence[Participant]) -> Counts:
    seated = [p for p in people if p.role != AttendRole.STAFF.value]
    by = {a.value: 0 for a in Attendance}
    for p in seated:
        by[p.attendance] = by.get(p.attendance, 0) + 1
    return Counts(
        len(seated),
        by[Attendance.PRESENT.value],
        by[Attendance.LEAVE.value],
        by[Attendance.ABSENT.value],
        sum(1 for p in seated if p.late),
        by[Attendance.EXPECTED.value],
    )


def protocol_order(people: Sequence[Participant]) -> list[Participant]:
    """Rank first (1 = most senior; no rank goes last), then the order they were put on the list."""
    return sorted(people, key=lambda p: (p.rank is None, p.rank or 0, p.id))

"""The 会议安排 area's actions beyond the registers: a meeting with its participants and counts (应到/实到/
请假/缺席/参会率), sign-in by two characters or pinyin initials, 回执 replies and chasing, people in two
meetings at once, the seating plan, overdue preparation, the calendar and the annual figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from app.areas.meetings import checks
from app.areas.meetings.info import (  # re-exported: the service's plain data
    CalendarEntry,
    Counts,
    Decision,
    MeetingInfo,
    Overlap,
    Participant,
    SignIn,
    counts_of,
    initials,
    meeting_info,
    participant_of,
    protocol_order,
)
from app.areas.meetings.registers import (
    MEETING_REGISTER,
    MEETINGS,
    PARTICIPANTS,
    Attendance,
    AttendRole,
    Reply,
    TaskState,
)
from app.domain.errors import Conflict, NotFound, ValidationFailed
from app.kit.area import ServiceKey
from app.services import audit
from app.services.actor import Actor
from db.models.meetings import Meeting, MeetingParticipant, MeetingPerson, MeetingRoom, MeetingTask

if TYPE_CHECKING:
    from app.services.container import Services

READ, WRITE = MEETING_REGISTER.read_roles, MEETING_REGISTER.write_roles
SUPERVISION_ITEMS = "supervision_items"  # the 督办 register, when that area is installed


class MeetingsService:
    def __init__(self, services: Services) -> None:
        self.services = services

    # --- reading -----------------------------------------------------------------------------------
    def _meeting(self, s: Any, actor: Actor, meeting_id: int) -> Meeting:
        m = s.get(Meeting, int(meeting_id))
        if m is None or m.voided:
            raise NotFound("没有这个会议（或已作废）")
        actor.require_clearance(m.secret_level)
        return m

    def meeting(self, actor: Actor, meeting_id: int) -> MeetingInfo:
        actor.require_role(*READ, action="查看会议")
        with self.services.db.read() as s:
            return meeting_info(self._meeting(s, actor, meeting_id))

    def find(self, actor: Actor, ref: str | int) -> int:
        """A meeting by id or by its 编号 (会〔2026〕3号), for the command line."""
        return self.services.printing.record_id(actor, MEETINGS, ref)

    def participants(self, actor: Actor, meeting_id: int) -> list[Participant]:
        actor.require_role(*READ, action="查看参会人员")
        with self.services.db.read() as s:
            self._meeting(s, actor, meeting_id)
            rows = s.scalars(
                select(MeetingParticipant).where(
                    MeetingParticipant.meeting_id == int(meeting_id), MeetingParticipant.voided.is_(False)
                )
            ).all()
            return protocol_order([participant_of(p) for p in rows])

    def counts(self, actor: Actor, meeting_id: int) -> Counts:
        return counts_of(self.participants(actor, meeting_id))

    # --- participants ------------------------------------------------------------------------------
    def add_from_directory(
        self,
        actor: Actor,
        meeting_id: int,
        person_ids: Sequence[int],
        role: str = AttendRole.MEMBER.value,
        rostrum: bool = False,
    ) -> list[Participant]:
        """People of the directory join the meeting in one transaction (all or none)."""
        actor.require_role(*WRITE, action="安排参会人员")
        if role not in {r.value for r in AttendRole}:
            raise ValidationFailed({"role": "身份应为出席、列席或工作人员"})
        reg = self.services.catalog.get(PARTICIPANTS)
        with self.services.db.write() as s:
            m = self._meeting(s, actor, meeting_id)
            made = []
            for pid in person_ids:
                person = s.get(MeetingPerson, int(pid))
                if person is None or person.voided:
                    raise NotFound("名录中没有这个人员")
                raw = {
                    "meeting_no": m.number,
                    "name": person.name,
                    "unit": person.unit,
                    "title": person.title,
                    "rank": person.rank,
                    "phone": person.phone,
                    "role": role,
                    "rostrum": rostrum,
                }
                values = self.services.registers.check_values(reg, raw)
                made.append(participant_of(self.services.registers.create_in(s, actor, reg, values)))
            return made

    def _participant(self, s: Any, actor: Actor, participant_id: int) -> MeetingParticipant:
        p = s.get(MeetingParticipant, int(participant_id))
        if p is None or p.voided:
            raise NotFound("没有这名参会人员")
        self._meeting(s, actor, p.meeting_id or 0)
        return p

    def _set(self, s: Any, actor: Actor, p: MeetingParticipant, action: str, **changes: Any) -> None:
        before = {k: getattr(p, k) for k in changes}
        for k, v in changes.items():
            setattr(p, k, v)
        p.updated_at, p.updated_by = datetime.now(), actor.login
        detail = {k: {"before": str(before[k] or ""), "after": str(v or "")} for k, v in changes.items()}
        audit.record(s, actor, action, PARTICIPANTS, p.id, detail={"name": p.name, **detail})

    def sign_in(self, actor: Actor, meeting_id: int, query: str, now: datetime | None = None) -> SignIn:
        """Two characters of the name, or its pinyin initials: the one person not yet signed in is marked
        实到 with the time (迟到 after the start). Several matches: a Conflict naming them."""
        actor.require_role(*WRITE, action="签到")
        text = (query or "").strip()
        if not text:
            raise ValidationFailed({"query": "请输入姓名中的两个字或拼音首字母"})
        now = now or datetime.now().replace(microsecond=0)
        with self.services.db.write() as s:
            m = self._meeting(s, actor, meeting_id)
            rows = s.scalars(
                select(MeetingParticipant).where(
                    MeetingParticipant.meeting_id == m.id, MeetingParticipant.voided.is_(False)
                )
            ).all()
            if text.isascii():
                key = text.lower()
                found = [p for p in rows if initials(p.name).startswith(key)]
                exact = [p for p in found if initials(p.name) == key]
                found = exact or found
            else:
                found = [p for p in rows if text in p.name]
                exact = [p for p in found if p.name == text]
                found = exact or found
            if not found:
                raise NotFound(f"名单中没有与“{text}”相符的人员")
            waiting = [p for p in found if p.attendance != Attendance.PRESENT.value]
            if not waiting:
                p = found[0]
                raise Conflict(f"{p.name}已于{p.arrived_at:%H:%M}签到" if p.arrived_at else f"{p.name}已签到")
            if len(waiting) > 1:
                names = "、".join(f"{p.name}（{p.unit}）" for p in waiting[:8])
                raise Conflict(f"“{text}”对应多人：{names}，请多输入一个字")
            p = waiting[0]
            late = bool(m.starts_at and now > m.starts_at)
            self._set(s, actor, p, "sign_in", attendance=Attendance.PRESENT.value, arrived_at=now, late=late)
            return SignIn(participant_of(p), now, late)

    def mark(self, actor: Actor, participant_id: int, attendance: str, reason: str = "") -> Participant:
        """请假 (with its reason), 缺席, or back to 待到."""
        actor.require_role(*WRITE, action="登记出勤")
        if attendance not in {a.value for a in Attendance}:
            raise ValidationFailed({"attendance": "出勤应为待到、实到、请假或缺席"})
        if attendance == Attendance.LEAVE.value and not reason.strip():
            raise ValidationFailed({"leave_reason": "请假请填写事由"})
        with self.services.db.write() as s:
            p = self._participant(s, actor, participant_id)
            arrived = p.arrived_at if attendance == Attendance.PRESENT.value else None
            self._set(
                s,
                actor,
                p,
                "attendance",
                attendance=attendance,
                leave_reason=reason.strip(),
                arrived_at=arrived
                or (datetime.now().replace(microsecond=0) if attendance == "实到" else None),
                late=p.late if attendance == Attendance.PRESENT.value else False,
            )
            return participant_of(p)

    def reply(self, actor: Actor, participant_id: int, reply: str, substitute: str = "") -> Participant:
        """A 回执 came back: attending, sending ``substitute`` (代会) or not coming (请假)."""
        actor.require_role(*WRITE, action="登记回执")
        if reply not in {r.value for r in Reply}:
            raise ValidationFailed({"reply": "回执应为未回、已回、代会或不参加"})
        if reply == Reply.SUBSTITUTE.value and not substitute.strip():
            raise ValidationFailed({"substitute": "代会请填写代会人姓名"})
        with self.services.db.write() as s:
            p = self._participant(s, actor, participant_id)
            extra: dict[str, Any] = {}
            if reply == Reply.DECLINED.value and p.attendance == Attendance.EXPECTED.value:
                extra = {"attendance": Attendance.LEAVE.value, "leave_reason": p.leave_reason or "回执请假"}
            self._set(s, actor, p, "reply", reply=reply, substitute=substitute.strip(), **extra)
            return participant_of(p)

    def chase(self, actor: Actor, meeting_id: int, now: datetime | None = None) -> list[Participant]:
        """催报: everyone whose 回执 has not come back, each marked chased now; the list is who to call."""
        actor.require_role(*WRITE, action="催报回执")
        now = now or datetime.now().replace(microsecond=0)
        with self.services.db.write() as s:
            m = self._meeting(s, actor, meeting_id)
            rows = s.scalars(
                select(MeetingParticipant).where(
                    MeetingParticipant.meeting_id == m.id,
                    MeetingParticipant.voided.is_(False),
                    MeetingParticipant.role != AttendRole.STAFF.value,
                    (MeetingParticipant.reply == Reply.NONE.value) | MeetingParticipant.reply.is_(None),
                )
            ).all()
            for p in rows:
                p.chased_at = now
            audit.record(s, actor, "chase", MEETINGS, m.id, detail={"people": [p.name for p in rows]})
            return protocol_order([participant_of(p) for p in rows])

    def overlaps(self, actor: Actor, meeting_id: int) -> list[Overlap]:
        """People of this meeting also listed in another meeting at an overlapping time (a warning)."""
        actor.require_role(*READ, action="查看会议")
        with self.services.db.read() as s:
            m = self._meeting(s, actor, meeting_id)
            window = checks.span(m.starts_at, m.ends_at)
            if window is None:
                return []
            lo, hi = window
            names = s.scalars(
                select(MeetingParticipant.name).where(
                    MeetingParticipant.meeting_id == m.id, MeetingParticipant.voided.is_(False)
                )
            ).all()
            if not names:
                return []
            q = (
                select(MeetingParticipant.name, Meeting)
                .join(Meeting, Meeting.id == MeetingParticipant.meeting_id)
                .where(
                    Meeting.id != m.id,
                    Meeting.voided.is_(False),
                    MeetingParticipant.voided.is_(False),
                    MeetingParticipant.name.in_(names),
                    Meeting.starts_at < hi,
                    Meeting.starts_at > lo - timedelta(days=31),
                )
            )
            out = []
            for name, other in s.execute(q).all():
                o = checks.span(other.starts_at, other.ends_at)
                if o and o[0] < hi and lo < o[1]:
                    out.append(Overlap(name, other.number, other.name, other.starts_at))
            return sorted(out, key=lambda o: (o.name, o.other_number))

    def decisions(self, actor: Actor, meeting_id: int) -> list[Decision]:
        """The 议定事项, numbered as in the minutes: 待督办, or the 督办 item each became."""
        info = self.meeting(actor, meeting_id)
        linked = self._supervised(info)
        return [
            Decision(i, text, f"已立项督办（{linked[i]}）" if i in linked else "待督办")
            for i, text in enumerate(info.decisions, start=1)
        ]

    @staticmethod
    def _decision_ref(info: MeetingInfo, n: int) -> str:
        return f"{info.number}议定事项第{n}项"

    def _supervised(self, info: MeetingInfo) -> dict[int, str]:
        """Decision number -> the number of the 督办 item made from it (when the 督办 area is installed)."""
        if SUPERVISION_ITEMS not in self.services.catalog.keys():
            return {}
        # another area's table, known here only by its register key: its columns by name
        items = self.services.catalog.get(SUPERVISION_ITEMS).model.__table__.c
        with self.services.db.read() as s:
            rows = s.execute(
                select(items.source_ref, items.number).where(
                    items.source_register == MEETINGS,
                    items.source_record_id == info.id,
                    items.voided.is_(False),
                )
            ).all()
        refs = {self._decision_ref(info, n): n for n in range(1, len(info.decisions) + 1)}
        return {refs[ref]: number for ref, number in rows if ref in refs}

    def supervise(self, actor: Actor, meeting_id: int) -> list[Decision]:
        """Every 议定事项 not yet supervised becomes a 督办 item (source 会议议定, linked to the meeting) in one
        transaction; returns the decisions with their new state."""
        if SUPERVISION_ITEMS not in self.services.catalog.keys():
            raise Conflict("本系统未安装督查督办模块，议定事项暂列为“待督办”")
        reg = self.services.catalog.get(SUPERVISION_ITEMS)
        actor.require_role(*reg.write_roles, action="议定事项立项督办")
        info = self.meeting(actor, meeting_id)
        if not info.decisions:
            raise ValidationFailed({"decisions": "该会议没有议定事项"})
        done = self._supervised(info)
        todo = [(n, text) for n, text in enumerate(info.decisions, start=1) if n not in done]
        if not todo:
            raise Conflict("该会议的议定事项已全部立项督办")
        received = (info.starts_at.date() if info.starts_at else date.today()).isoformat()
        with self.services.db.write() as s:
            for n, text in todo:
                values = self.services.registers.check_values(
                    reg,
                    {
                        "received_on": received,
                        "source": "会议议定",
                        "source_ref": self._decision_ref(info, n),
                        "content": f"{info.name}议定：{text}",
                        "secret_level": info.secret_level or "none",
                    },
                )
                self.services.registers.create_in(
                    s, actor, reg, values, extra={"source_register": MEETINGS, "source_record_id": info.id}
                )
        return self.decisions(actor, meeting_id)

    # --- preparation, calendar ---------------------------------------------------------------------
    def due_tasks(
        self, actor: Actor, today: date | None = None, within_days: int = 2
    ) -> list[tuple[MeetingTask, str]]:
        """Preparation items not done and due by ``within_days`` from today (overdue ones first), with their
        meeting's name; only what the actor's clearance covers (the task's and its meeting's 密级)."""
        actor.require_role(*READ, action="查看会务筹备")
        today = today or date.today()
        with self.services.db.read() as s:
            q = (
                select(MeetingTask, Meeting.name, Meeting.secret_level)
                .join(Meeting, Meeting.id == MeetingTask.meeting_id)
                .where(
                    MeetingTask.voided.is_(False),
                    Meeting.voided.is_(False),
                    MeetingTask.state != TaskState.DONE.value,
                    MeetingTask.due_on <= today + timedelta(days=within_days),
                )
                .order_by(MeetingTask.due_on)
                .limit(200)
            )
            rows = s.execute(q).all()
            for t, _, _ in rows:
                s.expunge(t)
            return [
                (t, name) for t, name, level in rows if actor.can_see(t.secret_level) and actor.can_see(level)
            ]

    def overdue_tasks(self, actor: Actor, today: date | None = None) -> list[tuple[MeetingTask, str]]:
        today = today or date.today()
        return [
            (t, m) for t, m in self.due_tasks(actor, today, 0) if t.due_on is not None and t.due_on < today
        ]

    def calendar(self, actor: Actor, start: date, end: date, room: str = "") -> list[CalendarEntry]:
        """Meetings from ``start`` to ``end`` (inclusive), optionally of one room, by time."""
        actor.require_role(*READ, action="查看会议日程")
        if end < start:
            raise ValidationFailed({"end": "结束日期不能早于开始日期"})
        lo, hi = (
            datetime.combine(start, datetime.min.time()),
            datetime.combine(end + timedelta(days=1), datetime.min.time()),
        )
        with self.services.db.read() as s:
            q = select(Meeting).where(
                Meeting.voided.is_(False),
                Meeting.starts_at >= lo - timedelta(days=31),
                Meeting.starts_at < hi,
            )
            if room:
                q = q.where(Meeting.room == room)
            out = []
            for m in s.scalars(q.order_by(Meeting.starts_at)):
                window = checks.span(m.starts_at, m.ends_at)
                if window is None or not actor.can_see(m.secret_level):
                    continue
                a, b = window
                if b > lo:
                    out.append(CalendarEntry(m.id, m.number, m.name, m.kind, m.room, a, b))
            if not out:
                return out
            listed = dict(
                s.execute(
                    select(MeetingParticipant.meeting_id, func.count())
                    .where(
                        MeetingParticipant.meeting_id.in_([e.id for e in out]),
                        MeetingParticipant.voided.is_(False),
                    )
                    .group_by(MeetingParticipant.meeting_id)
                ).all()
            )
            return [replace(e, people=listed.get(e.id, 0)) for e in out]

    # --- 通知文号 ---------------------------------------------------------------------------------
    def notice_prefixes(self) -> list[str]:
        """The 机关代字 the office issues meeting notices under (系统设置), for the form's 取号."""
        from app.areas.meetings.notice_numbers import prefixes

        with self.services.db.read() as s:
            return prefixes(s)

    def next_notice_number(self, actor: Actor, prefix: str, year: int | None = None) -> str:
        """The next 通知文号 of ``prefix`` (after the 发文 register's and other meetings' numbers); proposed
        only, nothing is reserved."""
        from app.areas.meetings.notice_numbers import next_notice_number

        actor.require_role(*WRITE, action="取通知文号")
        with self.services.db.read() as s:
            return next_notice_number(self.services, s, prefix, year or date.today().year)

    def room_names(self, actor: Actor) -> list[str]:
        """The 会议室 of the room register (not voided), by name: the calendar's choice of a room's use."""
        actor.require_role(*READ, action="查看会议室")
        with self.services.db.read() as s:
            return list(
                s.scalars(
                    select(MeetingRoom.name)
                    .where(MeetingRoom.voided.is_(False), MeetingRoom.name != "")
                    .order_by(MeetingRoom.name)
                )
            )

    def types(self) -> tuple[list[str], set[str]]:
        with self.services.db.read() as s:
            return checks.meeting_types(s)

    # --- statistics --------------------------------------------------------------------------------
    def statistics(
        self, actor: Actor, year: int, start: date | None = None, end: date | None = None
    ) -> MeetingStats:
        """The year's (or a quarter's, a month's inside it) figures of the meetings the actor may see."""
        from app.areas.meetings.statistics import statistics

        actor.require_role(*READ, action="查看会议统计")
        return statistics(self.services, year, clearance=actor.clearance, start=start, end=end)


from app.areas.meetings.statistics import MeetingStats  # noqa: E402  (the dataclass, for type hints)

# ``services.service(SERVICE)`` is this area's MeetingsService, typed
SERVICE = ServiceKey("meetings", MeetingsService)

"""The 值班 area's actions: generating the roster for a period (one transaction, absences respected),
swaps that take effect only when a leader approves them, today's duty, the 突发事件 reporting clock and
the figures for the annual report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from app.areas.duty.registers import (
    LOG,
    SHIFT_REGISTER,
    SHIFTS,
    DayKind,
    EmergencyGrade,
    LogKind,
    split_people,
)
from app.domain import roster as rostering
from app.domain.enums import Role, SecretLevel
from app.domain.errors import Conflict, NotFound, ValidationFailed
from app.domain.workdays import WorkCalendar, default_calendar
from app.kit.area import ServiceKey
from app.services import audit
from app.services.actor import Actor
from app.services.settings import get_value
from db.models.duty import DutyAbsence, DutyLogEntry, DutyShift, DutySwap

if TYPE_CHECKING:
    from app.services.container import Services

MAX_DAYS = 400  # a roster is generated for a month, a holiday or at most a year at a time
DEFAULT_LIMITS = {"I": (15, 30), "II": (15, 30), "III": (30, 60), "IV": (30, 60)}  # minutes: phone, written


def parse_people(text: str) -> list[str]:
    people = split_people(text)
    if len(set(people)) != len(people):
        raise ValueError("名单中有重复的名字")
    return people


def parse_limits(text: str) -> dict[str, tuple[int, int]]:
    """'特别重大 15/30，重大 15/30，较大 30/60，一般 30/60' -> {grade: (phone minutes, written minutes)}."""
    limits = dict(DEFAULT_LIMITS)
    text = (text or "").strip()
    if not text:
        return limits
    by_label = {g.label: g.value for g in EmergencyGrade}
    for part in text.replace(",", "，").replace(";", "，").replace("；", "，").split("，"):
        part = part.strip()
        if not part:
            continue
        label, _, minutes = part.partition(" ")
        if label not in by_label or "/" not in minutes:
            raise ValueError("应写成“特别重大 15/30，重大 15/30，较大 30/60，一般 30/60”（分钟：电话/书面）")
        phone, written = minutes.strip().split("/", 1)
        if not (phone.strip().isdigit() and written.strip().isdigit()):
            raise ValueError(f"“{part}”中的时限应为分钟数")
        limits[by_label[label]] = (int(phone), int(written))
    return limits


@dataclass(frozen=True)
class ShiftInfo:
    id: int
    day: date
    slot: str
    day_kind: str
    leader: str
    staff: tuple[str, ...]
    phone: str


@dataclass(frozen=True)
class RosterResult:
    shifts: tuple[ShiftInfo, ...]
    counts: Mapping[str, Mapping[str, int]]
    problems: tuple[str, ...]
    saved: int
    replaced: int

    def counts_text(self) -> list[str]:
        lines = []
        for person, c in self.counts.items():
            total = sum(c.values())
            lines.append(
                f"{person}：共{total}班（工作日{c['weekday']}，休息日{c['weekend']}，节假日{c['holiday']}）"
            )
        return lines


@dataclass(frozen=True)
class SwapInfo:
    id: int
    person_a: str
    day_a: date
    person_b: str
    day_b: date
    reason: str
    state: str
    requested_by: str
    decided_by: str


@dataclass(frozen=True)
class ReportDue:
    record_id: int
    number: str
    content: str
    at: datetime
    what: str  # 电话报告 / 书面报告
    due: datetime


@dataclass(frozen=True)
class DutyStats:
    start: date
    end: date
    days: int
    leader_shifts: int
    staff_shifts: int
    holiday_days: int
    log_by_kind: Mapping[str, int]
    emergencies: int
    by_month: Mapping[int, int]  # month -> log entries


def _info(obj: DutyShift) -> ShiftInfo:
    # listed by day range, created by the roster or checked by _shift: never a shift without its day
    assert obj.day is not None
    return ShiftInfo(
        obj.id, obj.day, obj.slot, obj.day_kind or "", obj.leader, tuple(split_people(obj.staff)), obj.phone
    )


class DutyService:
    def __init__(self, services: Services, calendar: WorkCalendar | None = None) -> None:
        self.services = services
        self.db = services.db
        self.calendar = calendar or default_calendar()

    # --- roster ----------------------------------------------------------------------------------
    def base_order(self) -> tuple[list[str], list[str]]:
        """The rotation's base order from 系统设置 (带班领导, 值班人员)."""
        with self.db.read() as s:
            leaders = get_value(s, "duty.leaders") or ""
            staff = get_value(s, "duty.staff") or ""
        return split_people(leaders), split_people(staff)

    def generate(
        self,
        actor: Actor,
        start: date,
        end: date,
        *,
        leaders: Sequence[str] | None = None,
        staff: Sequence[str] | None = None,
        staff_per_shift: int = 1,
        night_shifts: bool = False,
        replace: bool = False,
        save: bool = True,
        phone: str = "",
    ) -> RosterResult:
        """The roster for [start, end]; saved in one transaction unless ``save`` is False (a preview)."""
        actor.require_role(*SHIFT_REGISTER.write_roles, action="编排值班表")
        errors: dict[str, str] = {}
        if end < start:
            errors["end"] = "结束日期不能早于开始日期"
        elif (end - start).days >= MAX_DAYS:
            errors["end"] = f"一次最多编排{MAX_DAYS}天"
        base_leaders, base_staff = self.base_order()
        leaders = list(leaders) if leaders else base_leaders
        staff = list(staff) if staff else base_staff
        if not leaders:
            errors["leaders"] = "请填写带班领导名单（系统设置“值班：带班领导轮换顺序”或在此填写）"
        if len(staff) < staff_per_shift:
            errors["staff"] = f"每班需要{staff_per_shift}名值班人员，名单只有{len(staff)}人"
        if len(set(leaders)) != len(leaders) or len(set(staff)) != len(staff):
            errors["staff" if len(set(staff)) != len(staff) else "leaders"] = "名单中有重复的名字"
        if not 1 <= staff_per_shift <= 5:
            errors["staff_per_shift"] = "每班值班人数应为1到5人"
        if errors:
            raise ValidationFailed(errors)
        with self.db.write() if save else self.db.read() as s:
            away = self._absences(s, start, end)
            after = self._last_before(s, start)
            plan = rostering.generate(
                start,
                end,
                leaders,
                staff,
                self.calendar,
                staff_per_shift=staff_per_shift,
                night_shifts=night_shifts,
                away=away,
                after=after,
            )
            unknown = [y for y in range(start.year, end.year + 1) if not self.calendar.knows(y)]
            if unknown:
                years = "、".join(str(y) for y in unknown)
                note = f"节假日日历中没有{years}年的放假安排，按普通周末排班（请系统管理员在系统设置中录入）"
                plan = rostering.Roster(plan.shifts, plan.counts, (note, *plan.problems))
            existing = list(
                s.scalars(
                    select(DutyShift).where(
                        DutyShift.day >= start, DutyShift.day <= end, DutyShift.voided.is_(False)
                    )
                )
            )
            if existing and save and not replace:
                first = min(e.day for e in existing if e.day is not None)  # by day range: all have one
                raise Conflict(
                    f"{start.isoformat()}至{end.isoformat()}已有{len(existing)}班值班安排（最早{first.isoformat()}），"
                    "如要重新编排请选择“替换已有安排”"
                )
            if not save:
                shifts = tuple(
                    ShiftInfo(0, x.day, x.slot, x.kind, x.leader, x.staff, phone) for x in plan.shifts
                )
                return RosterResult(shifts, plan.counts, plan.problems, 0, 0)
            now = datetime.now()
            for e in existing:
                e.voided, e.void_reason, e.voided_at, e.voided_by = True, "重新编排值班表", now, actor.login
            rows = [
                {
                    "day": x.day,
                    "slot": x.slot,
                    "day_kind": DayKind(x.kind).value,
                    "leader": x.leader,
                    "staff": "、".join(x.staff),
                    "phone": phone,
                    "note": "",
                }
                for x in plan.shifts
            ]
            # one action, one audit entry (the period, how many shifts, how many replaced)
            ids = self.services.registers.bulk_create_in(
                s,
                actor,
                SHIFT_REGISTER,
                rows,
                "duty_generate",
                {"from": start.isoformat(), "to": end.isoformat(), "replaced": len(existing)},
            )
            created = s.scalars(select(DutyShift).where(DutyShift.id.in_(ids)).order_by(DutyShift.id)).all()
            return RosterResult(
                tuple(_info(o) for o in created), plan.counts, plan.problems, len(created), len(existing)
            )

    @staticmethod
    def _last_before(s, start: date) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
        """Who was last on duty before ``start``, on a working day and on a rest day: the turn goes on."""
        after: dict[str, tuple[str, str]] = {}
        for group, kinds in (("work", ("weekday",)), ("rest", ("weekend", "holiday"))):
            last = s.scalars(
                select(DutyShift)
                .where(DutyShift.day < start, DutyShift.voided.is_(False), DutyShift.day_kind.in_(kinds))
                .order_by(DutyShift.day.desc(), DutyShift.id.desc())
                .limit(1)
            ).first()
            if last is not None:
                leader, staff = last.leader, split_people(last.staff)
                # an approved swap does not move the turn: the base order goes on from whom the roster
                # had put there
                for w in s.scalars(
                    select(DutySwap).where(
                        DutySwap.state == "approved",
                        (DutySwap.shift_a_id == last.id) | (DutySwap.shift_b_id == last.id),
                    )
                ):
                    came, went = (
                        (w.person_b, w.person_a) if w.shift_a_id == last.id else (w.person_a, w.person_b)
                    )
                    leader = went if leader == came else leader
                    staff = [went if p == came else p for p in staff]
                after[group] = (leader, staff[-1] if staff else "")
        return after

    @staticmethod
    def _absences(s, start: date, end: date) -> dict[str, set[date]]:  # type: ignore[no-untyped-def]
        away: dict[str, set[date]] = {}
        rows = s.scalars(
            select(DutyAbsence).where(
                DutyAbsence.voided.is_(False), DutyAbsence.start_on <= end, DutyAbsence.end_on >= start
            )
        )
        for a in rows:
            day = max(a.start_on, start)
            while day <= min(a.end_on, end):
                away.setdefault(a.person, set()).add(day)
                day += timedelta(days=1)
        return away

    def shifts(self, actor: Actor, start: date, end: date) -> list[ShiftInfo]:
        actor.require_role(*SHIFT_REGISTER.read_roles, action="查看值班表")
        with self.db.read() as s:
            rows = s.scalars(
                select(DutyShift)
                .where(DutyShift.day >= start, DutyShift.day <= end, DutyShift.voided.is_(False))
                .order_by(DutyShift.day, DutyShift.slot.desc())
            )
            return [_info(o) for o in rows]

    def today(self, actor: Actor, day: date | None = None) -> list[ShiftInfo]:
        day = day or date.today()
        return self.shifts(actor, day, day)

    def fairness(self, actor: Actor, start: date, end: date) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = {}
        for sh in self.shifts(actor, start, end):
            for person in (sh.leader, *sh.staff):
                if person:
                    c = counts.setdefault(person, {"weekday": 0, "weekend": 0, "holiday": 0})
                    c[sh.day_kind or "weekday"] += 1
        return counts

    # --- swaps -----------------------------------------------------------------------------------
    def request_swap(
        self, actor: Actor, shift_a: int, person_a: str, shift_b: int, person_b: str, reason: str
    ) -> SwapInfo:
        actor.require_role(*SHIFT_REGISTER.write_roles, action="申请调班")
        reason = (reason or "").strip()
        if not reason:
            raise ValidationFailed({"reason": "请填写调班事由"})
        with self.db.write() as s:
            a, b = self._shift(s, shift_a), self._shift(s, shift_b)
            self._on_shift(a, person_a, "person_a")
            self._on_shift(b, person_b, "person_b")
            if a.id == b.id:
                raise ValidationFailed({"shift_b": "调班须是两个不同的班次"})
            if person_a == person_b:
                raise ValidationFailed({"person_b": "调班须是两个不同的人"})
            swap = DutySwap(
                shift_a_id=a.id,
                person_a=person_a,
                shift_b_id=b.id,
                person_b=person_b,
                reason=reason,
                requested_by=actor.login,
                requested_at=datetime.now(),
            )
            s.add(swap)
            s.flush()
            audit.record(
                s,
                actor,
                "duty_swap_request",
                SHIFTS,
                a.id,
                detail={"swap": swap.id, "a": f"{a.day} {person_a}", "b": f"{b.day} {person_b}"},
            )
            return self._swap_info(s, swap)

    def decide_swap(self, actor: Actor, swap_id: int, approve: bool, note: str = "") -> SwapInfo:
        """A leader (带班领导/办公室负责人) approves or refuses; approval exchanges the two shifts at once."""
        actor.require_role(Role.LEADER, action="审批调班")
        with self.db.write() as s:
            swap = s.get(DutySwap, swap_id)
            if swap is None:
                raise NotFound(f"没有编号为{swap_id}的调班申请")
            if swap.state != "pending":
                raise Conflict("该调班申请已经处理过")
            swap.state = "approved" if approve else "refused"
            swap.decided_by, swap.decided_at, swap.decision_note = actor.login, datetime.now(), note.strip()
            if approve:
                a, b = self._shift(s, swap.shift_a_id), self._shift(s, swap.shift_b_id)
                self._on_shift(a, swap.person_a, "person_a")
                self._on_shift(b, swap.person_b, "person_b")
                for shift, old, new in ((a, swap.person_a, swap.person_b), (b, swap.person_b, swap.person_a)):
                    values = self._replaced(shift, old, new)
                    self._check_same_day(s, shift, new)
                    self.services.registers.update_in(s, actor, SHIFT_REGISTER, shift, values)
            audit.record(
                s,
                actor,
                "duty_swap_approve" if approve else "duty_swap_refuse",
                SHIFTS,
                swap.shift_a_id,
                detail={"swap": swap.id},
            )
            return self._swap_info(s, swap)

    def swaps(self, actor: Actor, state: str | None = "pending") -> list[SwapInfo]:
        actor.require_role(*SHIFT_REGISTER.read_roles, action="查看调班申请")
        with self.db.read() as s:
            q = select(DutySwap).order_by(DutySwap.requested_at.desc())
            if state:
                q = q.where(DutySwap.state == state)
            return [self._swap_info(s, w) for w in s.scalars(q.limit(200))]

    @staticmethod
    def _shift(s, shift_id: int) -> DutyShift:  # type: ignore[no-untyped-def]
        obj = s.get(DutyShift, shift_id)
        if obj is None or obj.voided:
            raise NotFound(f"没有编号为{shift_id}的值班安排（或已作废）")
        if obj.day is None:  # imported history without its date: nothing to swap with
            raise Conflict(f"编号为{shift_id}的值班安排没有值班日期，不能调班")
        return obj

    @staticmethod
    def _on_shift(shift: DutyShift, person: str, field: str) -> None:
        if person != shift.leader and person not in split_people(shift.staff):
            raise ValidationFailed({field: f"{person}不在{shift.day}{shift.slot}的值班安排中"})

    @staticmethod
    def _replaced(shift: DutyShift, old: str, new: str) -> dict[str, str]:
        if shift.leader == old:
            return {"leader": new}
        return {"staff": "、".join(new if p == old else p for p in split_people(shift.staff))}

    @staticmethod
    def _check_same_day(s, shift: DutyShift, person: str) -> None:  # type: ignore[no-untyped-def]
        others = s.scalars(
            select(DutyShift).where(
                DutyShift.day == shift.day, DutyShift.id != shift.id, DutyShift.voided.is_(False)
            )
        )
        for o in others:
            if person == o.leader or person in split_people(o.staff):
                raise Conflict(f"调班后{person}在{shift.day}同时有两个班次（{o.slot}和{shift.slot}）")

    @staticmethod
    def _swap_info(s, w: DutySwap) -> SwapInfo:  # type: ignore[no-untyped-def]
        a, b = s.get(DutyShift, w.shift_a_id), s.get(DutyShift, w.shift_b_id)
        return SwapInfo(
            w.id, w.person_a, a.day, w.person_b, b.day, w.reason, w.state, w.requested_by, w.decided_by
        )

    # --- duty log: the 突发事件 reporting clock -----------------------------------------------------
    def limits(self) -> dict[str, tuple[int, int]]:
        with self.db.read() as s:
            return parse_limits(get_value(s, "duty.report_limits") or "")

    def reports_due(self, actor: Actor, now: datetime | None = None) -> list[ReportDue]:
        """突发事件 whose report up (by phone, in writing) is not recorded: when each is due or was due."""
        actor.require_role(Role.DUTY, Role.LEADER, action="查看值班记录")
        now = now or datetime.now()
        limits = self.limits()
        out: list[ReportDue] = []
        with self.db.read() as s:
            rows = s.scalars(
                select(DutyLogEntry)
                .where(
                    DutyLogEntry.kind == LogKind.EMERGENCY.value,
                    DutyLogEntry.voided.is_(False),
                    DutyLogEntry.at >= now - timedelta(days=30),
                    DutyLogEntry.reported_phone_at.is_(None) | DutyLogEntry.reported_written_at.is_(None),
                )
                .order_by(DutyLogEntry.at)
            )
            for e in rows:
                if e.at is None or not actor.can_see(
                    e.secret_level
                ):  # the range leaves out entries without time
                    continue
                phone, written = limits.get(e.grade or "IV", DEFAULT_LIMITS["IV"])
                if e.reported_phone_at is None:
                    out.append(
                        ReportDue(
                            e.id, e.number, e.content, e.at, "电话报告", e.at + timedelta(minutes=phone)
                        )
                    )
                if e.reported_written_at is None:
                    out.append(
                        ReportDue(
                            e.id, e.number, e.content, e.at, "书面报告", e.at + timedelta(minutes=written)
                        )
                    )
        return out

    # --- statistics ------------------------------------------------------------------------------
    def statistics(self, actor: Actor, start: date, end: date) -> DutyStats:
        actor.require_role(Role.DUTY, Role.LEADER, action="查看值班统计")
        if end < start:
            raise ValidationFailed({"end": "结束日期不能早于开始日期"})
        shifts = self.shifts(actor, start, end)
        t0, t1 = datetime.combine(start, time.min), datetime.combine(end + timedelta(days=1), time.min)
        # log entries above the reader's clearance are not counted (the annual report says so in its header)
        live = (
            DutyLogEntry.voided.is_(False),
            DutyLogEntry.at >= t0,
            DutyLogEntry.at < t1,
            DutyLogEntry.secret_level.in_(SecretLevel.levels_up_to(actor.clearance)),
        )
        with self.db.read() as s:
            by_kind = dict(
                s.execute(
                    select(DutyLogEntry.kind, func.count()).where(*live).group_by(DutyLogEntry.kind)
                ).all()
            )
            month = func.extract("month", DutyLogEntry.at)
            months = Counter(
                {
                    int(m): n
                    for m, n in s.execute(select(month, func.count()).where(*live).group_by(month)).all()
                }
            )
        labels = {k.value: k.label for k in LogKind}
        return DutyStats(
            start,
            end,
            len({sh.day for sh in shifts}),
            sum(1 for sh in shifts if sh.leader),
            sum(len(sh.staff) for sh in shifts),
            len({sh.day for sh in shifts if sh.day_kind == DayKind.HOLIDAY.value}),
            {labels.get(k, k or ""): n for k, n in by_kind.items()},
            by_kind.get(LogKind.EMERGENCY.value, 0),
            dict(sorted(months.items())),
        )


LOG_KEY = LOG


# ``services.service(SERVICE)`` is this area's DutyService, typed
SERVICE = ServiceKey("duty", DutyService)

"""The duty roster (值班表, domain.md §7.3): each day (and night, where kept) pairs a 带班领导 with duty staff,
rotating in a fixed base order (working days and rest days each their own turn), aware of weekends, statutory holidays and 调休 working days, skipping people
who are away, with counts per person so the load can be seen to be fair. Swaps keep the base order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.domain.workdays import WorkCalendar

WEEKDAY, WEEKEND, HOLIDAY = "weekday", "weekend", "holiday"
DAY_KIND_LABELS = {WEEKDAY: "工作日", WEEKEND: "休息日", HOLIDAY: "节假日"}


def day_kind(day: date, calendar: WorkCalendar) -> str:
    if day in calendar.holidays and day not in calendar.makeup_workdays:
        return HOLIDAY
    return WEEKDAY if calendar.is_workday(day) else WEEKEND


@dataclass(frozen=True)
class Shift:
    day: date
    slot: str  # "白班" | "夜班"
    kind: str  # weekday / weekend / holiday
    leader: str
    staff: tuple[str, ...]


@dataclass(frozen=True)
class Roster:
    shifts: tuple[Shift, ...]
    counts: Mapping[str, Mapping[str, int]]  # person -> {weekday, weekend, holiday} shifts
    problems: tuple[str, ...] = ()


@dataclass
class _Rotation:
    order: Sequence[str]
    cursor: int = 0
    taken: dict[str, dict[str, int]] = field(default_factory=dict)

    def next(
        self, day: date, kind: str, away: Mapping[str, set[date]], busy: set[str], count: int
    ) -> list[str]:
        """The next ``count`` people in base order who are free that day; the cursor moves past them, so
        someone skipped for leave is not made up for by reshuffling everyone after them."""
        chosen: list[str] = []
        tried = 0
        while len(chosen) < count and tried < len(self.order):
            person = self.order[(self.cursor + tried) % len(self.order)]
            tried += 1
            if day in away.get(person, set()) or person in busy or person in chosen:
                continue
            chosen.append(person)
        self.cursor = (self.cursor + tried) % max(len(self.order), 1)
        for p in chosen:
            self.taken.setdefault(p, {WEEKDAY: 0, WEEKEND: 0, HOLIDAY: 0})[kind] += 1
        return chosen


def generate(
    start: date,
    end: date,
    leaders: Sequence[str],
    staff: Sequence[str],
    calendar: WorkCalendar,
    *,
    staff_per_shift: int = 1,
    night_shifts: bool = False,
    away: Mapping[str, set[date]] | None = None,
    after: Mapping[str, tuple[str, str]] | None = None,
) -> Roster:
    """A roster for [start, end]. Leaders and staff rotate separately, each in their own base order.
    ``after`` = {"work"|"rest": (last leader, last staff member)} of the previous period: the turn goes on
    from the next person instead of starting the base order again each month."""
    if end < start:
        raise ValueError("结束日期不能早于开始日期")
    if not leaders:
        raise ValueError("没有可带班的领导")
    if len(staff) < staff_per_shift:
        raise ValueError(f"每班需要{staff_per_shift}名值班人员，名单只有{len(staff)}人")
    away = away or {}
    # Working days and rest days (weekends, holidays) rotate separately, each in base order: with one
    # rotation a group of 7 would put the same person on every Saturday.
    leads = {"work": _Rotation(leaders), "rest": _Rotation(leaders)}
    works = {"work": _Rotation(staff), "rest": _Rotation(staff)}
    for group, (last_leader, last_staff) in (after or {}).items():
        if last_leader in leaders:
            leads[group].cursor = (list(leaders).index(last_leader) + 1) % len(leaders)
        if last_staff in staff:
            works[group].cursor = (list(staff).index(last_staff) + 1) % len(staff)
    shifts: list[Shift] = []
    problems: list[str] = []
    day = start
    slots = ("白班", "夜班") if night_shifts else ("全天",)
    while day <= end:
        kind = day_kind(day, calendar)
        group = "work" if kind == WEEKDAY else "rest"
        lead, work = leads[group], works[group]
        on_today: set[str] = set()
        for slot in slots:
            leader = lead.next(day, kind, away, set(), 1)
            people = work.next(day, kind, away, on_today, staff_per_shift)
            on_today.update(people)
            if not leader:
                problems.append(f"{day.isoformat()} {slot}没有可带班的领导（都不在岗）")
            if len(people) < staff_per_shift:
                problems.append(f"{day.isoformat()} {slot}值班人员不足（需要{staff_per_shift}人）")
            shifts.append(Shift(day, slot, kind, leader[0] if leader else "", tuple(people)))
        day += timedelta(days=1)
    counts: dict[str, dict[str, int]] = {}
    for rotation in (*leads.values(), *works.values()):
        for person, taken in rotation.taken.items():
            total = counts.setdefault(person, {WEEKDAY: 0, WEEKEND: 0, HOLIDAY: 0})
            for k, n in taken.items():
                total[k] += n
    return Roster(tuple(shifts), counts, tuple(problems))


def swap_shifts(roster: Roster, day_a: date, person_a: str, day_b: date, person_b: str) -> Roster:
    """Two people exchange one shift each (approved beforehand); every other shift stays as generated."""
    out: list[Shift] = []
    found = {"a": False, "b": False}
    for s in roster.shifts:
        if s.day == day_a and person_a in (s.leader, *s.staff):
            found["a"] = True
            s = _replace_person(s, person_a, person_b)
        elif s.day == day_b and person_b in (s.leader, *s.staff):
            found["b"] = True
            s = _replace_person(s, person_b, person_a)
        out.append(s)
    if not all(found.values()):
        missing = f"{day_a.isoformat()} {person_a}" if not found["a"] else f"{day_b.isoformat()} {person_b}"
        raise ValueError(f"值班表中没有这一班：{missing}")
    for s in out:
        people = [s.leader, *s.staff]
        if len(set(people)) != len(people):
            raise ValueError(f"调换后{s.day.isoformat()}同一人同时值两个岗位")
    counts: dict[str, dict[str, int]] = {}
    for s in out:
        for p in (s.leader, *s.staff):
            if p:
                counts.setdefault(p, {WEEKDAY: 0, WEEKEND: 0, HOLIDAY: 0})[s.kind] += 1
    return Roster(tuple(out), counts, roster.problems)


def _replace_person(s: Shift, old: str, new: str) -> Shift:
    if s.leader == old:
        return Shift(s.day, s.slot, s.kind, new, s.staff)
    return Shift(s.day, s.slot, s.kind, s.leader, tuple(new if p == old else p for p in s.staff))

"""The 工作台 (workbench, the home tab) as plain data: today's duty (值班), today's and this week's meetings
(会议), every overdue and due-soon item of the areas the user works in grouped by urgency, and the
unacknowledged 特提/特急 telegrams. Each area says what is due through its declared ``dashboard``; duty and
meetings through their typed services. Every piece checks the user's roles and clearance in the service
that reads it; what one area cannot read is reported, never a reason to show nothing at all."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, TypeVar

from app.areas.duty.registers import SHIFTS
from app.areas.duty.service import DutyService
from app.areas.meetings.registers import MEETINGS
from app.areas.meetings.service import MeetingsService
from app.domain.errors import AppError
from app.kit.area import DashboardItem
from app.services.actor import Actor
from app.services.workbench_figures import YearFigures, year_figures

if TYPE_CHECKING:
    from app.services.container import Services

T = TypeVar("T")

# The groups of the attention list, most urgent first: (urgency, heading)
GROUPS = (("overdue", "已超期"), ("due_soon", "即将到期"), ("todo", "待跟进"))
WEEKDAYS = "一二三四五六日"


def chinese_date(d: date) -> str:
    """2026年12月1日（星期二）: how the office writes a date on its own papers."""
    return f"{d.year}年{d.month}月{d.day}日（星期{WEEKDAYS[d.weekday()]}）"


@dataclass(frozen=True)
class DutyLine:
    shift_id: int
    slot: str  # 白班 / 夜班 / 全天 …
    leader: str
    staff: tuple[str, ...]
    phone: str


@dataclass(frozen=True)
class MeetingLine:
    meeting_id: int
    number: str
    name: str
    kind: str
    room: str
    starts_at: datetime
    ends_at: datetime
    people: int

    @property
    def register(self) -> str:
        return MEETINGS


@dataclass(frozen=True)
class WorkItem:
    """One line of the attention list (or of the alerts above it)."""

    urgency: str  # "alert" | "overdue" | "due_soon" | "todo"
    area: str
    area_title: str
    category: str  # 催办, 退还, 清退, 信访受理告知, 督办红色, 会务筹备, 份号待补 …
    number: str
    title: str
    detail: str
    due: datetime | None
    register: str
    record_id: int | None
    alert_id: int | None = None
    colour: str = ""  # 督办: red / yellow / blue

    @property
    def opens_record(self) -> bool:
        return self.record_id is not None


@dataclass(frozen=True)
class ItemGroup:
    urgency: str
    heading: str
    items: tuple[WorkItem, ...]


@dataclass(frozen=True)
class Attention:
    """Everything of the home tab except the year's figures (those come from ``figures()``)."""

    today: date
    duty: tuple[DutyLine, ...] | None  # None: the user's posts do not include 值班 (the panel is not shown)
    meetings_today: tuple[MeetingLine, ...] | None  # None: not a 会务/领导 user
    meetings_week: tuple[MeetingLine, ...] | None  # the rest of this week (tomorrow to Sunday)
    alerts: tuple[WorkItem, ...]
    groups: tuple[ItemGroup, ...]  # always the three groups, in order, possibly empty
    problems: tuple[str, ...] = ()  # an area whose items could not be read, and why

    def count(self, urgency: str) -> int:
        if urgency == "alert":
            return len(self.alerts)
        return sum(len(g.items) for g in self.groups if g.urgency == urgency)


def _area_service(services: Services, key: str, kind: type[T]) -> T | None:
    """The area's service when this build has that area (a typed lookup instead of ``Any``)."""
    service = services.area_services.get(key)
    return service if isinstance(service, kind) else None


def _item(services: Services, d: DashboardItem) -> WorkItem:
    return WorkItem(
        "todo" if d.kind == "todo" else d.kind,
        d.area,
        services.area(d.area).title,
        d.category or d.kind_label,
        d.number,
        d.title,
        d.detail,
        d.due,
        d.register,
        d.record_id,
        d.alert_id,
        d.colour,
    )


class WorkbenchService:
    """``services.workbench``: what the home tab shows, for one user."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def figures(self, actor: Actor, year: int | None = None) -> YearFigures:
        """The year's key figures (this year by default): slower than ``attention``, run off the GUI thread."""
        return year_figures(self.services, actor, year or date.today().year)

    def posts_without_area(self, actor: Actor) -> str | None:
        """The user's posts when none of them has an area in this build (the home tab says so), else None."""
        if self.services.visible_areas(actor):
            return None
        return actor.role_labels or "（未授予岗位）"

    def attention(self, actor: Actor, today: date | None = None) -> Attention:
        today = today or date.today()
        problems: list[str] = []
        items: list[WorkItem] = []
        for area in self.services.visible_areas(actor):
            if area.dashboard is None:
                continue
            try:
                found: Sequence[DashboardItem] = area.dashboard(self.services, actor)
            except AppError as e:
                problems.append(f"{area.title}：{e.message}")
                continue
            # today's duty has its own panel
            items.extend(_item(self.services, d) for d in found if d.kind != "info")
        alerts = tuple(sorted((i for i in items if i.urgency == "alert"), key=_newest_first))
        groups = tuple(
            ItemGroup(
                urgency,
                heading,
                tuple(sorted((i for i in items if i.urgency == urgency), key=_soonest_first)),
            )
            for urgency, heading in GROUPS
        )
        return Attention(
            today,
            self._duty(actor, today, problems),
            *self._meetings(actor, today, problems),
            alerts,
            groups,
            tuple(problems),
        )

    def _duty(self, actor: Actor, today: date, problems: list[str]) -> tuple[DutyLine, ...] | None:
        duty = _area_service(self.services, "duty", DutyService)
        if duty is None or not actor.has_role(*self.services.catalog.get(SHIFTS).read_roles):
            return None
        try:
            shifts = duty.today(actor, today)
        except AppError as e:
            problems.append(f"值班：{e.message}")
            return None
        return tuple(DutyLine(s.id, s.slot, s.leader, s.staff, s.phone) for s in shifts)

    def _meetings(
        self, actor: Actor, today: date, problems: list[str]
    ) -> tuple[tuple[MeetingLine, ...] | None, tuple[MeetingLine, ...] | None]:
        meetings = _area_service(self.services, "meetings", MeetingsService)
        if meetings is None or not actor.has_role(*self.services.catalog.get(MEETINGS).read_roles):
            return None, None
        sunday = today + timedelta(days=6 - today.weekday())
        try:
            entries = meetings.calendar(actor, today, sunday)
        except AppError as e:
            problems.append(f"会议：{e.message}")
            return None, None
        lines = [
            MeetingLine(e.id, e.number, e.name, e.kind, e.room, e.starts_at, e.ends_at, e.people)
            for e in entries
        ]
        # a meeting running over several days is "today" on each of them
        on_today = tuple(m for m in lines if m.starts_at.date() <= today <= m.ends_at.date())
        later = tuple(m for m in lines if m.starts_at.date() > today)
        return on_today, later


def _soonest_first(item: WorkItem) -> tuple[datetime, str]:
    return (item.due or datetime.max, item.number)


def _newest_first(item: WorkItem) -> float:
    return -(item.due or datetime.min).timestamp() if item.due else 0.0

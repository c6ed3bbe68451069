"""What an area of work (收发文, 电报 …) plugs into the application: its registers, its service, its
printable forms, its home-tab items and its demo data. The UI maps an area's key to its tab."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from app.domain.enums import Role
from app.kit.registers.base import Register

if TYPE_CHECKING:
    from app.printing.layouts import Layout
    from app.services.actor import Actor
    from app.services.container import Services

T = TypeVar("T")
S = TypeVar("S")


class ServiceKey(str, Generic[S]):
    """The typed name of an area's service: ``services.service(DUTY_SERVICE)`` is a DutyService to the type
    checker and is checked to be one when looked up. Each area defines its key next to its service class
    (``SERVICE = ServiceKey("duty", DutyService)``); the key's text is the area's key."""

    kind: type[S]

    def __new__(cls, key: str, kind: type[S]) -> ServiceKey[S]:
        obj = str.__new__(cls, key)
        obj.kind = kind
        return obj


@dataclass(frozen=True)
class DashboardItem:
    """One line on the home tab (工作台): something due, overdue or to acknowledge."""

    area: str
    kind: str  # "overdue" | "due_soon" | "alert" | "todo" | "info" (today's duty: shown first)
    title: str
    detail: str = ""
    due: datetime | None = None
    register: str = ""
    record_id: int | None = None
    alert_id: int | None = None  # set when the item must be acknowledged
    number: str = ""  # the record's number (收文2026-0012), shown in its own column
    category: str = ""  # what is due: 催办, 退还, 清退, 信访受理告知, 督办, 会务筹备, 份号待补 …
    colour: str = ""  # 督办's red / yellow / blue

    @property
    def kind_label(self) -> str:
        return {
            "overdue": "已超期",
            "due_soon": "即将到期",
            "alert": "紧急提醒",
            "todo": "待办",
            "info": "今日",
        }.get(self.kind, "")


@dataclass(frozen=True)
class FormSpec(Generic[T]):
    """A printable form of a register, in two halves. ``collect(services, actor, record_id)`` lives in the
    area: it checks the actor's rights through the services and returns the form's plain data (``T``).
    ``layout`` (app.printing.layouts) writes that data as PDF and/or Word and knows nothing of services.
    Only the print service calls them: it checks the record, audits and writes the file atomically."""

    register: str
    key: str  # e.g. "slip", "circulation"
    title: str  # 收文处理单
    collect: Callable[[Services, Actor, int], T]
    layout: Layout[T]
    # "record": one record's form; "year": a report over a year (record_id = year); "month": YYYYMM
    scope: str = "record"

    @property
    def formats(self) -> tuple[str, ...]:
        return self.layout.formats


@dataclass(frozen=True)
class Area:
    key: str
    title: str
    roles: tuple[Role, ...]
    registers: tuple[Register, ...] = ()
    build_service: Callable[[Services], Any] | None = None  # looked up by the area's ServiceKey
    forms: tuple[FormSpec[Any], ...] = ()
    dashboard: Callable[[Services, Actor], Sequence[DashboardItem]] | None = None
    demo: Callable[[Services, Any], dict[str, int]] | None = None
    # How this area's 紧急提醒 on the home tab is acknowledged (the item's alert_id); None: nothing to confirm
    acknowledge: Callable[[Services, Actor, int], object] | None = None
    workflows: tuple[Any, ...] = ()  # app.kit.workflow.Workflow of the registers that have one
    settings: tuple[Any, ...] = ()  # SettingSpec of the office settings this area reads (系统设置)
    extra: dict[str, Any] = field(default_factory=dict)

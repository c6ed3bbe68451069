"""The 电报 area: the four telegram registers, their workflow hooks (份号 per copy, 特提/特急 alerts,
密电不得明复), statistics by register × 密级 × 等级, the home-tab items and the area declaration."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.areas.telegrams.registers import (
    CIPHER_IN,
    INCOMING,
    PLAIN_OUT,
    URGENT_PRIORITIES,
    normalise_dept_no,
    telegram_registers,
)
from app.domain.enums import Role, SecretLevel, TelegramPriority
from app.kit.alerts import AlertInfo
from app.kit.area import Area, DashboardItem, FormSpec, ServiceKey
from app.kit.copies_info import CopyInfo
from app.kit.workflow import Workflow
from app.kit.workflow.copy_steps import return_copy_step, send_copy_step, sign_copy_step, take_back_step
from app.services.actor import Actor
from db.models.alerts import Alert
from db.models.copies import Copy
from db.models.telegrams import Telegram

if TYPE_CHECKING:
    from app.services.container import Services

ALERT_WINDOW = timedelta(days=7)  # imported history does not raise alerts: only telegrams of the last week


def _find_incoming(s: Session, ref: str) -> list[Telegram]:
    ref = (ref or "").strip()
    try:
        dept = normalise_dept_no(ref)
    except ValueError:
        dept = ref
    q = select(Telegram).where(
        Telegram.series.in_(INCOMING),
        Telegram.voided.is_(False),
        (Telegram.number == ref) | (Telegram.dept_no == dept),
    )
    return list(s.scalars(q.limit(5)))


def _db_validator(key: str):  # type: ignore[no-untyped-def]
    def check(s: Session, values: Mapping[str, Any], obj: Any) -> dict[str, str]:
        errors: dict[str, str] = {}
        ref = values.get("reply_to")
        if ref and key not in INCOMING:
            found = _find_incoming(s, ref)
            if not found:
                errors["reply_to"] = f"找不到所复来电“{ref}”，请填来电的登记号或部门号"
            elif key == PLAIN_OUT and any(t.series == CIPHER_IN for t in found):
                errors["reply_to"] = "密电不得明复：所复来电是密码电报，复电须登记为密码电报发电"
        if obj is not None and values.get("copies_count"):
            have = (
                s.scalar(
                    select(func.count())
                    .select_from(Copy)
                    .where(Copy.register == key, Copy.record_id == obj.id)
                )
                or 0
            )
            if values["copies_count"] < have:
                errors["copies_count"] = f"已登记{have}份，份数不能减少"
        return errors

    return check


def _after_save(key: str):  # type: ignore[no-untyped-def]
    def run(s: Session, actor: Actor, obj: Telegram, created: bool) -> None:
        from app.kit import alerts, copies

        reg = REGISTERS_BY_KEY[key]
        if obj.reply_to:
            found = _find_incoming(s, obj.reply_to)
            obj.reply_to_id = found[0].id if found else None
        have = (
            0
            if created
            else (
                s.scalar(
                    select(func.count())
                    .select_from(Copy)
                    .where(Copy.register == key, Copy.record_id == obj.id)
                )
                or 0
            )
        )
        wanted = obj.copies_count or 0
        # Imported history: the old book tracked no paper copies, so none are put out (they would all be
        # overdue for 清退 at once); 份数 stays on the record.
        if wanted > have and obj.imported_at is None:
            incoming = key in INCOMING
            copies.create_copies_in(
                s,
                actor,
                reg,
                obj,
                wanted - have,
                obj.first_copy_no if created else "",
                signed_by=actor.name if incoming else "",
                signed_at=(obj.at or datetime.now()) if incoming else None,
            )
        recent = obj.at is not None and obj.at >= datetime.now() - ALERT_WINDOW
        # on registration, and when a correction raises the 等级 to 特提/特急 (one alert per telegram)
        already = (
            not created
            and (
                s.scalar(
                    select(func.count())
                    .select_from(Alert)
                    .where(Alert.register == key, Alert.record_id == obj.id)
                )
                or 0
            )
            > 0
        )
        if obj.priority in URGENT_PRIORITIES and recent and not already:
            label = TelegramPriority(obj.priority).label
            alerts.raise_in(
                s,
                actor,
                key,
                obj.id,
                f"{label}电报：{obj.title}",
                f"{reg.title} {obj.number}，{obj.counterpart}",
            )

    return run


def _hooks(key: str) -> dict[str, Any]:
    return {"db_validator": _db_validator(key), "after_save": _after_save(key)}


REGISTERS = telegram_registers(_hooks)
REGISTERS_BY_KEY = {r.key: r for r in REGISTERS}
KEYS = tuple(REGISTERS_BY_KEY)
# A telegram has no handling states: its workflow is the life of its paper copies (份号), each step on one
# copy, kept in the shared step history with who and when.
COPY_STEPS = (sign_copy_step(), send_copy_step(), take_back_step(), return_copy_step())
WORKFLOWS = tuple(Workflow(r, COPY_STEPS, audit_prefix="telegram_") for r in REGISTERS)


@dataclass(frozen=True)
class StatRow:
    register: str
    register_title: str
    secret_level: str  # label
    priority: str  # label
    count: int


@dataclass(frozen=True)
class TelegramStats:
    start: date
    end: date
    rows: tuple[StatRow, ...]
    by_register: Mapping[str, int]  # register title -> count (all four registers, zeros included)
    total: int
    by_month: Mapping[str, Mapping[int, int]] = field(default_factory=dict)  # register title -> month -> n


class TelegramService:
    def __init__(self, services: Services) -> None:
        self.services = services

    def visible_registers(self, actor: Actor) -> list[str]:
        return [r.key for r in REGISTERS if actor.has_role(*r.read_roles)]

    def statistics(self, actor: Actor, start: date, end: date) -> TelegramStats:
        """Counts by register × 密级 × 等级 for [start, end] (voided records excluded): annual report input."""
        keys = self.visible_registers(actor)
        if not keys:
            actor.require_role(*REGISTERS[0].read_roles, action="查看电报统计")
        if end < start:
            from app.domain.errors import ValidationFailed

            raise ValidationFailed({"end": "结束日期不能早于开始日期"})
        month = func.extract("month", Telegram.at)
        q = (
            select(Telegram.series, Telegram.secret_level, Telegram.priority, month, func.count())
            .where(
                Telegram.series.in_(keys),
                Telegram.voided.is_(False),
                Telegram.secret_level.in_(SecretLevel.levels_up_to(actor.clearance)),
                Telegram.at >= datetime.combine(start, time.min),
                Telegram.at < datetime.combine(end + timedelta(days=1), time.min),
            )
            .group_by(Telegram.series, Telegram.secret_level, Telegram.priority, month)
        )
        with self.services.db.read() as s:
            by_cell: dict[tuple[str, str, str], int] = {}
            months: dict[str, dict[int, int]] = {REGISTERS_BY_KEY[k].title: {} for k in keys}
            for k, lv, p, m, n in s.execute(q).all():
                by_cell[(k, lv, p)] = by_cell.get((k, lv, p), 0) + n
                per = months[REGISTERS_BY_KEY[k].title]
                per[int(m)] = per.get(int(m), 0) + n
            raw = [(k, lv, p, n) for (k, lv, p), n in by_cell.items()]
        order = {k: i for i, k in enumerate(KEYS)}
        levels = {m.value: m.rank for m in SecretLevel}
        prio = {m.value: i for i, m in enumerate(reversed(list(TelegramPriority)))}
        raw.sort(key=lambda r: (order[r[0]], levels.get(r[1], 9), prio.get(r[2], 9)))
        rows = tuple(
            StatRow(k, REGISTERS_BY_KEY[k].title, SecretLevel(lv).label, TelegramPriority(p).label, n)
            for k, lv, p, n in raw
        )
        by_register = {REGISTERS_BY_KEY[k].title: 0 for k in keys}
        for r in rows:
            by_register[r.register_title] += r.count
        by_month = {title: dict(sorted(m.items())) for title, m in months.items()}
        return TelegramStats(start, end, rows, by_register, sum(by_register.values()), by_month)

    def pending_alerts(self, actor: Actor) -> list[AlertInfo]:
        return self.services.alerts.pending(actor, KEYS)

    def acknowledge_alert(self, actor: Actor, alert_id: int) -> AlertInfo:
        """What the home tab calls: the alert disappears for everyone; who and when are kept and audited."""
        return self.services.alerts.acknowledge(actor, alert_id)

    def overdue_copies(self, actor: Actor, register: str | None = None) -> list[CopyInfo]:
        return [c for c in self.services.copies.overdue(actor, register) if c.register in KEYS]


# ``services.service(SERVICE)`` is this area's TelegramService, typed
SERVICE = ServiceKey("telegrams", TelegramService)


def _acknowledge(services: Services, actor: Actor, alert_id: int) -> object:
    return services.service(SERVICE).acknowledge_alert(actor, alert_id)


HOME_LIMIT = 30  # copies not back per register on the home tab (the register's filter lists them all)


def _dashboard(services: Services, actor: Actor) -> list[DashboardItem]:
    svc = services.service(SERVICE)
    items = [
        DashboardItem(
            "telegrams",
            "alert",
            a.title,
            a.detail,
            a.raised_at,
            a.register,
            a.record_id,
            a.id,
            number=a.record_number,
            category="特提/特急",
        )
        for a in svc.pending_alerts(actor)
    ]
    for c in services.copies.due_back(actor, KEYS, datetime.now(), HOME_LIMIT):
        where = f"在{c.holder}处" if c.holder else ""
        items.append(
            DashboardItem(
                "telegrams",
                "overdue",
                c.record_title,
                f"第{c.copy_no}份{where}未按时清退",
                c.due_back,
                c.register,
                c.record_id,
                number=c.record_number,
                category="清退",
            )
        )
    return items


def _demo(services: Services, options: Any) -> dict[str, int]:
    from app.areas.telegrams.demo import fill

    return fill(services, options)


def _forms() -> tuple[FormSpec[Any], ...]:
    try:
        from app.areas.telegrams.forms import FORMS
    except ModuleNotFoundError as e:  # printing layer not in this build
        if e.name and e.name.startswith("app.printing"):
            return ()
        raise
    return FORMS


AREA = Area(
    key="telegrams",
    title="电报登记",
    roles=(Role.CONFIDENTIAL, Role.LEADER),
    registers=REGISTERS,
    workflows=WORKFLOWS,
    build_service=TelegramService,
    forms=_forms(),
    dashboard=_dashboard,
    demo=_demo,
    acknowledge=_acknowledge,
)

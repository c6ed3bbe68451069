"""督办 actions beyond the declared steps: an item made from a 收文 (or a 议定事项) in one action, the three
colours of every open item for the home tab, the figures (办结率, 按期办结率 by source and unit, by month) and
the 督办通报 of a period."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import case, func, or_, select

from app.areas.supervision.registers import ITEM_REGISTER, OPEN, ItemState, Source, colour_of
from app.domain.errors import ValidationFailed
from app.domain.rules import BLUE, COLOUR_LABELS, CYCLE_DAYS, RED, WARN_DAYS, YELLOW
from app.kit.area import ServiceKey
from app.kit.registers.scope import visible
from app.services.actor import Actor
from db.models.supervision import SupervisionItem

if TYPE_CHECKING:
    from app.kit.registers.base import Record
    from app.services.container import Services


@dataclass(frozen=True)
class ColouredItem:
    id: int
    number: str
    content: str
    lead_unit: str
    deadline: date | None
    colour: str  # red / yellow / blue

    @property
    def colour_label(self) -> str:
        return COLOUR_LABELS[self.colour]


@dataclass(frozen=True)
class BulletinItem:
    """One item as a 督办通报 lists it."""

    number: str
    received_on: date | None
    source: str | None
    content: str
    lead_unit: str
    deadline: date | None
    state: str
    done_on: date | None

    @property
    def done(self) -> bool:
        return self.state == ItemState.DONE.value

    @property
    def on_time(self) -> bool:
        """办结 within the deadline (the 按期办结 numerator)."""
        return bool(self.done and self.deadline and self.done_on and self.done_on <= self.deadline)

    def overdue(self, today: date) -> bool:
        """Still open after its deadline (超期未办结)."""
        return not self.done and self.deadline is not None and self.deadline < today

    def situation(self, today: date) -> str:
        """办理情况 in the office's words."""
        if self.done:
            if self.deadline and self.done_on and self.done_on > self.deadline:
                return f"超期办结（超{(self.done_on - self.deadline).days}天）"
            return "按期办结" if self.deadline else "已办结"
        if self.overdue(today):
            assert self.deadline is not None
            return f"超期未办结（超{(today - self.deadline).days}天）"
        return "未交办" if self.state == ItemState.REGISTERED.value else "办理中"


@dataclass(frozen=True)
class Rates:
    items: int
    done: int
    due: int  # items whose deadline came by the period's end, or by today if sooner (按期 denominator)
    done_on_time: int

    @property
    def done_rate(self) -> float | None:
        return self.done / self.items if self.items else None

    @property
    def on_time_rate(self) -> float | None:
        return self.done_on_time / self.due if self.due else None


@dataclass(frozen=True)
class SupervisionStats:
    start: date
    end: date
    total: Rates
    by_source: Mapping[str, Rates]
    by_unit: Mapping[str, Rates]
    by_month: Mapping[int, int]
    extended: int
    overdue_open: int


class SupervisionService:
    def __init__(self, services: Services) -> None:
        self.services = services

    def from_record(self, actor: Actor, register: str, record_id: int, source: str = "") -> Record:
        """A 收文 (or any record with a title and a number) becomes a 督办 item, linked to it."""
        src = self.services.registers.get(actor, register, record_id)  # the reader's rights on the source
        reg = self.services.catalog.get(register)
        number = src["sender_number"] or src["number"] or ""
        content = src["title"] or src["content"] or ""
        if not content:
            raise ValidationFailed({"content": f"该{reg.record_label}没有标题，无法立项督办"})
        existing = self._linked(register, record_id)
        if existing:
            raise ValidationFailed({"source_record_id": f"该{reg.record_label}已立项督办：{existing}"})
        values = {
            "received_on": date.today().isoformat(),
            "source": source or (Source.DOCUMENT.value if register == "incoming" else Source.OTHER.value),
            "source_ref": number,
            "content": content,
            "secret_level": src["secret_level"] or "none",
            "secret_period": src["secret_period"] or "",
        }
        checked = self.services.registers.check_values(ITEM_REGISTER, values)
        actor.require_role(*ITEM_REGISTER.write_roles, action="立项督办")
        with self.services.db.write() as s:
            obj = self.services.registers.create_in(
                s,
                actor,
                ITEM_REGISTER,
                checked,
                extra={"source_register": register, "source_record_id": record_id},
            )
            from app.kit.registers.service import record_of

            return record_of(ITEM_REGISTER, obj)

    def _linked(self, register: str, record_id: int) -> str:
        with self.services.db.read() as s:
            found = s.scalars(
                select(SupervisionItem.number).where(
                    SupervisionItem.source_register == register,
                    SupervisionItem.source_record_id == record_id,
                    SupervisionItem.voided.is_(False),
                )
            ).first()
        return found or ""

    def source_of(self, actor: Actor, item_id: int) -> tuple[str, int | None, str]:
        """(register, record id, 来源文号) of the record an item was made from (the item's side of the link);
        ("", None, ref) for an item registered by hand."""
        rec = self.services.registers.get(actor, ITEM_REGISTER.key, item_id)  # rights and clearance
        with self.services.db.read() as s:
            obj = s.get(SupervisionItem, item_id)
            assert obj is not None
            return obj.source_register or "", obj.source_record_id, rec["source_ref"] or ""

    def linked_items(self, actor: Actor, register: str, record_id: int) -> list[str]:
        """The 督办 numbers made from a record (the source's side of the link)."""
        actor.require_role(*ITEM_REGISTER.read_roles, action="查看督办事项")
        with self.services.db.read() as s:
            return list(
                s.scalars(
                    select(SupervisionItem.number).where(
                        SupervisionItem.source_register == register,
                        SupervisionItem.source_record_id == record_id,
                        SupervisionItem.voided.is_(False),
                    )
                )
            )

    def coloured(self, actor: Actor, today: date | None = None) -> list[ColouredItem]:
        """Every open item with a colour (红 first, then 黄, then 蓝) — the home tab's list."""
        actor.require_role(*ITEM_REGISTER.read_roles, action="查看督办事项")
        today = today or date.today()
        cols = (
            SupervisionItem.id,
            SupervisionItem.number,
            SupervisionItem.content,
            SupervisionItem.lead_unit,
            SupervisionItem.deadline,
            SupervisionItem.state,
            SupervisionItem.cycle,
            SupervisionItem.last_report_on,
            SupervisionItem.assigned_on,
            SupervisionItem.received_on,
            SupervisionItem.secret_level,
        )
        out = []
        with self.services.db.read() as s:
            for row in s.execute(
                select(*cols).where(
                    SupervisionItem.state.in_(OPEN),
                    SupervisionItem.voided.is_(False),
                    # the reader's clearance in the query: the home tab reads this on every refresh
                    visible(SupervisionItem, actor),
                    # only what can have a colour: due soon or late (红/蓝), or reporting on a cycle (黄)
                    or_(
                        SupervisionItem.deadline <= today + timedelta(days=WARN_DAYS),
                        SupervisionItem.cycle.in_([c for c, days in CYCLE_DAYS.items() if days]),
                    ),
                )
            ):
                colour = colour_of(dict(row._mapping), today)
                if colour:
                    out.append(
                        ColouredItem(row.id, row.number, row.content, row.lead_unit, row.deadline, colour)
                    )
        order = {RED: 0, YELLOW: 1, BLUE: 2}
        return sorted(out, key=lambda i: (order[i.colour], i.deadline or date.max))

    def statistics(self, actor: Actor, start: date, end: date, unit: str = "") -> SupervisionStats:
        """Items registered in [start, end] (of one 主办单位 when ``unit`` is given) as the actor may see."""
        actor.require_role(*ITEM_REGISTER.read_roles, action="查看督办统计")
        if end < start:
            raise ValidationFailed({"end": "结束日期不能早于开始日期"})
        t = SupervisionItem
        today = date.today()
        done = t.state == ItemState.DONE.value
        # 到期: the deadline has come, by the period's end or today if sooner (an item due next week is not
        # yet late, and not yet in the 按期办结率's denominator)
        due = t.deadline.is_not(None) & (t.deadline <= min(end, today))
        # counted in the database, grouped by source, unit and month (a year of a large office is tens of
        # thousands of items, and the annual report counts two years); the reader's clearance in the query
        month = func.extract("month", t.received_on)
        q = (
            select(
                t.source,
                t.lead_unit,
                month,
                func.count(),
                func.sum(case((done, 1), else_=0)),
                func.sum(case((due, 1), else_=0)),
                func.sum(case((due & done & t.done_on.is_not(None) & (t.done_on <= t.deadline), 1), else_=0)),
                func.sum(case((t.extended > 0, 1), else_=0)),
                func.sum(
                    case((t.state.in_(OPEN) & t.deadline.is_not(None) & (t.deadline < today), 1), else_=0)
                ),
            )
            .where(
                t.voided.is_(False),
                t.received_on >= start,
                t.received_on <= end,
                visible(t, actor),
                *((t.lead_unit == unit.strip(),) if unit.strip() else ()),
            )
            .group_by(t.source, t.lead_unit, month)
        )
        with self.services.db.read() as s:
            rows = s.execute(q).all()
        zero = (0, 0, 0, 0)
        sources: dict[str, tuple[int, ...]] = {}
        units: dict[str, tuple[int, ...]] = {}
        months: Counter[int] = Counter()
        total: tuple[int, ...] = zero
        extended = overdue = 0
        for source, unit, m, *counts in rows:
            figures = tuple(int(n or 0) for n in counts[:4])
            total = tuple(map(sum, zip(total, figures, strict=True)))
            sources[source] = tuple(map(sum, zip(sources.get(source, zero), figures, strict=True)))
            if unit:
                units[unit] = tuple(map(sum, zip(units.get(unit, zero), figures, strict=True)))
            months[int(m)] += figures[0]
            extended += int(counts[4] or 0)
            overdue += int(counts[5] or 0)
        return SupervisionStats(
            start,
            end,
            Rates(*total),
            {src.label: Rates(*sources.get(src.value, zero)) for src in Source},
            {u: Rates(*units[u]) for u in sorted(units)},
            dict(sorted(months.items())),
            extended,
            overdue,
        )

    def items_of(self, actor: Actor, start: date, end: date, unit: str = "") -> list[BulletinItem]:
        """The items registered in [start, end] (of one 主办单位 when given), oldest first: the rows of a
        unit's 督办通报. The reader's clearance is applied in the query, like the figures."""
        actor.require_role(*ITEM_REGISTER.read_roles, action="查看督办事项")
        if end < start:
            raise ValidationFailed({"end": "结束日期不能早于开始日期"})
        t = SupervisionItem
        q = (
            select(t.number, t.received_on, t.source, t.content, t.lead_unit, t.deadline, t.state, t.done_on)
            .where(
                t.voided.is_(False),
                t.received_on >= start,
                t.received_on <= end,
                visible(t, actor),
                *((t.lead_unit == unit.strip(),) if unit.strip() else ()),
            )
            .order_by(t.received_on, t.year, t.seq, t.id)
        )
        with self.services.db.read() as s:
            return [BulletinItem(*row) for row in s.execute(q)]

    def units(self, actor: Actor) -> list[str]:
        """Every 主办单位 named on an item (the unit choice of the 督办通报)."""
        actor.require_role(*ITEM_REGISTER.read_roles, action="查看督办事项")
        t = SupervisionItem
        with self.services.db.read() as s:
            return list(
                s.scalars(
                    select(t.lead_unit)
                    .where(t.voided.is_(False), t.lead_unit != "")
                    .group_by(t.lead_unit)
                    .order_by(t.lead_unit)
                )
            )


def period_of(text: str) -> tuple[date, date]:
    """'2026' or '2026-03' or '2026-01-01:2026-06-30' -> (start, end)."""
    import calendar

    text = (text or "").strip()
    try:
        if ":" in text:
            a, b = text.split(":", 1)
            return date.fromisoformat(a.strip()), date.fromisoformat(b.strip())
        if len(text) == 4:
            y = int(text)
            return date(y, 1, 1), date(y, 12, 31)
        y, m = (int(p) for p in text.split("-"))
        return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
    except ValueError:
        raise ValidationFailed({"period": "期间应写成 2026、2026-03 或 2026-01-01:2026-06-30"}) from None


# ``services.service(SERVICE)`` is this area's SupervisionService, typed
SERVICE = ServiceKey("supervision", SupervisionService)

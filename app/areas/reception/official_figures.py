"""The 公务接待 figures (annual report, statistics view): receptions (批次) by guest level, guests (人次: each
listed 接待对象 once, the reception's 接待对象人数 when no list was kept, as in imported 台账), guests by
their own level, 陪餐 人次, costs per category and per person, by month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select

from app.areas.reception.vocab import GuestLevel
from db.models.reception import Reception, ReceptionGuest

COSTS = {"cost_meals": "餐费", "cost_lodging": "住宿费", "cost_transport": "交通费", "cost_other": "其他"}


@dataclass(frozen=True)
class ReceptionFigures:
    start: date
    end: date
    receptions: int
    by_level: dict[str, int]  # 省级/市级/县级/其他 -> receptions (by the reception's 接待对象级别)
    persons: int  # 接待 人次
    companions: int  # 陪餐 人次
    costs: dict[str, int]  # 餐费/住宿费/交通费/其他 -> yuan
    by_month: dict[int, dict[str, int]]  # YYYYMM -> receptions, persons, companions, cost
    persons_by_level: dict[str, int] | None = None  # 人次 by each guest's own level

    @property
    def total_cost(self) -> int:
        return sum(self.costs.values())

    @property
    def cost_per_person(self) -> float | None:
        return round(self.total_cost / self.persons, 1) if self.persons else None


def _label(level: str | None) -> str:
    try:
        return GuestLevel(level).label if level else GuestLevel.OTHER.label
    except ValueError:
        return GuestLevel.OTHER.label


def compute(session: Any, start: date, end: date) -> ReceptionFigures:
    q = select(Reception).where(
        Reception.voided.is_(False), Reception.arrive_on >= start, Reception.arrive_on <= end
    )
    listed: dict[int, dict[str, int]] = {}  # reception id -> guests listed by level label
    g = ReceptionGuest
    for rid, level, n in session.execute(
        select(g.reception_id, g.level, func.count())
        .join(Reception, Reception.id == g.reception_id)
        .where(Reception.voided.is_(False), Reception.arrive_on >= start, Reception.arrive_on <= end)
        .group_by(g.reception_id, g.level)
    ):
        listed.setdefault(rid, {})[level or ""] = n
    by_level = {lv.label: 0 for lv in GuestLevel}
    persons_by_level = {lv.label: 0 for lv in GuestLevel}
    costs = {label: 0 for label in COSTS.values()}
    by_month: dict[int, dict[str, int]] = {}
    n = persons = companions = 0
    for r in session.scalars(q):
        own = _label(r.guest_level)
        guests = listed.get(r.id, {})
        count = max(r.persons or 0, sum(guests.values()))
        for level, k in guests.items():
            persons_by_level[_label(level) if level else own] += k
        persons_by_level[own] += count - sum(guests.values())  # 人数 beyond the list: the reception's level
        n += 1
        persons += count
        companions += r.companions or 0
        by_level[own] += 1
        cost = 0
        for name, label in COSTS.items():
            costs[label] += getattr(r, name) or 0
            cost += getattr(r, name) or 0
        m = by_month.setdefault(
            r.arrive_on.year * 100 + r.arrive_on.month,
            {"receptions": 0, "persons": 0, "companions": 0, "cost": 0},
        )
        m["receptions"] += 1
        m["persons"] += count
        m["companions"] += r.companions or 0
        m["cost"] += cost
    return ReceptionFigures(
        start, end, n, by_level, persons, companions, costs, dict(sorted(by_month.items())), persons_by_level
    )

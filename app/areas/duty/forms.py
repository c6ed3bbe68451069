"""The 值班表 of one month as plain data (who is on duty each day, the base order's fairness counts), for
the month-view layout in app.printing.roster."""

from __future__ import annotations

import calendar as months
from datetime import date
from typing import TYPE_CHECKING, Any

from app.areas.duty.service import SERVICE
from app.printing.meta import PrintMeta
from app.printing.roster import RosterDay, RosterMonth, RosterPrintout

if TYPE_CHECKING:
    from app.services.container import Services


def month_of(code: int) -> tuple[int, int]:
    """202603 -> (2026, 3)."""
    year, month = divmod(int(code), 100)
    if not (1949 <= year <= 2100 and 1 <= month <= 12):
        raise ValueError("月份应写成 2026-03 的形式")
    return year, month


def collect_month(services: Services, actor: Any, code: int) -> RosterMonth:
    year, month = month_of(code)
    svc = services.service(SERVICE)
    first, last = date(year, month, 1), date(year, month, months.monthrange(year, month)[1])
    shifts = svc.shifts(actor, first, last)
    cal = svc.calendar
    days = []
    day = first
    by_day: dict[date, list[Any]] = {}
    for sh in shifts:
        by_day.setdefault(sh.day, []).append(sh)
    while day <= last:
        lines = tuple(
            (sh.slot if sh.slot != "全天" else "", sh.leader, "、".join(sh.staff))
            for sh in by_day.get(day, [])
        )
        mark = ""
        if day in cal.makeup_workdays:
            mark = "班"
        elif day in cal.holidays:
            mark = "休"
        days.append(RosterDay(day, mark, lines))
        day = date.fromordinal(day.toordinal() + 1)
    counts = svc.fairness(actor, first, last)
    phones = sorted({sh.phone for sh in shifts if sh.phone})
    organ = _organ(services)
    return RosterMonth(year, month, organ, tuple(days), counts, "、".join(phones))


def _organ(services: Services) -> str:
    from app.services.settings import get_value

    with services.db.read() as s:
        return get_value(s, "documents.organ_name") or "中共××县委办公室"


def collect_roster(services: Services, actor: Any, code: int) -> RosterPrintout:
    return RosterPrintout(collect_month(services, actor, code), PrintMeta.for_actor(actor))

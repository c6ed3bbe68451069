"""The statutory clock of each petition case kept on the record (``due_on``/``due_what`` = the deadline
running now), computed by app.domain.petition_clock with the office's choice of calendar or working days;
the list colours rows from it and the home tab reads it with one indexed query."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Any

from app.domain.petition_clock import (
    DUE_SOON,
    OVERDUE,
    CaseDates,
    ClockRules,
    Deadline,
    deadlines,
    open_deadline,
)
from app.domain.workdays import WorkCalendar, default_calendar
from app.kit.registers.base import Record

WORKING_DAYS_SETTING = "reception.petition_days"
CALENDAR, WORKING = "自然日", "工作日"
WARN_DAYS = 3  # a deadline this close (or closer) is 即将到期


@lru_cache(maxsize=1)
def shipped_calendar() -> WorkCalendar:
    """The holiday calendar the administrator maintains (resources/calendar), read once per process."""
    return default_calendar()


def parse_day_kind(text: str) -> str:
    value = (text or "").strip() or CALENDAR
    if value not in (CALENDAR, WORKING):
        raise ValueError(f"应为“{CALENDAR}”或“{WORKING}”")
    return value


def rules_in(session: Any) -> ClockRules:
    from app.services.settings import get_value

    kind = get_value(session, WORKING_DAYS_SETTING) or CALENDAR
    return ClockRules(working_days=kind == WORKING)


def case_of(obj: Any) -> CaseDates:
    """The clock's view of a case (an ORM row or anything with the same attributes)."""
    g: Callable[[str], Any] = obj.get if isinstance(obj, dict) else lambda n: getattr(obj, n, None)
    closed = g("closed_on")
    return CaseDates(
        registered_on=g("registered_on"),
        accepted_on=g("accepted_on"),
        extension_days=g("extension_days") or 0,
        replied_on=g("replied_on") or (closed if g("state") == "rejected" else None),
        review_requested_on=g("review_requested_on"),
        review_decided_on=g("review_decided_on"),
        recheck_requested_on=g("recheck_requested_on"),
        recheck_decided_on=g("recheck_decided_on"),
        closed_on=closed,
    )


def running(obj: Any, rules: ClockRules, calendar: WorkCalendar | None = None) -> Deadline | None:
    """The deadline the case runs against now, or None (closed, rejected, or no registration date)."""
    if getattr(obj, "registered_on", None) is None or getattr(obj, "state", None) == "rejected":
        return None
    case = case_of(obj)
    if case.closed_on is not None and case.review_requested_on is None:
        return None
    return open_deadline(case, rules, calendar or shipped_calendar())


def refresh(obj: Any, rules: ClockRules, calendar: WorkCalendar | None = None) -> None:
    d = running(obj, rules, calendar)
    obj.due_on, obj.due_what = (d.due, d.label) if d else (None, "")


def all_deadlines(obj: Any, rules: ClockRules, calendar: WorkCalendar | None = None) -> list[Deadline]:
    if getattr(obj, "registered_on", None) is None:
        return []
    return deadlines(case_of(obj), rules, calendar or shipped_calendar())


def status_of(due: date | None, today: date, warn_days: int = WARN_DAYS) -> str | None:
    if due is None:
        return None
    if today > due:
        return OVERDUE
    if (due - today).days <= warn_days:
        return DUE_SOON
    return None


def row_state(rec: Record) -> str | None:
    """Row colour of the list: red overdue, amber due within 3 days (nothing once closed)."""
    if (rec["closed_on"] is not None or rec["state"] == "closed") and rec["state"] not in (
        "review",
        "recheck",
    ):
        return None
    state = status_of(rec["due_on"], date.today())
    return {OVERDUE: "overdue", DUE_SOON: "due_soon"}.get(state or "")

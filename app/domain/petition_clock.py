"""The statutory clock of a petition case (信访, domain.md §4): decide on acceptance within 15 days of
registration, finish within 60 days of acceptance (one extension of at most 30 days), 复查/复核 requested
within 30 days of the written reply and decided within 30 days. Calendar days by default, or working days
from the holiday calendar (statutory holidays and 调休 working days)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.domain.workdays import WorkCalendar

ON_TIME, DUE_SOON, OVERDUE, DONE, DONE_LATE = "on_time", "due_soon", "overdue", "done", "done_late"
STATUS_LABELS = {
    ON_TIME: "期限内",
    DUE_SOON: "即将到期",
    OVERDUE: "已超期",
    DONE: "按期完成",
    DONE_LATE: "超期完成",
}


@dataclass(frozen=True)
class ClockRules:
    accept_days: int = 15
    finish_days: int = 60
    max_extension_days: int = 30
    review_request_days: int = 30
    review_decide_days: int = 30
    working_days: bool = False  # False: calendar days (the 条例's wording); True: working days
    warn_days: int = 3  # "due soon" this many days before the deadline

    def add(self, start: date, days: int, calendar: WorkCalendar | None) -> date:
        if self.working_days:
            return (calendar or WorkCalendar()).add_workdays(start, days)
        return start + timedelta(days=days)


@dataclass(frozen=True)
class CaseDates:
    registered_on: date
    accepted_on: date | None = None  # 受理 (or the 不予受理 decision) was told on this day
    decided_on: date | None = None  # the acceptance decision (受理/不予受理), when different from accepted_on
    extension_days: int = 0
    replied_on: date | None = None  # 答复意见书 sent
    review_requested_on: date | None = None  # 复查 asked for
    review_decided_on: date | None = None
    recheck_requested_on: date | None = None  # 复核 asked for
    recheck_decided_on: date | None = None
    closed_on: date | None = None


@dataclass(frozen=True)
class Deadline:
    key: str
    label: str
    due: date
    done_on: date | None

    def status(self, today: date, warn_days: int = 3) -> str:
        if self.done_on is not None:
            return DONE if self.done_on <= self.due else DONE_LATE
        if today > self.due:
            return OVERDUE
        if (self.due - today).days <= warn_days:
            return DUE_SOON
        return ON_TIME

    def days_left(self, today: date) -> int:
        return (self.due - today).days


def extension_error(days: int, rules: ClockRules = ClockRules()) -> str:
    if days < 0:
        return "延期天数不能为负"
    if days > rules.max_extension_days:
        return f"延期不得超过{rules.max_extension_days}日（现为{days}日）"
    return ""


def accept_due(registered_on: date, rules: ClockRules, calendar: WorkCalendar | None) -> date:
    """The last day to tell the petitioner whether the case is accepted (受理告知)."""
    return rules.add(registered_on, rules.accept_days, calendar)


def finish_due(
    accepted_on: date, extension_days: int, rules: ClockRules, calendar: WorkCalendar | None
) -> date:
    """The last day of the written answer (办理答复), the extension included."""
    return rules.add(accepted_on, rules.finish_days + extension_days, calendar)


def deadlines(
    case: CaseDates, rules: ClockRules = ClockRules(), calendar: WorkCalendar | None = None
) -> list[Deadline]:
    """Every deadline that applies to the case so far, in the order they arise."""
    if (err := extension_error(case.extension_days, rules)) != "":
        raise ValueError(err)
    decided = case.decided_on or case.accepted_on
    out = [Deadline("accept", "受理告知", accept_due(case.registered_on, rules, calendar), decided)]
    if case.accepted_on is not None:
        finish = finish_due(case.accepted_on, case.extension_days, rules, calendar)
        out.append(Deadline("finish", "办理答复", finish, case.replied_on))
    if case.replied_on is not None:
        request_by = rules.add(case.replied_on, rules.review_request_days, calendar)
        if case.review_requested_on is not None:
            out.append(
                Deadline(
                    "review",
                    "复查决定",
                    rules.add(case.review_requested_on, rules.review_decide_days, calendar),
                    case.review_decided_on,
                )
            )
        elif case.closed_on is None:
            out.append(Deadline("review_window", "复查申请期", request_by, None))
    if case.review_decided_on is not None and case.recheck_requested_on is not None:
        out.append(
            Deadline(
                "recheck",
                "复核决定",
                rules.add(case.recheck_requested_on, rules.review_decide_days, calendar),
                case.recheck_decided_on,
            )
        )
    return out


def review_request_error(
    replied_on: date,
    requested_on: date,
    rules: ClockRules = ClockRules(),
    calendar: WorkCalendar | None = None,
) -> str:
    """复查 (or 复核) must be asked for within 30 days of the written answer it is against."""
    last = rules.add(replied_on, rules.review_request_days, calendar)
    if requested_on < replied_on:
        return "申请日期不能早于答复日期"
    if requested_on > last:
        return f"已超过申请期限（答复后{rules.review_request_days}日内，即{last.isoformat()}前）"
    return ""


def open_deadline(
    case: CaseDates, rules: ClockRules = ClockRules(), calendar: WorkCalendar | None = None
) -> Deadline | None:
    """The deadline the case is running against now (the first not yet met), or None."""
    for d in deadlines(case, rules, calendar):
        if d.done_on is None and d.key != "review_window":
            return d
    return None

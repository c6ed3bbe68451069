"""The 信访 statutory clock: 15 / 60 (+≤30) / 30 + 30 days, calendar or working days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.petition_clock import (
    DONE,
    DONE_LATE,
    DUE_SOON,
    ON_TIME,
    OVERDUE,
    CaseDates,
    ClockRules,
    deadlines,
    extension_error,
    open_deadline,
    review_request_error,
)
from app.domain.workdays import default_calendar

CAL = default_calendar()
WORKING = ClockRules(working_days=True)


def by_key(case, rules=ClockRules(), cal=None):
    return {d.key: d for d in deadlines(case, rules, cal)}


def test_calendar_days_across_month_end_and_leap_day():
    d = by_key(CaseDates(registered_on=date(2028, 2, 20)))
    assert d["accept"].due == date(2028, 3, 6)  # 2028 is a leap year: Feb has 29 days
    d = by_key(CaseDates(registered_on=date(2026, 1, 20), accepted_on=date(2026, 1, 31)))
    assert d["finish"].due == date(2026, 4, 1)


def test_working_days_skip_the_2026_spring_festival_and_count_the_makeup_saturday():
    # registered Fri 2026-02-13; 春节 holidays 02-15..02-23; 02-14 (Sat) and 02-28 (Sat) are 调休 working days
    case = CaseDates(registered_on=date(2026, 2, 13))
    accept = by_key(case, WORKING, CAL)["accept"].due
    worked = [date(2026, 2, 13) + timedelta(days=i) for i in range(1, (accept - date(2026, 2, 13)).days + 1)]
    assert sum(CAL.is_workday(x) for x in worked) == 15
    assert CAL.is_workday(accept)
    assert not any(date(2026, 2, 15) <= x <= date(2026, 2, 23) and CAL.is_workday(x) for x in worked)
    assert by_key(case)["accept"].due == date(2026, 2, 28)  # calendar days for comparison


def test_extension_at_most_thirty_days_and_statuses():
    assert extension_error(30) == "" and "不得超过30日" in extension_error(31)
    with pytest.raises(ValueError):
        deadlines(CaseDates(registered_on=date(2026, 3, 1), accepted_on=date(2026, 3, 5), extension_days=45))
    case = CaseDates(registered_on=date(2026, 3, 1), accepted_on=date(2026, 3, 5), extension_days=30)
    finish = by_key(case)["finish"]
    assert finish.due == date(2026, 6, 3)
    assert finish.status(date(2026, 5, 1)) == ON_TIME
    assert finish.status(date(2026, 6, 1)) == DUE_SOON
    assert finish.status(date(2026, 6, 4)) == OVERDUE
    replied = CaseDates(
        registered_on=date(2026, 3, 1), accepted_on=date(2026, 3, 5), replied_on=date(2026, 6, 10)
    )
    assert by_key(replied)["finish"].status(date(2026, 7, 1)) == DONE_LATE
    assert by_key(replied)["accept"].status(date(2026, 7, 1)) == DONE


def test_review_must_be_requested_within_thirty_days_and_decided_within_thirty():
    assert review_request_error(date(2026, 5, 1), date(2026, 5, 31)) == ""
    assert "超过申请期限" in review_request_error(date(2026, 5, 1), date(2026, 6, 1))
    assert "早于答复" in review_request_error(date(2026, 5, 1), date(2026, 4, 30))
    case = CaseDates(
        registered_on=date(2026, 3, 1),
        accepted_on=date(2026, 3, 2),
        replied_on=date(2026, 4, 1),
        review_requested_on=date(2026, 4, 20),
    )
    assert by_key(case)["review"].due == date(2026, 5, 20)
    assert open_deadline(case).key == "review"


@given(
    start=st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 10, 31)),
    days=st.integers(min_value=1, max_value=60),
)
def test_working_day_deadline_is_a_working_day_with_exactly_n_working_days_after_the_start(start, days):
    due = WORKING.add(start, days, CAL)
    assert CAL.is_workday(due)
    assert CAL.workdays_between(start, due) == days
    assert due >= start + timedelta(days=days)  # never earlier than the calendar-day deadline

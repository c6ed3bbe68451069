"""The working-day calendar used for statutory deadlines."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.domain.workdays import WorkCalendar, default_calendar

CAL = default_calendar()


def test_holidays_and_makeup_days_of_2026():
    assert CAL.knows(2025) and CAL.knows(2026)
    assert not CAL.is_workday(date(2026, 2, 16))  # 春节, a Monday
    assert CAL.is_workday(date(2025, 1, 26))  # 调休上班 on a Sunday
    assert not CAL.is_workday(date(2025, 10, 8))


def test_adding_working_days_skips_the_spring_festival():
    # Friday 2026-02-13: Saturday 2-14 is a make-up working day, then 春节 2-15..2-23 is skipped
    assert CAL.add_workdays(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert CAL.add_workdays(date(2026, 2, 13), 2) == date(2026, 2, 24)


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)), st.integers(0, 90))
def test_add_and_count_agree(start, n):
    end = CAL.add_workdays(start, n)
    assert CAL.workdays_between(start, end) == n
    assert n == 0 or CAL.is_workday(end)


@given(st.dates(min_value=date(2030, 1, 1), max_value=date(2030, 12, 31)))
def test_unknown_years_fall_back_to_monday_to_friday(day):
    assert WorkCalendar().is_workday(day) == (day.weekday() < 5)
    assert CAL.is_workday(day) == (day.weekday() < 5)
    assert CAL.add_workdays(day, 5) - day >= timedelta(days=5)

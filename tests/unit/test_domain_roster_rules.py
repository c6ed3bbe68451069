"""Duty roster across the 2026 Spring Festival and National Day (with their 调休 days), fairness, swaps;
公务接待 meal limits; 督办 colours; information scoring."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.domain.roster import HOLIDAY, WEEKDAY, WEEKEND, day_kind, generate, swap_shifts
from app.domain.rules import (
    BLUE,
    NONE,
    RED,
    YELLOW,
    ScoringRules,
    max_companions,
    meal_error,
    supervision_colour,
)
from app.domain.workdays import default_calendar

CAL = default_calendar()
LEADERS = ["王主任", "李副主任", "张副主任"]
STAFF = [f"秘书{i}" for i in range(1, 8)]


def test_day_kinds_of_the_spring_festival_2026():
    assert day_kind(date(2026, 2, 14), CAL) == WEEKDAY  # Saturday, 调休 working day
    assert day_kind(date(2026, 2, 17), CAL) == HOLIDAY  # 春节
    assert day_kind(date(2026, 3, 7), CAL) == WEEKEND


def test_spring_festival_roster_rotates_in_base_order_and_counts_are_fair():
    roster = generate(date(2026, 2, 10), date(2026, 2, 28), LEADERS, STAFF, CAL)
    assert len(roster.shifts) == 19 and not roster.problems
    assert [s.leader for s in roster.shifts[:4]] == ["王主任", "李副主任", "张副主任", "王主任"]
    # working days and rest days take turns separately, each in base order
    work = [s.staff[0] for s in roster.shifts if s.kind == WEEKDAY]
    rest = [s.staff[0] for s in roster.shifts if s.kind != WEEKDAY]
    assert work[:8] == STAFF + ["秘书1"] and rest[:8] == STAFF + ["秘书1"]
    holiday_shifts = [s for s in roster.shifts if s.kind == HOLIDAY]
    assert len(holiday_shifts) == 9  # 02-15 .. 02-23
    totals = [sum(roster.counts[p].values()) for p in STAFF]
    assert max(totals) - min(totals) <= 2
    rest_days = [roster.counts[p][WEEKEND] + roster.counts[p][HOLIDAY] for p in STAFF]
    assert max(rest_days) - min(rest_days) <= 1
    assert roster.shifts[4].kind == WEEKDAY and roster.shifts[4].day == date(2026, 2, 14)


def test_the_next_month_goes_on_from_where_the_last_one_stopped():
    march = generate(date(2026, 3, 2), date(2026, 3, 31), LEADERS, STAFF, CAL)
    last_work = [s for s in march.shifts if s.kind == WEEKDAY][-1]
    last_rest = [s for s in march.shifts if s.kind != WEEKDAY][-1]
    after = {"work": (last_work.leader, last_work.staff[-1]), "rest": (last_rest.leader, last_rest.staff[-1])}
    april = generate(date(2026, 4, 1), date(2026, 4, 30), LEADERS, STAFF, CAL, after=after)
    first_work = [s for s in april.shifts if s.kind == WEEKDAY][0]
    assert first_work.staff[0] == STAFF[(STAFF.index(last_work.staff[-1]) + 1) % len(STAFF)]
    assert first_work.leader == LEADERS[(LEADERS.index(last_work.leader) + 1) % len(LEADERS)]


def test_a_group_of_seven_does_not_put_the_same_person_on_every_weekend():
    roster = generate(date(2026, 3, 2), date(2026, 5, 31), LEADERS, STAFF, CAL)
    weekend = [roster.counts[p][WEEKEND] + roster.counts[p][HOLIDAY] for p in STAFF]
    assert max(weekend) - min(weekend) <= 1


def test_national_day_roster_with_someone_away_and_night_shifts():
    away = {"秘书2": {date(2026, 10, 1) + timedelta(days=i) for i in range(8)}}
    roster = generate(
        date(2026, 9, 30), date(2026, 10, 10), LEADERS, STAFF, CAL, night_shifts=True, away=away
    )
    assert len(roster.shifts) == 22
    assert not any(
        "秘书2" in s.staff for s in roster.shifts if date(2026, 10, 1) <= s.day <= date(2026, 10, 8)
    )
    for day in {s.day for s in roster.shifts}:
        people = [p for s in roster.shifts if s.day == day for p in s.staff]
        assert len(people) == len(set(people))  # nobody on two shifts of one day
    assert day_kind(date(2026, 10, 10), CAL) == WEEKDAY  # Saturday 调休


def test_missing_leader_is_reported_and_bad_periods_refused():
    away = {p: {date(2026, 3, 2)} for p in LEADERS}
    roster = generate(date(2026, 3, 1), date(2026, 3, 3), LEADERS, STAFF, CAL, away=away)
    assert roster.problems == ("2026-03-02 全天没有可带班的领导（都不在岗）",)
    with pytest.raises(ValueError, match="不能早于"):
        generate(date(2026, 3, 3), date(2026, 3, 1), LEADERS, STAFF, CAL)


def test_swap_exchanges_two_shifts_and_keeps_the_rest():
    roster = generate(date(2026, 3, 2), date(2026, 3, 8), LEADERS, STAFF, CAL)
    a, b = roster.shifts[0], roster.shifts[1]
    swapped = swap_shifts(roster, a.day, a.staff[0], b.day, b.staff[0])
    assert swapped.shifts[0].staff == b.staff and swapped.shifts[1].staff == a.staff
    assert swapped.shifts[2:] == roster.shifts[2:]
    with pytest.raises(ValueError, match="没有这一班"):
        swap_shifts(roster, a.day, "不存在", b.day, b.staff[0])


def test_meal_rules():
    assert max_companions(10) == 3 and max_companions(12) == 4 and max_companions(30) == 10
    assert meal_error(8, 3, 1) == {}
    errs = meal_error(8, 4, 2)
    assert "最多3人陪餐" in errs["companions"] and "一次" in errs["meals"]
    assert "三分之一" in meal_error(15, 6, 1)["companions"]


def test_supervision_colours():
    today = date(2026, 6, 10)
    assert supervision_colour(date(2026, 6, 9), today) == RED
    assert supervision_colour(date(2026, 6, 12), today) == BLUE
    assert (
        supervision_colour(date(2026, 7, 30), today, cycle="weekly", last_report=date(2026, 6, 1)) == YELLOW
    )
    assert supervision_colour(date(2026, 7, 30), today, cycle="weekly", last_report=date(2026, 6, 5)) == NONE
    assert supervision_colour(date(2026, 6, 1), today, done=True) == NONE


def test_information_scoring_default_and_highest_only():
    rules = ScoringRules()
    assert rules.score([("市级", "全文采用"), ("省级", "摘要采用")], ["市级"]) == 25
    assert ScoringRules(highest_only=True).score([("市级", "全文采用"), ("省级", "摘要采用")]) == 10
    with pytest.raises(ValueError, match="未知的采用级别"):
        rules.score([("乡级", "全文采用")])

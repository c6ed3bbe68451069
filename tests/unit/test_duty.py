"""值班: generating the roster (saved in one transaction, absences, no double generation), swaps with a
leader's approval, the 突发事件 reporting clock, validation messages, statistics, the month print."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.domain.errors import Conflict, PermissionDenied, ValidationFailed

LEADERS = ["王主任", "李副主任"]
STAFF = ["秘书甲", "秘书乙", "秘书丙"]


@pytest.fixture
def duty(services):
    return services.service("duty")


def test_generate_saves_a_month_and_refuses_to_generate_it_twice(services, actors, duty):
    result = duty.generate(actors["duty"], date(2026, 2, 1), date(2026, 2, 28), leaders=LEADERS, staff=STAFF)
    assert result.saved == 28 and not result.problems
    shifts = duty.shifts(actors["duty"], date(2026, 2, 1), date(2026, 2, 28))
    # 02-01 is a Sunday (rest-day turn), 02-02 and 02-03 working days (their own turn)
    assert [s.leader for s in shifts[:3]] == ["王主任", "王主任", "李副主任"]
    assert {s.day_kind for s in shifts if date(2026, 2, 15) <= s.day <= date(2026, 2, 23)} == {"holiday"}
    with pytest.raises(Conflict, match="已有3班"):
        duty.generate(actors["duty"], date(2026, 2, 10), date(2026, 2, 12), leaders=LEADERS, staff=STAFF)
    again = duty.generate(
        actors["duty"], date(2026, 2, 10), date(2026, 2, 12), leaders=LEADERS, staff=STAFF, replace=True
    )
    assert again.replaced == 3
    assert len(duty.shifts(actors["duty"], date(2026, 2, 1), date(2026, 2, 28))) == 28  # replaced, not added


def test_next_month_continues_the_turn_and_an_unknown_year_is_pointed_out(actors, duty):
    jan = duty.generate(actors["duty"], date(2026, 1, 5), date(2026, 1, 9), leaders=LEADERS, staff=STAFF)
    assert [s.staff[0] for s in jan.shifts] == ["秘书甲", "秘书乙", "秘书丙", "秘书甲", "秘书乙"]
    nxt = duty.generate(actors["duty"], date(2026, 1, 12), date(2026, 1, 13), leaders=LEADERS, staff=STAFF)
    assert [s.staff[0] for s in nxt.shifts] == ["秘书丙", "秘书甲"]
    later = duty.generate(
        actors["duty"], date(2031, 1, 1), date(2031, 1, 3), leaders=LEADERS, staff=STAFF, save=False
    )
    assert "2031年" in later.problems[0]


def test_preview_writes_nothing_and_bad_input_is_explained(actors, duty):
    preview = duty.generate(
        actors["duty"], date(2026, 3, 1), date(2026, 3, 7), leaders=LEADERS, staff=STAFF, save=False
    )
    assert len(preview.shifts) == 7 and preview.saved == 0
    assert duty.shifts(actors["duty"], date(2026, 3, 1), date(2026, 3, 7)) == []
    with pytest.raises(ValidationFailed) as e:
        duty.generate(
            actors["duty"], date(2026, 3, 7), date(2026, 3, 1), leaders=[], staff=["甲"], staff_per_shift=2
        )
    assert e.value.errors["end"] == "结束日期不能早于开始日期"
    assert "带班领导" in e.value.errors["leaders"] and "只有1人" in e.value.errors["staff"]
    with pytest.raises(PermissionDenied):
        duty.generate(actors["clerk"], date(2026, 3, 1), date(2026, 3, 7), leaders=LEADERS, staff=STAFF)


def test_absence_is_respected(services, actors, duty):
    services.registers.create(
        actors["duty"],
        "duty_absences",
        {"person": "秘书乙", "start_on": "2026-04-01", "end_on": "2026-04-10", "reason": "出差"},
    )
    result = duty.generate(actors["duty"], date(2026, 4, 1), date(2026, 4, 10), leaders=LEADERS, staff=STAFF)
    assert all("秘书乙" not in s.staff for s in result.shifts)
    with pytest.raises(ValidationFailed) as e:
        services.registers.create(
            actors["duty"],
            "duty_absences",
            {"person": "秘书乙", "start_on": "2026-04-10", "end_on": "2026-04-01", "reason": "出差"},
        )
    assert e.value.errors == {"end_on": "结束日期不能早于开始日期"}


def test_swap_takes_effect_only_when_a_leader_approves(services, actors, duty):
    result = duty.generate(actors["duty"], date(2026, 5, 11), date(2026, 5, 13), leaders=LEADERS, staff=STAFF)
    a, c = result.shifts[0], result.shifts[2]
    swap = duty.request_swap(actors["duty"], a.id, a.staff[0], c.id, c.staff[0], "出差")
    assert duty.shifts(actors["duty"], a.day, a.day)[0].staff == a.staff  # nothing changed yet
    with pytest.raises(PermissionDenied):
        duty.decide_swap(actors["duty"], swap.id, True)
    decided = duty.decide_swap(actors["leader"], swap.id, True)
    assert decided.state == "approved"
    assert duty.shifts(actors["duty"], a.day, a.day)[0].staff == c.staff
    assert duty.shifts(actors["duty"], c.day, c.day)[0].staff == a.staff
    with pytest.raises(Conflict, match="已经处理过"):
        duty.decide_swap(actors["leader"], swap.id, True)
    with pytest.raises(ValidationFailed, match="不在"):
        duty.request_swap(actors["duty"], a.id, "不存在的人", c.id, c.staff[0], "x")


def test_emergency_reporting_clock(services, actors, duty):
    at = datetime.now().replace(microsecond=0) - timedelta(minutes=40)
    rec = services.registers.create(
        actors["duty"],
        "duty_log",
        {"at": at, "kind": "突发事件", "grade": "III", "content": "河西乡发生山体滑坡", "recorder": "秘书甲"},
    )
    due = {d.what: d for d in duty.reports_due(actors["duty"])}
    assert due["电话报告"].due == at + timedelta(minutes=30)  # 较大: 30 minutes by phone, 60 in writing
    assert due["书面报告"].due == at + timedelta(minutes=60)
    items = services.dashboard(actors["duty"])
    assert any(i.kind == "overdue" and i.category == "突发事件电话报告" for i in items)
    services.registers.update(
        actors["duty"], "duty_log", rec.id, {**rec.values, "reported_phone_at": at + timedelta(minutes=20)}
    )
    assert [d.what for d in duty.reports_due(actors["duty"])] == ["书面报告"]
    with pytest.raises(ValidationFailed) as e:
        services.registers.create(
            actors["duty"], "duty_log", {"at": at, "kind": "突发事件", "content": "x", "recorder": "甲"}
        )
    assert e.value.errors == {"grade": "突发事件须选择事件等级"}


def test_todays_duty_on_the_home_tab_and_statistics(services, actors, duty):
    today = date.today()
    duty.generate(actors["duty"], today, today, leaders=LEADERS, staff=STAFF)
    items = [i for i in services.dashboard(actors["leader"]) if i.area == "duty"]
    assert items and "带班 王主任" in items[0].title and "秘书甲" in items[0].title
    services.registers.create(
        actors["duty"],
        "duty_log",
        {"at": datetime.now(), "kind": "来电", "content": "询问会议时间", "recorder": "甲"},
    )
    stats = duty.statistics(actors["leader"], date(today.year, 1, 1), date(today.year, 12, 31))
    assert stats.leader_shifts == 1 and stats.log_by_kind == {"来电": 1} and stats.emergencies == 0


def test_month_roster_prints_with_names_and_holiday_marks(services, actors, duty, tmp_path):
    from pypdf import PdfReader

    duty.generate(actors["duty"], date(2026, 2, 1), date(2026, 2, 28), leaders=LEADERS, staff=STAFF)
    out = services.printing.render_form(
        actors["duty"], "duty_shifts", "month", 202602, tmp_path / "roster.pdf"
    )
    text = PdfReader(str(out)).pages[0].extract_text()
    assert "2026年2月值班表" in text and "带班：王主任" in text and "值班：秘书丙" in text
    assert "休" in text and "班" in text and "本月班次" in text
    with pytest.raises(ValidationFailed):
        services.printing.render_form(actors["duty"], "duty_shifts", "month", 202613, tmp_path / "bad.pdf")


def test_a_swap_does_not_move_the_turn_and_shifts_are_not_edited_around_the_approval(services, actors, duty):
    d = actors["duty"]
    week = duty.generate(d, date(2026, 6, 1), date(2026, 6, 5), leaders=LEADERS, staff=STAFF)  # Mon..Fri
    last, first = week.shifts[-1], week.shifts[0]  # 06-05 秘书乙, 06-01 秘书甲
    swap = duty.request_swap(d, last.id, last.staff[0], first.id, first.staff[0], "换班")
    duty.decide_swap(actors["leader"], swap.id, True)
    nxt = duty.generate(d, date(2026, 6, 8), date(2026, 6, 8), leaders=LEADERS, staff=STAFF)
    # the roster had 秘书乙 on 06-05 (秘书甲 took it by the swap): the turn goes on with 秘书丙
    assert nxt.shifts[0].staff == ("秘书丙",)
    # editing the shift cannot change who is on duty (that is what the approved swap is for)
    rec = services.registers.get(d, "duty_shifts", first.id)
    services.registers.update(d, "duty_shifts", first.id, {**rec.values, "staff": "别人", "note": "改备注"})
    after = services.registers.get(d, "duty_shifts", first.id)
    assert after["staff"] == rec["staff"] and after["note"] == "改备注"


def test_a_shift_added_by_hand_may_not_put_someone_on_two_shifts(services, actors, duty):
    d = actors["duty"]
    duty.generate(d, date(2026, 6, 1), date(2026, 6, 1), leaders=LEADERS, staff=STAFF, night_shifts=True)
    with pytest.raises(ValidationFailed) as e:
        services.registers.create(
            d, "duty_shifts", {"day": "2026-06-01", "slot": "夜班", "leader": "王主任", "staff": "秘书丙"}
        )
    assert "已有值班安排" in e.value.errors["slot"]
    with pytest.raises(ValidationFailed) as e:
        services.registers.create(
            d, "duty_shifts", {"day": "2026-06-01", "slot": "全天", "leader": "赵领导", "staff": "秘书甲"}
        )
    assert "不能同时值两个班" in e.value.errors["staff"]

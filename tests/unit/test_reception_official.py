"""公务接待 and 来客登记: no confirmation without the 公函, the meal and 陪餐 limits and the spending standards
explained next to the field, 可报销 only with the four papers, the figures; visitors in the building now."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.domain.errors import ValidationFailed

BASE = {
    "arrive_on": "2026-04-10",
    "leave_on": "2026-04-11",
    "guest_unit": "市委办公室",
    "guest_level": "市级",
    "purpose": "督查重点工作落实",
    "persons": 6,
    "meals": 1,
    "companions": 3,
    "room_nights": 6,
    "cost_meals": 500,
    "cost_lodging": 1800,
}


def test_meal_rules_and_standards(services, actors):
    r = actors["reception"]
    with pytest.raises(ValidationFailed) as e:
        services.registers.create(r, "receptions", {**BASE, "meals": 2, "companions": 4})
    assert "工作餐一次" in e.value.errors["meals"] and "陪餐不超过3人" in e.value.errors["companions"]
    with pytest.raises(ValidationFailed) as e:
        services.registers.create(r, "receptions", {**BASE, "persons": 12, "companions": 5})
    assert "三分之一" in e.value.errors["companions"]
    with pytest.raises(ValidationFailed) as e:
        services.registers.create(r, "receptions", {**BASE, "cost_meals": 600})  # 9 diners x 60 = 540
    assert "最多540元" in e.value.errors["cost_meals"]
    services.office_settings.set(actors["sysadmin"], "reception.standards", "工作餐 80，住宿 320")
    rec = services.registers.create(r, "receptions", {**BASE, "cost_meals": 600})
    assert rec["state"] == "draft"
    assert services.registers.page(r, "receptions").total == 1


def test_confirm_needs_the_letter_and_reimbursable_with_four_papers(services, actors):
    r = actors["reception"]
    rec = services.registers.create(r, "receptions", BASE)
    with pytest.raises(ValidationFailed) as e:
        services.workflow.run(r, "receptions", rec.id, "confirm", {"approver": "周振荣"})
    assert "公函" in e.value.errors["letter_no"]
    with pytest.raises(ValidationFailed) as e:
        services.workflow.run(
            r, "receptions", rec.id, "confirm",
            {"letter_unit": "市委办公室", "letter_no": "市委办函〔2026〕5号", "letter_on": "2026-04-01",
             "approver": "周振荣", "approved_on": "2026-04-12"},
        )  # fmt: skip
    assert "事前审批" in e.value.errors["approved_on"]
    values = {"letter_unit": "市委办公室", "letter_no": "市委办函〔2026〕5号", "letter_on": "2026-04-01",
              "approver": "周振荣", "approved_on": "2026-04-05"}  # fmt: skip
    rec = services.workflow.run(r, "receptions", rec.id, "confirm", values).record
    assert rec["state"] == "confirmed"
    res = services.workflow.run(r, "receptions", rec.id, "finish", {"leave_on": "2026-04-11"})
    assert res.record["state"] == "done" and "接待清单" in res.warnings[0]
    rec = services.workflow.run(
        r, "receptions", rec.id, "papers", {"has_list": True, "has_receipts": True}
    ).record
    assert rec["state"] == "reimbursable"
    fig = services.service("reception").reception_figures(r, date(2026, 1, 1), date(2026, 12, 31))
    assert fig.receptions == 1 and fig.by_level["市级"] == 1 and fig.companions == 3
    assert fig.costs["餐费"] == 500 and fig.cost_per_person == round(2300 / 6, 1)
    assert fig.by_month[202604]["cost"] == 2300


def test_visitors_in_the_building_and_sign_out(services, actors):
    r = actors["reception"]
    svc = services.service("reception")
    with pytest.raises(ValidationFailed) as e:
        services.registers.create(
            r, "visitors",
            {"visitor": "刘伟", "id_number": "110105194912310020", "purpose": "送文件", "host": "王芳",
             "came_at": "2026-05-06 09:00"},
        )  # fmt: skip
    assert "校验位" in e.value.errors["id_number"]
    v = services.registers.create(
        r, "visitors",
        {"visitor": "刘伟", "purpose": "送文件", "host": "王芳", "came_at": "2026-05-06 09:00",
         "id_number": "11010519491231002X"},
    )  # fmt: skip
    inside = svc.inside(r)
    assert [x["visitor"] for x in inside] == ["刘伟"] and inside[0]["id_number"] == "110***********002X"
    with pytest.raises(ValidationFailed) as e:
        svc.sign_out(r, v.id, datetime(2026, 5, 6, 8, 0))
    assert "不能早于" in e.value.errors["left_at"]
    svc.sign_out(r, v.id, datetime(2026, 5, 6, 9, 40))
    assert svc.inside(r) == []
    assert len(svc.day_sheet(r, date(2026, 5, 6))) == 1


GUESTS = [
    {"name": "王建军", "unit": "省委办公厅", "title": "副厅长", "level": "省级"},
    {"name": "李敏", "unit": "市委办公室", "title": "处长", "level": ""},
    {"name": "", "unit": "", "title": "", "level": ""},  # a blank row left in the table
]
STOPS = [
    {"day": "2026-04-10", "time": "上午 9:00", "place": "县委常委会议室", "activity": "听取汇报", "escort": "县委副书记"},
    {"day": "2026-04-11", "time": "下午", "place": "城关镇", "activity": "实地调研", "escort": "县委办主任"},
]  # fmt: skip


def test_guests_and_itinerary_are_rows_saved_with_the_reception(services, actors):
    r = actors["reception"]
    svc = services.service("reception")
    with pytest.raises(ValidationFailed) as e:
        svc.save_reception(
            r, None, BASE,
            [{"name": "", "unit": "省委办公厅", "level": ""}, {"name": "甲", "level": "部级"}],
            [{"day": "2026-04-09", "place": "县委", "activity": "座谈"}, {"day": "2026-02-30", "place": "x"},
             {"time": "上午"}],
        )  # fmt: skip
    assert "第1行：请填写姓名" in e.value.errors["guests"] and "第2行：级别应为" in e.value.errors["guests"]
    bad = e.value.errors["itinerary"]
    assert "第1行：日期早于抵达日期" in bad and "第2行" in bad and "第3行：请填写地点或活动" in bad
    with pytest.raises(ValidationFailed) as e:  # more names than the 接待对象人数
        svc.save_reception(r, None, {**BASE, "persons": 1}, GUESTS, [])
    assert "多于接待对象人数1人" in e.value.errors["guests"]
    assert services.registers.page(r, "receptions").total == 0  # nothing half-saved
    rec = svc.save_reception(r, None, BASE, GUESTS, STOPS)
    arr = svc.arrangements(r, rec.id)
    assert [(g.name, g.level) for g in arr.guests] == [("王建军", "省级"), ("李敏", "")]
    assert [t.when for t in arr.itinerary] == ["4月10日上午 9:00", "4月11日下午"]
    assert arr.itinerary[0].escort == "县委副书记"
    assert services.registers.page(r, "receptions", search="王建军").total == 1  # guests searchable
    # editing: the tables replaced as shown, a field change kept, the version checked
    rec = svc.save_reception(
        r, rec.id, {"purpose": "调研乡村振兴"}, GUESTS[1:2], STOPS[:1], expected_version=rec["version"]
    )
    assert rec["purpose"] == "调研乡村振兴" and len(svc.arrangements(r, rec.id).guests) == 1
    assert services.registers.page(r, "receptions", search="王建军").total == 0
    with pytest.raises(Exception) as stale:
        svc.save_reception(r, rec.id, {"purpose": "x"}, [], [], expected_version=1)
    assert "修改" in str(stale.value)


def test_person_figures_count_the_guest_list_by_each_guests_level(services, actors):
    r = actors["reception"]
    svc = services.service("reception")
    two = {**BASE, "persons": 2, "cost_meals": 300, "room_nights": 2, "cost_lodging": 600}
    svc.save_reception(r, None, two, GUESTS, STOPS)  # 1 省级 guest, 1 of the 市级 visit
    svc.save_reception(r, None, {**BASE, "persons": 4, "guest_level": "县级", "companions": 0, "meals": 0,
                                 "cost_meals": 0}, [], [])  # fmt: skip
    fig = svc.reception_figures(r, date(2026, 1, 1), date(2026, 12, 31))
    assert fig.receptions == 2 and fig.by_level == {"省级": 0, "市级": 1, "县级": 1, "其他": 0}
    assert fig.persons == 6 and fig.persons_by_level == {"省级": 1, "市级": 1, "县级": 4, "其他": 0}


def test_plan_and_list_print_the_rows(services, actors, tmp_path):
    from pypdf import PdfReader

    r = actors["reception"]
    rec = services.service("reception").save_reception(r, None, BASE, GUESTS, STOPS)
    for form, words in (
        ("plan", ("接待方案", "县委副书记", "陪同")),
        ("list", ("接待清单", "王建军", "副厅长")),
    ):
        out = services.printing.render_form(r, "receptions", form, rec.id, tmp_path / f"{form}.pdf")
        text = "".join(p.extract_text() for p in PdfReader(str(out)).pages)
        for w in (*words, "省委办公厅", "听取汇报", "城关镇"):
            assert w in text, (form, w)

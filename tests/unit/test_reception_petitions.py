"""信访: registration with Chinese messages next to the fields, the handling workflow and its statutory
clock, repeat petitioners found before saving, masking for users without the 信访接待 role, audited views,
and the figures the annual report uses."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.domain.errors import Conflict, PermissionDenied, ValidationFailed
from app.domain.idnumber import check_char

ID = "11010519491231002"
ID += check_char(ID)


def _case(services, actor, **kw):
    values = {
        "registered_on": "2026-03-02",
        "channel": "来访",
        "petitioner": "张桂兰",
        "id_number": ID,
        "phone": "13800138000",
        "address": "城关镇东街8号",
        "township": "城关镇",
        "persons": 1,
        "category": "土地征收",
        "summary": "征地补偿款未按时发放",
        **kw,
    }
    return services.service("reception").register(actor, values)


def _step(services, actor, rec, step, **values):
    return services.workflow.run(actor, "petitions", rec.id, step, values).record


def test_bad_input_is_explained_next_to_the_field_and_nothing_saved(services, actors):
    p = actors["petition"]
    bad = {
        "id_number": ID[:-1] + ("0" if ID[-1] != "0" else "1"),
        "persons": 7,
        "channel": "来访",
        "representatives": "",
    }
    with pytest.raises(ValidationFailed) as e:
        _case(services, p, **bad)
    assert "校验位" in e.value.errors["id_number"]
    with pytest.raises(ValidationFailed) as e:
        _case(services, p, persons=7, representatives="甲、乙、丙、丁、戊、己")
    assert "不超过5人" in e.value.errors["representatives"]
    with pytest.raises(ValidationFailed) as e:
        _case(services, p, persons=7)
    assert "集体访" in e.value.errors["representatives"]
    with pytest.raises(ValidationFailed) as e:
        _case(services, p, channel="上级转交")
    assert "来源机关" in e.value.errors["source_organ"]
    with pytest.raises(ValidationFailed) as e:
        _case(services, p, phone="12345")
    assert "电话" in e.value.errors["phone"]
    assert services.registers.page(p, "petitions").total == 0


def test_handling_with_clock_extension_and_review(services, actors):
    p = actors["petition"]
    rec = _case(services, p)
    assert rec["state"] == "registered"
    assert rec["due_on"] == date(2026, 3, 17) and rec["due_what"] == "受理告知"  # 15 calendar days
    with pytest.raises(ValidationFailed) as e:
        _step(services, p, rec, "accept", accepted_on="2026-03-01", handling="交办")
    assert "不能早于登记日期" in e.value.errors["accepted_on"]
    assert "承办单位" in e.value.errors["handler_unit"]
    rec = _step(
        services, p, rec, "accept", accepted_on="2026-03-05", handling="交办", handler_unit="县自然资源局"
    )
    assert rec["state"] == "accepted" and rec["due_on"] == date(2026, 5, 4)  # +60 days
    with pytest.raises(ValidationFailed) as e:
        _step(
            services,
            p,
            rec,
            "extend",
            extension_days=31,
            extension_approver="周振荣",
            extension_reason="复杂",
        )
    assert "不得超过30日" in e.value.errors["extension_days"]
    rec = _step(
        services,
        p,
        rec,
        "extend",
        extension_days=30,
        extension_approver="周振荣",
        extension_reason="涉及多部门",
    )
    assert rec["due_on"] == date(2026, 6, 3)
    with pytest.raises(ValidationFailed) as e:
        _step(
            services, p, rec, "extend", extension_days=5, extension_approver="周振荣", extension_reason="再延"
        )
    assert "只能延期一次" in e.value.errors["extension_days"]
    services.workflow.run(p, "petitions", rec.id, "supervise", {"method": "phone", "note": "已电话催办"})
    assert [u.person for u in services.workflow.urges(p, "petitions", rec.id)] == ["赵敏"]
    rec = _step(
        services, p, rec, "reply", replied_on="2026-05-20", reply_result="支持", reply_text="已兑付补偿款"
    )
    assert rec["state"] == "replied" and rec["due_on"] is None
    rec = _step(services, p, rec, "visit", visited_on="2026-05-25", satisfaction="满意")
    rec = _step(services, p, rec, "close", closed_on="2026-05-26")
    assert rec["state"] == "closed"
    with pytest.raises(ValidationFailed) as e:
        _step(services, p, rec, "review", review_requested_on="2026-07-01")
    assert "已超过申请期限" in e.value.errors["review_requested_on"]
    rec = _step(services, p, rec, "review", review_requested_on="2026-06-10")
    assert rec["state"] == "review" and rec["due_on"] == date(2026, 7, 10) and rec["due_what"] == "复查决定"
    rec = _step(services, p, rec, "review_decide", review_decided_on="2026-07-01", review_result="维持")
    assert rec["state"] == "closed" and rec["due_on"] is None
    total = services.service("reception").petition_figures(p, date(2026, 1, 1), date(2026, 12, 31)).total
    assert (total.reviews, total.reviews_decided, total.rechecks) == (1, 1, 0)  # 复查 counted
    with pytest.raises(Conflict):
        _step(services, p, rec, "accept", accepted_on="2026-07-02", handling="直接办理")
    steps = [h.step for h in services.workflow.history(p, "petitions", rec.id)]
    assert steps[:3] == ["register", "accept", "extend"] and "review_decide" in steps


def test_working_days_setting_moves_the_deadline(services, actors):
    p = actors["petition"]
    rec = _case(services, p, registered_on="2026-09-28")  # 国庆 holidays follow
    assert rec["due_on"] == date(2026, 10, 13)
    services.office_settings.set(actors["sysadmin"], "reception.petition_days", "工作日")
    clocks = services.service("reception").open_clocks(p, date(2026, 10, 1))
    assert clocks[0].due > date(2026, 10, 13)  # 15 working days skip the National Day week


def test_rejection_closes_the_case_with_its_reason(services, actors):
    p = actors["petition"]
    rec = _case(services, p)
    with pytest.raises(ValidationFailed) as e:
        services.workflow.run(p, "petitions", rec.id, "reject", {"accepted_on": "2026-03-03"})
    assert "reason" in e.value.errors
    rec = services.workflow.run(
        p, "petitions", rec.id, "reject", {"accepted_on": "2026-03-03", "reason": "已进入诉讼程序"}
    ).record
    assert rec["state"] == "rejected" and rec["closed_on"] == date(2026, 3, 3) and rec["due_on"] is None


def test_repeat_petitioner_found_and_linked(services, actors):
    p = actors["petition"]
    first = _case(services, p)
    svc = services.service("reception")
    found = svc.earlier_cases(p, id_number=ID.lower()[:-1] + ID[-1].lower())
    assert [c.number for c in found] == [first["number"]] and found[0].matched_by == "身份证号"
    assert svc.earlier_cases(p, name="张桂兰", address="城关镇东街8号")[0].matched_by == "姓名和住址"
    assert svc.earlier_cases(p, phone="13900000000") == []
    with pytest.raises(ValidationFailed) as e:
        _case(services, p, repeat_of="信〔2026〕999号")
    assert "没有编号" in e.value.errors["repeat_of"]
    second = _case(services, p, repeat_of=first["number"], registered_on="2026-04-01")
    assert second["repeat_of"] == first["number"]


def test_masked_for_other_roles_and_every_view_audited(services, actors):
    p, leader = actors["petition"], actors["leader"]
    rec = _case(services, p)
    listed = services.registers.page(leader, "petitions").records[0]
    assert listed["id_number"] == ID[:3] + "*" * 11 + ID[-4:] and listed["phone"] == "138****8000"
    assert services.registers.page(p, "petitions").records[0]["id_number"] == ID
    exported = list(services.registers.iter_records(leader, "petitions"))
    assert exported[0]["id_number"].count("*") == 11
    services.registers.get(leader, "petitions", rec.id)
    from sqlalchemy import select

    from db.models.core import AuditEntry

    with services.db.read() as s:
        views = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "view", AuditEntry.object_type == "petitions")
        ).all()
    assert views, "viewing a petitioner's details is audited"
    with pytest.raises(PermissionDenied):
        services.registers.page(actors["duty"], "petitions")


def test_figures_count_letters_visits_groups_and_rates(services, actors):
    p = actors["petition"]
    svc = services.service("reception")
    _case(services, p, channel="来信", id_number="", registered_on="2026-01-05")
    _case(services, p, persons=6, representatives="甲、乙", registered_on="2026-01-06")
    done = _case(services, p, persons=2, registered_on="2026-02-01")
    _step(services, p, done, "accept", accepted_on="2026-02-03", handling="直接办理")
    _step(
        services, p, done, "reply", replied_on="2026-05-01", reply_result="解释", reply_text="已解释"
    )  # late
    _step(services, p, done, "visit", visited_on="2026-05-03", satisfaction="基本满意")
    _step(services, p, done, "close", closed_on="2026-05-04")
    voided = _case(services, p, channel="来信", registered_on="2026-01-07")
    services.registers.void(p, "petitions", voided.id, "重复登记")
    _case(services, p, channel="来信", registered_on="2025-12-31")
    st = svc.petition_figures(p, date(2026, 1, 1), date(2026, 12, 31))
    t = st.total
    assert (t.letters, t.visit_batches, t.visit_persons, t.group_batches, t.group_persons) == (1, 2, 8, 1, 6)
    assert t.persons == 9 and t.accept_rate == 100.0 and t.finish_rate == 0.0
    assert t.close_rate == round(100 / 3, 1) and t.satisfaction_rate == 100.0
    assert st.by_month[202601].persons == 7 and st.by_month[202602].visit_persons == 2
    assert st.by_channel["来访"].visit_batches == 2 and st.by_township["城关镇"].cases == 3
    with pytest.raises(ValidationFailed):
        svc.petition_figures(p, date(2026, 2, 1), date(2026, 1, 1))


def test_home_tab_shows_due_soon_and_overdue(services, actors):
    p = actors["petition"]
    today = date.today()
    _case(services, p, registered_on=(today - timedelta(days=20)).isoformat())  # accept due 5 days ago
    _case(services, p, registered_on=(today - timedelta(days=13)).isoformat(), petitioner="李四")
    _case(services, p, registered_on=today.isoformat(), petitioner="王五")
    items = services.area("reception").dashboard(services, p)
    assert sorted(i.kind for i in items) == ["due_soon", "overdue"]
    assert "已超期5日" in [i for i in items if i.kind == "overdue"][0].detail


def test_list_rows_coloured_by_the_clock(services, actors):
    p = actors["petition"]
    today = date.today()
    _case(services, p, registered_on=(today - timedelta(days=20)).isoformat())
    _case(services, p, registered_on=(today - timedelta(days=13)).isoformat(), petitioner="李四")
    _case(services, p, registered_on=today.isoformat(), petitioner="王五")
    reg = services.catalog.get("petitions")
    page = services.registers.page(p, "petitions", sort=("registered_on", False))
    assert [reg.row_state(r) for r in page.records] == ["overdue", "due_soon", None]
    running = services.registers.page(p, "petitions", filters={"open": True})
    assert running.total == 3


def test_clock_strip_and_home_tab_agree_on_what_is_due(services, actors):
    """The strip above the list (running / due soon / overdue) counts what the home tab lists."""
    p = actors["petition"]
    svc = services.service("reception")
    _case(services, p, registered_on="2026-03-02")  # 受理告知 due 2026-03-17
    _case(services, p, registered_on="2026-03-10", petitioner="李建国", id_number="", phone="")  # due 03-25
    late = _case(services, p, registered_on="2026-02-01", petitioner="王秀英", id_number="", phone="")
    closed = _case(services, p, registered_on="2026-03-01", petitioner="刘志强", id_number="", phone="")
    services.workflow.run(
        p, "petitions", closed.id, "reject", {"accepted_on": "2026-03-02", "reason": "重复"}
    )
    today = date(2026, 3, 15)
    assert svc.clock_counts(p, today) == (3, 1, 1)
    clocks = svc.open_clocks(p, today)
    assert [c.status for c in clocks] == ["overdue", "due_soon", "on_time"] and clocks[0].id == late.id
    assert [c.days_left for c in clocks] == [(date(2026, 2, 16) - today).days, 2, 10]
    assert [c.id for c in svc.open_clocks(p, today, warn_only=True)] == [c.id for c in clocks[:2]]
    with pytest.raises(PermissionDenied):
        svc.clock_counts(actors["noroles"], today)


def test_a_cases_details_list_the_same_petitioners_other_cases(services, actors):
    p = actors["petition"]
    svc = services.service("reception")
    first = _case(services, p, registered_on="2026-01-05")
    other = _case(services, p, petitioner="李建国", id_number="", phone="13911112222", address="河口镇")
    second = _case(services, p, registered_on="2026-03-02", id_number="", address="")  # same phone only
    third = _case(services, p, registered_on="2026-04-01", phone="", address="")  # same ID number only
    assert [(c.number, c.matched_by) for c in svc.earlier_cases_of(p, third.id)] == [
        (first["number"], "身份证号")
    ]
    assert [c.id for c in svc.earlier_cases_of(p, second.id)] == [first.id]
    assert [c.id for c in svc.earlier_cases_of(p, first.id)] == [third.id, second.id]
    assert svc.earlier_cases_of(p, other.id) == []
    with pytest.raises(PermissionDenied):
        svc.earlier_cases_of(actors["leader"], first.id)

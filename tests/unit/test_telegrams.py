"""The 电报 area on the shared engine: numbering, cipher rules, 密电不得明复, copies per 份数, alerts, stats."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.domain.errors import PermissionDenied, ValidationFailed

NOW = datetime.now().replace(second=0, microsecond=0)


def _tg(**kw):  # type: ignore[no-untyped-def]
    base = {
        "at": NOW.strftime("%Y-%m-%d %H:%M"),
        "dept_no": "国办明电[2026]08号",
        "priority": "平急",
        "counterpart": "市委办公室",
        "title": "关于做好寒潮防范工作的紧急通知",
        "pages": "2",
        "copies_count": "2",
    }
    base.update(kw)
    return base


def _cipher(**kw):  # type: ignore[no-untyped-def]
    return _tg(
        **{
            "dept_no": "省委密电〔2026〕5号",
            "secret_level": "机密",
            "secret_period": "10年",
            "total_no": "０１２３",
            "relay_no": "4567",
            **kw,
        }
    )


def test_each_register_numbers_per_year_without_gaps(services, actors):
    reg = services.registers
    a = reg.create(actors["jiyao"], "plain_in", _tg())
    b = reg.create(actors["jiyao"], "plain_in", _tg(at="2025-12-31 23:00"))
    c = reg.create(actors["jiyao"], "plain_in", _tg())
    d = reg.create(actors["jiyao"], "cipher_in", _cipher())
    e = reg.create(actors["jiyao"], "plain_out", _tg(dept_no="县委明电〔2026〕1号"))
    y = NOW.year
    assert [a["number"], b["number"], c["number"]] == [
        f"明收〔{y}〕1号",
        "明收〔2025〕1号",
        f"明收〔{y}〕2号",
    ]
    assert d["number"] == f"密收〔{y}〕1号" and e["number"] == f"明发〔{y}〕1号"
    assert a["dept_no"] == "国办明电〔2026〕8号"  # normalised
    assert (d["total_no"], d["relay_no"]) == ("0123", "4567")
    assert reg.page(actors["jiyao"], "plain_in").total == 3
    assert reg.page(actors["jiyao"], "cipher_in").total == 1


def test_bad_input_is_named_per_field_and_nothing_is_saved(services, actors):
    with pytest.raises(ValidationFailed) as e:
        services.registers.create(
            actors["jiyao"],
            "cipher_in",
            _tg(
                dept_no="八号文",
                at="2026-02-30",
                priority="最急",
                counterpart="",
                copies_count="0",
                total_no="12a",
            ),
        )
    assert set(e.value.errors) == {"dept_no", "at", "priority", "counterpart", "copies_count", "total_no"}
    assert "部门号应写成" in e.value.errors["dept_no"]
    assert "总号" in e.value.errors["total_no"]
    assert services.registers.page(actors["jiyao"], "cipher_in").total == 0


def test_cipher_must_be_classified_and_plain_must_not(services, actors):
    with pytest.raises(ValidationFailed, match="须标明密级"):
        services.registers.create(actors["jiyao"], "cipher_in", _tg())
    with pytest.raises(ValidationFailed, match="不得明传"):
        services.registers.create(actors["jiyao"], "plain_in", _tg(secret_level="秘密"))


def test_cipher_registers_need_the_confidential_role_and_views_are_audited(services, actors):
    rec = services.registers.create(actors["jiyao"], "cipher_in", _cipher())
    with pytest.raises(PermissionDenied):
        services.registers.page(actors["leader"], "cipher_in")
    with pytest.raises(PermissionDenied):
        services.registers.get(actors["leader"], "cipher_in", rec.id)
    assert services.registers.page(actors["leader"], "plain_in").total == 0  # leaders read plain ones
    services.registers.get(actors["jiyao"], "cipher_in", rec.id)
    total, rows = services.audit.search(actors["auditor"], action="view")
    assert total == 1 and rows[0].object_type == "cipher_in"
    assert not services.catalog.get("cipher_in").exportable and services.catalog.get("plain_in").exportable
    with pytest.raises(PermissionDenied, match="不得导出"):
        services.registers.require_exportable(services.catalog.get("cipher_out"))


def test_a_cipher_telegram_may_not_be_answered_in_clear(services, actors):
    reg = services.registers
    cin = reg.create(actors["jiyao"], "cipher_in", _cipher())
    pin = reg.create(actors["jiyao"], "plain_in", _tg(dept_no="市委明电〔2026〕3号"))
    with pytest.raises(ValidationFailed) as e:
        reg.create(actors["jiyao"], "plain_out", _tg(dept_no="县委明电〔2026〕1号", reply_to=cin["number"]))
    assert "密电不得明复" in e.value.errors["reply_to"]
    with pytest.raises(ValidationFailed, match="密电不得明复"):  # by its 部门号, in any bracket style
        reg.create(
            actors["jiyao"], "plain_out", _tg(dept_no="县委明电〔2026〕1号", reply_to="省委密电(2026)5号")
        )
    with pytest.raises(ValidationFailed, match="找不到"):
        reg.create(actors["jiyao"], "plain_out", _tg(reply_to="明收〔1999〕9号"))
    ok = reg.create(
        actors["jiyao"], "cipher_out", _cipher(dept_no="县委密电〔2026〕1号", reply_to=cin["number"])
    )
    plain_reply = reg.create(
        actors["jiyao"], "plain_out", _tg(dept_no="县委明电〔2026〕2号", reply_to=pin["number"])
    )
    assert ok["reply_to"] == cin["number"] and plain_reply["reply_to"] == pin["number"]
    assert reg.page(actors["jiyao"], "plain_out").total == 1  # the refused ones were not half-saved
    # The same rule holds when an existing plain reply is edited to answer a cipher telegram.
    with pytest.raises(ValidationFailed, match="密电不得明复"):
        reg.update(
            actors["jiyao"],
            "plain_out",
            plain_reply.id,
            _tg(dept_no="县委明电〔2026〕2号", reply_to=cin["number"]),
        )


def test_copies_follow_the_number_of_copies(services, actors):
    rec = services.registers.create(
        actors["jiyao"], "cipher_in", _cipher(copies_count="3", first_copy_no="45")
    )
    copies = services.copies.copies(actors["jiyao"], "cipher_in", rec.id)
    assert [c.copy_no for c in copies] == ["000045", "000046", "000047"]
    assert copies[0].signed_by == "李军" and copies[0].due_back.date() == NOW.date()  # cipher: same day
    services.registers.update(actors["jiyao"], "cipher_in", rec.id, _cipher(copies_count="4"))
    assert len(services.copies.copies(actors["jiyao"], "cipher_in", rec.id)) == 4
    with pytest.raises(ValidationFailed, match="不能减少"):
        services.registers.update(actors["jiyao"], "cipher_in", rec.id, _cipher(copies_count="1"))


def test_flash_and_extra_urgent_raise_an_alert_until_acknowledged(services, actors):
    services.registers.create(actors["jiyao"], "plain_in", _tg(priority="加急"))
    flash = services.registers.create(
        actors["jiyao"], "plain_in", _tg(priority="特提", title="关于寒潮的特提电报")
    )
    services.registers.create(actors["jiyao"], "cipher_in", _cipher(priority="特急"))
    svc = services.service("telegrams")
    assert len(svc.pending_alerts(actors["jiyao"])) == 2
    leader_items = [i for i in services.dashboard(actors["leader"]) if i.kind == "alert"]
    assert [(i.title, i.record_id) for i in leader_items] == [("特提电报：关于寒潮的特提电报", flash.id)]
    svc.acknowledge_alert(actors["leader"], leader_items[0].alert_id)
    assert [a.title for a in svc.pending_alerts(actors["jiyao"])] == [
        "特急电报：关于做好寒潮防范工作的紧急通知"
    ]
    assert services.alerts.for_record(actors["jiyao"], "plain_in", flash.id)[0].acknowledged_by == "周振荣"


def test_overdue_copies_show_on_the_home_tab(services, actors):
    yesterday = (NOW - timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    rec = services.registers.create(actors["jiyao"], "cipher_in", _cipher(at=yesterday, copies_count="1"))
    (c,) = services.copies.copies(actors["jiyao"], "cipher_in", rec.id)
    services.copies.send(actors["jiyao"], c.id, "周振荣")
    items = [i for i in services.dashboard(actors["jiyao"]) if i.kind == "overdue"]
    assert [(i.register, i.record_id) for i in items] == [("cipher_in", rec.id)]
    assert "在周振荣处" in items[0].detail
    assert [i for i in services.dashboard(actors["leader"]) if i.kind == "overdue"] == []


def test_statistics_by_register_level_and_priority(services, actors):
    reg = services.registers
    reg.create(actors["jiyao"], "plain_in", _tg(at="2026-03-01 09:00"))
    reg.create(actors["jiyao"], "plain_in", _tg(at="2026-03-02 09:00"))
    reg.create(actors["jiyao"], "plain_in", _tg(at="2026-03-02 10:00", priority="特急"))
    reg.create(actors["jiyao"], "cipher_in", _cipher(at="2026-03-03 09:00"))
    v = reg.create(
        actors["jiyao"], "cipher_out", _cipher(at="2026-03-03 09:00", dept_no="县委密电〔2026〕1号")
    )
    reg.create(actors["jiyao"], "plain_out", _tg(at="2026-04-01 09:00"))  # outside the period
    reg.void(actors["jiyao"], "cipher_out", v.id, "误登")
    stats = services.service("telegrams").statistics(actors["jiyao"], date(2026, 3, 1), date(2026, 3, 31))
    assert [(r.register_title, r.secret_level, r.priority, r.count) for r in stats.rows] == [
        ("明传电报收电", "非密", "特急", 1),
        ("明传电报收电", "非密", "平急", 2),
        ("密码电报收电", "机密", "平急", 1),
    ]
    assert stats.total == 4 and stats.by_register["明传电报发电"] == 0
    leader = services.service("telegrams").statistics(actors["leader"], date(2026, 3, 1), date(2026, 3, 31))
    assert set(leader.by_register) == {"明传电报收电", "明传电报发电"}
    with pytest.raises(ValidationFailed):
        services.service("telegrams").statistics(actors["jiyao"], date(2026, 3, 31), date(2026, 3, 1))
    with pytest.raises(PermissionDenied):
        services.service("telegrams").statistics(actors["clerk"], date(2026, 3, 1), date(2026, 3, 31))


def test_correcting_the_priority_to_flash_raises_the_alert_once(services, actors):
    svc = services.service("telegrams")
    rec = services.registers.create(actors["jiyao"], "plain_in", _tg(priority="平急"))
    assert svc.pending_alerts(actors["jiyao"]) == []
    services.registers.update(actors["jiyao"], "plain_in", rec.id, _tg(priority="特提"))
    assert len(svc.pending_alerts(actors["jiyao"])) == 1
    services.registers.update(actors["jiyao"], "plain_in", rec.id, _tg(priority="特提", title="更正标题"))
    assert len(svc.pending_alerts(actors["jiyao"])) == 1


def test_statistics_count_only_what_the_user_is_cleared_for(services, actors):
    from app.domain.enums import Role, SecretLevel

    services.registers.create(
        actors["jiyao"], "cipher_in", _cipher(at="2026-03-03 09:00", secret_level="绝密")
    )
    services.registers.create(
        actors["jiyao"], "cipher_in", _cipher(at="2026-03-03 10:00", secret_level="秘密")
    )
    services.accounts.grant_role(actors["secadmin"], "clerk", Role.CONFIDENTIAL)
    services.accounts.set_clearance(actors["secadmin"], "clerk", SecretLevel.SECRET)
    from tests.conftest import actor_for

    clerk = actor_for(services, "clerk")
    stats = services.service("telegrams").statistics(clerk, date(2026, 3, 1), date(2026, 3, 31))
    assert stats.total == 1 and [r.secret_level for r in stats.rows] == ["秘密"]


def test_the_copy_workflow_runs_through_the_kit_with_history_and_audit(services, actors):
    """签收 → 送阅 → 收回 → 清退 of one copy as declared steps: the copy named by 份号, the reader's
    copy found by name, every step in the telegram's history and audited once as a step."""
    jiyao = actors["jiyao"]
    rec = services.registers.create(
        jiyao,
        "plain_in",
        {
            "at": "2026-03-05 09:30",
            "dept_no": "省委办明电〔2026〕12号",
            "priority": "平急",
            "counterpart": "省委办公厅",
            "title": "关于做好春运工作的通知",
            "copies_count": "2",
        },
    )
    flow = services.workflow
    with pytest.raises(ValidationFailed, match="请填写份号"):
        flow.run(jiyao, "plain_in", rec.id, "return_copy", {"received_by": "市委机要局"})
    flow.run(jiyao, "plain_in", rec.id, "send_copy", {"阅件人": "周振荣", "份号": "2"})
    back = flow.run(jiyao, "plain_in", rec.id, "收回", {"reader": "周振荣", "批示内容": "阅"})
    assert back.output["copy_id"] == services.copies.copies(jiyao, "plain_in", rec.id)[1].id
    flow.run(jiyao, "plain_in", rec.id, "return_copy", {"copy_no": "000002", "received_by": "市委机要局"})
    copies = services.copies.copies(jiyao, "plain_in", rec.id)
    assert copies[1].returned_by == "李军" and copies[0].returned_at is None
    history = flow.history(jiyao, "plain_in", rec.id)
    assert [h.label for h in history] == ["送阅", "收回", "清退"]
    assert ("份号", "000002") in history[2].items and ("接收人", "市委机要局") in history[2].items
    total, _ = services.audit.search(actors["auditor"], action="telegram_return_copy")
    assert total == 1

"""Paper copies on the test-only 样例登记: 份号, reading through the secretary, 清退, 销毁, overdue."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.domain.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from app.kit.copies import normalise_copy_no

pytestmark = pytest.mark.both_databases  # the engine's SQL on SQLite and on PostgreSQL


def _letter(svc, actor, **kw):  # type: ignore[no-untyped-def]
    base = {"received_on": date.today().isoformat(), "sender": "市委办公室", "title": "关于防汛工作的通知"}
    base.update(kw)
    return svc.registers.create(actor, "sample", base)


def test_copies_get_six_digit_numbers_and_continue(sample_services, actors):
    rec = _letter(sample_services, actors["clerk"])
    first = sample_services.copies.create_copies(
        actors["clerk"], "sample", rec.id, 3, first_no="121", signed_by="王芳", signed_at="2026-03-05 09:30"
    )
    more = sample_services.copies.create_copies(actors["clerk"], "sample", rec.id, 2)
    assert [c.copy_no for c in first + more] == ["000121", "000122", "000123", "000124", "000125"]
    assert first[0].signed_by == "王芳" and first[0].signed_at == datetime(2026, 3, 5, 9, 30)
    assert first[0].status == "在办公室" and more[0].status == "未签收"
    with pytest.raises(Conflict):
        sample_services.copies.create_copies(actors["clerk"], "sample", rec.id, 1, first_no="000123")
    assert len(sample_services.copies.copies(actors["clerk"], "sample", rec.id)) == 5


def test_reading_goes_back_through_the_secretary(sample_services, actors):
    svc = sample_services.copies
    rec = _letter(sample_services, actors["clerk"])
    (c,) = svc.create_copies(actors["clerk"], "sample", rec.id, 1, signed_by="王芳")
    c = svc.send(actors["clerk"], c.id, "周振荣")
    assert c.holder == "周振荣" and c.status == "送周振荣阅"
    with pytest.raises(Conflict, match="横传"):
        svc.send(actors["clerk"], c.id, "吴建国")
    with pytest.raises(ValidationFailed):
        svc.take_back(actors["clerk"], c.id, "instruction", "  ")
    c = svc.take_back(actors["clerk"], c.id, "instruction", "请县应急局抓好落实。")
    assert c.holder == "王芳"  # the secretary who took it back
    c = svc.send(actors["clerk"], c.id, "吴建国")
    c = svc.take_back(actors["clerk"], c.id, "circle")
    assert [(s.reader, s.remark_label, s.remark) for s in c.steps] == [
        ("周振荣", "批示", "请县应急局抓好落实。"),
        ("吴建国", "圈阅", ""),
    ]
    with pytest.raises(Conflict):
        svc.take_back(actors["clerk"], c.id)


def test_return_and_destroy_rules(sample_services, actors):
    svc = sample_services.copies
    rec = _letter(sample_services, actors["clerk"])
    a, b = svc.create_copies(actors["clerk"], "sample", rec.id, 2, signed_by="王芳")
    svc.send(actors["clerk"], a.id, "周振荣")
    with pytest.raises(Conflict, match="先收回"):
        svc.return_copy(actors["clerk"], a.id, "王芳", "市委机要局")
    svc.take_back(actors["clerk"], a.id)
    with pytest.raises(ValidationFailed) as e:
        svc.return_copy(actors["clerk"], a.id, "", "")
    assert set(e.value.errors) == {"returned_by", "received_by"}
    a = svc.return_copy(actors["clerk"], a.id, "王芳", "市委机要局", at="2026-03-06 10:00")
    assert (a.status, a.holder, a.returned_by, a.received_by) == (
        "已清退",
        "市委机要局",
        "王芳",
        "市委机要局",
    )
    with pytest.raises(Conflict):
        svc.return_copy(actors["clerk"], a.id, "王芳", "市委机要局")
    with pytest.raises(Conflict, match="尚未清退"):  # b was never returned: nothing is destroyed
        svc.destroy_batch(actors["clerk"], [a.id, b.id], "周振荣", ["李军", "赵敏"], "2026-04-01", "粉碎")
    assert [c.status for c in svc.copies(actors["clerk"], "sample", rec.id)] == ["已清退", "在办公室"]
    with pytest.raises(ValidationFailed) as e:
        svc.destroy_batch(actors["clerk"], [a.id], "", ["李军", "李军"], "2026-04-31", "")
    assert set(e.value.errors) == {"approver", "witnesses", "method", "destroyed_on"}
    batch = svc.destroy_batch(actors["clerk"], [a.id], "周振荣", ["李军", "赵敏"], "2026-04-01", "粉碎")
    assert batch.number == "销〔2026〕1号" and batch.witnesses == ("李军", "赵敏")
    assert [c.copy_no for c in batch.copies] == ["000001"]
    with pytest.raises(Conflict, match="不能重复销毁"):
        svc.destroy_batch(actors["clerk"], [a.id], "周振荣", ["李军", "赵敏"], "2026-04-02", "粉碎")
    with pytest.raises(Conflict):
        svc.send(actors["clerk"], a.id, "周振荣")
    listed = svc.copies(actors["clerk"], "sample", rec.id)  # destroyed copies stay on the register
    assert [(c.copy_no, c.status, c.destruction_number) for c in listed] == [
        ("000001", "已销毁", "销〔2026〕1号"),
        ("000002", "在办公室", ""),
    ]
    total, _ = sample_services.audit.search(actors["auditor"], action="copy_destroy")
    assert total == 1


def test_classified_copies_are_due_the_same_day_and_flagged_overdue(sample_services, actors):
    svc = sample_services.copies
    yesterday = date.today() - timedelta(days=1)
    secret = _letter(sample_services, actors["clerk"], received_on=yesterday.isoformat(), secret_level="秘密")
    plain = _letter(sample_services, actors["clerk"], received_on=yesterday.isoformat())
    (s1,) = svc.create_copies(actors["clerk"], "sample", secret.id, 1)
    (p1,) = svc.create_copies(actors["clerk"], "sample", plain.id, 1)
    assert s1.due_back == datetime.combine(yesterday, datetime.max.time()).replace(microsecond=0)
    assert p1.due_back is None
    overdue = svc.overdue(actors["clerk"])
    assert [(c.id, c.record_number, c.record_title) for c in overdue] == [
        (s1.id, secret["number"], "关于防汛工作的通知")
    ]
    assert svc.copies(actors["clerk"], "sample", secret.id)[0].overdue
    assert svc.overdue(actors["petition"]) == []  # no role on that register: not shown
    svc.return_copy(actors["clerk"], s1.id, "王芳", "机要室")
    assert svc.overdue(actors["clerk"]) == []


def test_due_days_setting_per_register(sample_services, actors):
    from app.services.settings import set_value

    with sample_services.db.write() as s:
        set_value(s, "copies.due_days.sample", 3)
    rec = _letter(sample_services, actors["clerk"], received_on="2026-03-05")
    (c,) = sample_services.copies.create_copies(actors["clerk"], "sample", rec.id, 1)
    assert c.due_back == datetime(2026, 3, 8, 23, 59, 59)


def test_permissions_and_clearance(sample_services, actors):
    svc = sample_services.copies
    rec = _letter(sample_services, actors["jiyao"], secret_level="机密")
    (c,) = svc.create_copies(actors["jiyao"], "sample", rec.id, 1)
    with pytest.raises(PermissionDenied):  # clerk: 秘密 clearance only
        svc.copies(actors["clerk"], "sample", rec.id)
    with pytest.raises(PermissionDenied):
        svc.send(actors["clerk"], c.id, "周振荣")
    with pytest.raises(PermissionDenied):
        svc.create_copies(actors["petition"], "sample", rec.id, 1)
    with pytest.raises(NotFound):
        svc.send(actors["jiyao"], 99999, "周振荣")
    svc.copies(actors["jiyao"], "sample", rec.id)
    total, rows = sample_services.audit.search(actors["auditor"], action="view")
    assert total == 1 and rows[0].object_type == "sample"


@pytest.mark.parametrize(
    "raw,expected", [("123", "000123"), ("０１２", "000012"), (7, "000007"), ("999999", "999999")]
)
def test_copy_numbers_normalise(raw, expected):
    assert normalise_copy_no(raw) == expected


@pytest.mark.parametrize("raw", ["", "0", "1234567", "12a", "-1", None])
def test_bad_copy_numbers_are_refused(raw):
    with pytest.raises(ValueError):
        normalise_copy_no(raw)


def test_alerts_stay_until_acknowledged_once(sample_services, actors):
    from app.kit.alerts import raise_in

    rec = _letter(sample_services, actors["clerk"])
    with sample_services.db.write() as s:
        alert_id = raise_in(s, actors["clerk"], "sample", rec.id, "特急：关于防汛工作的通知").id
    assert [a.id for a in sample_services.alerts.pending(actors["clerk"])] == [alert_id]
    assert sample_services.alerts.pending(actors["petition"]) == []
    with pytest.raises(PermissionDenied):
        sample_services.alerts.acknowledge(actors["petition"], alert_id)
    ack = sample_services.alerts.acknowledge(actors["clerk"], alert_id)
    assert ack.acknowledged_by == "王芳" and ack.acknowledged_at is not None
    assert sample_services.alerts.pending(actors["clerk"]) == []
    with pytest.raises(Conflict, match="王芳"):
        sample_services.alerts.acknowledge(actors["clerk"], alert_id)
    total, _ = sample_services.audit.search(actors["auditor"], action="alert_ack")
    assert total == 1

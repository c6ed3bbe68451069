"""收文 workflow: registration, numbering, duplicates, 拟办/批示/承办/传阅/催办/办结/退文/作废, search, filters."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.domain.errors import Conflict, PermissionDenied, ValidationFailed

pytestmark = pytest.mark.both_databases  # the engine's SQL on SQLite and on PostgreSQL


def _doc(**kw):  # type: ignore[no-untyped-def]
    base = {
        "received_at": "2026-03-05 09:30",
        "sender": "中共××市委办公室",
        "sender_number": "市委办发[2026]3号",
        "title": "关于做好春季森林防火工作的通知",
        "doc_type": "通知",
        "copies": "2",
        "pages": "4",
    }
    base.update(kw)
    return base


@pytest.fixture
def docs(services):  # type: ignore[no-untyped-def]
    return services.service("documents")


def test_registration_numbers_per_year_normalises_the_number_and_records_who(services, docs, actors):
    a = docs.incoming.receive(actors["clerk"], _doc()).record
    b = docs.incoming.receive(actors["clerk"], _doc(sender_number="市委发（2026）第05号")).record
    c = docs.incoming.receive(actors["clerk"], _doc(received_at="2027-01-04 08:00")).record
    assert (a["number"], b["number"], c["number"]) == ("2026-0001", "2026-0002", "2027-0001")
    assert a["sender_number"] == "市委办发〔2026〕3号" and b["sender_number"] == "市委发〔2026〕5号"
    assert a["state"] == "registered" and a["received_by"] == "王芳"
    steps = [h.label for h in docs.incoming.history(actors["clerk"], a.id)]
    assert steps == ["签收", "登记"]


def test_number_format_is_configurable(services, docs, actors):
    from app.services.settings import set_value

    with services.db.write() as s:
        set_value(s, "documents.incoming_number_format", "收〔{year}〕{seq}号")
    assert docs.incoming.receive(actors["clerk"], _doc()).record["number"] == "收〔2026〕1号"


def test_same_sender_and_number_twice_in_a_year_warns_but_saves(docs, actors):
    first = docs.incoming.receive(actors["clerk"], _doc())
    again = docs.incoming.receive(actors["clerk"], _doc(sender_number="市委办发〔2026〕3号"))
    assert first.warnings == ()
    assert again.warnings and "2026-0001" in again.warnings[0]
    assert again.record["number"] == "2026-0002"


def test_bad_registration_names_each_field_and_saves_nothing(services, docs, actors):
    with pytest.raises(ValidationFailed) as e:
        docs.incoming.receive(
            actors["clerk"],
            _doc(
                sender_number="乱写的",
                title="",
                copies="两份",
                secret_level="秘密",
                secret_period="15年",
                copy_numbers="",
            ),
        )
    assert {"sender_number", "title", "copies", "secret_period"} <= set(e.value.errors)
    assert "应写成" in e.value.errors["sender_number"]
    assert services.registers.page(actors["clerk"], "incoming").total == 0


def test_classified_copy_needs_copy_numbers_and_urgent_work_a_deadline(docs, actors):
    with pytest.raises(ValidationFailed) as e:
        docs.incoming.receive(
            actors["clerk"],
            _doc(secret_level="秘密", secret_period="10年", urgency="特急", handling_kind="办件"),
        )
    assert set(e.value.errors) == {"copy_numbers", "due_on"}


def test_full_workflow_records_each_step(services, docs, actors):
    rec = docs.incoming.receive(actors["clerk"], _doc()).record
    docs.incoming.propose(
        actors["clerk"],
        rec.id,
        "建议呈周书记阅示，由县林业局牵头办理",
        lead_unit="县林业局",
        due_on="2026-03-20",
    )
    docs.incoming.instruct(actors["leader"], rec.id, "请林业局抓好落实，及时报告进展。")
    docs.incoming.instruct(actors["clerk"], rec.id, "同意", leader="吴建国", given_on="2026-03-07")
    docs.incoming.assign(actors["clerk"], rec.id, "县林业局", assist_units="县应急管理局")
    docs.incoming.urge(actors["clerk"], rec.id, "电话查办", target="县林业局", note="已部署，月底前报结果")
    done = docs.incoming.finish(
        actors["clerk"], rec.id, "已按要求部署落实并书面报告", done_on="2026-03-18"
    ).record
    assert done["state"] == "done" and done["done_on"] == date(2026, 3, 18)
    leaders = [i.leader for i in docs.incoming.instructions(actors["clerk"], rec.id)]
    assert sorted(leaders) == ["吴建国", "周振荣"]  # a leader's own 批示 carries their name
    assert [u.method_label for u in docs.incoming.urges(actors["clerk"], rec.id)] == ["电话查办"]
    labels = [h.label for h in docs.incoming.history(actors["clerk"], rec.id)]
    assert labels == ["签收", "登记", "拟办", "批示", "批示", "承办", "催办", "办结"]
    total, _ = services.audit.search(actors["auditor"], action="doc_instruct")
    assert total == 2
    with pytest.raises(Conflict):
        docs.incoming.propose(actors["clerk"], rec.id, "再拟办")


def test_instruction_text_is_found_by_the_search_box(services, docs, actors):
    rec = docs.incoming.receive(actors["clerk"], _doc()).record
    docs.incoming.receive(actors["clerk"], _doc(title="关于开展安全生产大检查的通知"))
    docs.incoming.instruct(actors["clerk"], rec.id, "请林业局抓好落实", leader="吴建国")
    page = services.registers.page(actors["clerk"], "incoming", search="林业")
    assert [r.id for r in page.records] == [rec.id]
    assert services.registers.page(actors["clerk"], "incoming", search="吴建国").total == 1
    assert services.registers.page(actors["clerk"], "incoming", search="防").total == 1
    assert services.registers.page(actors["clerk"], "incoming", search="市委办发〔2026〕3号").total == 2


def test_permissions_are_typed_and_leave_nothing(services, docs, actors):
    rec = docs.incoming.receive(actors["clerk"], _doc()).record
    with pytest.raises(PermissionDenied):
        docs.incoming.receive(actors["petition"], _doc())
    with pytest.raises(PermissionDenied):
        docs.incoming.instruct(actors["petition"], rec.id, "同意", leader="某某")
    secret = docs.incoming.receive(
        actors["jiyao"], _doc(secret_level="机密", secret_period="20年", copy_numbers="000003")
    ).record
    with pytest.raises(PermissionDenied):
        docs.incoming.propose(actors["clerk"], secret.id, "阅")
    assert docs.incoming.history(actors["jiyao"], secret.id)[-1].label == "登记"


def test_return_to_sender_needs_a_reason_and_void_keeps_the_number(services, docs, actors):
    a = docs.incoming.receive(actors["clerk"], _doc()).record
    b = docs.incoming.receive(actors["clerk"], _doc(title="另一份")).record
    with pytest.raises(ValidationFailed):
        docs.incoming.return_to_sender(actors["clerk"], a.id, " ")
    returned = docs.incoming.return_to_sender(actors["clerk"], a.id, "不符合行文规则，越级行文").record
    assert returned["state"] == "returned" and returned["return_reason"].startswith("不符合")
    voided = docs.incoming.void(actors["clerk"], b.id, "重复登记").record
    assert voided.voided and voided["number"] == "2026-0002"
    assert docs.incoming.history(actors["clerk"], b.id)[-1].label == "作废"
    c = docs.incoming.receive(actors["clerk"], _doc(title="第三份")).record
    assert c["number"] == "2026-0003"  # a voided number is never reused
    with pytest.raises(Conflict):
        docs.incoming.propose(actors["clerk"], b.id, "阅")


def test_overdue_and_due_soon_are_flagged_and_listed_on_the_home_tab(services, docs, actors):
    today = date.today()
    late = docs.incoming.receive(
        actors["clerk"],
        _doc(received_at=today - timedelta(days=20), title="超期件", due_on=today - timedelta(days=2)),
    ).record
    soon = docs.incoming.receive(
        actors["clerk"],
        _doc(received_at=today - timedelta(days=1), title="将到期件", due_on=today + timedelta(days=1)),
    ).record
    docs.incoming.receive(
        actors["clerk"], _doc(received_at=today, title="宽裕件", due_on=today + timedelta(days=30))
    )
    reg = services.catalog.get("incoming")
    page = services.registers.page(actors["clerk"], "incoming", filters={"overdue": True})
    assert [r.id for r in page.records] == [late.id]
    states = {r.id: reg.row_state(r) for r in services.registers.page(actors["clerk"], "incoming").records}
    assert states[late.id] == "overdue" and states[soon.id] == "due_soon"
    items = services.dashboard(actors["clerk"])
    assert [(i.kind, i.title) for i in items if i.area == "documents"] == [
        ("overdue", "超期件"),
        ("due_soon", "将到期件"),
    ]
    docs.incoming.finish(actors["clerk"], late.id, "已办结")
    assert services.registers.page(actors["clerk"], "incoming", filters={"overdue": True}).total == 0


def test_circulation_tracks_who_holds_each_copy_and_flags_classified_copies_not_back(services, docs, actors):
    rec = docs.incoming.receive(
        actors["clerk"],
        _doc(
            secret_level="秘密",
            secret_period="5年",
            copies="1",
            copy_numbers="000007",
            received_at=date.today() - timedelta(days=1),
        ),
    ).record
    docs.incoming.circulate(actors["clerk"], rec.id, "周振荣、吴建国")
    copy = docs.copies.copies(actors["clerk"], "incoming", rec.id)[0]
    assert copy.copy_no == "000007"
    assert not [i for i in services.dashboard(actors["clerk"]) if "000007" in i.detail]  # in the office
    sent = datetime.combine(date.today() - timedelta(days=1), datetime.min.time()).replace(hour=15)
    r = docs.incoming.send_copy(actors["clerk"], rec.id, copy.id, "周振荣", at=sent).record
    assert r["holder"] == "周振荣" and r["state"] == "circulating"
    items = [i for i in services.dashboard(actors["clerk"]) if "000007" in i.detail]
    assert items and items[0].kind == "overdue"  # classified copies are due back the day they went out
    r = docs.incoming.take_back(actors["clerk"], rec.id, copy.id, "instruction", "请分管同志阅办").record
    assert r["holder"] == "王芳"
    assert not [i for i in services.dashboard(actors["clerk"]) if "000007" in i.detail]  # back: not due
    assert [i.leader for i in docs.incoming.instructions(actors["clerk"], rec.id)] == ["周振荣"]
    with pytest.raises(ValidationFailed):
        docs.incoming.circulate(actors["clerk"], rec.id, "  ")


def _audit_actions(services) -> list[str]:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from db.models.core import AuditEntry

    with services.db.read() as s:
        return list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_a_hand_off_is_one_transaction_with_the_register_bookkeeping(services, docs, actors, monkeypatch):
    """送阅/收回: if writing the history fails, the copy has not moved and nothing was audited."""
    rec = docs.incoming.receive(actors["clerk"], _doc(copies="1")).record
    docs.incoming.circulate(actors["clerk"], rec.id, "周振荣")
    (copy,) = docs.copies.copies(actors["clerk"], "incoming", rec.id)
    before = _audit_actions(services)
    original = services.workflow.record_in

    def broken(s, actor, register, obj, step, *args, **kwargs):  # type: ignore[no-untyped-def]
        if step in ("send_copy", "take_back"):
            raise RuntimeError("disk full")
        return original(s, actor, register, obj, step, *args, **kwargs)

    monkeypatch.setattr(services.workflow, "record_in", broken)
    with pytest.raises(RuntimeError):
        docs.incoming.send_copy(actors["clerk"], rec.id, copy.id, "周振荣")
    (after,) = docs.copies.copies(actors["clerk"], "incoming", rec.id)
    assert after.steps == () and after.holder == copy.holder
    assert services.registers.get(actors["clerk"], "incoming", rec.id)["holder"] == "王芳"
    assert _audit_actions(services)[len(before) :] == []
    monkeypatch.setattr(services.workflow, "record_in", original)
    docs.incoming.send_copy(actors["clerk"], rec.id, copy.id, "周振荣")
    monkeypatch.setattr(services.workflow, "record_in", broken)
    with pytest.raises(RuntimeError):
        docs.incoming.take_back(actors["clerk"], rec.id, copy.id, "instruction", "请阅办")
    (after,) = docs.copies.copies(actors["clerk"], "incoming", rec.id)
    assert after.steps[-1].is_open and after.holder == "周振荣"
    assert docs.incoming.instructions(actors["clerk"], rec.id) == []  # the 批示 was not half-entered
    assert services.registers.get(actors["clerk"], "incoming", rec.id)["holder"] == "周振荣"
    assert "copy_take_back" not in _audit_actions(services)


def test_a_copy_of_another_record_or_a_refused_hand_off_changes_nothing(services, docs, actors):
    a = docs.incoming.receive(actors["clerk"], _doc(copies="1")).record
    b = docs.incoming.receive(actors["clerk"], _doc(copies="1", sender_number="市委办发〔2026〕4号")).record
    docs.incoming.circulate(actors["clerk"], a.id, "周振荣")
    (copy,) = docs.copies.copies(actors["clerk"], "incoming", a.id)
    from app.domain.errors import NotFound

    with pytest.raises(NotFound):
        docs.incoming.send_copy(actors["clerk"], b.id, copy.id, "周振荣")
    docs.incoming.send_copy(actors["clerk"], a.id, copy.id, "周振荣")
    with pytest.raises(Conflict):  # no 横传: it must come back first
        docs.incoming.send_copy(actors["clerk"], a.id, copy.id, "吴建国")
    labels = [h.label for h in docs.incoming.history(actors["clerk"], a.id)]
    assert labels.count("送阅") == 1
    assert services.registers.get(actors["clerk"], "incoming", a.id)["holder"] == "周振荣"

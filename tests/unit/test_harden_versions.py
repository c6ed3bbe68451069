"""Lost updates: every register write and workflow step carries the version the user read; a record
changed since is refused with who changed what, nothing is saved, and only changed fields are written."""

from __future__ import annotations

import pytest

from app.domain.errors import StaleRecord

pytestmark = pytest.mark.both_databases  # the engine's SQL on SQLite and on PostgreSQL

LETTER = {"received_on": "2026-03-02", "sender": "市委办公室", "title": "关于防汛的通知", "note": ""}


def test_second_writer_is_refused_with_who_changed_what_and_can_reapply(sample_services, actors):
    reg = sample_services.registers
    rec = reg.create(actors["clerk"], "sample", LETTER)
    first_read = reg.get(actors["clerk"], "sample", rec.id)
    second_read = reg.get(actors["jiyao"], "sample", rec.id)
    assert first_read["version"] == second_read["version"] == 1

    saved = reg.update(actors["clerk"], "sample", rec.id, {"title": "关于防汛抗旱的通知"}, expected_version=1)
    assert saved["version"] == 2

    with pytest.raises(StaleRecord) as err:
        reg.update(actors["jiyao"], "sample", rec.id, {"note": "请督办"}, expected_version=1)
    assert "王芳" in err.value.message and "标题" in err.value.message
    assert err.value.current_version == 2
    assert [c.fields for c in err.value.changes] == [("标题",)]
    now = reg.get(actors["jiyao"], "sample", rec.id)
    assert now["note"] == "" and now["title"] == "关于防汛抗旱的通知"  # nothing of the refused save

    # reload and reapply: only the field she changed is written, the first clerk's title stays
    again = reg.update(actors["jiyao"], "sample", rec.id, {"note": "请督办"}, expected_version=now["version"])
    assert again["note"] == "请督办" and again["title"] == "关于防汛抗旱的通知" and again["version"] == 3


def test_void_with_an_old_version_is_refused(sample_services, actors):
    reg = sample_services.registers
    rec = reg.create(actors["clerk"], "sample", LETTER)
    reg.update(actors["clerk"], "sample", rec.id, {"note": "已阅"}, expected_version=1)
    with pytest.raises(StaleRecord, match="备注"):
        reg.void(actors["jiyao"], "sample", rec.id, "重复登记", expected_version=1)
    assert not reg.get(actors["clerk"], "sample", rec.id).voided
    assert reg.void(actors["jiyao"], "sample", rec.id, "重复登记", expected_version=2)["version"] == 3


def test_a_workflow_step_on_an_edited_record_is_refused(services, actors):
    docs = services.service("documents").incoming
    raw = {
        "received_at": "2026-03-05 09:30",
        "sender": "市委办",
        "sender_number": "市委办发〔2026〕3号",
        "title": "春季防火",
        "doc_type": "通知",
    }
    rec = docs.receive(actors["clerk"], raw).record
    seen = rec["version"]
    docs.register(actors["leader"], rec.id, {"title": "春季森林防火"}, expected_version=seen)
    with pytest.raises(StaleRecord, match="周振荣") as err:
        docs.register(actors["clerk"], rec.id, {"copies": "3"}, expected_version=seen)
    assert "标题" in err.value.message
    with services.db.write() as s:  # any step through load_for_write checks the same way
        with pytest.raises(StaleRecord):
            docs.load_for_write(s, actors["clerk"], rec.id, "拟办", expected_version=seen)
    step = docs.propose(actors["clerk"], rec.id, "请李主任阅示")
    assert step.record["version"] > err.value.current_version  # steps raise the version too


def test_any_change_to_a_record_raises_its_version(sample_services, actors):
    from db.models.common import RegisterRecord

    rec = sample_services.registers.create(actors["clerk"], "sample", LETTER)
    model = sample_services.catalog.get("sample").model
    assert issubclass(model, RegisterRecord)
    with sample_services.db.write() as s:  # a write path that forgets bump_version
        s.get(model, rec.id).note = "直接改动"
    assert sample_services.registers.get(actors["clerk"], "sample", rec.id)["version"] == 2

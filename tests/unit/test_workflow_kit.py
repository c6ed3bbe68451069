"""The workflow kit on its own: a throw-away workflow register (信访件, petitions) declared right here,
run through the shared service — states, permissions, validation, history, 批示, 催办, one transaction."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import MetaData, String, Text, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.domain.enums import LabeledEnum, Role
from app.domain.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from app.kit.area import Area
from app.kit.registers.base import CHOICE, DATE, MULTILINE, TEXT, Field, Numbering, Register
from app.kit.workflow import Step, StepField, Workflow, today
from app.kit.workflow.pieces import instruct_step, instruction_texts, urge_step
from db.base import NAMING_CONVENTION
from db.models.common import RegisterRecord
from db.models.core import AuditEntry
from db.models.workflow import StepEvent
from db.search import create_statements

pytestmark = pytest.mark.both_databases  # the engine's SQL on SQLite and on PostgreSQL


# --- the throw-away workflow register: begin (what a new workflow register costs) -------------------
class _Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Petition(RegisterRecord, _Base):
    __tablename__ = "kit_petitions"
    received_on: Mapped[date | None] = mapped_column(nullable=True)
    person: Mapped[str] = mapped_column(String(64), default="")
    matter: Mapped[str] = mapped_column(Text, default="")
    handler_unit: Mapped[str] = mapped_column(String(128), default="")
    due_on: Mapped[date | None] = mapped_column(nullable=True)
    result: Mapped[str] = mapped_column(Text, default="")
    done_on: Mapped[date | None] = mapped_column(nullable=True)
    state: Mapped[str] = mapped_column(String(16), default="open")


class PetitionState(LabeledEnum):
    OPEN = ("open", "待交办")
    HANDLING = ("handling", "办理中")
    DONE = ("done", "已办结")
    REJECTED = ("rejected", "不予受理")


PETITIONS = Register(
    key="petitions",
    title="信访登记",
    book_title="信访登记簿",
    model=Petition,
    record_label="信访件",
    numbering=Numbering("petitions", "received_on"),
    date_field="received_on",
    read_roles=(Role.PETITIONS, Role.LEADER),
    write_roles=(Role.PETITIONS,),
    search_extra=instruction_texts("petitions"),
    fields=(
        Field("received_on", "来访日期", DATE, required=True),
        Field("person", "来访人", TEXT, required=True, searchable=True),
        Field("matter", "反映事项", MULTILINE, required=True, searchable=True),
        Field("handler_unit", "承办单位", TEXT, editable=False),
        Field("due_on", "办理期限", DATE, editable=False),
        Field("result", "办理结果", MULTILINE, editable=False),
        Field("done_on", "办结日期", DATE, editable=False),
        Field("state", "状态", CHOICE, choices=PetitionState, editable=False, in_form=False),
    ),
)


def _not_before_receipt(ctx):  # type: ignore[no-untyped-def]
    if ctx.values["done_on"] < ctx.obj.received_on:
        return {"done_on": "办结日期不能早于来访日期"}
    return None


OPEN = ("open", "handling")
FLOW = Workflow(
    register=PETITIONS,
    states=PetitionState,
    audit_prefix="petition_",
    steps=(
        Step(
            "assign",
            "交办",
            from_states=("open",),
            to_state="handling",
            fields=(StepField("handler_unit", required=True), StepField("due_on")),
        ),
        instruct_step(from_states=OPEN, roles=(Role.PETITIONS, Role.LEADER)),
        urge_step(from_states=("handling",), target_field="handler_unit"),
        Step(
            "finish",
            "办结",
            from_states=("handling",),
            to_state="done",
            fields=(StepField("result", required=True), StepField("done_on", default=today)),
            validate=_not_before_receipt,
        ),
        Step("reject", "不予受理", from_states=("open",), to_state="rejected", reason=True),
    ),
)
AREA = Area("petitions", "信访", (Role.PETITIONS, Role.LEADER), registers=(PETITIONS,), workflows=(FLOW,))
# --- the throw-away workflow register: end ------------------------------------------------------------


@pytest.fixture
def kit(db_path: Path) -> Iterator:
    from app.services.container import Services
    from db.engine import Database

    db = Database.open(str(db_path))
    _Base.metadata.create_all(db.writer)
    with db.writer.begin() as conn:
        for sql in create_statements(conn.dialect.name, "kit_petitions"):
            conn.exec_driver_sql(sql)
    s = Services(db, [AREA])
    yield s
    s.close()


def _new(kit, actors, **kw):  # type: ignore[no-untyped-def]
    raw = {"received_on": "2026-03-02", "person": "张三", "matter": "反映村道损坏，请求修复"}
    return kit.registers.create(actors["petition"], "petitions", {**raw, **kw})


def _history_rows(kit) -> int:  # type: ignore[no-untyped-def]
    with kit.db.read() as s:
        return s.scalar(select(func.count()).select_from(StepEvent)) or 0


def test_a_whole_workflow_moves_states_and_keeps_who_when_and_what(kit, actors):
    rec = _new(kit, actors)
    clerk = actors["petition"]
    r = kit.workflow.run(
        clerk, "petitions", rec.id, "assign", {"承办单位": "县交通局", "办理期限": "2026-03-20"}
    )
    assert r.record["state"] == "handling" and r.record["handler_unit"] == "县交通局"
    kit.workflow.run(actors["leader"], "petitions", rec.id, "批示", {"text": "请交通局尽快修复"})
    kit.workflow.run(clerk, "petitions", rec.id, "urge", {"method": "电话查办", "note": "月底前修好"})
    done = kit.workflow.run(clerk, "petitions", rec.id, "finish", {"result": "已修复"}).record
    assert done["state"] == "done" and done["done_on"] == date.today()
    history = kit.workflow.history(clerk, "petitions", rec.id)
    assert [h.label for h in history] == ["交办", "批示", "催办", "办结"]
    assign = history[0]
    assert assign.actor_login == "petition" and assign.before == {
        "handler_unit": "",
        "due_on": None,
        "state": "open",
    }
    assert assign.after["due_on"] == "2026-03-20" and ("承办单位", "县交通局") in assign.items
    assert ("状态", "办理中") in assign.items
    assert history[1].actor_name == "周振荣" and ("批示领导", "周振荣") in history[1].items
    assert ("被催办单位", "县交通局") in history[2].items and ("催办方式", "电话查办") in history[2].items
    assert [i.text for i in kit.workflow.instructions(clerk, "petitions", rec.id)] == ["请交通局尽快修复"]
    assert [u.method_label for u in kit.workflow.urges(clerk, "petitions", rec.id)] == ["电话查办"]
    assert kit.registers.page(clerk, "petitions", search="尽快修复").total == 1  # 批示 are searchable
    total, rows = kit.audit.search(actors["auditor"], action="petition_finish")
    assert total == 1


def test_a_step_from_the_wrong_state_names_the_state_and_changes_nothing(kit, actors):
    rec = _new(kit, actors)
    with pytest.raises(Conflict, match="当前状态为“待交办”，不能办结"):
        kit.workflow.run(actors["petition"], "petitions", rec.id, "finish", {"result": "已办"})
    assert _history_rows(kit) == 0
    assert kit.workflow.steps_for(actors["petition"], "petitions", rec)[3].why == "当前状态为“待交办”"


def test_bad_values_are_named_per_field_in_chinese_and_nothing_is_written(kit, actors):
    rec = _new(kit, actors)
    clerk = actors["petition"]
    with pytest.raises(ValidationFailed) as e:
        kit.workflow.run(clerk, "petitions", rec.id, "assign", {"due_on": "下周"})
    assert e.value.errors["handler_unit"] == "请填写承办单位" and "办理期限" in e.value.errors["due_on"]
    with pytest.raises(ValidationFailed) as e:
        kit.workflow.run(clerk, "petitions", rec.id, "assign", {"承办人": "李四"})
    assert "没有“承办人”这一项" in e.value.errors["承办人"]
    with pytest.raises(ValidationFailed) as e:
        kit.workflow.run(clerk, "petitions", rec.id, "reject", {"reason": "  "})
    assert e.value.errors == {"reason": "请填写理由"}
    kit.workflow.run(clerk, "petitions", rec.id, "assign", {"handler_unit": "县交通局"})
    with pytest.raises(ValidationFailed) as e:
        kit.workflow.run(clerk, "petitions", rec.id, "finish", {"result": "已办", "done_on": "2026-03-01"})
    assert e.value.errors == {"done_on": "办结日期不能早于来访日期"}
    assert kit.registers.get(clerk, "petitions", rec.id)["state"] == "handling"
    assert [h.step for h in kit.workflow.history(clerk, "petitions", rec.id)] == ["assign"]


def test_permissions_are_checked_in_the_service(kit, actors):
    rec = _new(kit, actors)
    with pytest.raises(PermissionDenied):
        kit.workflow.run(actors["leader"], "petitions", rec.id, "assign", {"handler_unit": "县交通局"})
    with pytest.raises(PermissionDenied):
        kit.workflow.run(actors["clerk"], "petitions", rec.id, "instruct", {"text": "阅"})
    assert _history_rows(kit) == 0
    bar = {i.key: i.allowed for i in kit.workflow.steps_for(actors["leader"], "petitions", rec)}
    assert bar == {"assign": False, "instruct": True, "urge": False, "finish": False, "reject": False}
    with pytest.raises(NotFound, match="没有“盖章”这一步"):
        kit.workflow.run(actors["petition"], "petitions", rec.id, "盖章")


def test_a_failing_hook_undoes_the_whole_step(kit, actors, monkeypatch):
    rec = _new(kit, actors)
    with kit.db.read() as s:
        audits = s.scalar(select(func.count()).select_from(AuditEntry))

    def broken(*_a, **_k):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    monkeypatch.setattr(kit.workflow, "record_in", broken)
    with pytest.raises(RuntimeError):
        kit.workflow.run(actors["petition"], "petitions", rec.id, "reject", {"reason": "不属本级受理范围"})
    with kit.db.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == audits
    assert kit.registers.get(actors["petition"], "petitions", rec.id)["state"] == "open"


def test_the_reason_is_kept_and_a_voided_record_takes_no_step(kit, actors):
    a, b = _new(kit, actors), _new(kit, actors, person="李四")
    kit.workflow.run(actors["petition"], "petitions", a.id, "reject", {"理由": "不属本级受理范围"})
    (h,) = kit.workflow.history(actors["petition"], "petitions", a.id)
    assert h.reason == "不属本级受理范围" and h.after == {"state": "rejected"}
    kit.registers.void(actors["petition"], "petitions", b.id, "重复登记")
    with pytest.raises(Conflict, match="已作废"):
        kit.workflow.run(actors["petition"], "petitions", b.id, "assign", {"handler_unit": "县交通局"})
    assert kit.workflow.history(actors["petition"], "petitions", b.id)[-1].label == "作废"

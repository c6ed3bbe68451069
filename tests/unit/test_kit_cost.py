"""What a new workflow register costs on the kit: a throw-away 批办单 (leader's request slips) — model,
register, states and three steps — declared in the lines between the two markers below, then used as a
user would: register one, take its steps, read its history; a step out of turn or without its field is
refused. Nothing here is an area of the application."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.domain.enums import LabeledEnum, Role
from app.domain.errors import AppError, ValidationFailed
from app.kit.area import Area
from app.kit.registers.base import CHOICE, DATE, TEXT, Field, Numbering, Register
from app.kit.workflow import Step, StepField, Workflow, actor_name
from db.base import NAMING_CONVENTION
from db.models.common import RegisterRecord
from db.search import create_sql


class _Base(DeclarativeBase):
    from sqlalchemy import MetaData

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# --- a new workflow register: begin ------------------------------------------------------------------
class Slip(RegisterRecord, _Base):
    __tablename__ = "cost_slips"
    received_on: Mapped[date | None] = mapped_column(nullable=True)
    title: Mapped[str | None] = mapped_column(String(300), nullable=True)
    handler: Mapped[str | None] = mapped_column(String(64), nullable=True)
    done_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    state: Mapped[str] = mapped_column(String(16), default="open")


class SlipState(LabeledEnum):
    OPEN = ("open", "待交办")
    ASSIGNED = ("assigned", "办理中")
    DONE = ("done", "已办结")


SLIPS = Register(
    key="slips",
    title="批办单",
    book_title="批办单登记簿",
    model=Slip,
    numbering=Numbering("slips", "received_on", "批〔{year}〕{seq}号"),
    date_field="received_on",
    read_roles=(Role.DOCUMENTS, Role.LEADER),
    write_roles=(Role.DOCUMENTS,),
    fields=(
        Field("received_on", "收到日期", DATE, required=True),
        Field("title", "事由", TEXT, required=True, searchable=True),
        Field("handler", "承办人", TEXT, editable=False),
        Field("done_by", "办结人", TEXT, editable=False),
        Field("state", "状态", CHOICE, choices=SlipState, default="open", editable=False),
    ),
)

FLOW = Workflow(
    register=SLIPS,
    states=SlipState,
    audit_prefix="slip_",
    steps=(
        Step("assign", "交办", ("open",), "assigned", fields=(StepField("handler", required=True),)),
        Step("finish", "办结", ("assigned",), "done", fields=(StepField("done_by", default=actor_name),)),
        Step("reopen", "退回重办", ("done",), "assigned", reason=True),
    ),
)

AREA = Area(key="slips", title="批办", roles=(Role.DOCUMENTS,), registers=(SLIPS,), workflows=(FLOW,))
# --- a new workflow register: end --------------------------------------------------------------------


@pytest.fixture
def slip_services(db_path: Path) -> Iterator:  # type: ignore[type-arg]
    from app.services.container import Services
    from db.engine import Database

    db = Database.open(str(db_path))
    _Base.metadata.create_all(db.writer)
    with db.writer.begin() as conn:
        conn.exec_driver_sql(create_sql("cost_slips"))
    s = Services(db, [AREA])
    yield s
    s.close()


def test_a_workflow_register_declared_on_the_kit_works_end_to_end(slip_services) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import actor_for

    clerk = actor_for(slip_services, "clerk")
    rec = slip_services.registers.create(
        clerk, "slips", {"received_on": "2026-03-02", "title": "关于道路维修"}
    )
    assert rec["number"] == "批〔2026〕1号" and rec["state"] == "open"

    with pytest.raises(AppError):  # 办结 before 交办: out of turn
        slip_services.workflow.run(clerk, "slips", rec.id, "finish")
    with pytest.raises(ValidationFailed) as missing:  # 交办 without 承办人
        slip_services.workflow.run(clerk, "slips", rec.id, "assign", {})
    assert "handler" in missing.value.errors

    slip_services.workflow.run(clerk, "slips", rec.id, "交办", {"承办人": "王芳"})
    done = slip_services.workflow.run(clerk, "slips", rec.id, "finish").record
    assert (done["state"], done["handler"], done["done_by"]) == ("done", "王芳", clerk.name)
    with pytest.raises(ValidationFailed):  # 退回重办 needs its reason
        slip_services.workflow.run(clerk, "slips", rec.id, "reopen", {})
    slip_services.workflow.run(clerk, "slips", rec.id, "reopen", {"reason": "答复不完整"})

    history = slip_services.workflow.history(clerk, "slips", rec.id)
    assert [h.label for h in history] == ["交办", "办结", "退回重办"]
    assert history[0].after["handler"] == "王芳" and history[-1].reason == "答复不完整"
    assert all(h.actor_login == "clerk" for h in history)
    offered = {s.key: s.allowed for s in slip_services.workflow.steps_for(clerk, "slips", done)}
    assert offered == {"assign": False, "finish": False, "reopen": True}

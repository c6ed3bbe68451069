"""Tables of the workflow kit, shared by every register that has a workflow: the step history (who did
which step when, values before and after, the reason), 领导批示 and 催办 records, keyed by register + record."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class StepEvent(Base):
    """One step taken on one record. The audit log is the tamper-evident proof; this is what users read."""

    __tablename__ = "workflow_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    register: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[int]
    step: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime]
    actor_login: Mapped[str] = mapped_column(String(64))
    actor_name: Mapped[str] = mapped_column(String(64), default="")
    before: Mapped[str] = mapped_column(Text, default="{}")  # JSON: field -> value before the step
    after: Mapped[str] = mapped_column(Text, default="{}")  # JSON: what the step recorded
    reason: Mapped[str] = mapped_column(Text, default="")


Index("ix_workflow_history_register_record_id", StepEvent.register, StepEvent.record_id)


class Instruction(Base):
    """领导批示 on a record of any register: any number, each with leader, text and date."""

    __tablename__ = "instructions"

    id: Mapped[int] = mapped_column(primary_key=True)
    register: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[int]
    leader: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text, default="")
    given_on: Mapped[date]
    recorded_by: Mapped[str] = mapped_column(String(64), default="")
    recorded_at: Mapped[datetime]


Index("ix_instructions_register_record_id", Instruction.register, Instruction.record_id)


class Urge(Base):
    """催办 record on a record of any register: how, when, by whom and whom its handling was pressed."""

    __tablename__ = "urges"

    id: Mapped[int] = mapped_column(primary_key=True)
    register: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[int]
    method: Mapped[str] = mapped_column(String(16))
    urged_on: Mapped[date]
    person: Mapped[str] = mapped_column(String(64), default="")
    target: Mapped[str] = mapped_column(String(128), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(64), default="")
    recorded_at: Mapped[datetime]


Index("ix_urges_register_record_id", Urge.register, Urge.record_id)

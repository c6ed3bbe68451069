"""值班 (duty) tables: the roster's shifts (值班表), people's absences (出差/休假), shift swaps awaiting or
given approval (调班), and the duty log (值班记录: calls, documents, visitors, 突发事件, hand-overs)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.models.common import RegisterRecord


class DutyShift(RegisterRecord, Base):
    __tablename__ = "duty_shifts"

    day: Mapped[date | None] = mapped_column(nullable=True)
    slot: Mapped[str] = mapped_column(String(8), default="全天")  # 全天 / 白班 / 夜班
    day_kind: Mapped[str | None] = mapped_column(String(16), nullable=True)  # weekday / weekend / holiday
    leader: Mapped[str] = mapped_column(String(64), default="")  # 带班领导
    staff: Mapped[str] = mapped_column(String(200), default="")  # 值班人员, "、"-separated
    phone: Mapped[str] = mapped_column(String(64), default="")  # 值班电话
    note: Mapped[str] = mapped_column(Text, default="")


Index("ix_duty_shifts_day", DutyShift.day, DutyShift.slot)


class DutyAbsence(RegisterRecord, Base):
    __tablename__ = "duty_absences"

    person: Mapped[str] = mapped_column(String(64), default="")
    start_on: Mapped[date | None] = mapped_column(nullable=True)
    end_on: Mapped[date | None] = mapped_column(nullable=True)
    reason: Mapped[str | None] = mapped_column(String(16), nullable=True)  # 出差 / 休假 / 病假 / 其他
    note: Mapped[str] = mapped_column(Text, default="")


Index("ix_duty_absences_person", DutyAbsence.person, DutyAbsence.start_on)


class DutySwap(Base):
    """调班: two people exchange one shift each; it takes effect only once approved."""

    __tablename__ = "duty_swaps"

    id: Mapped[int] = mapped_column(primary_key=True)
    shift_a_id: Mapped[int] = mapped_column(ForeignKey("duty_shifts.id"))
    person_a: Mapped[str] = mapped_column(String(64))
    shift_b_id: Mapped[int] = mapped_column(ForeignKey("duty_shifts.id"))
    person_b: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(16), default="pending")  # pending / approved / refused
    requested_by: Mapped[str] = mapped_column(String(64), default="")
    requested_at: Mapped[datetime]
    decided_by: Mapped[str] = mapped_column(String(64), default="")
    decided_at: Mapped[datetime | None] = mapped_column(nullable=True)
    decision_note: Mapped[str] = mapped_column(Text, default="")


Index("ix_duty_swaps_state", DutySwap.state)


class DutyLogEntry(RegisterRecord, Base):
    __tablename__ = "duty_log"

    at: Mapped[datetime | None] = mapped_column(nullable=True)
    kind: Mapped[str | None] = mapped_column(
        String(16), nullable=True
    )  # 来电 / 来文 / 来访 / 突发事件 / 交接班
    unit: Mapped[str] = mapped_column(String(128), default="")
    caller: Mapped[str] = mapped_column(String(64), default="")
    phone: Mapped[str] = mapped_column(String(64), default="")
    content: Mapped[str] = mapped_column(Text, default="")
    handling: Mapped[str] = mapped_column(Text, default="")
    instruction: Mapped[str] = mapped_column(Text, default="")  # 领导批示/处理意见
    recorder: Mapped[str] = mapped_column(String(64), default="")
    grade: Mapped[str | None] = mapped_column(String(16), nullable=True)  # 突发事件等级
    reported_phone_at: Mapped[datetime | None] = mapped_column(nullable=True)  # 电话报告上级
    reported_written_at: Mapped[datetime | None] = mapped_column(nullable=True)  # 书面报告上级
    handover: Mapped[str] = mapped_column(Text, default="")  # 交接班: unfinished items


Index("ix_duty_log_at", DutyLogEntry.at)
Index("ix_duty_log_kind", DutyLogEntry.kind, DutyLogEntry.at)

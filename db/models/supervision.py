"""督办 (supervision) table: items given to units to carry out, with their source, deadline, report cycle,
extension request and result; their 催办, 批示 and step history live in the shared workflow tables."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.models.common import RegisterRecord


class SupervisionItem(RegisterRecord, Base):
    __tablename__ = "supervision_items"

    source: Mapped[str | None] = mapped_column(String(16), nullable=True)
    source_ref: Mapped[str] = mapped_column(String(128), default="")  # 来源文号 / 会议 / 批示
    source_register: Mapped[str] = mapped_column(String(32), default="")  # a 收文 or 会议 it came from
    source_record_id: Mapped[int | None] = mapped_column(nullable=True)
    received_on: Mapped[date | None] = mapped_column(nullable=True)  # 立项日期
    content: Mapped[str] = mapped_column(Text, default="")
    lead_unit: Mapped[str] = mapped_column(String(128), default="")
    assist_units: Mapped[str] = mapped_column(String(300), default="")
    responsible: Mapped[str] = mapped_column(String(64), default="")
    deadline: Mapped[date | None] = mapped_column(nullable=True)
    cycle: Mapped[str | None] = mapped_column(String(16), nullable=True)  # once / weekly / monthly
    state: Mapped[str] = mapped_column(String(16), default="registered")
    assigned_on: Mapped[date | None] = mapped_column(nullable=True)
    last_report_on: Mapped[date | None] = mapped_column(nullable=True)
    progress: Mapped[str] = mapped_column(Text, default="")
    extension_to: Mapped[date | None] = mapped_column(nullable=True)
    extension_reason: Mapped[str] = mapped_column(Text, default="")
    extension_state: Mapped[str] = mapped_column(String(16), default="")  # pending / approved / refused
    extended: Mapped[int] = mapped_column(default=0)  # how many extensions were approved
    result: Mapped[str] = mapped_column(Text, default="")
    done_on: Mapped[date | None] = mapped_column(nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")


Index("ix_supervision_items_state_deadline", SupervisionItem.state, SupervisionItem.deadline)
Index("ix_supervision_items_received_on", SupervisionItem.received_on)
Index("ix_supervision_items_lead_unit", SupervisionItem.lead_unit)

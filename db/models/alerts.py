"""Alerts raised for a register record (特提/特急 telegrams …) that stay on the home tab until acknowledged."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class Alert(Base):
    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    register: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[int]
    title: Mapped[str] = mapped_column(String(300))
    detail: Mapped[str] = mapped_column(Text, default="")
    raised_at: Mapped[datetime]
    raised_by: Mapped[str] = mapped_column(String(64), default="")
    acknowledged_at: Mapped[datetime | None] = mapped_column(nullable=True)
    acknowledged_by: Mapped[str] = mapped_column(String(64), default="")

    __table_args__ = (
        Index("ix_alerts_pending", "acknowledged_at", "raised_at"),
        Index("ix_alerts_register_record", "register", "record_id"),
    )

"""Paper copies of a register record (份号), their read steps, 清退 and 销毁 batches.

Generic: a copy belongs to any register (``register`` key + ``record_id``), so 文件传阅 and 电报 share it.
Rows are never deleted: a destroyed copy stays on the register with its destruction batch.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base


class DestructionBatch(Base):
    """销毁清册: one approved destruction of returned copies, watched by two 监销人."""

    __tablename__ = "destruction_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(64))
    year: Mapped[int] = mapped_column(default=0)
    seq: Mapped[int] = mapped_column(default=0)
    listed_by: Mapped[str] = mapped_column(String(64))  # 造册人
    approver: Mapped[str] = mapped_column(String(64))  # 批准人
    witness1: Mapped[str] = mapped_column(String(64))  # 监销人
    witness2: Mapped[str] = mapped_column(String(64))
    destroyed_on: Mapped[date]
    method: Mapped[str] = mapped_column(String(64))  # 粉碎 / 焚毁 / 送销毁中心 …
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=datetime.now)
    created_by: Mapped[str] = mapped_column(String(64), default="")

    __table_args__ = (UniqueConstraint("year", "seq"),)


class Copy(Base):
    __tablename__ = "copies"

    id: Mapped[int] = mapped_column(primary_key=True)
    register: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[int]
    copy_no: Mapped[str] = mapped_column(String(6))  # 份号, six digits
    signed_by: Mapped[str] = mapped_column(String(64), default="")  # 签收人
    signed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    holder: Mapped[str] = mapped_column(String(64), default="")  # who holds it now
    due_back: Mapped[datetime | None] = mapped_column(nullable=True)
    returned_at: Mapped[datetime | None] = mapped_column(nullable=True)
    returned_by: Mapped[str] = mapped_column(String(64), default="")  # 清退人
    received_by: Mapped[str] = mapped_column(String(64), default="")  # 接收人
    destruction_id: Mapped[int | None] = mapped_column(ForeignKey("destruction_batches.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=datetime.now)
    created_by: Mapped[str] = mapped_column(String(64), default="")

    steps: Mapped[list[CopyStep]] = relationship(
        back_populates="copy", order_by="CopyStep.id", lazy="selectin", cascade="all, delete-orphan"
    )

    __table_args__ = (
        UniqueConstraint("register", "record_id", "copy_no"),
        Index("ix_copies_register_record", "register", "record_id"),
        # The overdue query of the home tab: not returned, with a due time.
        Index("ix_copies_due_back", "returned_at", "due_back"),
        Index("ix_copies_destruction_id", "destruction_id"),
    )


class CopyStep(Base):
    """One hand-off of a copy: the secretary sends it to a reader and takes it back (no 横传)."""

    __tablename__ = "copy_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    copy_id: Mapped[int] = mapped_column(ForeignKey("copies.id"))
    reader: Mapped[str] = mapped_column(String(64))
    sent_at: Mapped[datetime]
    sent_by: Mapped[str] = mapped_column(String(64), default="")
    taken_back_at: Mapped[datetime | None] = mapped_column(nullable=True)
    taken_back_by: Mapped[str] = mapped_column(String(64), default="")
    remark_kind: Mapped[str] = mapped_column(String(16), default="")  # "circle" 圈阅 | "instruction" 批示
    remark: Mapped[str] = mapped_column(Text, default="")

    copy: Mapped[Copy] = relationship(back_populates="steps")

    __table_args__ = (Index("ix_copy_steps_copy_id", "copy_id"),)

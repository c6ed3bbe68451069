"""信息报送 (information submissions): what the office and its units submitted upward, and each adoption
(采用) of it by a journal or channel at a level; leaders' 批示 on them live in the shared instruction table."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.models.common import RegisterRecord


class InfoSubmission(RegisterRecord, Base):
    __tablename__ = "info_submissions"

    title: Mapped[str] = mapped_column(String(300), default="")
    unit: Mapped[str] = mapped_column(String(128), default="")  # 报送单位
    author: Mapped[str] = mapped_column(String(64), default="")  # 执笔人
    phone: Mapped[str] = mapped_column(String(64), default="")
    submitted_on: Mapped[date | None] = mapped_column(nullable=True)
    category: Mapped[str | None] = mapped_column(String(16), nullable=True)
    urgency: Mapped[str | None] = mapped_column(String(16), nullable=True)
    to_whom: Mapped[str] = mapped_column(String(200), default="")  # 报送对象
    summary: Mapped[str] = mapped_column(Text, default="")
    adoption_text: Mapped[str] = mapped_column(String(300), default="")  # 采用情况 as an old book wrote it
    note: Mapped[str] = mapped_column(Text, default="")


Index("ix_info_submissions_submitted_on", InfoSubmission.submitted_on)
Index("ix_info_submissions_unit", InfoSubmission.unit)


class InfoAdoption(Base):
    __tablename__ = "info_adoptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("info_submissions.id"), index=True)
    channel: Mapped[str] = mapped_column(String(128), default="")  # 刊物或渠道
    level: Mapped[str] = mapped_column(String(8))  # 县级 / 市级 / 省级 / 中央
    kind: Mapped[str] = mapped_column(String(8))  # 全文采用 / 摘要采用 / 综合采用
    issue: Mapped[str] = mapped_column(String(64), default="")
    adopted_on: Mapped[date | None] = mapped_column(nullable=True)
    recorded_by: Mapped[str] = mapped_column(String(64), default="")
    recorded_at: Mapped[datetime]
    voided: Mapped[bool] = mapped_column(default=False)

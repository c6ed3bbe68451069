"""Telegrams (电报): one table for the four registers 明传收/明传发/密码收/密码发 (``series`` tells them apart)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.models.common import RegisterRecord


class Telegram(RegisterRecord, Base):
    __tablename__ = "telegrams"

    at: Mapped[datetime | None] = mapped_column(nullable=True)  # 收电/发电时间
    dept_no: Mapped[str] = mapped_column(String(64), default="")  # 部门号
    total_no: Mapped[str] = mapped_column(String(16), default="")  # 总号 (cipher)
    relay_no: Mapped[str] = mapped_column(String(16), default="")  # 译传号 (cipher)
    priority: Mapped[str] = mapped_column(String(16), default="ordinary")  # 等级
    counterpart: Mapped[str] = mapped_column(String(128), default="")  # 来电单位 / 发往单位
    title: Mapped[str] = mapped_column(String(300), default="")
    pages: Mapped[int | None] = mapped_column(nullable=True)
    copies_count: Mapped[int | None] = mapped_column(nullable=True)  # 份数
    first_copy_no: Mapped[str] = mapped_column(String(6), default="")  # 起始份号
    instructions: Mapped[str] = mapped_column(Text, default="")  # 批办
    leader_remarks: Mapped[str] = mapped_column(Text, default="")  # 领导批示
    readers: Mapped[str] = mapped_column(String(300), default="")  # 阅电人
    handler_unit: Mapped[str] = mapped_column(String(128), default="")  # 承办单位
    result: Mapped[str] = mapped_column(Text, default="")  # 办理结果
    reply_to: Mapped[str] = mapped_column(String(64), default="")  # 复电所答来电 (its 编号)
    reply_to_id: Mapped[int | None] = mapped_column(nullable=True)


Index("ix_telegrams_series_at", Telegram.series, Telegram.at)
Index("ix_telegrams_series_year_seq", Telegram.series, Telegram.year, Telegram.seq)
Index("ix_telegrams_priority", Telegram.priority)

"""调研与文稿 (research and drafting) tables: research activities (调研活动), research topics (调研课题), research
articles (调研文章) and drafting of speeches, reports and other materials (文稿起草)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.models.common import RegisterRecord


class ResearchActivity(RegisterRecord, Base):
    __tablename__ = "research_activities"

    kind: Mapped[str | None] = mapped_column(String(16), nullable=True)  # 调研 / 座谈会 / 走访 / 考察
    held_on: Mapped[date | None] = mapped_column(nullable=True)
    place: Mapped[str] = mapped_column(String(200), default="")
    participants: Mapped[str] = mapped_column(Text, default="")
    subject: Mapped[str] = mapped_column(String(300), default="")
    findings: Mapped[str] = mapped_column(Text, default="")
    topic_no: Mapped[str] = mapped_column(String(64), default="")  # the 课题 it serves, by its number


class ResearchTopic(RegisterRecord, Base):
    __tablename__ = "research_topics"

    title: Mapped[str] = mapped_column(String(300), default="")
    lead: Mapped[str] = mapped_column(String(64), default="")
    members: Mapped[str] = mapped_column(Text, default="")
    started_on: Mapped[date | None] = mapped_column(nullable=True)
    state: Mapped[str | None] = mapped_column(String(16), nullable=True)  # ongoing / concluded
    concluded_on: Mapped[date | None] = mapped_column(nullable=True)
    result: Mapped[str] = mapped_column(Text, default="")


class ResearchArticle(RegisterRecord, Base):
    __tablename__ = "research_articles"

    title: Mapped[str] = mapped_column(String(300), default="")
    authors: Mapped[str] = mapped_column(String(200), default="")
    finished_on: Mapped[date | None] = mapped_column(nullable=True)
    journal: Mapped[str] = mapped_column(String(200), default="")
    issue: Mapped[str] = mapped_column(String(64), default="")
    level: Mapped[str | None] = mapped_column(String(16), nullable=True)  # 中央/省级/市级/县级/未发表
    published_on: Mapped[date | None] = mapped_column(nullable=True)
    topic_no: Mapped[str] = mapped_column(String(64), default="")


class Draft(RegisterRecord, Base):
    __tablename__ = "drafts"

    kind: Mapped[str | None] = mapped_column(
        String(16), nullable=True
    )  # 讲话 / 工作报告 / 综合材料 / 汇报材料
    title: Mapped[str] = mapped_column(String(300), default="")
    for_whom: Mapped[str] = mapped_column(String(200), default="")  # the leader or meeting it serves
    drafter: Mapped[str] = mapped_column(String(64), default="")
    requested_on: Mapped[date | None] = mapped_column(nullable=True)
    due_on: Mapped[date | None] = mapped_column(nullable=True)
    finished_on: Mapped[date | None] = mapped_column(nullable=True)
    length_chars: Mapped[int | None] = mapped_column(nullable=True)
    versions: Mapped[int | None] = mapped_column(nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")


Index("ix_research_activities_held_on", ResearchActivity.held_on)
Index("ix_research_articles_finished_on", ResearchArticle.finished_on)
Index("ix_drafts_requested_on", Draft.requested_on)

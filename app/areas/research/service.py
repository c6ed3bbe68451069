"""Figures of the 调研与文稿 registers for a period (the annual report's 调研/座谈会/课题/文章/文稿 line):
only records the user may read, voided ones never counted."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from app.areas.research.registers import (
    ACTIVITY_REGISTER,
    ActivityKind,
    DraftKind,
    PublicationLevel,
    TopicState,
)
from app.domain.errors import ValidationFailed
from app.kit.area import ServiceKey
from app.services.actor import Actor
from db.models.research import Draft, ResearchActivity, ResearchArticle, ResearchTopic

if TYPE_CHECKING:
    from app.services.container import Services


@dataclass(frozen=True)
class ResearchStats:
    start: date
    end: date
    activities_by_kind: Mapping[str, int]  # label -> count (every kind listed, zeros included)
    topics: int
    topics_concluded: int
    articles: int
    articles_by_level: Mapping[str, int]
    articles_province_or_city: int  # 在省市级刊物发表 (省级 + 市级, and 中央级 above them)
    drafts_by_kind: Mapping[str, int]
    drafts_by_drafter: Mapping[str, int]
    by_month: Mapping[str, Mapping[int, int]]  # register title -> month -> count

    @property
    def surveys(self) -> int:
        return self.activities_by_kind.get(ActivityKind.SURVEY.label, 0)

    @property
    def forums(self) -> int:
        return self.activities_by_kind.get(ActivityKind.FORUM.label, 0)

    @property
    def drafts(self) -> int:
        return sum(self.drafts_by_kind.values())


def _grouped(s: Any, column: Any, date_col: Any, start: date, end: date, model: Any) -> dict[Any, int]:
    q = (
        select(column, func.count())
        .where(model.voided.is_(False), date_col >= start, date_col <= end)
        .group_by(column)
    )
    return {k: n for k, n in s.execute(q).all()}


class ResearchService:
    def __init__(self, services: Services) -> None:
        self.services = services

    def statistics(self, actor: Actor, start: date, end: date) -> ResearchStats:
        actor.require_role(*ACTIVITY_REGISTER.read_roles, action="查看调研文稿统计")
        if end < start:
            raise ValidationFailed({"end": "结束日期不能早于开始日期"})
        with self.services.db.read() as s:
            kinds = _grouped(s, ResearchActivity.kind, ResearchActivity.held_on, start, end, ResearchActivity)
            topics = _grouped(s, ResearchTopic.state, ResearchTopic.started_on, start, end, ResearchTopic)
            levels = _grouped(
                s, ResearchArticle.level, ResearchArticle.finished_on, start, end, ResearchArticle
            )
            draft_kinds = _grouped(s, Draft.kind, Draft.requested_on, start, end, Draft)
            drafters = _grouped(s, Draft.drafter, Draft.requested_on, start, end, Draft)
            by_month: dict[str, dict[int, int]] = {}
            for title, model, col in (
                ("调研活动", ResearchActivity, ResearchActivity.held_on),
                ("调研课题", ResearchTopic, ResearchTopic.started_on),
                ("调研文章", ResearchArticle, ResearchArticle.finished_on),
                ("文稿起草", Draft, Draft.requested_on),
            ):
                month = func.extract("month", col)
                rows = _grouped(s, month, col, start, end, model)
                by_month[title] = {int(m): n for m, n in rows.items() if m is not None}
        level_labels = {lv.value: lv.label for lv in PublicationLevel}
        by_level = {lv.label: levels.get(lv.value, 0) for lv in PublicationLevel}
        published = sum(
            levels.get(v, 0)
            for v in (
                PublicationLevel.CENTRAL.value,
                PublicationLevel.PROVINCE.value,
                PublicationLevel.CITY.value,
            )
        )
        del level_labels
        return ResearchStats(
            start,
            end,
            {k.label: kinds.get(k.value, 0) for k in ActivityKind},
            sum(topics.values()),
            topics.get(TopicState.CONCLUDED.value, 0),
            sum(levels.values()),
            by_level,
            published,
            {k.label: draft_kinds.get(k.value, 0) for k in DraftKind},
            dict(sorted(drafters.items(), key=lambda kv: -kv[1])),
            by_month,
        )


# ``services.service(SERVICE)`` is this area's ResearchService, typed
SERVICE = ServiceKey("research", ResearchService)

"""调研与文稿: registering with Chinese messages for bad input, and the year's figures the annual report
uses (voided records and other years not counted)."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.errors import PermissionDenied, ValidationFailed


def _add(services, actor, key, **values):
    return services.registers.create(actor, key, values)


def test_figures_of_a_year(services, actors):
    r = actors["research"]
    for kind, day in (
        ("调研", "2026-01-01"),
        ("调研", "2026-12-31"),
        ("座谈会", "2026-05-06"),
        ("调研", "2025-12-31"),
    ):
        _add(services, r, "research_activities", kind=kind, held_on=day, subject="乡村振兴")
    voided = _add(services, r, "research_activities", kind="调研", held_on="2026-03-03", subject="作废的")
    services.registers.void(r, "research_activities", voided.id, "重复登记")
    _add(services, r, "research_topics", title="课题一", lead="孙丽", started_on="2026-02-01")
    _add(
        services, r, "research_topics", title="课题二", lead="孙丽", started_on="2026-02-01",
        state="concluded", concluded_on="2026-06-30",
    )  # fmt: skip
    for level, journal in (
        ("省级", "《党建研究》"),
        ("市级", "《市委通讯》"),
        ("县级", "《简报》"),
        ("未发表", ""),
    ):
        _add(
            services, r, "research_articles", title=f"{level}文章", authors="孙丽", finished_on="2026-04-01",
            level=level, journal=journal,
        )  # fmt: skip
    for kind in ("讲话", "讲话", "工作报告"):
        _add(services, r, "drafts", kind=kind, title="讲话稿", drafter="马骏", requested_on="2026-07-01")
    stats = services.service("research").statistics(actors["leader"], date(2026, 1, 1), date(2026, 12, 31))
    assert stats.surveys == 2 and stats.forums == 1
    assert stats.topics == 2 and stats.topics_concluded == 1
    assert stats.articles == 4 and stats.articles_province_or_city == 2
    assert (
        stats.drafts == 3 and stats.drafts_by_kind["领导讲话"] == 2 and stats.drafts_by_drafter == {"马骏": 3}
    )
    assert stats.by_month["调研活动"] == {1: 1, 5: 1, 12: 1}


def test_bad_input_is_explained_per_field(services, actors):
    r = actors["research"]
    with pytest.raises(ValidationFailed) as e:
        _add(
            services, r, "research_topics", title="x", lead="孙丽", started_on="2026-05-01", state="concluded"
        )
    assert e.value.errors == {"concluded_on": "已结题的课题请填写结题日期"}
    with pytest.raises(ValidationFailed) as e:
        _add(
            services,
            r,
            "research_articles",
            title="x",
            authors="孙丽",
            finished_on="2026-05-01",
            level="省级",
        )
    assert e.value.errors == {"journal": "已发表的文章请填写刊物名称"}
    with pytest.raises(ValidationFailed) as e:
        _add(
            services,
            r,
            "drafts",
            kind="讲话",
            title="x",
            drafter="马骏",
            requested_on="2026-05-02",
            finished_on="2026-05-01",
        )
    assert e.value.errors == {"finished_on": "完成日期不能早于交办日期"}
    with pytest.raises(PermissionDenied):
        _add(
            services,
            actors["clerk"],
            "drafts",
            kind="讲话",
            title="x",
            drafter="马骏",
            requested_on="2026-05-02",
        )

"""The 调研与文稿 registers (research and drafting): 调研活动 research_activities, 调研课题 research_topics,
调研文章 research_articles and 文稿起草 drafts (讲话、工作报告、综合材料 …)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.domain.enums import LabeledEnum, Role
from app.kit.registers.base import CHOICE, DATE, INT, MULTILINE, TEXT, Field, History, Numbering, Register
from db.models.research import Draft, ResearchActivity, ResearchArticle, ResearchTopic

ACTIVITIES, TOPICS, ARTICLES, DRAFTS = "research_activities", "research_topics", "research_articles", "drafts"
ROLES = (Role.RESEARCH,)
READERS = (Role.RESEARCH, Role.LEADER)


class ActivityKind(LabeledEnum):
    SURVEY = ("调研", "专题调研")
    FORUM = ("座谈会", "座谈会")
    VISIT = ("走访", "走访")
    STUDY = ("考察", "考察学习")


class TopicState(LabeledEnum):
    ONGOING = ("ongoing", "在研")
    CONCLUDED = ("concluded", "已结题")


class PublicationLevel(LabeledEnum):
    CENTRAL = ("中央", "中央级")
    PROVINCE = ("省级", "省级")
    CITY = ("市级", "市级")
    COUNTY = ("县级", "县级")
    NONE = ("未发表", "未发表")


class DraftKind(LabeledEnum):
    SPEECH = ("讲话", "领导讲话")
    REPORT = ("工作报告", "工作报告")
    COMPREHENSIVE = ("综合材料", "综合材料")
    BRIEFING = ("汇报材料", "汇报材料")
    OTHER = ("其他", "其他文稿")


def _order(first: str, second: str, message: str):  # type: ignore[no-untyped-def]
    def check(values: Mapping[str, Any]) -> dict[str, str]:
        a, b = values.get(first), values.get(second)
        return {second: message} if a and b and b < a else {}

    return check


def _topic_check(values: Mapping[str, Any]) -> dict[str, str]:
    errors = _order("started_on", "concluded_on", "结题日期不能早于立项日期")(values)
    if values.get("state") == TopicState.CONCLUDED.value and not values.get("concluded_on"):
        errors["concluded_on"] = "已结题的课题请填写结题日期"
    return errors


def _article_check(values: Mapping[str, Any]) -> dict[str, str]:
    level = values.get("level")
    if level and level != PublicationLevel.NONE.value and not (values.get("journal") or "").strip():
        return {"journal": "已发表的文章请填写刊物名称"}
    return _order("finished_on", "published_on", "发表日期不能早于成文日期")(values)


def _register(
    key: str, title: str, model: type, label: str, prefix: str, date_field: str, **kw: Any
) -> Register:
    return Register(
        key=key,
        title=title,
        book_title=f"{title}登记簿",
        model=model,
        record_label=label,
        numbering=Numbering(key, date_field, prefix + "〔{year}〕{seq}号", format_setting=f"numbering.{key}"),
        classified=False,
        date_field=date_field,
        default_sort=("number", True),
        read_roles=READERS,
        write_roles=ROLES,
        **kw,
    )


ACTIVITY_REGISTER = _register(
    ACTIVITIES,
    "调研活动",
    ResearchActivity,
    "调研活动",
    "调研",
    "held_on",
    fields=(
        Field(
            "kind", "类型", CHOICE, choices=ActivityKind, required=True, filterable=True, synonyms=("形式",)
        ),
        Field("held_on", "日期", DATE, required=True, filterable=True, synonyms=("调研日期", "时间")),
        Field(
            "place", "地点", TEXT, searchable=True, autocomplete=True, max_length=200, synonyms=("调研地点",)
        ),
        Field(
            "subject",
            "主题",
            TEXT,
            required=True,
            searchable=True,
            max_length=300,
            list_width=260,
            print_width=3,
            synonyms=("调研主题", "题目", "内容"),
        ),
        Field(
            "participants", "参加人员", TEXT, searchable=True, max_length=500, synonyms=("参加人", "调研人员")
        ),
        Field(
            "findings",
            "调研成果",
            MULTILINE,
            searchable=True,
            max_length=4000,
            in_list=False,
            synonyms=("成果", "发现问题"),
        ),
        Field("topic_no", "所属课题", TEXT, max_length=64, synonyms=("课题编号",)),
    ),
)

TOPIC_REGISTER = _register(
    TOPICS,
    "调研课题",
    ResearchTopic,
    "课题",
    "课题",
    "started_on",
    form_validator=_topic_check,
    # old books mark a topic 已结题 without the date: imported, it shows 结题日期 as missing
    history=History(relaxed_checks=("concluded_on",)),
    fields=(
        Field(
            "title",
            "课题名称",
            TEXT,
            required=True,
            searchable=True,
            max_length=300,
            list_width=260,
            print_width=3,
            synonyms=("课题", "名称", "题目"),
        ),
        Field(
            "lead",
            "负责人",
            TEXT,
            required=True,
            searchable=True,
            autocomplete=True,
            max_length=64,
            synonyms=("牵头人", "主持人"),
        ),
        Field("members", "课题组成员", TEXT, searchable=True, max_length=500, synonyms=("成员",)),
        Field(
            "started_on", "立项日期", DATE, required=True, filterable=True, synonyms=("开始日期", "立项时间")
        ),
        Field("state", "状态", CHOICE, choices=TopicState, default=TopicState.ONGOING.value, filterable=True),
        Field("concluded_on", "结题日期", DATE, synonyms=("完成日期", "结题时间")),
        Field(
            "result",
            "成果",
            MULTILINE,
            searchable=True,
            max_length=4000,
            in_list=False,
            synonyms=("研究成果",),
        ),
    ),
)

ARTICLE_REGISTER = _register(
    ARTICLES,
    "调研文章",
    ResearchArticle,
    "文章",
    "调研文章",
    "finished_on",
    form_validator=_article_check,
    fields=(
        Field(
            "title",
            "题目",
            TEXT,
            required=True,
            searchable=True,
            max_length=300,
            list_width=260,
            print_width=3,
            synonyms=("文章题目", "标题", "篇名"),
        ),
        Field(
            "authors",
            "作者",
            TEXT,
            required=True,
            searchable=True,
            autocomplete=True,
            max_length=200,
            synonyms=("执笔人", "撰稿人"),
        ),
        Field("finished_on", "成文日期", DATE, required=True, filterable=True, synonyms=("完成日期", "日期")),
        Field(
            "journal",
            "发表刊物",
            TEXT,
            searchable=True,
            autocomplete=True,
            max_length=200,
            synonyms=("刊物", "发表载体"),
        ),
        Field("issue", "期号", TEXT, max_length=64, synonyms=("刊期",)),
        Field(
            "level",
            "刊物级别",
            CHOICE,
            choices=PublicationLevel,
            default=PublicationLevel.NONE.value,
            filterable=True,
            synonyms=("级别",),
        ),
        Field("published_on", "发表日期", DATE, in_list=False),
        Field("topic_no", "所属课题", TEXT, max_length=64, in_list=False, synonyms=("课题编号",)),
    ),
)

DRAFT_REGISTER = _register(
    DRAFTS,
    "文稿起草",
    Draft,
    "文稿",
    "文稿",
    "requested_on",
    form_validator=_order("requested_on", "finished_on", "完成日期不能早于交办日期"),
    fields=(
        Field(
            "kind",
            "文稿类别",
            CHOICE,
            choices=DraftKind,
            required=True,
            filterable=True,
            synonyms=("类别", "类型"),
        ),
        Field(
            "title",
            "标题",
            TEXT,
            required=True,
            searchable=True,
            max_length=300,
            list_width=260,
            print_width=3,
            synonyms=("文稿标题", "题目", "名称", "文稿名称", "材料名称"),
        ),
        Field(
            "for_whom",
            "服务对象",
            TEXT,
            searchable=True,
            autocomplete=True,
            max_length=200,
            synonyms=("用稿领导", "用于会议", "用途", "服务领导"),
        ),
        Field(
            "drafter",
            "起草人",
            TEXT,
            required=True,
            searchable=True,
            autocomplete=True,
            filterable=True,
            max_length=64,
            synonyms=("执笔人", "撰稿人"),
        ),
        Field(
            "requested_on", "交办日期", DATE, required=True, filterable=True, synonyms=("布置日期", "日期")
        ),
        Field("due_on", "要求完成日期", DATE, in_list=False, synonyms=("完成时限",)),
        Field("finished_on", "完成日期", DATE, synonyms=("定稿日期",)),
        Field("length_chars", "字数", INT, min_value=1, max_value=1_000_000, synonyms=("篇幅",)),
        Field("versions", "修改稿次", INT, min_value=1, max_value=99, in_list=False, synonyms=("稿次",)),
        Field("note", "备注", MULTILINE, max_length=2000, in_list=False),
    ),
)

REGISTERS = (ACTIVITY_REGISTER, TOPIC_REGISTER, ARTICLE_REGISTER, DRAFT_REGISTER)

"""The 信息报送 register (info_submissions) and its steps: 登记采用 (an adoption by a journal or channel at a
level) and 领导批示; the old books' 采用情况 column ("市委办公室采用", "未采用") becomes adoption records."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from app.domain.enums import LabeledEnum, Role
from app.domain.rules import ADOPTION_KINDS, LEVELS
from app.kit.registers.base import CHOICE, DATE, MULTILINE, TEXT, Field, Numbering, Register
from app.kit.workflow import Step, StepContext, Workflow, own, today
from app.kit.workflow.pieces import instruct_step
from db.models.information import InfoAdoption, InfoSubmission

SUBMISSIONS = "info_submissions"
ROLES = (Role.INFORMATION,)
READERS = (Role.INFORMATION, Role.LEADER)


class Category(LabeledEnum):
    NEWS = ("动态", "工作动态")
    EXPERIENCE = ("经验", "经验做法")
    PROBLEM = ("问题", "问题反映")
    SUGGESTION = ("建议", "意见建议")
    SPECIAL = ("专报", "专报")
    URGENT = ("要情", "紧急要情")
    COMMISSIONED = ("约稿", "约稿")


class Urgency(LabeledEnum):
    NORMAL = ("normal", "一般")
    URGENT = ("urgent", "紧急")


class Level(LabeledEnum):
    COUNTY = ("县级", "县级")
    CITY = ("市级", "市级")
    PROVINCE = ("省级", "省级")
    CENTRAL = ("中央", "中央")


class Kind(LabeledEnum):
    FULL = ("全文采用", "全文采用")
    ABSTRACT = ("摘要采用", "摘要采用")
    COMBINED = ("综合采用", "综合采用")


assert tuple(m.value for m in Level) == LEVELS and tuple(m.value for m in Kind) == ADOPTION_KINDS
NOT_ADOPTED = ("未采用", "未被采用", "无", "否", "—", "-")


def parse_adoptions(text: str) -> list[dict[str, str]]:
    """'市委办公室采用；省委办公厅《每日要情》摘要采用' -> [{channel, level, kind}, …]; '未采用' -> []."""
    out = []
    for part in re.split(r"[；;、,，/\n]+", text or ""):
        part = part.strip()
        if not part or part in NOT_ADOPTED or "未采用" in part:
            continue
        if "中央" in part or "中办" in part or "国办" in part or "国务院" in part:
            level = "中央"
        elif "省" in part:
            level = "省级"
        elif "市" in part:
            level = "市级"
        else:
            level = "县级"
        kind = (
            "摘要采用" if "摘要" in part or "摘编" in part else "综合采用" if "综合" in part else "全文采用"
        )
        channel = re.sub(r"(全文|摘要|摘编|综合)?(采用|刊用|录用)$", "", part).strip() or part
        out.append({"channel": channel, "level": level, "kind": kind})
    return out


def _after_save(s: Any, actor: Any, obj: InfoSubmission, created: bool) -> None:
    """A book's 采用情况 becomes adoption records once (when the record has none yet)."""
    if not obj.adoption_text:
        return
    have = s.scalar(
        select(func.count()).select_from(InfoAdoption).where(InfoAdoption.submission_id == obj.id)
    )
    if have:
        return
    for a in parse_adoptions(obj.adoption_text):
        s.add(
            InfoAdoption(
                submission_id=obj.id,
                channel=a["channel"],
                level=a["level"],
                kind=a["kind"],
                adopted_on=obj.submitted_on,
                recorded_by=actor.login,
                recorded_at=datetime.now(),
            )
        )


def _adoption_texts(s: Any, record_id: int) -> list[str]:
    return [
        f"{a.channel} {a.level} {a.kind}"
        for a in s.scalars(select(InfoAdoption).where(InfoAdoption.submission_id == record_id))
    ]


SUBMISSION_REGISTER = Register(
    key=SUBMISSIONS,
    title="信息报送",
    book_title="信息报送登记簿",
    model=InfoSubmission,
    record_label="信息",
    numbering=Numbering(
        SUBMISSIONS, "submitted_on", "信〔{year}〕{seq}号", format_setting="numbering.information"
    ),
    date_field="submitted_on",
    default_sort=("number", True),
    read_roles=READERS,
    write_roles=ROLES,
    after_save=_after_save,
    search_extra=_adoption_texts,
    fields=(
        Field(
            "submitted_on", "报送日期", DATE, required=True, filterable=True, synonyms=("日期", "上报日期")
        ),
        Field(
            "title",
            "标题",
            TEXT,
            required=True,
            searchable=True,
            max_length=300,
            list_width=300,
            print_width=3,
            synonyms=("信息标题", "题目"),
        ),
        Field(
            "unit",
            "报送单位",
            TEXT,
            required=True,
            searchable=True,
            autocomplete=True,
            filterable=True,
            max_length=128,
            synonyms=("单位", "供稿单位"),
        ),
        Field(
            "author",
            "执笔人",
            TEXT,
            searchable=True,
            autocomplete=True,
            filterable=True,
            max_length=64,
            synonyms=("作者", "撰稿人"),
        ),
        Field("phone", "联系电话", TEXT, max_length=64, in_list=False, synonyms=("电话",)),
        Field(
            "category",
            "类别",
            CHOICE,
            choices=Category,
            required=True,
            filterable=True,
            synonyms=("信息类别",),
        ),
        Field("urgency", "紧急程度", CHOICE, choices=Urgency, default=Urgency.NORMAL.value, in_list=False),
        Field(
            "to_whom",
            "报送对象",
            TEXT,
            autocomplete=True,
            max_length=200,
            synonyms=("报送单位（上级）", "报往"),
        ),
        Field(
            "summary",
            "内容摘要",
            MULTILINE,
            searchable=True,
            max_length=4000,
            in_list=False,
            synonyms=("内容",),
        ),
        Field(
            "adoption_text",
            "采用情况",
            TEXT,
            max_length=300,
            searchable=True,
            placeholder="如：市委办公室采用；登记采用后可留空",
            synonyms=("采用", "是否采用"),
        ),
        Field("note", "备注", MULTILINE, max_length=2000, in_list=False),
    ),
)


def _adopt(ctx: StepContext) -> None:
    v = ctx.values
    ctx.session.add(
        InfoAdoption(
            submission_id=ctx.obj.id,
            channel=v["channel"],
            level=v["level"],
            kind=v["kind"],
            issue=v.get("issue", ""),
            adopted_on=v["adopted_on"],
            recorded_by=ctx.actor.login,
            recorded_at=datetime.now(),
        )
    )


def _adopt_check(ctx: StepContext) -> dict[str, str] | None:
    when, sent = ctx.values.get("adopted_on"), ctx.obj.submitted_on
    if when and sent and when < sent:
        return {"adopted_on": "采用日期不能早于报送日期"}
    return None


FLOW = Workflow(
    register=SUBMISSION_REGISTER,
    audit_prefix="info_",
    steps=(
        Step(
            "adopt",
            "登记采用",
            fields=(
                own(Field("channel", "采用刊物（渠道）", TEXT, required=True, max_length=128)),
                own(Field("level", "级别", CHOICE, required=True, choices=Level)),
                own(Field("kind", "采用方式", CHOICE, required=True, choices=Kind, default="全文采用")),
                own(Field("issue", "期号", TEXT, max_length=64)),
                own(Field("adopted_on", "采用日期", DATE), default=today),
            ),
            validate=_adopt_check,
            effect=_adopt,
        ),
        instruct_step(roles=(Role.INFORMATION, Role.LEADER), recorder_roles=(Role.INFORMATION,)),
    ),
)


def levels_of(values: Mapping[str, Any]) -> list[str]:
    return [a["level"] for a in parse_adoptions(values.get("adoption_text") or "")]

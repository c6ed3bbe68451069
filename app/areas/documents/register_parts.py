"""What the 收文 (incoming) and 发文 (outgoing) registers share: their states and vocabularies, the 份号待补
filters and the 归档 fields (declared in incoming_register.py and outgoing_register.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, true

from app.domain.enums import LabeledEnum
from app.kit.registers.base import (
    CHOICE,
    DATE,
    TEXT,
    CustomFilter,
    Field,
)


class DocState(LabeledEnum):
    """Where an incoming document is in its handling."""

    RECEIVED = ("received", "已签收")
    REGISTERED = ("registered", "已登记")
    PROPOSED = ("proposed", "已拟办")
    INSTRUCTED = ("instructed", "已批示")
    HANDLING = ("handling", "承办中")
    CIRCULATING = ("circulating", "传阅中")
    DONE = ("done", "已办结")
    ARCHIVED = ("archived", "已归档")
    RETURNED = ("returned", "已退文")


CLOSED_STATES = (DocState.DONE.value, DocState.ARCHIVED.value, DocState.RETURNED.value)


class OutState(LabeledEnum):
    """Where an outgoing document is: 拟稿 → 核稿 → 会签 → 签发 (numbered) → 复核 → 印发 → 归档."""

    DRAFT = ("draft", "拟稿")
    CHECKED = ("checked", "已核稿")
    COUNTERSIGNED = ("countersigned", "已会签")
    SIGNED = ("signed", "已签发")
    REVIEWED = ("reviewed", "已复核")
    ISSUED = ("issued", "已印发")
    ARCHIVED = ("archived", "已归档")


class HandlingKind(LabeledEnum):
    READ = ("read", "阅件")
    ACT = ("act", "办件")


class Retention(LabeledEnum):
    """保管期限 (DA/T 22-2015) with its code as the stored value."""

    PERMANENT = ("Y", "永久")
    D30 = ("D30", "定期30年")
    D10 = ("D10", "定期10年")


class PublicAttr(LabeledEnum):
    PUBLIC = ("public", "主动公开")
    ON_REQUEST = ("on_request", "依申请公开")
    NOT_PUBLIC = ("not_public", "不予公开")


DUE_SOON_DAYS = 3
DRAFT_SERIES = "拟稿"


def _copy_pending(copy_column: str) -> CustomFilter:
    """份号待补: classified history imported without 份号, until someone fills it in."""

    def clause(t: Any) -> Any:
        c = t.c[copy_column]
        empty = c.is_(None) if copy_column == "copy_from" else c == ""
        # "= true", not "IS true": only an equality lets the database use the partial index on the flag
        return and_(t.c.copy_no_pending == true(), empty, t.c.voided.is_(False))

    return CustomFilter("copy_no_pending", "份号待补", clause)


COPY_PENDING_FILTER_IN = _copy_pending("copy_numbers")
COPY_PENDING_FILTER_OUT = _copy_pending("copy_from")


# 归档 (DA/T 22-2015): the same three fields on 收文 and 发文, filled by the 归档 step
ARCHIVE_FIELDS: tuple[Field, ...] = (
    Field(
        "archive_no",
        "档号",
        TEXT,
        in_form=False,
        in_list=False,
        print_width=2.2,
        editable=False,
        synonyms=("归入卷号", "归档号", "卷号"),
    ),
    Field(
        "retention",
        "保管期限",
        CHOICE,
        choices=Retention,
        in_form=False,
        in_list=False,
        in_print=False,
        editable=False,
    ),
    Field(
        "archived_on",
        "归档日期",
        DATE,
        in_form=False,
        in_list=False,
        in_print=False,
        editable=False,
        synonyms=("归卷日期",),
    ),
)

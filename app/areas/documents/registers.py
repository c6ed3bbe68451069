"""The 收文 (incoming) and 发文 (outgoing) registers, declared once: fields, numbering, filters, row colours.

收文 = incoming document, 发文 = outgoing document, 批示 = leader's instruction, 拟办 = proposed handling,
传阅 = circulation, 催办 = chasing, 办结 = completion, 归档 = archiving, 退文 = returning to the sender.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, not_, true

from app.domain.docnumber import check_prefix, doc_number_parts, normalise_optional
from app.domain.enums import DocType, LabeledEnum, Role, SecretLevel, Urgency
from app.kit.registers.base import (
    CHOICE,
    DATE,
    DATETIME,
    DOCNO,
    INT,
    MULTILINE,
    TEXT,
    CustomFilter,
    Field,
    History,
    Numbering,
    Record,
    Register,
)
from app.kit.workflow.pieces import instruction_texts
from db.models.documents import IncomingDocument, OutgoingDocument


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


# --- 收文 ------------------------------------------------------------------------------------------
def _incoming_form_check(values: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    level = values.get("secret_level") or SecretLevel.NONE.value
    if SecretLevel(level).is_classified and not values.get("copy_numbers"):
        errors["copy_numbers"] = "涉密文件须登记份号"
    if (
        values.get("urgency") in (Urgency.URGENT.value, Urgency.EXTRA_URGENT.value)
        and values.get("handling_kind") == HandlingKind.ACT.value
        and not values.get("due_on")
    ):
        errors["due_on"] = "紧急办件须明确办理期限"
    received = values.get("received_at")
    due = values.get("due_on")
    if received and due and due < received.date():
        errors["due_on"] = "办理期限不能早于签收时间"
    return errors


def _open_clause(t: Any) -> Any:
    return and_(t.c.voided.is_(False), not_(t.c.state.in_(CLOSED_STATES)))


_HANDLING_FIELDS = ("due_on", "lead_unit", "assist_units")


def _incoming_locks(rec: Record) -> dict[str, str]:
    """What the edit form may not change: what 拟办/承办 decided, and everything once archived."""
    state = rec["state"]
    if state == DocState.ARCHIVED.value:
        return {f.name: "已归档，登记内容不能再修改" for f in INCOMING.form_fields}
    if state in (None, DocState.RECEIVED.value, DocState.REGISTERED.value):
        return {}
    return {name: "已在“拟办/承办”中确定，请用“承办”修改" for name in _HANDLING_FIELDS}


def _incoming_row_state(rec: Record) -> str | None:
    due = rec["due_on"]
    if rec.voided or due is None or rec["state"] in CLOSED_STATES:
        return None
    today = date.today()
    if due < today:
        return "overdue"
    if due <= today + timedelta(days=DUE_SOON_DAYS):
        return "due_soon"
    return None


INCOMING_STATE_WORDS = {
    **{
        w: DocState.DONE.value
        for w in ("已办结", "办结", "已办", "办毕", "已办理", "完成", "已完成", "已阅", "阅毕")
    },
    **{w: DocState.DONE.value for w in ("已传阅", "传阅完毕", "已落实")},
    **{w: DocState.HANDLING.value for w in ("在办", "办理中", "正在办理", "未办结", "承办中")},
    **{w: DocState.REGISTERED.value for w in ("未办", "待办", "未处理")},
    "传阅中": DocState.CIRCULATING.value,
    **{w: DocState.ARCHIVED.value for w in ("已归档", "归档", "已立卷")},
    **{w: DocState.RETURNED.value for w in ("已退文", "退文", "已退回")},
}


def _incoming_history_state(values: Mapping[str, Any]) -> str | None:
    """An old 收文 whose book has no state column: its 档号, 办结日期 or 办理结果 say where it stands."""
    if values.get("archive_no") or values.get("archived_on"):
        return DocState.ARCHIVED.value
    result = "".join(str(values.get("result") or "").split())
    for word, state in INCOMING_STATE_WORDS.items():
        if result.startswith(word):
            return state
    if values.get("done_on") or result:
        return DocState.DONE.value
    return DocState.REGISTERED.value


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


INCOMING = Register(
    print_secret_period=False,  # the book prints 密级 only, as the paper 收文登记簿 does
    copies_due="reading",
    key="incoming",
    title="收文登记",
    book_title="收文登记簿",
    model=IncomingDocument,
    record_label="收文",
    number_label="收文编号",
    numbering=Numbering("收文", "received_at", "{year}-{seq:04d}", "documents.incoming_number_format"),
    date_field="received_at",
    default_sort=("number", True),
    secrecy_after="urgency",
    locked_fields=_incoming_locks,
    read_roles=(Role.DOCUMENTS, Role.LEADER),
    write_roles=(Role.DOCUMENTS,),
    fields=(
        Field(
            "received_at",
            "签收时间",
            DATETIME,
            content=DATE,
            required=True,
            filterable=True,
            list_width=120,
            print_width=2.1,
            synonyms=("收文日期", "收文时间", "签收日期", "日期", "收到日期"),
            group="签收",
            form_default="now",
        ),
        Field(
            "received_by",
            "签收人",
            TEXT,
            max_length=64,
            in_list=False,
            autocomplete=True,
            group="签收",
            form_default="current_user",
            synonyms=("签收", "收件人"),
        ),
        Field(
            "sender",
            "来文机关",
            TEXT,
            required=True,
            max_length=128,
            searchable=True,
            autocomplete=True,
            filterable=True,
            list_width=160,
            print_width=1.4,
            synonyms=("来文单位", "发文机关", "来文单位名称", "发文单位", "来文机关名称"),
            group="来文",
        ),
        Field(
            "sender_number",
            "来文字号",
            TEXT,
            max_length=64,
            searchable=True,
            normalizer=normalise_optional,
            list_width=140,
            print_width=1.4,
            placeholder="如：市委办发〔2026〕3号",
            synonyms=("文号", "来文文号", "来文编号", "发文字号", "字号", "原文号"),
            content=DOCNO,
            group="来文",
        ),
        Field(
            "title",
            "标题",
            TEXT,
            required=True,
            max_length=300,
            searchable=True,
            list_width=320,
            print_width=2.4,
            synonyms=("文件标题", "来文标题", "题名", "文件名称", "事由"),
            group="来文",
        ),
        Field(
            "doc_type",
            "文种",
            CHOICE,
            choices=DocType,
            filterable=True,
            list_width=60,
            in_print=False,
            synonyms=("文件种类", "公文种类"),
            group="来文",
        ),
        Field(
            "urgency",
            "紧急程度",
            CHOICE,
            choices=Urgency,
            default=Urgency.NORMAL.value,
            filterable=True,
            list_width=60,
            print_width=0.8,
            synonyms=("缓急", "紧急", "急件"),
            group="来文",
        ),
        Field(
            "copies",
            "份数",
            INT,
            min_value=1,
            max_value=9999,
            default=1,
            list_width=45,
            print_width=0.5,
            synonyms=("份",),
            group="来文",
        ),
        Field(
            "copy_numbers",
            "份号",
            TEXT,
            max_length=200,
            list_width=70,
            print_width=0.8,
            placeholder="涉密文件必填，如：000012-000013",
            group="来文",
        ),
        Field(
            "pages",
            "页数",
            INT,
            min_value=1,
            max_value=99999,
            in_list=False,
            in_print=False,
            synonyms=("页",),
            group="来文",
        ),
        Field("attachments", "附件", TEXT, max_length=300, in_list=False, print_width=0.8, group="来文"),
        Field(
            "handling_kind",
            "阅件/办件",
            CHOICE,
            choices=HandlingKind,
            default=HandlingKind.READ.value,
            filterable=True,
            list_width=60,
            in_print=False,
            synonyms=("文件性质", "阅办"),
            group="办理",
        ),
        Field(
            "due_on",
            "办理期限",
            DATE,
            filterable=True,
            list_width=90,
            print_width=0.9,
            synonyms=("办理时限", "期限", "办结时限"),
            group="办理",
        ),
        Field(
            "lead_unit",
            "主办单位",
            TEXT,
            max_length=128,
            autocomplete=True,
            filterable=True,
            list_width=110,
            print_width=1.0,
            synonyms=("承办单位", "主办部门", "承办部门", "承办", "承办科室", "办理单位"),
            group="办理",
        ),
        Field("assist_units", "协办单位", TEXT, max_length=300, in_list=False, in_print=False, group="办理"),
        Field(
            "readers",
            "传阅范围",
            TEXT,
            max_length=500,
            in_list=False,
            in_print=False,
            placeholder="按传阅顺序，用顿号分隔",
            group="办理",
        ),
        Field(
            "proposal",
            "拟办意见",
            MULTILINE,
            max_length=2000,
            in_form=False,
            in_list=False,
            in_print=False,
            editable=False,
        ),
        Field("proposal_by", "拟办人", TEXT, in_form=False, in_list=False, in_print=False, editable=False),
        Field("proposal_on", "拟办日期", DATE, in_form=False, in_list=False, in_print=False, editable=False),
        Field(
            "return_reason",
            "退文理由",
            MULTILINE,
            in_form=False,
            in_list=False,
            in_print=False,
            editable=False,
        ),
        Field(
            "result",
            "办理结果",
            MULTILINE,
            max_length=4000,
            in_form=False,
            in_list=False,
            print_width=1.1,
            editable=False,
            synonyms=("办结情况", "办理情况", "处理结果", "落实情况", "办理结果及情况"),
        ),
        Field(
            "done_on",
            "办结日期",
            DATE,
            in_form=False,
            list_width=90,
            in_print=False,
            editable=False,
            synonyms=("办结时间", "完成日期", "办毕日期"),
        ),
        # not a column of the paper 收文登记簿: 办理结果 and 档号 say where a document stands
        Field(
            "state",
            "状态",
            CHOICE,
            choices=DocState,
            in_form=False,
            synonyms=("办理状态", "办文状态", "处理状态", "当前状态"),
            filterable=True,
            list_width=70,
            in_print=False,
            print_width=0.7,
            editable=False,
        ),
        Field("holder", "持有人", TEXT, in_form=False, list_width=80, in_print=False, editable=False),
        *ARCHIVE_FIELDS,
        Field("note", "备注", MULTILINE, max_length=2000, in_list=False, print_width=0.6),
    ),
    form_validator=_incoming_form_check,
    history=History(
        state_field="state",
        state_words=INCOMING_STATE_WORDS,
        derive_state=_incoming_history_state,
        relaxed_checks=("due_on",),
        copy_field="copy_numbers",
    ),
    search_extra=instruction_texts("incoming"),
    filters=(
        CustomFilter("overdue", "已超期", lambda t: and_(_open_clause(t), t.c.due_on < date.today())),
        CustomFilter(
            "due_soon",
            "即将到期",
            lambda t: and_(
                _open_clause(t),
                t.c.due_on >= date.today(),
                t.c.due_on <= date.today() + timedelta(days=DUE_SOON_DAYS),
            ),
        ),
        CustomFilter("open", "在办", _open_clause),
        COPY_PENDING_FILTER_IN,
    ),
    row_state=_incoming_row_state,
)


# --- 发文 ------------------------------------------------------------------------------------------
def _outgoing_series(values: Mapping[str, Any]) -> str:
    """A signed document takes its 发文字号 from its 代字 series; a draft gets a draft number first."""
    return values["prefix"] if values.get("signed_on") and values.get("prefix") else DRAFT_SERIES


def _prefix_validator(value: Any, _values: Mapping[str, Any]) -> str | None:
    return check_prefix(value or "")


def _outgoing_form_check(values: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if values.get("public_attr") in (
        PublicAttr.ON_REQUEST.value,
        PublicAttr.NOT_PUBLIC.value,
    ) and not values.get("nonpublic_reason"):
        errors["nonpublic_reason"] = "不主动公开的须说明理由"
    if values.get("signed_on") and not values.get("signer"):
        errors["signer"] = "填写了签发日期的须填写签发人"
    if values.get("signer") and not values.get("signed_on"):
        errors["signed_on"] = "请填写签发日期"
    drafted, signed = values.get("drafted_on"), values.get("signed_on")
    if drafted and signed and signed < drafted:
        errors["signed_on"] = "签发日期不能早于拟稿日期"
    lo, hi, n = values.get("copy_from"), values.get("copy_to"), values.get("print_copies")
    if lo is not None and hi is not None and hi < lo:
        errors["copy_to"] = "份号止号不能小于起号"
    elif lo is not None and hi is not None and n is not None and hi - lo + 1 != n:
        errors["copy_to"] = f"份号{lo}至{hi}共{hi - lo + 1}份，与印制份数{n}不符"
    if SecretLevel(values.get("secret_level") or "none").is_classified and n and lo is None:
        errors["copy_from"] = "涉密公文须标注份号"
    return errors


_STEP_FIELDS = {
    "signer": "签发",
    "sign_opinion": "签发",
    "signed_on": "签发",
    "reviewer": "复核",
    "review_opinion": "复核",
}
_CHECK_FIELDS = ("checker", "check_opinion")
_BEFORE_SIGNING = ("draft", "checked", "countersigned")


def _outgoing_locks(rec: Record) -> dict[str, str]:
    """签发/复核 are recorded by their steps; once signed, a substantive change goes back to the signer."""
    state = rec["state"] or OutState.DRAFT.value
    if state not in _BEFORE_SIGNING:
        reason = f"{OutState(state).label}：文稿如需修改，应退回签发人重新签发"
        return {f.name: reason for f in OUTGOING.form_fields}
    locks = {name: f"由“{step}”步骤记录" for name, step in _STEP_FIELDS.items()}
    if state != OutState.DRAFT.value:
        locks.update({name: "已核稿，请用“核稿”修改" for name in _CHECK_FIELDS})
    return locks


def _after_outgoing_save(session: Any, actor: Any, obj: Any, created: bool) -> None:
    # Drafts carry a 稿号, not a 发文字号: the number column stays empty until 签发 numbers it.
    if created and obj.series == DRAFT_SERIES:
        obj.draft_no = f"稿{obj.year}-{obj.seq:04d}"
        obj.number = ""
        obj.state = OutState.DRAFT.value
    elif created and obj.state == OutState.DRAFT.value:
        obj.state = OutState.SIGNED.value


OUTGOING_STATE_WORDS = {
    **{w: OutState.ISSUED.value for w in ("已印发", "印发", "已发", "已发出", "已分发", "已下发")},
    **{w: OutState.SIGNED.value for w in ("已签发", "签发")},
    **{w: OutState.ARCHIVED.value for w in ("已归档", "归档", "已立卷")},
    **{w: OutState.DRAFT.value for w in ("拟稿中", "草稿")},
}


def _outgoing_history_state(values: Mapping[str, Any]) -> str | None:
    if values.get("archive_no") or values.get("archived_on"):
        return OutState.ARCHIVED.value
    if values.get("issued_on"):
        return OutState.ISSUED.value
    return None  # numbered: 已签发 (set on save), else a draft


OUTGOING = Register(
    copies_due="reading",
    key="outgoing",
    title="发文登记",
    book_title="发文登记簿",
    model=OutgoingDocument,
    record_label="发文",
    number_label="发文字号",
    numbering=Numbering(
        _outgoing_series,
        "signed_on",
        "{series}〔{year}〕{seq}号",
        "documents.outgoing_number_format",
        parse=doc_number_parts,
        series_field="prefix",
        content=DOCNO,
    ),
    date_field="signed_on",
    default_sort=("id", True),
    secrecy_after="urgency",
    locked_fields=_outgoing_locks,
    read_roles=(Role.DOCUMENTS, Role.LEADER),
    write_roles=(Role.DOCUMENTS,),
    fields=(
        Field(
            "prefix",
            "机关代字",
            TEXT,
            required=True,
            live_only=True,  # history: taken from the 发文字号
            max_length=16,
            validator=_prefix_validator,
            autocomplete=True,
            filterable=True,
            list_width=80,
            in_print=False,
            placeholder="如：县委办发",
            synonyms=("代字",),
            group="文件",
        ),
        Field(
            "doc_type",
            "文种",
            CHOICE,
            choices=DocType,
            required=True,
            live_only=True,
            filterable=True,
            list_width=60,
            in_print=False,
            synonyms=("文件种类",),
            group="文件",
        ),
        Field(
            "title",
            "标题",
            TEXT,
            required=True,
            max_length=300,
            searchable=True,
            list_width=320,
            print_width=3.2,
            synonyms=("文件标题", "题名"),
            group="文件",
        ),
        Field(
            "urgency",
            "紧急程度",
            CHOICE,
            choices=Urgency,
            default=Urgency.NORMAL.value,
            filterable=True,
            list_width=60,
            in_print=False,
            group="文件",
        ),
        Field(
            "public_attr",
            "公开属性",
            CHOICE,
            choices=PublicAttr,
            required=True,
            live_only=True,
            filterable=True,
            in_list=False,
            in_print=False,
            synonyms=("信息公开",),
            group="文件",
        ),
        Field(
            "nonpublic_reason",
            "不公开理由",
            TEXT,
            max_length=300,
            in_list=False,
            in_print=False,
            synonyms=("不公开原因",),
            group="文件",
        ),
        Field(
            "issuer",
            "发文机关",
            TEXT,
            max_length=128,
            autocomplete=True,
            in_list=False,
            in_print=False,
            placeholder="署名，如：中共××县委办公室",
            group="文件",
        ),
        Field(
            "issuer_mark",
            "发文机关标志",
            TEXT,
            max_length=128,
            in_list=False,
            in_print=False,
            placeholder="如：中共××县委办公室文件；函可不填",
            group="文件",
        ),
        Field(
            "main_to",
            "主送",
            TEXT,
            max_length=1000,
            searchable=True,
            list_width=160,
            print_width=1.8,
            synonyms=("主送机关", "发往机关", "发送机关", "主送单位", "发往单位"),
            group="分送",
        ),
        Field(
            "cc",
            "抄送",
            TEXT,
            max_length=1000,
            in_list=False,
            in_print=False,
            synonyms=("抄送机关",),
            group="分送",
        ),
        Field("internal", "内部分发", TEXT, max_length=1000, in_list=False, in_print=False, group="分送"),
        Field(
            "attachments",
            "附件说明",
            MULTILINE,
            max_length=1000,
            in_list=False,
            print_width=0.8,
            synonyms=("附件",),
            group="分送",
        ),
        Field(
            "drafting_unit",
            "拟稿单位",
            TEXT,
            max_length=128,
            autocomplete=True,
            in_list=False,
            in_print=False,
            synonyms=("拟稿部门",),
            group="拟稿",
        ),
        Field(
            "drafter",
            "拟稿人",
            TEXT,
            required=True,
            live_only=True,
            max_length=64,
            autocomplete=True,
            list_width=70,
            in_print=False,
            group="拟稿",
        ),
        Field(
            "drafted_on",
            "拟稿日期",
            DATE,
            required=True,
            live_only=True,
            list_width=90,
            in_print=False,
            group="拟稿",
        ),
        Field("checker", "核稿人", TEXT, max_length=64, in_list=False, in_print=False, group="核稿"),
        Field(
            "check_opinion",
            "核稿意见",
            MULTILINE,
            max_length=1000,
            in_list=False,
            in_print=False,
            group="核稿",
        ),
        Field(
            "countersign",
            "会签",
            TEXT,
            max_length=500,
            in_list=False,
            in_print=False,
            placeholder="会签单位及签字人",
            group="核稿",
        ),
        Field(
            "signer",
            "签发人",
            TEXT,
            max_length=64,
            autocomplete=True,
            list_width=70,
            print_width=0.7,
            group="签发",
        ),
        Field(
            "sign_opinion",
            "签发意见",
            MULTILINE,
            max_length=1000,
            in_list=False,
            in_print=False,
            group="签发",
        ),
        Field(
            "signed_on",
            "签发日期",
            DATE,
            filterable=True,
            list_width=90,
            print_width=0.9,
            synonyms=("发文日期", "日期"),
            content=DATE,
            group="签发",
        ),
        Field(
            "reviewer",
            "复核人",
            TEXT,
            max_length=64,
            in_form=False,
            in_list=False,
            in_print=False,
            editable=False,
        ),
        Field(
            "review_opinion",
            "复核意见",
            MULTILINE,
            max_length=1000,
            in_form=False,
            in_list=False,
            in_print=False,
            editable=False,
        ),
        Field("written_on", "成文日期", DATE, in_list=False, in_print=False, group="印发"),
        Field(
            "issued_on",
            "印发日期",
            DATE,
            list_width=90,
            in_print=False,
            group="印发",
            synonyms=("印发时间", "分发日期"),
        ),
        Field(
            "print_copies",
            "印制份数",
            INT,
            min_value=1,
            max_value=99999,
            list_width=60,
            print_width=0.5,
            synonyms=("份数", "打印份数", "印数", "印发份数"),
            group="印发",
        ),
        Field(
            "copy_from",
            "份号起",
            INT,
            min_value=1,
            max_value=999999,
            in_list=False,
            in_print=False,
            group="印发",
        ),
        Field(
            "copy_to",
            "份号止",
            INT,
            min_value=1,
            max_value=999999,
            in_list=False,
            in_print=False,
            group="印发",
        ),
        Field("body", "正文", MULTILINE, max_length=50000, in_list=False, in_print=False, group="正文"),
        Field("note", "附注", TEXT, max_length=300, in_list=False, in_print=False, group="正文"),
        Field(
            "distribution",
            "分发记录",
            MULTILINE,
            max_length=4000,
            in_form=False,
            in_list=False,
            in_print=False,
            editable=False,
        ),
        Field("draft_no", "稿号", TEXT, in_form=False, list_width=80, in_print=False, editable=False),
        Field(
            "state",
            "状态",
            CHOICE,
            choices=OutState,
            in_form=False,
            synonyms=("办理状态", "发文状态", "当前状态"),
            filterable=True,
            list_width=70,
            in_print=False,
            editable=False,
        ),
        *ARCHIVE_FIELDS,
    ),
    form_validator=_outgoing_form_check,
    after_save=_after_outgoing_save,
    history=History(
        state_field="state",
        state_words=OUTGOING_STATE_WORDS,
        derive_state=_outgoing_history_state,
        relaxed_checks=("nonpublic_reason", "signer", "signed_on"),
        copy_field="copy_from",
    ),
    filters=(COPY_PENDING_FILTER_OUT,),
)

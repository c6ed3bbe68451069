"""The 收文 (incoming) register, declared once: fields, numbering, filters, row colours, locks.

批示 = leader's instruction, 拟办 = proposed handling, 传阅 = circulation, 催办 = chasing, 办结 = completion.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, not_

from app.areas.documents.register_parts import (
    ARCHIVE_FIELDS,
    CLOSED_STATES,
    COPY_PENDING_FILTER_IN,
    DUE_SOON_DAYS,
    DocState,
    HandlingKind,
)
from app.domain.docnumber import normalise_optional
from app.domain.enums import DocType, Role, SecretLevel, Urgency
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
from db.models.documents import IncomingDocument


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
    written = values.get("written_on")
    if received and written and written > received.date():
        errors["written_on"] = "成文日期不能晚于签收时间（文件不能在成文之前收到）"
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
        # the date the sender signed it (落款): what the 成文日期 of a 发文 is on the other side
        Field(
            "written_on",
            "成文日期",
            DATE,
            filterable=True,
            in_list=False,
            in_print=False,
            synonyms=("成文时间", "发文日期", "落款日期", "来文成文日期"),
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

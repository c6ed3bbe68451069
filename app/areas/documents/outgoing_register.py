"""The 发文 (outgoing) register, declared once: 稿纸 fields, numbering by 文号 prefix, the signing steps'
locks, row colours."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.areas.documents.register_parts import (
    ARCHIVE_FIELDS,
    COPY_PENDING_FILTER_OUT,
    DRAFT_SERIES,
    OutState,
    PublicAttr,
)
from app.domain.docnumber import check_prefix, doc_number_parts
from app.domain.enums import DocType, Role, SecretLevel, Urgency
from app.kit.registers.base import (
    CHOICE,
    DATE,
    DOCNO,
    INT,
    MULTILINE,
    TEXT,
    Field,
    History,
    Numbering,
    Record,
    Register,
)
from db.models.documents import OutgoingDocument


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

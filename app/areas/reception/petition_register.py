"""The 信访登记 register: a petition case with the petitioner, the 集体访 representatives, the problem, and the
handling fields its workflow fills (受理, 答复, 回访, 办结, 复查/复核), its state and statutory clock kept on save."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.areas.reception.clock import refresh, row_state, rules_in
from app.areas.reception.fields import after, id_field, phone_field
from app.areas.reception.vocab import (
    GROUP_SIZE,
    MAX_REPRESENTATIVES,
    PETITIONS,
    Category,
    Channel,
    Handling,
    PetitionState,
    ReplyResult,
    ReviewResult,
    Satisfaction,
)
from app.domain.enums import Role
from app.kit.registers.base import (
    CHOICE,
    DATE,
    INT,
    MULTILINE,
    TEXT,
    CustomFilter,
    Field,
    Numbering,
    Register,
)
from db.models.reception import Petition


def petition_check(values: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    persons = values.get("persons") or 1
    reps = [
        r for r in (values.get("representatives") or "").replace("，", "、").replace(",", "、").split("、")
    ]
    reps = [r.strip() for r in reps if r.strip()]
    if len(reps) > MAX_REPRESENTATIVES:
        errors["representatives"] = f"集体访推选代表不超过{MAX_REPRESENTATIVES}人（现为{len(reps)}人）"
    elif persons >= GROUP_SIZE and values.get("channel") == Channel.VISIT.value and not reps:
        errors["representatives"] = f"{persons}人来访为集体访，请填写推选的代表（不超过5人）"
    if values.get("channel") == Channel.REFERRED.value and not (values.get("source_organ") or "").strip():
        errors["source_organ"] = "上级转交的信访件请填写来源机关"
    if (values.get("extension_days") or 0) > 30:
        errors["extension_days"] = f"延期不得超过30日（现为{values['extension_days']}日）"
    for first, second, message in (
        ("registered_on", "accepted_on", "受理日期不能早于登记日期"),
        ("accepted_on", "replied_on", "答复日期不能早于受理日期"),
        ("registered_on", "replied_on", "答复日期不能早于登记日期"),
        ("replied_on", "visited_on", "回访日期不能早于答复日期"),
        ("registered_on", "closed_on", "办结日期不能早于登记日期"),
        ("replied_on", "review_requested_on", "复查申请日期不能早于答复日期"),
        ("review_requested_on", "review_decided_on", "复查决定日期不能早于申请日期"),
        ("review_decided_on", "recheck_requested_on", "复核申请日期不能早于复查决定日期"),
        ("recheck_requested_on", "recheck_decided_on", "复核决定日期不能早于申请日期"),
    ):
        after(first, second, message, values, errors)
    return errors


def _state_from_dates(obj: Any) -> str:
    """The state of a case registered (or imported from an office's own book) with its dates filled in."""
    if obj.handling == Handling.REFUSE.value:
        return PetitionState.REJECTED.value
    if obj.recheck_requested_on and not obj.recheck_decided_on:
        return PetitionState.RECHECK.value
    if obj.review_requested_on and not obj.review_decided_on:
        return PetitionState.REVIEW.value
    if obj.closed_on:
        return PetitionState.CLOSED.value
    if obj.replied_on:
        return PetitionState.REPLIED.value
    if obj.accepted_on:
        return PetitionState.ACCEPTED.value
    return PetitionState.REGISTERED.value


def after_petition_save(session: Any, _actor: Any, obj: Any, created: bool) -> None:
    """The state of a new case (or of an imported one whose book has no 办理情况) from its dates, and its
    clock on every save; an imported case keeps the state its book gives (已办结, 办理中 …)."""
    kept = created and obj.state is not None and getattr(obj, "imported_at", None) is not None
    if (created or obj.state is None) and not kept:
        obj.state = _state_from_dates(obj)
        if obj.handling == Handling.REFUSE.value and obj.closed_on is None:
            obj.closed_on = obj.accepted_on or obj.registered_on
    refresh(obj, rules_in(session))
    if obj.state == PetitionState.CLOSED.value and obj.closed_on is None:
        obj.due_on, obj.due_what = None, ""  # 已办结 in an old book without the date: no clock runs


HANDLED = "办理情况（新登记由办理步骤填写；导入历史台账时可直接带入）"


def _done(name: str, label: str, kind: str = DATE, **kw: Any) -> Field:
    return Field(name, label, kind, editable=False, group=HANDLED, **kw)


def _open_filter(table: Any) -> Any:
    return table.c.closed_on.is_(None) & table.c.due_on.is_not(None)


PETITION_REGISTER = Register(
    key=PETITIONS,
    title="信访登记",
    book_title="信访台账",
    model=Petition,
    record_label="信访件",
    numbering=Numbering(
        PETITIONS, "registered_on", "信〔{year}〕{seq}号", format_setting="numbering.petitions"
    ),
    classified=False,
    date_field="registered_on",
    default_sort=("number", True),
    read_roles=(Role.PETITIONS, Role.LEADER),
    write_roles=(Role.PETITIONS,),
    reveal_roles=(Role.PETITIONS,),
    audit_views=True,
    form_validator=petition_check,
    row_state=row_state,
    after_save=after_petition_save,
    filters=(CustomFilter("open", "在办（计时中）", _open_filter),),
    fields=(
        Field(
            "registered_on",
            "登记日期",
            DATE,
            required=True,
            filterable=True,
            synonyms=("来信来访日期", "日期", "收件日期"),
        ),
        Field(
            "channel",
            "渠道",
            CHOICE,
            choices=Channel,
            required=True,
            filterable=True,
            synonyms=("信访形式", "来源", "方式"),
        ),
        Field(
            "petitioner",
            "信访人",
            TEXT,
            required=True,
            searchable=True,
            max_length=100,
            synonyms=("姓名", "来访人", "来信人"),
            group="信访人",
        ),
        id_field(in_print=False, group="信访人"),
        phone_field(in_print=False, group="信访人"),
        Field(
            "address",
            "住址",
            TEXT,
            max_length=200,
            in_list=False,
            in_print=False,
            synonyms=("地址", "家庭住址"),
            group="信访人",
        ),
        Field(
            "township",
            "属地乡镇",
            TEXT,
            searchable=True,
            filterable=True,
            autocomplete=True,
            max_length=64,
            synonyms=("属地", "乡镇", "问题属地"),
            group="信访人",
        ),
        Field(
            "village",
            "村组",
            TEXT,
            max_length=64,
            in_list=False,
            in_print=False,
            synonyms=("村（社区）", "村"),
            group="信访人",
        ),
        Field(
            "persons",
            "人数",
            INT,
            min_value=1,
            max_value=10000,
            default=1,
            synonyms=("来访人数", "人次"),
            group="信访人",
        ),
        Field(
            "representatives",
            "代表",
            TEXT,
            max_length=300,
            in_list=False,
            in_print=False,
            synonyms=("代表姓名", "代表名单"),
            placeholder="集体访推选代表，不超过5人，用“、”分隔",
            group="信访人",
        ),
        Field(
            "category",
            "问题类别",
            CHOICE,
            choices=Category,
            required=True,
            filterable=True,
            synonyms=("类别", "问题分类"),
        ),
        Field(
            "summary",
            "反映问题",
            TEXT,
            required=True,
            searchable=True,
            max_length=300,
            list_width=260,
            print_width=3,
            synonyms=("主要问题", "诉求摘要", "内容摘要", "反映问题摘要"),
        ),
        Field(
            "facts",
            "事实与请求",
            MULTILINE,
            searchable=True,
            max_length=8000,
            in_list=False,
            in_print=False,
            synonyms=("事实与理由", "诉求", "请求事项"),
        ),
        Field(
            "source_organ",
            "来源机关",
            TEXT,
            max_length=100,
            in_list=False,
            in_print=False,
            autocomplete=True,
            synonyms=("转交机关", "交办机关"),
        ),
        Field(
            "source_no",
            "转办交办编号",
            TEXT,
            max_length=64,
            in_list=False,
            in_print=False,
            synonyms=("转办号", "交办号", "转交文号"),
        ),
        Field(
            "repeat_of",
            "重复信访（原件编号）",
            TEXT,
            max_length=64,
            in_list=False,
            in_print=False,
            synonyms=("重复件", "原信访编号"),
        ),
        Field("state", "状态", CHOICE, choices=PetitionState, in_form=False, filterable=True),
        _done("accepted_on", "受理日期", synonyms=("受理时间", "告知日期")),
        _done("handling", "处理方式", CHOICE, choices=Handling, filterable=True, synonyms=("办理方式",)),
        _done(
            "handler_unit",
            "承办单位",
            TEXT,
            max_length=100,
            searchable=True,
            autocomplete=True,
            synonyms=("责任单位", "交办单位"),
        ),
        _done("extension_days", "延期天数", INT, min_value=0, max_value=365, in_list=False, in_print=False),
        _done("extension_approver", "延期批准人", TEXT, max_length=64, in_list=False, in_print=False),
        _done("extension_reason", "延期理由", MULTILINE, max_length=2000, in_list=False, in_print=False),
        _done("replied_on", "答复日期", synonyms=("答复时间",)),
        _done(
            "reply_result",
            "答复意见",
            CHOICE,
            choices=ReplyResult,
            in_list=False,
            synonyms=("处理意见", "答复结果"),
        ),
        _done(
            "reply_text",
            "答复内容",
            MULTILINE,
            max_length=8000,
            in_list=False,
            in_print=False,
            synonyms=("处理结果", "办理结果"),
        ),
        _done(
            "satisfaction",
            "满意度",
            CHOICE,
            choices=Satisfaction,
            filterable=True,
            synonyms=("群众满意度", "评价"),
        ),
        _done("visited_on", "回访日期", in_list=False, in_print=False),
        _done("closed_on", "办结日期", synonyms=("办结时间", "结案日期")),
        _done("review_requested_on", "复查申请日期", in_list=False, in_print=False),
        _done("review_decided_on", "复查决定日期", in_list=False, in_print=False),
        _done("review_result", "复查意见", CHOICE, choices=ReviewResult, in_list=False, in_print=False),
        _done("recheck_requested_on", "复核申请日期", in_list=False, in_print=False),
        _done("recheck_decided_on", "复核决定日期", in_list=False, in_print=False),
        _done("recheck_result", "复核意见", CHOICE, choices=ReviewResult, in_list=False, in_print=False),
        Field("due_on", "期限", DATE, in_form=False, in_print=False),
        Field("due_what", "计时事项", TEXT, in_form=False, in_print=False, max_length=16),
        Field("note", "备注", MULTILINE, max_length=2000, in_list=False, in_print=False),
    ),
)

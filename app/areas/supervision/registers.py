"""The 督办 register (supervision_items) and its workflow: 立项 → 交办 → 催办 / 反馈 → 审核 → 办结（销号）or 退回
重办; 延期 asked before the deadline and approved by a leader; 领导批示 on any open item. 主办单位 = lead_unit,
协办单位 = assist_units, 办结时限 = deadline, 反馈周期 = cycle."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from app.domain.enums import LabeledEnum, Role
from app.domain.rules import BLUE, RED, YELLOW, supervision_colour
from app.kit.registers.base import (
    CHOICE,
    DATE,
    MULTILINE,
    TEXT,
    CustomFilter,
    Field,
    Numbering,
    Record,
    Register,
)
from app.kit.workflow import Step, StepContext, StepField, Workflow, own, today
from app.kit.workflow.pieces import instruct_step, urge_step
from db.models.supervision import SupervisionItem

ITEMS = "supervision_items"
ROLES = (Role.SUPERVISION,)
READERS = (Role.SUPERVISION, Role.LEADER)


class Source(LabeledEnum):
    CITY = ("市委督办", "市委督办")
    COUNTY = ("县委交办", "县委交办")
    INSTRUCTION = ("领导批示", "领导批示")
    MEETING = ("会议议定", "会议议定")
    DOCUMENT = ("上级来文", "上级来文")
    PUBLIC = ("群众反映", "群众反映")
    NPC = ("人大建议", "人大建议")
    CPPCC = ("政协提案", "政协提案")
    OTHER = ("其他", "其他")


class Cycle(LabeledEnum):
    ONCE = ("once", "一次性")
    WEEKLY = ("weekly", "每周")
    MONTHLY = ("monthly", "每月")


class ItemState(LabeledEnum):
    REGISTERED = ("registered", "已立项")
    ASSIGNED = ("assigned", "办理中")
    REPORTED = ("reported", "待审核")
    DONE = ("done", "已办结")


OPEN = (ItemState.REGISTERED.value, ItemState.ASSIGNED.value, ItemState.REPORTED.value)
COLOUR_STATE = {RED: "overdue", BLUE: "blue", YELLOW: "yellow"}


def colour_of(values: Mapping[str, Any], today_: date | None = None) -> str:
    return supervision_colour(
        values.get("deadline"),
        today_ or date.today(),
        done=values.get("state") == ItemState.DONE.value,
        cycle=values.get("cycle") or "once",
        last_report=values.get("last_report_on"),
        started=values.get("assigned_on") or values.get("received_on"),
    )


def _row_state(record: Record) -> str | None:
    return COLOUR_STATE.get(colour_of(record.values)) or None


def _form_check(values: Mapping[str, Any]) -> dict[str, str]:
    start, deadline = values.get("received_on"), values.get("deadline")
    if start and deadline and deadline < start:
        return {"deadline": "办结时限不能早于立项日期"}
    return {}


def _overdue(t: Any) -> Any:
    return t.c.state.in_(OPEN) & (t.c.deadline < date.today())


def _open(t: Any) -> Any:
    return t.c.state.in_(OPEN)


ITEM_REGISTER = Register(
    key=ITEMS,
    title="督办事项",
    book_title="督办台账",
    model=SupervisionItem,
    record_label="督办事项",
    numbering=Numbering(ITEMS, "received_on", "督〔{year}〕{seq}号", format_setting="numbering.supervision"),
    date_field="received_on",
    default_sort=("number", True),
    read_roles=READERS,
    write_roles=ROLES,
    form_validator=_form_check,
    row_state=_row_state,
    filters=(CustomFilter("open", "未办结", _open), CustomFilter("overdue", "已超期", _overdue)),
    fields=(
        Field(
            "received_on",
            "立项日期",
            DATE,
            required=True,
            filterable=True,
            synonyms=("收到日期", "交办日期", "日期"),
        ),
        Field(
            "source",
            "来源",
            CHOICE,
            choices=Source,
            required=True,
            filterable=True,
            synonyms=("任务来源", "督办来源"),
        ),
        Field(
            "source_ref",
            "来源文号",
            TEXT,
            searchable=True,
            max_length=128,
            synonyms=("文号", "来文字号", "出处"),
        ),
        Field(
            "content",
            "督办事项",
            MULTILINE,
            required=True,
            searchable=True,
            max_length=4000,
            list_width=280,
            print_width=3,
            synonyms=("督办内容", "事项", "内容", "督查内容"),
        ),
        Field(
            "lead_unit",
            "主办单位",
            TEXT,
            searchable=True,
            autocomplete=True,
            filterable=True,
            max_length=128,
            synonyms=("牵头单位", "承办单位", "责任单位"),
            editable=False,
        ),
        Field(
            "assist_units",
            "协办单位",
            TEXT,
            searchable=True,
            max_length=300,
            in_list=False,
            editable=False,
            synonyms=("配合单位", "协同单位", "参与单位"),
        ),
        Field("responsible", "责任人", TEXT, max_length=64, synonyms=("联系人", "责任领导"), editable=False),
        Field(
            "deadline",
            "办结时限",
            DATE,
            filterable=True,
            synonyms=("时限", "完成时限", "办理期限"),
            editable=False,
        ),
        Field("cycle", "反馈周期", CHOICE, choices=Cycle, default=Cycle.ONCE.value, in_list=False),
        Field(
            "state",
            "状态",
            CHOICE,
            choices=ItemState,
            in_form=False,
            filterable=True,
            editable=False,
            synonyms=("办理情况", "办理状态"),
        ),
        Field("last_report_on", "最近反馈", DATE, in_form=False, in_print=False, editable=False),
        Field(
            "result",
            "办理结果",
            MULTILINE,
            searchable=True,
            max_length=4000,
            in_list=False,
            in_form=False,
            editable=False,
            synonyms=("办结情况", "结果"),
        ),
        Field("done_on", "办结日期", DATE, in_form=False, editable=False, synonyms=("销号日期", "办结时间")),
        Field("note", "备注", MULTILINE, max_length=2000, in_list=False),
    ),
)


# --- the workflow -------------------------------------------------------------------------------------
def _assign_check(ctx: StepContext) -> dict[str, str] | None:
    deadline, start = ctx.values.get("deadline"), ctx.obj.received_on
    if deadline and start and deadline < start:
        return {"deadline": "办结时限不能早于立项日期"}
    return None


def _feedback(ctx: StepContext) -> None:
    ctx.obj.last_report_on = ctx.values["report_on"]
    ctx.obj.progress = ctx.values["progress"]
    ctx.detail["report_on"] = ctx.values["report_on"].isoformat()


def _feedback_state(ctx: StepContext) -> str | None:
    return ItemState.REPORTED.value if ctx.values.get("final") == "yes" else None


class ReportKind(LabeledEnum):
    PROGRESS = ("no", "进展情况")
    FINAL = ("yes", "办结报告")


def _done_check(ctx: StepContext) -> dict[str, str] | None:
    done, start = ctx.values.get("done_on"), ctx.obj.received_on
    if done and start and done < start:
        return {"done_on": "办结日期不能早于立项日期"}
    return None


def _extension_check(ctx: StepContext) -> dict[str, str] | None:
    new, old = ctx.values["new_deadline"], ctx.obj.deadline
    if old is None:
        return {"new_deadline": "该事项尚未定办结时限，无需延期"}
    if date.today() > old:
        return {"new_deadline": f"延期须在办结时限（{old.isoformat()}）届满前申请，现已超期"}
    if new <= old:
        return {"new_deadline": f"延期后的时限应晚于原时限{old.isoformat()}"}
    if ctx.obj.extension_state == "pending":
        return {"new_deadline": "已有一项延期申请待审批"}
    return None


def _ask_extension(ctx: StepContext) -> None:
    ctx.obj.extension_to, ctx.obj.extension_state = ctx.values["new_deadline"], "pending"
    ctx.obj.extension_reason = ctx.values["reason"]


def _decide_check(ctx: StepContext) -> dict[str, str] | None:
    if ctx.obj.extension_state != "pending":
        return {"decision": "该事项没有待审批的延期申请"}
    return None


class Decision(LabeledEnum):
    APPROVE = ("approve", "批准")
    REFUSE = ("refuse", "不批准")


def _decide_extension(ctx: StepContext) -> None:
    obj = ctx.obj
    if ctx.values["decision"] == Decision.APPROVE.value:
        ctx.detail["deadline"] = {"before": obj.deadline.isoformat(), "after": obj.extension_to.isoformat()}
        obj.deadline, obj.extended = obj.extension_to, (obj.extended or 0) + 1
        obj.extension_state = "approved"
    else:
        obj.extension_state = "refused"


S = ItemState
FLOW = Workflow(
    register=ITEM_REGISTER,
    states=ItemState,
    audit_prefix="supervision_",
    labels={"register": "立项"},
    steps=(
        Step(
            "assign",
            "交办",
            from_states=(S.REGISTERED.value,),
            to_state=S.ASSIGNED.value,
            fields=(
                StepField("lead_unit", required=True),
                StepField("assist_units"),
                StepField("responsible"),
                StepField("deadline", required=True),
                StepField("cycle"),
                own(Field("assigned_on", "交办日期", DATE), default=today, store=True),
            ),
            validate=_assign_check,
        ),
        urge_step(from_states=(S.ASSIGNED.value, S.REPORTED.value), target_field="lead_unit"),
        Step(
            "feedback",
            "反馈",
            from_states=(S.ASSIGNED.value,),
            to_state=_feedback_state,
            fields=(
                own(Field("final", "报告类别", CHOICE, required=True, choices=ReportKind, default="no")),
                own(Field("progress", "反馈内容", MULTILINE, required=True, max_length=4000)),
                own(Field("report_on", "反馈日期", DATE), default=today),
            ),
            effect=_feedback,
            action="登记反馈",
        ),
        Step(
            "close",
            "办结销号",
            from_states=(S.REPORTED.value,),
            to_state=S.DONE.value,
            roles=(Role.SUPERVISION, Role.LEADER),
            fields=(StepField("result", required=True), StepField("done_on", default=today)),
            validate=_done_check,
            action="审核办结",
        ),
        Step(
            "redo",
            "退回重办",
            from_states=(S.REPORTED.value,),
            to_state=S.ASSIGNED.value,
            roles=(Role.SUPERVISION, Role.LEADER),
            reason=True,
            reason_label="退回理由",
        ),
        Step(
            "extend",
            "申请延期",
            from_states=(S.ASSIGNED.value,),
            fields=(own(Field("new_deadline", "延期至", DATE, required=True)),),
            reason=True,
            reason_label="延期理由",
            validate=_extension_check,
            effect=_ask_extension,
        ),
        Step(
            "decide_extension",
            "审批延期",
            from_states=(S.ASSIGNED.value,),
            roles=(Role.LEADER,),
            fields=(own(Field("decision", "审批意见", CHOICE, required=True, choices=Decision)),),
            validate=_decide_check,
            effect=_decide_extension,
        ),
        instruct_step(
            from_states=OPEN,
            roles=(Role.SUPERVISION, Role.LEADER),
            recorder_roles=(Role.SUPERVISION,),
        ),
    ),
)

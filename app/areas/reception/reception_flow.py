"""公务接待 on the workflow kit: a reception is confirmed only with the sending unit's 公函 and the 事前审批,
ends when the guests leave, and is 可报销 once the four papers (公函, 审批单, 接待清单, 票据) are in."""

from __future__ import annotations

from typing import Any

from app.areas.reception.registers import PAPERS, RECEPTION_REGISTER, ReceptionState
from app.domain.enums import Role
from app.kit.workflow import Step, StepContext, StepField, Workflow, today

R = ReceptionState


def _confirm_check(ctx: StepContext) -> dict[str, str] | None:
    v, errors = ctx.values, {}
    for name, label in (("letter_unit", "公函单位"), ("letter_no", "公函文号"), ("letter_on", "公函日期")):
        if not (v.get(name) or getattr(ctx.obj, name)):
            errors[name] = f"没有派出单位公函的不予接待：请填写{label}"
    approved, letter = v.get("approved_on"), v.get("letter_on") or ctx.obj.letter_on
    if approved and letter and approved < letter:
        errors["approved_on"] = "审批日期不能早于公函日期"
    arrive = ctx.obj.arrive_on
    if approved and arrive and approved > arrive:
        errors["approved_on"] = f"事前审批须在接待之前（抵达日期{arrive.isoformat()}）"
    return errors or None


def _confirm(ctx: StepContext) -> None:
    ctx.obj.has_letter = True
    ctx.obj.has_approval = True


def _papers_state(ctx: StepContext) -> str | None:
    if ctx.obj.state not in (R.DONE.value, R.REIMBURSABLE.value):
        return None
    complete = all(getattr(ctx.obj, p) for p in PAPERS)
    return R.REIMBURSABLE.value if complete else R.DONE.value


def _papers_note(ctx: StepContext) -> None:
    missing = [RECEPTION_REGISTER.field(p).label for p in PAPERS if not getattr(ctx.obj, p)]
    if missing:
        ctx.warnings.append("报销材料尚缺：" + "、".join(missing) + "，暂不能报销")


def _finish_check(ctx: StepContext) -> dict[str, str] | None:
    left, arrive = ctx.values.get("leave_on"), ctx.obj.arrive_on
    if left and arrive and left < arrive:
        return {"leave_on": "离开日期不能早于抵达日期"}
    return None


def _finish_state(ctx: StepContext) -> Any:
    return R.REIMBURSABLE.value if all(getattr(ctx.obj, p) for p in PAPERS) else R.DONE.value


ROLES = (Role.RECEPTION,)

RECEPTION_FLOW = Workflow(
    register=RECEPTION_REGISTER,
    states=ReceptionState,
    audit_prefix="reception_",
    steps=(
        Step(
            "confirm",
            "确认接待",
            from_states=(R.DRAFT.value,),
            to_state=R.CONFIRMED.value,
            roles=ROLES,
            fields=(
                StepField("letter_unit", required=True),
                StepField("letter_no", required=True),
                StepField("letter_on", required=True),
                StepField("approver", required=True),
                StepField("approved_on", required=True, default=today),
            ),
            validate=_confirm_check,
            effect=_confirm,
        ),
        Step(
            "finish",
            "接待结束",
            from_states=(R.CONFIRMED.value,),
            to_state=_finish_state,
            roles=ROLES,
            fields=(StepField("leave_on", required=True, default=today),),
            validate=_finish_check,
            effect=_papers_note,
        ),
        Step(
            "papers",
            "报销材料",
            from_states=(R.CONFIRMED.value, R.DONE.value, R.REIMBURSABLE.value),
            to_state=_papers_state,
            roles=ROLES,
            fields=tuple(StepField(p) for p in PAPERS),
            effect=_papers_note,
        ),
    ),
)

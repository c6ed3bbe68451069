"""The handling of a petition case (信访) on the workflow kit: 登记 → 受理/不予受理 → 转送/交办/直接办理 → 督办 →
答复 → 回访 → 办结, one extension of at most 30 days, 复查 and 复核 requested within 30 days of the answer they
are against. Every step keeps the statutory clock on the record (app.areas.reception.clock)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.areas.reception import clock
from app.areas.reception.registers import (
    PETITION_REGISTER,
    Handling,
    PetitionState,
)
from app.domain.enums import Role
from app.domain.petition_clock import extension_error, review_request_error
from app.kit.workflow import Step, StepContext, StepField, Workflow, today
from app.kit.workflow.pieces import urge_step

S = PetitionState
OPEN = (S.ACCEPTED.value,)
ROLES = (Role.PETITIONS,)


def _keep_clock(hook: Callable[[StepContext], Any] | None = None) -> Callable[[StepContext], Any]:
    def effect(ctx: StepContext) -> None:
        if hook is not None:
            hook(ctx)
        clock.refresh(ctx.obj, clock.rules_in(ctx.session))

    return effect


def _not_before(first: str, label_first: str) -> Callable[[StepContext, str, str], dict[str, str]]:
    def check(ctx: StepContext, name: str, label: str) -> dict[str, str]:
        start, value = getattr(ctx.obj, first), ctx.values.get(name)
        if start and value and value < start:
            return {name: f"{label}不能早于{label_first}（{start.isoformat()}）"}
        return {}

    return check


def _accept_check(ctx: StepContext) -> dict[str, str] | None:
    errors = _not_before("registered_on", "登记日期")(ctx, "accepted_on", "受理日期")
    how = ctx.values.get("handling")
    if how == Handling.REFUSE.value:
        errors["handling"] = "不予受理请用“不予受理”一步（须说明理由并告知信访人）"
    elif how in (Handling.FORWARD.value, Handling.ASSIGN.value) and not ctx.values.get("handler_unit"):
        errors["handler_unit"] = f"{how}的信访件请填写承办单位"
    return errors or None


def _reject(ctx: StepContext) -> None:
    ctx.obj.handling = Handling.REFUSE.value
    ctx.obj.closed_on = ctx.values["accepted_on"]


def _extend_check(ctx: StepContext) -> dict[str, str] | None:
    if ctx.obj.extension_days:
        return {"extension_days": f"本件已延期{ctx.obj.extension_days}日，只能延期一次"}
    days = ctx.values.get("extension_days") or 0
    if days <= 0:
        return {"extension_days": "请填写延期天数（1至30日）"}
    message = extension_error(days)
    return {"extension_days": message} if message else None


def _reply_check(ctx: StepContext) -> dict[str, str] | None:
    return _not_before("accepted_on", "受理日期")(ctx, "replied_on", "答复日期") or None


def _visit_check(ctx: StepContext) -> dict[str, str] | None:
    return _not_before("replied_on", "答复日期")(ctx, "visited_on", "回访日期") or None


def _close_check(ctx: StepContext) -> dict[str, str] | None:
    return _not_before("replied_on", "答复日期")(ctx, "closed_on", "办结日期") or None


def _window(start_field: str, name: str) -> Callable[[StepContext], dict[str, str] | None]:
    """复查 within 30 days of the written answer; 复核 within 30 days of the 复查 decision."""

    def check(ctx: StepContext) -> dict[str, str] | None:
        start = getattr(ctx.obj, start_field)
        if start is None:
            return {name: "尚无可申请复查（复核）的答复意见"}
        rules = clock.rules_in(ctx.session)
        message = review_request_error(start, ctx.values[name], rules, clock.shipped_calendar())
        return {name: message} if message else None

    return check


def _recheck_from(ctx: StepContext) -> dict[str, str] | None:
    if ctx.obj.review_decided_on is None:
        return {"recheck_requested_on": "复核须针对复查意见提出：本件尚无复查决定"}
    return _window("review_decided_on", "recheck_requested_on")(ctx)


def _decided(requested: str, decided: str, label: str) -> Callable[[StepContext], dict[str, str] | None]:
    def check(ctx: StepContext) -> dict[str, str] | None:
        return _not_before(requested, "申请日期")(ctx, decided, label) or None

    return check


def _close_after_decision(name: str) -> Callable[[StepContext], None]:
    def hook(ctx: StepContext) -> None:
        if ctx.obj.closed_on is None or ctx.obj.closed_on < ctx.values[name]:
            ctx.obj.closed_on = ctx.values[name]

    return hook


FLOW = Workflow(
    register=PETITION_REGISTER,
    states=PetitionState,
    audit_prefix="petition_",
    labels={"register": "登记"},
    name_of=lambda obj: obj.number,
    steps=(
        Step(
            "accept",
            "受理",
            from_states=(S.REGISTERED.value,),
            to_state=S.ACCEPTED.value,
            roles=ROLES,
            fields=(
                StepField("accepted_on", required=True, default=today, label="受理（告知）日期"),
                StepField("handling", required=True),
                StepField("handler_unit"),
            ),
            validate=_accept_check,
            effect=_keep_clock(),
        ),
        Step(
            "reject",
            "不予受理",
            from_states=(S.REGISTERED.value,),
            to_state=S.REJECTED.value,
            roles=ROLES,
            fields=(StepField("accepted_on", required=True, default=today, label="告知日期"),),
            reason=True,
            reason_label="不予受理理由",
            validate=lambda ctx: (
                _not_before("registered_on", "登记日期")(ctx, "accepted_on", "告知日期") or None
            ),
            effect=_keep_clock(_reject),
        ),
        urge_step(from_states=OPEN, target_field="handler_unit", key="supervise", label="督办", roles=ROLES),
        Step(
            "extend",
            "延期",
            from_states=OPEN,
            roles=ROLES,
            fields=(
                StepField("extension_days", required=True),
                StepField("extension_approver", required=True),
                StepField("extension_reason", required=True),
            ),
            validate=_extend_check,
            effect=_keep_clock(),
        ),
        Step(
            "reply",
            "答复",
            from_states=OPEN,
            to_state=S.REPLIED.value,
            roles=ROLES,
            fields=(
                StepField("replied_on", required=True, default=today),
                StepField("reply_result", required=True),
                StepField("reply_text", required=True),
            ),
            validate=_reply_check,
            effect=_keep_clock(),
        ),
        Step(
            "visit",
            "回访",
            from_states=(S.REPLIED.value, S.CLOSED.value),
            roles=ROLES,
            fields=(
                StepField("visited_on", required=True, default=today),
                StepField("satisfaction", required=True),
            ),
            validate=_visit_check,
            effect=_keep_clock(),
        ),
        Step(
            "close",
            "办结",
            from_states=(S.REPLIED.value,),
            to_state=S.CLOSED.value,
            roles=ROLES,
            fields=(StepField("closed_on", required=True, default=today),),
            validate=_close_check,
            effect=_keep_clock(),
        ),
        Step(
            "review",
            "复查申请",
            from_states=(S.REPLIED.value, S.CLOSED.value),
            to_state=S.REVIEW.value,
            roles=ROLES,
            fields=(StepField("review_requested_on", required=True, default=today),),
            validate=_window("replied_on", "review_requested_on"),
            effect=_keep_clock(),
        ),
        Step(
            "review_decide",
            "复查决定",
            from_states=(S.REVIEW.value,),
            to_state=S.CLOSED.value,
            roles=ROLES,
            fields=(
                StepField("review_decided_on", required=True, default=today),
                StepField("review_result", required=True),
            ),
            validate=_decided("review_requested_on", "review_decided_on", "复查决定日期"),
            effect=_keep_clock(_close_after_decision("review_decided_on")),
        ),
        Step(
            "recheck",
            "复核申请",
            from_states=(S.CLOSED.value,),
            to_state=S.RECHECK.value,
            roles=ROLES,
            fields=(StepField("recheck_requested_on", required=True, default=today),),
            validate=_recheck_from,
            effect=_keep_clock(),
        ),
        Step(
            "recheck_decide",
            "复核决定",
            from_states=(S.RECHECK.value,),
            to_state=S.CLOSED.value,
            roles=ROLES,
            fields=(
                StepField("recheck_decided_on", required=True, default=today),
                StepField("recheck_result", required=True),
            ),
            validate=_decided("recheck_requested_on", "recheck_decided_on", "复核决定日期"),
            effect=_keep_clock(_close_after_decision("recheck_decided_on")),
        ),
    ),
)

"""Steps on the paper copies (份号) of a record, shared by every register that tracks copies (收文 传阅,
电报): 签收, 送阅, 收回 (圈阅/批示), 清退. The copy is the one a caller names (``extra={"copy_id": …}``,
the copies panel), the 份号 typed in, or the only one that fits (the one in the office / out with the
reader); the copy moves through app.kit.copies inside the step's transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.domain.enums import LabeledEnum
from app.domain.errors import Conflict, NotFound, ValidationFailed
from app.kit.copies_info import normalise_copy_no
from app.kit.registers.base import CHOICE, DATETIME, Field
from app.kit.workflow.data import StepContext
from app.kit.workflow.declare import Step, actor_name, own, text
from app.kit.workflow.pieces import add_instruction
from db.models.copies import Copy


class RemarkKind(LabeledEnum):
    """How a reader marked the copy they read."""

    CIRCLE = ("circle", "圈阅")
    INSTRUCTION = ("instruction", "批示")


def _copy_no_field() -> Any:
    return text("copy_no", "份号", max_length=6, kind="text", placeholder="不填则自动选取")


def _live(ctx: StepContext) -> list[Copy]:
    return list(
        ctx.session.scalars(
            select(Copy)
            .where(
                Copy.register == ctx.workflow.key,
                Copy.record_id == ctx.obj.id,
                Copy.destruction_id.is_(None),
            )
            .order_by(Copy.copy_no)
        )
    )


def _is_out(c: Copy) -> bool:
    return bool(c.steps and c.steps[-1].taken_back_at is None)


def pick_copy(ctx: StepContext, *, want_out: bool | None = None) -> Copy:
    """The copy the step acts on (see the module docstring); errors name what to fill in."""
    label = ctx.register.record_label
    copy_id = ctx.extra.get("copy_id")
    if copy_id is not None:
        c = ctx.session.get(Copy, copy_id)
        if c is None or c.register != ctx.workflow.key or c.record_id != ctx.obj.id:
            raise NotFound(f"该{label}没有这一份")
        return c
    live = _live(ctx)
    if ctx.values.get("copy_no"):
        try:
            no = normalise_copy_no(ctx.values["copy_no"])
        except ValueError as e:
            raise ValidationFailed({"copy_no": str(e)}) from None
        for c in live:
            if c.copy_no == no:
                return c
        raise ValidationFailed({"copy_no": f"该{label}没有第{no}份"})
    open_ = [c for c in live if not c.returned_at]
    if want_out is None:
        if len(open_) == 1:
            return open_[0]
        raise ValidationFailed({"copy_no": f"该{label}有{len(open_)}份，请填写份号"})
    if not want_out:
        idle = [c for c in open_ if not _is_out(c)]
        if not idle:
            raise Conflict("没有可以送阅的文件份（请先“传阅”或登记份数）")
        return idle[0]
    out = [c for c in open_ if _is_out(c)]
    if not out:
        raise Conflict("没有在阅的文件份")
    reader = (ctx.values.get("reader") or "").strip()
    if reader:
        chosen = [c for c in out if c.steps[-1].reader == reader]
        if not chosen:
            names = "、".join(c.steps[-1].reader for c in out)
            raise ValidationFailed({"reader": f"{reader}处没有在阅的文件份；在阅：{names}"})
        return chosen[0]
    if len(out) > 1:
        names = "、".join(f"第{c.copy_no}份在{c.steps[-1].reader}处" for c in out)
        raise ValidationFailed({"reader": f"有{len(out)}份在阅（{names}），请填写从谁处收回"})
    return out[0]


def holder_text(ctx: StepContext) -> str:
    """Who holds the record's paper copies now (the register's 持有人 column)."""
    holders = list(dict.fromkeys(c.holder for c in _live(ctx) if c.holder))
    return "、".join(holders)[:200]


def _after_move(ctx: StepContext, c: Copy, holder_field: str, **detail: Any) -> None:
    if holder_field:
        setattr(ctx.obj, holder_field, holder_text(ctx))
    ctx.detail.update(copy_no=c.copy_no, **detail)
    ctx.output["copy_id"] = c.id


def _copies(ctx: StepContext) -> Any:
    return ctx.services.copies  # the application's CopiesService (the step's session is passed in)


def sign_copy_step(*, holder_field: str = "", key: str = "sign_copy", label: str = "签收") -> Step:
    def effect(ctx: StepContext) -> None:
        c = pick_copy(ctx)
        _copies(ctx).sign_in(ctx.session, ctx.actor, c.id, ctx.values["signed_by"], ctx.values.get("at"))
        _after_move(ctx, c, holder_field)

    return Step(
        key,
        label,
        fields=(
            _copy_no_field(),
            text("signed_by", "签收人", required=True, max_length=64, kind="text", default=actor_name),
            own(Field("at", "签收时间", DATETIME)),
        ),
        effect=effect,
        action="签收文件份",
    )


def send_copy_step(*, holder_field: str = "", key: str = "send_copy", label: str = "送阅") -> Step:
    def effect(ctx: StepContext) -> None:
        c = pick_copy(ctx, want_out=False)
        reader = ctx.values["reader"]
        _copies(ctx).send_in(ctx.session, ctx.actor, c.id, reader, ctx.values.get("at"))
        _after_move(ctx, c, holder_field)

    return Step(
        key,
        label,
        fields=(
            text("reader", "阅件人", required=True, max_length=64, kind="text"),
            _copy_no_field(),
            own(Field("at", "送阅时间", DATETIME)),
        ),
        effect=effect,
    )


def take_back_step(
    *, holder_field: str = "", instructions: bool = False, key: str = "take_back", label: str = "收回"
) -> Step:
    """收回; with ``instructions`` a 批示 written on the copy is also entered among the record's 领导批示."""

    def effect(ctx: StepContext) -> None:
        c = pick_copy(ctx, want_out=True)
        v = ctx.values
        kind = v.get("remark_kind") or RemarkKind.CIRCLE.value
        c = _copies(ctx).take_back_in(ctx.session, ctx.actor, c.id, kind, v.get("remark", ""), v.get("at"))
        step = c.steps[-1]
        if instructions and kind == RemarkKind.INSTRUCTION.value:
            add_instruction(ctx, step.reader, step.remark, step.taken_back_at.date())
        _after_move(ctx, c, holder_field, reader=step.reader, remark_kind=RemarkKind(kind).label)

    return Step(
        key,
        label,
        fields=(
            text("reader", "阅件人", max_length=64, kind="text", placeholder="多份在阅时必填"),
            _copy_no_field(),
            own(Field("remark_kind", "阅批方式", CHOICE, choices=RemarkKind), default="circle"),
            text("remark", "批示内容"),
            own(Field("at", "收回时间", DATETIME)),
        ),
        effect=effect,
    )


def return_copy_step(*, holder_field: str = "", key: str = "return_copy", label: str = "清退") -> Step:
    def effect(ctx: StepContext) -> None:
        c = pick_copy(ctx)
        v = ctx.values
        _copies(ctx).return_in(ctx.session, ctx.actor, c.id, v["returned_by"], v["received_by"], v.get("at"))
        _after_move(ctx, c, holder_field, returned_by=v["returned_by"], received_by=v["received_by"])

    return Step(
        key,
        label,
        fields=(
            _copy_no_field(),
            text("returned_by", "清退人", required=True, max_length=64, kind="text", default=actor_name),
            text(
                "received_by",
                "接收人",
                required=True,
                max_length=64,
                kind="text",
                placeholder="如：市委机要局 张某",
            ),
            own(Field("at", "清退时间", DATETIME)),
        ),
        effect=effect,
    )

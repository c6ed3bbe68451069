"""Shared pieces any workflow register can carry: 领导批示 (instructions) and 催办 (urges), each a ready
step declaration plus the plain data to read them back, stored in the shared tables by register + record."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import LabeledEnum, Role
from app.kit.registers.base import CHOICE, DATE, TEXT, Field
from app.kit.workflow.data import StepContext
from app.kit.workflow.declare import Step, StepField, actor_name, own, text, today
from db.models.workflow import Instruction, Urge


class UrgeMethod(LabeledEnum):
    """催办方式: the ways an office presses a unit on work it was given."""

    PHONE = ("phone", "电话查办")
    LETTER = ("letter", "发函催办")
    VISIT = ("visit", "上门督办")
    REDO = ("redo", "发回重办")


@dataclass(frozen=True)
class InstructionInfo:
    id: int
    leader: str
    text: str
    given_on: date
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True)
class UrgeInfo:
    id: int
    method: str
    method_label: str
    urged_on: date
    person: str
    target: str
    note: str
    recorded_by: str


def signer_name(actor: Any, given: str, recorder_roles: Sequence[Role]) -> str:
    """Who signs a 批示 or a 签发: a leader without a recording post signs only in their own name; a clerk
    records one written on paper, naming the leader (a clerk who is also a leader defaults to herself)."""
    if not actor.has_role(*recorder_roles) or not (given or "").strip() and actor.has_role(Role.LEADER):
        return str(actor.name)
    return (given or "").strip()


def add_instruction(ctx: StepContext, leader: str, text_: str, given_on: date) -> None:
    ctx.session.add(
        Instruction(
            register=ctx.workflow.key,
            record_id=ctx.obj.id,
            leader=leader,
            text=text_,
            given_on=given_on,
            recorded_by=ctx.actor.login,
            recorded_at=datetime.now(),
        )
    )


def instruct_step(
    *,
    from_states: tuple[str, ...] = (),
    to_state: Any = None,
    roles: tuple[Role, ...] = (Role.LEADER,),
    recorder_roles: tuple[Role, ...] = (),
    key: str = "instruct",
    label: str = "批示",
    action: str = "登记批示",
) -> Step:
    """领导批示: a leader writes their own; someone holding ``recorder_roles`` (default: the register's
    write roles) records one written on paper, naming the leader. ``roles`` should include both."""

    def effect(ctx: StepContext) -> None:
        who = recorder_roles or ctx.register.write_roles
        leader = signer_name(ctx.actor, ctx.values.get("leader", ""), who)
        if not leader:
            from app.domain.errors import ValidationFailed

            raise ValidationFailed({"leader": "请填写批示领导"})
        ctx.values["leader"] = ctx.detail["leader"] = leader
        add_instruction(ctx, leader, ctx.values["text"], ctx.values["given_on"])

    return Step(
        key,
        label,
        from_states=from_states,
        to_state=to_state,
        roles=roles,
        fields=(
            text("leader", "批示领导", max_length=64, kind=TEXT),
            text("text", "批示内容", required=True),
            own(Field("given_on", "批示日期", DATE), default=today),
        ),
        effect=effect,
        action=action,
    )


def urge_step(
    *,
    from_states: tuple[str, ...] = (),
    target_field: str = "",
    methods: type[LabeledEnum] = UrgeMethod,
    key: str = "urge",
    label: str = "催办",
    roles: tuple[Role, ...] = (),
) -> Step:
    """催办: how, by whom, whom (default: the record's ``target_field``, e.g. its 主办单位) and what was said."""

    def effect(ctx: StepContext) -> None:
        v = ctx.values
        target = v.get("target") or (getattr(ctx.obj, target_field, "") if target_field else "")
        ctx.detail.update(method=methods(v["method"]).label, target=target)
        ctx.session.add(
            Urge(
                register=ctx.workflow.key,
                record_id=ctx.obj.id,
                method=v["method"],
                urged_on=v["urged_on"],
                person=v["person"],
                target=target,
                note=v.get("note", ""),
                recorded_by=ctx.actor.login,
                recorded_at=datetime.now(),
            )
        )

    return Step(
        key,
        label,
        from_states=from_states,
        roles=roles,
        fields=(
            own(Field("method", "催办方式", CHOICE, required=True, choices=methods)),
            text("target", "被催办单位", max_length=128, kind=TEXT),
            text("note", "催办情况"),
            text("person", "催办人", max_length=64, kind=TEXT, default=actor_name),
            own(Field("urged_on", "催办日期", DATE), default=today),
        ),
        effect=effect,
    )


def instructions_of(s: Session, register: str, record_id: int) -> list[InstructionInfo]:
    rows = s.scalars(
        select(Instruction)
        .where(Instruction.register == register, Instruction.record_id == record_id)
        .order_by(Instruction.given_on, Instruction.id)
    )
    return [InstructionInfo(r.id, r.leader, r.text, r.given_on, r.recorded_by, r.recorded_at) for r in rows]


def urges_of(
    s: Session, register: str, record_id: int, methods: type[LabeledEnum] = UrgeMethod
) -> list[UrgeInfo]:
    rows = s.scalars(
        select(Urge)
        .where(Urge.register == register, Urge.record_id == record_id)
        .order_by(Urge.urged_on, Urge.id)
    )
    out = []
    for r in rows:
        try:
            label = methods(r.method).label
        except ValueError:
            label = r.method
        out.append(UrgeInfo(r.id, r.method, label, r.urged_on, r.person, r.target, r.note, r.recorded_by))
    return out


def instruction_texts(register: str) -> Callable[[Any, int], Sequence[str]]:
    """A register's ``search_extra``: its 批示 (leader and text) are found by the search box."""

    def texts(session: Any, record_id: int) -> Sequence[str]:
        rows = session.execute(
            select(Instruction.leader, Instruction.text).where(
                Instruction.register == register, Instruction.record_id == record_id
            )
        ).all()
        return [f"{leader} {t}" for leader, t in rows]

    return texts


__all__ = [
    "InstructionInfo",
    "StepField",
    "UrgeInfo",
    "UrgeMethod",
    "add_instruction",
    "instruct_step",
    "instruction_texts",
    "instructions_of",
    "signer_name",
    "urge_step",
    "urges_of",
]

"""Workflow declarations: the states of a register and the steps that move a record between them, each
step with who may take it, from which states, to which state, and the fields it fills."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from app.domain.enums import LabeledEnum, Role
from app.kit.registers.base import MULTILINE, Field, Register

if TYPE_CHECKING:
    from app.kit.workflow.data import StepContext

# A default is a value or ``(ctx) -> value``; it fills a field the user left blank or did not give.
Default = Any
Hook = Callable[["StepContext"], Any]


def actor_name(ctx: StepContext) -> str:
    return ctx.actor.name


def today(_ctx: StepContext) -> date:
    return date.today()


def now(_ctx: StepContext) -> datetime:
    return datetime.now().replace(microsecond=0)


@dataclass(frozen=True)
class StepField:
    """One field a step asks for. Without ``field`` it is the register's field of that name and is written
    to the record; with a ``field`` of its own it is a value only the step uses (a reason, a reader …)."""

    name: str
    field: Field | None = None
    required: bool | None = None  # None: as the field says
    label: str = ""  # overrides the field's label in the dialog, the CLI and the messages
    default: Default = None
    store: bool | None = None  # None: True for a register field, False for a step-only field
    placeholder: str = ""


@dataclass(frozen=True)
class BoundField:
    """A step field resolved against its register: the Field to coerce and show, and whether it is stored."""

    field: Field
    store: bool
    default: Default = None

    @property
    def name(self) -> str:
        return self.field.name

    @property
    def label(self) -> str:
        return self.field.label


@dataclass(frozen=True)
class Step:
    key: str  # English, stable: the CLI's STEP and the history's step
    label: str  # 拟办
    from_states: tuple[str, ...] = ()  # empty: any state (a voided record never takes a step)
    # the state afterwards: a state, None (unchanged) or (ctx) -> state | None
    to_state: str | Callable[[StepContext], str | None] | None = None
    roles: tuple[Role, ...] = ()  # empty: the register's write roles
    fields: tuple[StepField, ...] = ()
    reason: bool = False  # the step needs a reason (退文, 驳回 …), kept in the history row
    reason_label: str = "理由"
    # checks needing the database or the record: (ctx) -> {field: Chinese message}
    validate: Hook | None = None
    # what really differs (numbering, copies, alerts …), inside the step's transaction: (ctx) -> None
    effect: Hook | None = None
    action: str = ""  # the verb in messages (“不能{action}”); default the label
    in_bar: bool = True  # offered as a button in the step bar


@dataclass(frozen=True)
class Workflow:
    """The workflow of one register: its states (a LabeledEnum, or None for a register without states)
    and its steps. ``labels`` names history entries written by the area itself (签收 on registration …)."""

    register: Register
    steps: tuple[Step, ...]
    states: type[LabeledEnum] | None = None
    state_field: str = "state"
    audit_prefix: str = "step_"  # audit action = prefix + step key
    labels: Mapping[str, str] = field(default_factory=dict)
    # how a record is named in the audit entry (default: its number)
    name_of: Callable[[Any], str] | None = None

    def title_of(self, obj: Any) -> str:
        return self.name_of(obj) if self.name_of else (getattr(obj, "number", "") or "")

    @property
    def key(self) -> str:
        return self.register.key

    def step(self, key_or_label: str) -> Step:
        text = (key_or_label or "").strip()
        for s in self.steps:
            if text in (s.key, s.label):
                return s
        from app.domain.errors import NotFound

        names = "、".join(f"{s.key}（{s.label}）" for s in self.steps)
        raise NotFound(f"{self.register.title}没有“{text}”这一步。可用：{names}")

    def label(self, step_key: str) -> str:
        for s in self.steps:
            if s.key == step_key:
                return s.label
        return self.labels.get(step_key, {"void": "作废"}.get(step_key, step_key))

    def state_label(self, value: str | None) -> str:
        if self.states is None or value is None:
            return value or ""
        try:
            return self.states(value).label
        except ValueError:
            return value

    def roles(self, step: Step) -> tuple[Role, ...]:
        return step.roles or self.register.write_roles

    def bind(self, step: Step) -> list[BoundField]:
        """The step's fields as Fields (register declarations reused, overrides applied) + the reason."""
        out = []
        for sf in step.fields:
            own = sf.field is not None
            base = sf.field if own else self.register.field(sf.name)
            assert base is not None
            changes: dict[str, Any] = {}
            if sf.required is not None:
                changes["required"] = sf.required
            if sf.label:
                changes["label"] = sf.label
            if sf.placeholder:
                changes["placeholder"] = sf.placeholder
            f = replace(base, **changes) if changes else base
            out.append(BoundField(f, sf.store if sf.store is not None else not own, sf.default))
        if step.reason:
            reason = Field("reason", step.reason_label, MULTILINE, required=True, max_length=2000)
            out.append(BoundField(reason, False))
        return out


def text(name: str, label: str, *, required: bool = False, max_length: int = 2000, **kw: Any) -> StepField:
    """A step-only text value (e.g. 批示内容, 阅件人)."""
    kind = kw.pop("kind", MULTILINE)
    return StepField(name, Field(name, label, kind, required=required, max_length=max_length), **kw)


def own(f: Field, **kw: Any) -> StepField:
    """A step-only value declared with a full Field (date, choice, int …)."""
    return StepField(f.name, f, **kw)

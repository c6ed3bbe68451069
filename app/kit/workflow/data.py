"""Plain data of the workflow kit: what a step returns, a history entry, the step bar's view of a step,
the step dialog's fields, and the context hooks receive."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.kit.registers.base import Field, Record
from app.kit.workflow.declare import Step, Workflow
from app.services.actor import Actor

# Labels of history values that are not fields of any register (kept from the 收发文 history).
DETAIL_LABELS = {
    "text": "内容",
    "leader": "领导",
    "given_on": "日期",
    "reason": "理由",
    "opinion": "意见",
    "method": "方式",
    "person": "催办人",
    "target": "被催办单位",
    "changes": "修改项",
    "kind": "阅批",
    "remark": "批示",
    "reader": "阅件人",
    "copy_no": "份号",
    "date": "日期",
    "state": "状态",
}


@dataclass(frozen=True)
class StepResult:
    """What a step returns: the record as it is now, and warnings that did not block it."""

    record: Record
    warnings: tuple[str, ...] = ()
    output: Mapping[str, Any] = field(default_factory=dict)  # what a hook hands back (not in the history)


@dataclass(frozen=True)
class HistoryEntry:
    step: str
    label: str
    at: datetime
    actor_login: str
    actor_name: str
    before: Mapping[str, Any] = field(default_factory=dict)
    after: Mapping[str, Any] = field(default_factory=dict)
    reason: str = ""
    # (label, text) of what the step recorded, in order: what the history table and the CLI print
    items: tuple[tuple[str, str], ...] = ()

    @property
    def detail(self) -> Mapping[str, Any]:
        return {**self.after, **({"reason": self.reason} if self.reason else {})}


@dataclass(frozen=True)
class StepInfo:
    """A step as the step bar shows it: may this user take it on this record now, and if not, why."""

    key: str
    label: str
    allowed: bool
    why: str = ""


@dataclass(frozen=True)
class FormField:
    field: Field
    value: Any  # what the dialog shows at first: the record's current value or the step's default


@dataclass(frozen=True)
class StepForm:
    register: str
    record_id: int
    step: str
    label: str
    fields: tuple[FormField, ...]


@dataclass
class StepContext:
    """What hooks see: the open session, the loaded record and the step's typed values. Hooks add to
    ``detail`` (kept in the history row) and ``warnings``; raising a typed error undoes the whole step."""

    session: Session
    actor: Actor
    workflow: Workflow
    step: Step
    obj: Any
    values: dict[str, Any] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)  # non-field inputs from Python callers
    services: Any = None  # the application's Services (copies, alerts …) for hooks that need them
    detail: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    output: dict[str, Any] = field(default_factory=dict)  # handed back to the caller in StepResult
    at: datetime | None = None  # when the step happened, if not now

    @property
    def register(self) -> Any:
        return self.workflow.register

"""Shared pieces of the 收发文 workflows: the Python entry points both registers share (load for the
area's own writes, run a declared step, history) on top of the workflow kit."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from app.domain.errors import Conflict
from app.kit.registers.base import Record
from app.kit.registers.service import record_of
from app.kit.registers.versions import require_version
from app.kit.workflow import HistoryEntry, StepResult, Workflow
from app.services.actor import Actor

# History rows the area writes itself (not declared steps): their labels.
STEP_LABELS = {"sign": "签收", "register": "登记", "draft": "拟稿", "update": "修改"}


def given(values: Mapping[str, Any]) -> dict[str, Any]:
    """Only the keyword arguments a caller actually gave: the others keep the record's values."""
    return {k: v for k, v in values.items() if v not in (None, "")}


class DocumentsBase:
    def __init__(self, services: Any, workflow: Workflow) -> None:
        self.registers = services.registers
        self.db = services.db
        self.flow = services.workflow  # the kit's WorkflowService
        self.workflow = workflow
        self.reg = workflow.register

    def step(
        self, actor: Actor, record_id: int, step: str, raw: Mapping[str, Any], **extra: Any
    ) -> StepResult:
        return self.flow.run(actor, self.reg.key, record_id, step, raw, extra=extra or None)

    def load_for_write(
        self, s: Session, actor: Actor, record_id: int, action: str, *, expected_version: int | None = None
    ) -> Any:
        """The record for the area's own write, after the role, clearance, 作废 and version checks.
        ``expected_version`` is the version the user saw (None: no check, e.g. the CLI)."""
        actor.require_role(*self.reg.write_roles, action=f"{action}{self.reg.record_label}")
        obj = self.registers._load(s, self.reg, record_id)
        actor.require_clearance(obj.secret_level)
        if obj.voided:
            raise Conflict(f"该{self.reg.record_label}已作废，不能{action}")
        require_version(s, self.reg, obj, expected_version)
        return obj

    def history(self, actor: Actor, record_id: int) -> list[HistoryEntry]:
        return self.flow.history(actor, self.reg.key, record_id)

    def void(self, actor: Actor, record_id: int, reason: str) -> StepResult:
        """作废: the number stays on the register, marked void with the reason (the engine's void)."""
        return StepResult(self.registers.void(actor, self.reg.key, record_id, reason))

    def finish_write(self, s: Session, obj: Any) -> Record:
        s.flush()
        self.registers.reindex(s, self.reg, obj)
        return record_of(self.reg, obj)

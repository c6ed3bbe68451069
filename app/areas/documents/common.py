"""Shared pieces of the 收发文 services: loading a record with its permission checks, recording a workflow
step (history row + audit entry in the same transaction), and the plain data returned to the UI."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.dates import DateParseError, parse_datetime
from app.domain.errors import Conflict, ValidationFailed
from app.kit.registers.base import Record, Register
from app.kit.registers.service import RegisterService, audit_values, record_of
from app.kit.registers.versions import require_version
from app.services import audit
from app.services.actor import Actor
from db.models.common import bump_version
from db.models.documents import DocEvent

STEP_LABELS = {
    "sign": "签收",
    "register": "登记",
    "propose": "拟办",
    "instruct": "批示",
    "assign": "承办",
    "circulate": "传阅",
    "send_copy": "送阅",
    "take_back": "收回",
    "urge": "催办",
    "finish": "办结",
    "archive": "归档",
    "return": "退文",
    "void": "作废",
    "draft": "拟稿",
    "check": "核稿",
    "countersign": "会签",
    "approve": "签发",
    "review": "复核",
    "issue": "印发",
    "distribute": "分发",
    "update": "修改",
}


@dataclass(frozen=True)
class StepResult:
    """What a workflow step returns: the record as it is now, and warnings that did not block it."""

    record: Record
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class HistoryEntry:
    step: str
    label: str
    at: datetime
    actor_login: str
    actor_name: str
    detail: Mapping[str, Any]


def as_date(value: Any, field: str, label: str, *, required: bool = True) -> date | None:
    if value is None or value == "":
        if required:
            raise ValidationFailed({field: f"请填写{label}"})
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return parse_datetime(value).date()
    except DateParseError as e:
        raise ValidationFailed({field: f"{label}：{e}"}) from None


def as_datetime(value: Any, field: str, label: str) -> datetime:
    if value is None or value == "":
        return datetime.now().replace(microsecond=0)
    try:
        return parse_datetime(value)
    except DateParseError as e:
        raise ValidationFailed({field: f"{label}：{e}"}) from None


def text_arg(value: Any, field: str, label: str, *, required: bool = True, max_length: int = 2000) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ValidationFailed({field: f"请填写{label}"})
    if len(text) > max_length:
        raise ValidationFailed({field: f"{label}不能超过{max_length}个字"})
    return text


def leader_name(actor: Actor, given: str, field: str, label: str) -> str:
    """Who signs a 批示 or a 签发: a leader without the clerk's post signs only in their own name; the clerk
    records one written on paper, naming the leader (a clerk who is also a leader defaults to herself)."""
    from app.domain.enums import Role

    if not actor.has_role(Role.DOCUMENTS) or not (given or "").strip() and actor.has_role(Role.LEADER):
        given = actor.name
    return text_arg(given, field, label, max_length=64)


class DocumentsBase:
    """Loading and step recording for one register; the incoming/outgoing workflows build on it."""

    def __init__(self, registers: RegisterService, register: Register) -> None:
        self.registers = registers
        self.db = registers.db
        self.reg = register

    def load_for_write(
        self,
        s: Session,
        actor: Actor,
        record_id: int,
        action: str,
        *,
        roles: tuple | None = None,
        expected_version: int | None = None,
    ) -> Any:
        """The record for a step, after the role, clearance, 作废 and version checks. ``expected_version``
        is the version the user saw when choosing the step (None: no check, e.g. the CLI)."""
        actor.require_role(*(roles or self.reg.write_roles), action=f"{action}{self.reg.record_label}")
        obj = self.registers._load(s, self.reg, record_id)
        actor.require_clearance(obj.secret_level)
        if obj.voided:
            raise Conflict(f"该{self.reg.record_label}已作废，不能{action}")
        require_version(s, self.reg, obj, expected_version)
        return obj

    @staticmethod
    def require_state(obj: Any, allowed: tuple[str, ...], action: str, labels: Any) -> None:
        if obj.state not in allowed:
            current = labels(obj.state).label if obj.state in {m.value for m in labels} else obj.state
            raise Conflict(f"该文件当前状态为“{current}”，不能{action}")

    def record_step(
        self,
        s: Session,
        actor: Actor,
        obj: Any,
        step: str,
        detail: Mapping[str, Any] | None = None,
        at: datetime | None = None,
    ) -> None:
        """One history row and one audit entry, both inside the step's transaction; the step raises the
        record's version (named in the entry, so a refused later write can say who did what)."""
        version = bump_version(s, obj)
        safe = {
            k: (v.isoformat() if isinstance(v, (date, datetime)) else v) for k, v in (detail or {}).items()
        }
        s.add(
            DocEvent(
                register=self.reg.key,
                record_id=obj.id,
                step=step,
                at=at or datetime.now(),
                actor_login=actor.login,
                actor_name=actor.name,
                detail=json.dumps(safe, ensure_ascii=False),
            )
        )
        audit.record(
            s,
            actor,
            f"doc_{step}",
            self.reg.key,
            obj.id,
            detail={
                "number": obj.number or getattr(obj, "draft_no", ""),
                "step": STEP_LABELS.get(step, step),
                **audit_values(self.reg, obj, safe),
                "version": version,
            },
        )

    def history(self, actor: Actor, record_id: int) -> list[HistoryEntry]:
        rec = self.registers.get(actor, self.reg.key, record_id)  # permission + clearance (+ audited view)
        with self.db.read() as s:
            rows = s.scalars(
                select(DocEvent)
                .where(DocEvent.register == self.reg.key, DocEvent.record_id == record_id)
                .order_by(DocEvent.at, DocEvent.id)
            ).all()
            out = [
                HistoryEntry(
                    e.step,
                    STEP_LABELS.get(e.step, e.step),
                    e.at,
                    e.actor_login,
                    e.actor_name,
                    json.loads(e.detail or "{}"),
                )
                for e in rows
            ]
        if rec.voided:
            # 作废 goes through the engine's void (audited there); its who/when live on the record itself.
            out.append(
                HistoryEntry(
                    "void",
                    "作废",
                    rec["voided_at"],
                    rec["voided_by"],
                    rec["voided_by"],
                    {"reason": rec["void_reason"]},
                )
            )
        return out

    def finish_write(self, s: Session, obj: Any) -> Record:
        s.flush()
        self.registers.reindex(s, self.reg, obj)
        return record_of(self.reg, obj)

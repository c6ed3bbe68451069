"""Alerts raised for a register record (特提/特急 telegrams …): they stay on the home tab until someone
acknowledges them; who acknowledged and when is kept and audited."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import Conflict, NotFound
from app.kit.registers.base import Register
from app.kit.registers.service import RegisterService
from app.services import audit
from app.services.actor import Actor
from db.engine import Database
from db.models.alerts import Alert


@dataclass(frozen=True)
class AlertInfo:
    id: int
    register: str
    record_id: int
    title: str
    detail: str
    raised_at: datetime
    raised_by: str
    acknowledged_at: datetime | None
    acknowledged_by: str
    record_number: str = ""  # filled by pending() (the home tab's number column)


def _info(a: Alert) -> AlertInfo:
    return AlertInfo(
        a.id,
        a.register,
        a.record_id,
        a.title,
        a.detail,
        a.raised_at,
        a.raised_by,
        a.acknowledged_at,
        a.acknowledged_by,
    )


def raise_in(s: Session, actor: Actor, register: str, record_id: int, title: str, detail: str = "") -> Alert:
    """Raise an alert inside the caller's transaction (registration hooks)."""
    a = Alert(
        register=register,
        record_id=record_id,
        title=title[:300],
        detail=detail,
        raised_at=datetime.now().replace(microsecond=0),
        raised_by=actor.name,
    )
    s.add(a)
    s.flush()
    audit.record(
        s, actor, "alert_raise", register, record_id, detail={"alert": a.id}
    )  # no title: may be classified
    return a


class AlertsService:
    def __init__(self, db: Database, registers: RegisterService) -> None:
        self.db = db
        self.registers = registers

    def _visible(self, s: Session, actor: Actor, reg: Register, record_id: int) -> Any:
        if not actor.has_role(*reg.read_roles):
            return None
        obj = s.get(reg.model, record_id)
        if obj is None or (reg.classified and not actor.can_see(obj.secret_level)):
            return None
        return obj

    def pending(self, actor: Actor, register: str | tuple[str, ...] | None = None) -> list[AlertInfo]:
        """Unacknowledged alerts the actor may see, newest first: one query for the alerts, one per register
        for their records' 密级 and number (not one per alert)."""
        q = select(Alert).where(Alert.acknowledged_at.is_(None))
        if register:
            keys = (register,) if isinstance(register, str) else register
            q = q.where(Alert.register.in_(keys))
        with self.db.read() as s:
            alerts = list(s.scalars(q.order_by(Alert.raised_at.desc(), Alert.id.desc()).limit(500)))
            by_register: dict[str, set[int]] = {}
            for a in alerts:
                by_register.setdefault(a.register, set()).add(a.record_id)
            numbers: dict[tuple[str, int], str] = {}
            for key, ids in by_register.items():
                try:
                    reg = self.registers.catalog.get(key)
                except NotFound:
                    continue  # an area not in this build
                if not actor.has_role(*reg.read_roles):
                    continue
                m = reg.model
                for rid, number, level in s.execute(
                    select(m.id, m.number, m.secret_level).where(m.id.in_(ids))
                ):
                    if not reg.classified or actor.can_see(level):
                        numbers[(key, rid)] = number
            return [
                replace(_info(a), record_number=numbers[(a.register, a.record_id)])
                for a in alerts
                if (a.register, a.record_id) in numbers
            ]

    def for_record(self, actor: Actor, register: str, record_id: int) -> list[AlertInfo]:
        reg = self.registers.catalog.get(register)
        with self.db.read() as s:
            if self._visible(s, actor, reg, record_id) is None:
                return []
            return [
                _info(a)
                for a in s.scalars(
                    select(Alert)
                    .where(Alert.register == register, Alert.record_id == record_id)
                    .order_by(Alert.id)
                )
            ]

    def acknowledge(self, actor: Actor, alert_id: int) -> AlertInfo:
        with self.db.write() as s:
            a = s.get(Alert, alert_id)
            if a is None:
                raise NotFound("没有这条提醒")
            reg = self.registers.catalog.get(a.register)
            actor.require_role(*reg.read_roles, action=f"确认{reg.title}的提醒")
            obj = s.get(reg.model, a.record_id)
            if obj is not None and reg.classified:
                actor.require_clearance(obj.secret_level)
            if a.acknowledged_at is not None:
                raise Conflict(f"这条提醒已由{a.acknowledged_by}于{a.acknowledged_at:%Y-%m-%d %H:%M}确认")
            a.acknowledged_at, a.acknowledged_by = datetime.now().replace(microsecond=0), actor.name
            audit.record(s, actor, "alert_ack", a.register, a.record_id, detail={"alert": a.id})
            return _info(a)

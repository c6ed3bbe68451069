"""The optimistic lock of every register write: a write names the version the user read; when the record
changed since, it is refused with who changed what (from the audit log), and nothing is saved."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import StaleRecord
from app.kit.registers.base import Register
from db.models.core import AuditEntry, User

_ACTIONS = {"create": "登记", "update": "修改", "void": "作废"}


@dataclass(frozen=True)
class ChangeBy:
    """One save by someone else since the user's read: when, who, what kind, which fields (labels only)."""

    at: datetime
    login: str
    name: str
    action: str
    fields: tuple[str, ...]


def require_version(s: Session, reg: Register, obj: Any, expected: int | None) -> None:
    """Refuse the write when ``expected`` (the version the user read) is not the record's version now."""
    if expected is None or int(expected) == obj.version:
        return
    changes = changes_since(s, reg, obj, int(expected))
    raise StaleRecord(stale_message(reg, obj, changes), tuple(changes), obj.version)


def changes_since(s: Session, reg: Register, obj: Any, version: int) -> list[ChangeBy]:
    rows = s.scalars(
        select(AuditEntry)
        .where(AuditEntry.object_type == reg.key, AuditEntry.object_id == str(obj.id))
        .order_by(AuditEntry.id.desc())
        .limit(50)
    ).all()
    by_version: dict[int, ChangeBy] = {}
    for e in rows:
        try:
            detail = json.loads(e.detail or "{}")
        except ValueError:
            continue
        if not isinstance(detail, dict) or int(detail.get("version") or 0) <= version:
            continue
        # one user action may write two entries of one version (the update and its history step)
        v, seen = int(detail["version"]), by_version.get(int(detail["version"]))
        fields = _fields(reg, detail)
        if seen is None:
            by_version[v] = ChangeBy(e.ts, e.user_login, e.user_login, _label(e.action, detail), fields)
        else:
            merged = (*seen.fields, *(f for f in fields if f not in seen.fields))
            by_version[v] = ChangeBy(seen.at, seen.login, seen.name, seen.action, merged)
    found = [by_version[v] for v in sorted(by_version, reverse=True)]
    if not found and obj.updated_by:  # entries written before versions were recorded: the record knows
        found.append(ChangeBy(obj.updated_at or datetime.now(), obj.updated_by, obj.updated_by, "修改", ()))
    names = dict(
        s.execute(select(User.login, User.name).where(User.login.in_({c.login for c in found}))).all()
    )
    return [ChangeBy(c.at, c.login, names.get(c.login, c.login), c.action, c.fields) for c in reversed(found)]


def _label(action: str, detail: dict) -> str:
    return str(detail.get("step") or _ACTIONS.get(action, action))


def _fields(reg: Register, detail: dict) -> tuple[str, ...]:
    changed = detail.get("changes")
    if not isinstance(changed, (dict, list)):  # absent, or redacted on a classified record
        return ()
    labels = []
    for name in changed:
        try:
            labels.append(reg.field(name).label)
        except (KeyError, LookupError, ValueError):
            labels.append(name)
    return tuple(labels)


def stale_message(reg: Register, obj: Any, changes: list[ChangeBy]) -> str:
    what = f"这条{reg.record_label}" + (f"（{obj.number}）" if getattr(obj, "number", "") else "")
    parts = []
    for c in changes:
        fields = f"“{'、'.join(c.fields)}”" if c.fields else ""
        parts.append(f"{c.name}于{c.at:%m-%d %H:%M}{c.action}了{fields}")
    who = "；".join(parts) or "其他用户修改了它"
    return f"未保存：您打开{what}之后，{who}。您的修改没有保存，请重新载入最新内容，再应用您的修改后保存。"

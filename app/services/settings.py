"""Stored settings: the security policy (set by the 安全保密管理员) and per-office options."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, replace
from typing import Any

from sqlalchemy.orm import Session

from app.domain.enums import AdminRole, SecretLevel
from app.domain.errors import ValidationFailed
from app.domain.policy import SecurityPolicy
from app.services import audit
from app.services.actor import Actor
from db.engine import Database
from db.models.core import Setting

POLICY_KEY = "security_policy"


def get_value(session: Session, key: str, default: Any = None) -> Any:
    row = session.get(Setting, key)
    return default if row is None else json.loads(row.value)


def set_value(session: Session, key: str, value: Any) -> None:
    row = session.get(Setting, key)
    text = json.dumps(value, ensure_ascii=False)
    if row is None:
        session.add(Setting(key=key, value=text))
    else:
        row.value = text


def load_policy(session: Session) -> SecurityPolicy:
    stored = get_value(session, POLICY_KEY, {}) or {}
    known = {k: v for k, v in stored.items() if k in SecurityPolicy.keys()}
    return replace(SecurityPolicy(), **known)


class SettingsService:
    def __init__(self, db: Database, highest_held: Callable[[], SecretLevel] | None = None) -> None:
        self.db = db
        # the highest 密级 of the records held: 本机密级 cannot go below what the machine already holds
        self.highest_held = highest_held

    def policy(self) -> SecurityPolicy:
        with self.db.read() as s:
            return load_policy(s)

    def update_policy(self, actor: Actor, **changes: Any) -> SecurityPolicy:
        actor.require_admin(AdminRole.SECURITY, "修改安全策略")
        errors: dict[str, str] = {}
        for key, value in changes.items():
            if key not in SecurityPolicy.keys():
                errors[key] = f"未知的策略项“{key}”"
            elif key == "machine_level":
                try:
                    level = SecretLevel(value)
                except ValueError:
                    errors[key] = "本机密级应为 非密/秘密/机密/绝密 之一"
                    continue
                held = self.highest_held() if self.highest_held else SecretLevel.NONE
                if level.rank < held.rank:
                    errors[key] = (
                        f"本机存有{held.label}级记录，本机密级不能低于{held.label}"
                        f"（现设为{level.label}）；须先按规定移出或销毁这些记录"
                    )
            elif not isinstance(value, int) or value < SecurityPolicy.FLOORS.get(key, 0):
                errors[key] = f"{SecurityPolicy.LABELS[key]}不能小于{SecurityPolicy.FLOORS.get(key, 0)}"
        if errors:
            raise ValidationFailed(errors)
        with self.db.write() as s:
            before = load_policy(s)
            after = replace(before, **changes)
            set_value(s, POLICY_KEY, asdict(after))
            audit.record(
                s,
                actor,
                "setting_change",
                "security_policy",
                "",
                detail={k: {"before": getattr(before, k), "after": v} for k, v in changes.items()},
            )
        return after

"""The reader's clearance as a condition of a figures query (statistics, 通报) on a register table."""

from __future__ import annotations

from typing import Any

from sqlalchemy import true

from app.domain.enums import SecretLevel
from app.services.actor import Actor


def visible(model: Any, actor: Actor) -> Any:
    """Records at or below the actor's clearance, written as "not above it" (nothing for 绝密): a NOT IN
    cannot use the 密级 index, so SQLite (never ANALYZEd in an office) walks the date index of the period
    instead of every record of the allowed levels, which in most offices is nearly every record."""
    above = [m.value for m in SecretLevel if m.rank > actor.clearance.rank]
    return model.secret_level.not_in(above) if above else true()

"""A register record as plain data (``Record``) and what every reader of records shares: the fields a
record carries beyond its declared ones, what a user may see of it (masking) and what an audit entry may
keep of it (classified values redacted)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from app.domain.enums import SecretLevel
from app.kit.registers.base import Record, Register
from app.services.actor import Actor

META_FIELDS = (
    "series",
    "year",
    "seq",
    "number",
    "voided",
    "void_reason",
    "voided_at",
    "voided_by",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    "version",
    # imported history (app.kit.import_writer)
    "imported_at",
    "imported_by",
    "import_source",
    "import_missing",
    "extra_columns",
    "copy_no_pending",
    "import_rule_notes",
)


def record_of(register: Register, obj: Any) -> Record:
    values = {f.name: getattr(obj, f.name, None) for f in register.all_fields}
    for name in META_FIELDS:
        values[name] = getattr(obj, name, None)
    return Record(obj.id, values, bool(getattr(obj, "voided", False)))


REDACTED = "（涉密内容，不记入审计日志）"
_NEVER_REDACTED = {"secret_level", "secret_period", "number"}


def audit_values(reg: Register, obj: Any, values: dict[str, Any], other_level: Any = None) -> dict[str, Any]:
    """The field values an audit entry may carry. The 安全审计员 holds no clearance and reads no business
    records, so for a classified record (before or after the change) only WHICH fields changed is kept."""
    levels = {getattr(obj, "secret_level", None), other_level} - {None, ""}
    classified = reg.classified and any(SecretLevel(lv).is_classified for lv in levels)
    if not classified:
        return values
    return {k: (v if k in _NEVER_REDACTED else REDACTED) for k, v in values.items()}


def masker(reg: Register, actor: Actor) -> Callable[[Record], Record] | None:
    """What this user sees of a record: masked fields (ID numbers, phones) masked unless the user holds
    one of the register's ``reveal_roles``; None when nothing is masked (most registers: no cost per row)."""
    fields = [(f.name, f.mask) for f in reg.all_fields if f.mask is not None]
    if not fields or actor.has_role(*reg.reveal_roles):
        return None

    def apply(rec: Record) -> Record:
        values = dict(rec.values)
        for name, mask in fields:
            if values.get(name):
                values[name] = mask(str(values[name]))
        return Record(rec.id, values, rec.voided)

    return apply


def masked(reg: Register, actor: Actor, rec: Record) -> Record:
    m = masker(reg, actor)
    return m(rec) if m else rec


def _json_safe(v: Any) -> Any:
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    return v

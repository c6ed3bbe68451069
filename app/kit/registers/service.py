"""The generic register service: list (SQL sort, filter, search, paging), read, create, update and void
for any declared register. Areas add their workflows on top; they never copy this. The reads live in
reads.py, what a record carries and shows in records.py."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import SecretLevel
from app.domain.errors import Conflict, ValidationFailed
from app.kit.registers.base import Record, Register
from app.kit.registers.numbering import format_number, next_seq, reserve_block
from app.kit.registers.reads import SEARCH_COUNT_CAP, RegisterReads
from app.kit.registers.records import (
    META_FIELDS,
    REDACTED,
    _json_safe,
    audit_values,
    masked,
    masker,
    record_of,
)
from app.kit.registers.values import display, validate
from app.kit.registers.versions import require_version
from app.services import audit
from app.services.actor import Actor
from app.services.settings import get_value
from db.models.common import bump_version

# re-exported: areas and tests import these from here
__all__ = [
    "META_FIELDS",
    "REDACTED",
    "SEARCH_COUNT_CAP",
    "RegisterService",
    "audit_values",
    "masked",
    "masker",
    "record_of",
]

# An import of this many rows is a long write: it leaves a notice (what, who, expected end) so that a clerk
# whose save cannot wait for it is told so; the expected end assumes a slow office PC (bench_import.py).
LONG_WRITE_ROWS = 2_000
IMPORT_ROWS_PER_SECOND = 1_500


def kept_history(reg: Register, obj: Any, values: Mapping[str, Any], errors: Mapping[str, str]) -> dict:
    """An imported record marked 不符合现行规则 stays editable (ticking 票据 on a 2024 reception): the
    approval rules it was imported against do not refuse the save while their field keeps the book's
    value; changing that field makes the live rule apply again."""
    if obj is None or not getattr(obj, "import_rule_notes", ""):
        return dict(errors)
    marked = reg.history.marked_checks
    return {
        k: m
        for k, m in errors.items()
        if not (k in marked and values.get(k, getattr(obj, k, None)) == getattr(obj, k, None))
    }


class RegisterService(RegisterReads):
    # --- writing -------------------------------------------------------------------------------
    @staticmethod
    def db_check(s: Session, reg: Register, values: Mapping[str, Any], obj: Any) -> None:
        """The register's database-dependent checks, inside the saving transaction (nothing half-saved)."""
        if reg.db_validator:
            errors = kept_history(reg, obj, values, reg.db_validator(s, values, obj))
            if errors:
                raise ValidationFailed(errors)

    @staticmethod
    def require_exportable(reg: Register) -> None:
        """Exporters call this first: some registers' contents may not leave the program (密码电报)."""
        if not reg.exportable:
            from app.domain.errors import PermissionDenied

            raise PermissionDenied(f"{reg.title}的内容不得导出，只能打印登记簿和规定的表单")

    def check_values(self, reg: Register, raw: Mapping[str, Any]) -> dict[str, Any]:
        values, errors = validate(reg, raw)
        if errors:
            raise ValidationFailed(errors)
        return values

    def machine_level(self) -> SecretLevel:
        """本机密级: the highest level this machine (this database) may hold."""
        from app.services.settings import load_policy

        with self.db.read() as s:
            return load_policy(s).machine_secret_level

    def highest_level(self) -> SecretLevel:
        """The highest 密级 among the records held (voided ones too: they are still on this machine)."""
        highest = SecretLevel.NONE
        with self.db.read() as s:
            for reg in self.catalog:
                if not reg.classified:
                    continue
                col = reg.model.secret_level
                query = select(col).distinct()
                if reg.series_value:
                    query = query.where(reg.model.series == reg.series_value)
                for level in s.scalars(query):
                    if level and SecretLevel(level).rank > highest.rank:
                        highest = SecretLevel(level)
        return highest

    @staticmethod
    def level_refusal(actor: Actor, level: SecretLevel, machine: SecretLevel) -> str | None:
        """Why a record of ``level`` may not be saved here, or None. The machine's level comes first: a user
        cleared for 绝密 still cannot put a 绝密 record on a machine approved for 秘密."""
        if level.rank > machine.rank:
            return (
                f"本机密级为{machine.label}，不能存放{level.label}级记录"
                f"（本机只能处理{machine.label}及以下的记录；本机密级由安全保密管理员设置）"
            )
        if not actor.can_see(level):
            return f"您的涉密等级不足，不能登记{level.label}级记录"
        return None

    def _clearance_check(
        self, actor: Actor, reg: Register, values: Mapping[str, Any], machine: SecretLevel | None = None
    ) -> None:
        if reg.classified and values.get("secret_level"):
            level = SecretLevel(values["secret_level"])
            problem = self.level_refusal(actor, level, machine or self.machine_level())
            if problem:
                raise ValidationFailed({"secret_level": problem})

    def assign_number(
        self,
        s: Session,
        reg: Register,
        obj: Any,
        values: Mapping[str, Any],
        seq: int | None = None,
        template: str | None = None,
    ) -> None:
        """Give ``obj`` its series, year and number: the next one, or ``seq`` from a reserved block."""
        obj.series, key = self._series(reg, values)
        n = reg.numbering
        if n is None or key is None:
            return
        counter, year = key
        if seq is None:
            seq = next_seq(s, counter, year)
        if template is None:
            template = self._number_template(s, reg)
        obj.year, obj.seq = year, seq
        obj.number = format_number(template, year=year, seq=seq, series=obj.series)

    @staticmethod
    def _series(reg: Register, values: Mapping[str, Any]) -> tuple[str, tuple[str, int] | None]:
        """(series, (counter name, year)); the counter is None for a register without numbering."""
        n = reg.numbering
        series = reg.series_value or (n.series_for(values) if n else "")
        if n is None:
            return series, None
        when = values.get(n.year_field) or date.today()
        return series, (f"{reg.model.__tablename__}:{series}", when.year)

    @staticmethod
    def _number_template(s: Session, reg: Register) -> str:
        n = reg.numbering
        assert n is not None
        return (get_value(s, n.format_setting) if n.format_setting else None) or n.default_format

    def reindex(self, s: Session, reg: Register, obj: Any) -> None:
        self.search_index.update(s, reg.table, obj.id, self._index_texts(s, reg, obj))

    @staticmethod
    def _index_texts(s: Session, reg: Register, obj: Any) -> list[str]:
        texts = [str(getattr(obj, f.name) or "") for f in reg.search_fields]
        if reg.search_extra:
            texts.extend(reg.search_extra(s, obj.id))
        return texts

    def _index_new(self, s: Session, reg: Register, rows: list[tuple[int, list[str]]]) -> None:
        """Index freshly created records in bulk (see SearchIndex.index_new)."""
        self.search_index.index_new(s, reg.table, rows)

    def create_in(
        self,
        s: Session,
        actor: Actor,
        reg: Register,
        values: Mapping[str, Any],
        extra: Mapping[str, Any] | None = None,
    ) -> Any:
        """Create inside an open transaction (areas call this from their own workflow methods)."""
        self.db_check(s, reg, values, None)
        obj = reg.model(**values, **(extra or {}))
        obj.created_by = actor.login
        obj.created_at = datetime.now()
        self.assign_number(s, reg, obj, values)
        s.add(obj)
        s.flush()
        if reg.after_save:
            reg.after_save(s, actor, obj, True)
        self.reindex(s, reg, obj)
        audit.record(
            s,
            actor,
            "create",
            reg.key,
            obj.id,
            detail={
                "number": obj.number,
                **audit_values(reg, obj, {k: _json_safe(v) for k, v in values.items() if v is not None}),
            },
        )
        return obj

    def create(
        self,
        actor: Actor,
        key: str,
        raw: Mapping[str, Any],
        *,
        then: Callable[[Session, Any], None] | None = None,
    ) -> Record:
        """``then(session, obj)`` runs in the same transaction (the 扫描件 of a record registered from it)."""
        reg = self.catalog.get(key)
        actor.require_role(*reg.write_roles, action=f"登记{reg.title}")
        values = self.check_values(reg, raw)
        self._clearance_check(actor, reg, values)
        with self.db.write() as s:
            obj = self.create_in(s, actor, reg, values)
            if then is not None:
                then(s, obj)
            return record_of(reg, obj)

    def update_in(self, s: Session, actor: Actor, reg: Register, obj: Any, values: Mapping[str, Any]) -> dict:
        if obj.voided:
            raise Conflict(f"该{reg.record_label}已作废，不能修改")
        self.db_check(s, reg, values, obj)
        locks = reg.locks(record_of(reg, obj))
        refused = {n: locks[n] for n, v in values.items() if n in locks and getattr(obj, n) != v}
        if refused:  # fixed by a workflow step: changed only through that step
            raise ValidationFailed(refused)
        changes = {}
        for name, value in values.items():
            before = getattr(obj, name)
            if before != value:
                changes[name] = {"before": _json_safe(before), "after": _json_safe(value)}
                setattr(obj, name, value)
        if changes:
            obj.updated_at, obj.updated_by = datetime.now(), actor.login
            version = bump_version(s, obj)
            s.flush()
            if reg.after_save:
                reg.after_save(s, actor, obj, False)
            self.reindex(s, reg, obj)
            before_level = changes.get("secret_level", {}).get("before")
            audit.record(
                s,
                actor,
                "update",
                reg.key,
                obj.id,
                detail={
                    "number": obj.number,
                    "version": version,
                    "changes": audit_values(reg, obj, changes, before_level),
                },
            )
        return changes

    def update(
        self,
        actor: Actor,
        key: str,
        record_id: int,
        raw: Mapping[str, Any],
        *,
        expected_version: int | None = None,
    ) -> Record:
        """Write the fields in ``raw`` (the others keep their stored values, so a form sends only what its
        user changed). With ``expected_version`` (the version the user read) a record changed since is
        refused with StaleRecord saying who changed what; nothing is saved then."""
        reg = self.catalog.get(key)
        actor.require_role(*reg.write_roles, action=f"修改{reg.title}")
        editable = {f.name for f in reg.form_fields if f.editable}
        with self.db.write() as s:
            obj = self._load(s, reg, record_id)
            if reg.classified:
                actor.require_clearance(obj.secret_level)
            require_version(s, reg, obj, expected_version)
            current = {f.name: getattr(obj, f.name) for f in reg.form_fields}
            values, errors = validate(reg, {**current, **raw})
            errors = kept_history(reg, obj, values, errors)
            if errors:
                raise ValidationFailed(errors)
            values = {k: v for k, v in values.items() if k in editable and k in raw}
            self._clearance_check(actor, reg, values)
            self.update_in(s, actor, reg, obj, values)
            return record_of(reg, obj)

    def void(
        self, actor: Actor, key: str, record_id: int, reason: str, *, expected_version: int | None = None
    ) -> Record:
        reg = self.catalog.get(key)
        actor.require_role(*reg.write_roles, action=f"作废{reg.title}")
        reason = (reason or "").strip()
        if not reason:
            raise ValidationFailed({"void_reason": "请填写作废原因"})
        with self.db.write() as s:
            obj = self._load(s, reg, record_id)
            if reg.classified:
                actor.require_clearance(obj.secret_level)
            if obj.voided:
                raise Conflict(f"该{reg.record_label}已经作废")
            require_version(s, reg, obj, expected_version)
            obj.voided, obj.void_reason = True, reason
            obj.voided_at, obj.voided_by = datetime.now(), actor.login
            version = bump_version(s, obj)
            audit.record(
                s,
                actor,
                "void",
                reg.key,
                obj.id,
                detail={"number": obj.number, "reason": reason, "version": version},
            )
            return record_of(reg, obj)

    # --- helpers for import/export/printing ------------------------------------------------------
    def display_row(self, key: str, record: Record, fields: Sequence[str] | None = None) -> list[str]:
        reg = self.catalog.get(key)
        chosen = [reg.field(n) for n in fields] if fields else reg.print_fields
        return [display(f, record[f.name]) for f in chosen]

    def bulk_create(
        self,
        actor: Actor,
        key: str,
        rows: Sequence[Mapping[str, Any]],
        action: str = "import",
        detail: Mapping[str, Any] | None = None,
    ) -> list[int]:
        """Create already-validated rows in ONE transaction (importer); all or nothing."""
        reg = self.catalog.get(key)
        actor.require_role(*reg.write_roles, action=f"导入{reg.title}")
        machine = self.machine_level()
        for values in rows:
            self._clearance_check(actor, reg, values, machine)
        if len(rows) >= LONG_WRITE_ROWS:
            expected = 5 + len(rows) / IMPORT_ROWS_PER_SECOND
            writing = self.db.long_write(f"导入{reg.title} {len(rows):,} 条", actor.name, expected)
        else:
            writing = self.db.write()
        with writing as s:
            return self.bulk_create_in(s, actor, reg, rows, action, detail)

    def bulk_create_in(
        self,
        s: Session,
        actor: Actor,
        reg: Register,
        rows: Sequence[Mapping[str, Any]],
        action: str,
        detail: Mapping[str, Any] | None = None,
    ) -> list[int]:
        """``bulk_create`` inside an open transaction (an area generating many records in one action)."""
        ids: list[int] = []
        # one UPDATE per series and year reserves the whole block, then rows take them in order
        seqs: list[int | None] = [None] * len(rows)
        template = None
        if reg.numbering is not None:
            template = self._number_template(s, reg)
            wanted: dict[tuple[str, int], list[int]] = {}
            for i, values in enumerate(rows):
                key = self._series(reg, values)[1]
                if key is not None:
                    wanted.setdefault(key, []).append(i)
            for (counter, year), positions in wanted.items():
                first = reserve_block(s, counter, year, len(positions))
                for offset, i in enumerate(positions):
                    seqs[i] = first + offset
        hooks = reg.after_save is not None or reg.db_validator is not None
        created: list[Any] = []
        indexed: list[tuple[int, list[str]]] = []
        for i, values in enumerate(rows, start=1):
            try:
                self.db_check(s, reg, values, None)
            except ValidationFailed as e:
                raise ValidationFailed(
                    {f"row:{i}:{k}": f"第{i}行：{v}" for k, v in e.errors.items()}
                ) from None
            obj = reg.model(**values)
            obj.created_by, obj.created_at = actor.login, datetime.now()
            self.assign_number(s, reg, obj, values, seq=seqs[i - 1], template=template)
            s.add(obj)
            if hooks:  # the hooks see each row saved, as on a single registration
                s.flush()
                reg.after_save and reg.after_save(s, actor, obj, True)
                indexed.append((obj.id, self._index_texts(s, reg, obj)))
                ids.append(obj.id)
            else:
                created.append(obj)
        if created:  # no hooks: one batched INSERT for all rows
            s.flush()
            for obj in created:
                indexed.append((obj.id, self._index_texts(s, reg, obj)))
                ids.append(obj.id)
        self._index_new(s, reg, indexed)
        audit.record(s, actor, action, reg.key, "", detail={"rows": len(ids), **(detail or {})})
        return ids

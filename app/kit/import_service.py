"""Import of .xlsx/.csv files into any declared register (dry run, then one all-or-nothing transaction)
and export of a register's current list. The GUI import wizard and the CLI use exactly this API."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.domain.enums import SecretLevel
from app.domain.errors import ValidationFailed
from app.importing.errors import ExportFileError, ImportFileError, ImportRefused
from app.importing.plan import ColumnMapping, ImportPlan, ImportResult, RowError
from app.services import audit
from app.services.actor import Actor

__all__ = [
    "ColumnMapping",
    "ExportFileError",
    "ImportFileError",
    "ImportPlan",
    "ImportRefused",
    "ImportResult",
    "ImportService",
    "RowError",
]


class ImportService:
    def __init__(self, services: Any) -> None:
        self.services = services

    def _analyse(
        self,
        actor: Actor,
        register: str,
        path: Path,
        mapping: Mapping[int, str | None] | None,
        headers: Mapping[str, str | None] | None,
    ) -> Any:
        from app.importing.analyse import analyse_file

        reg = self.services.catalog.get(register)
        actor.require_role(*reg.write_roles, action=f"导入{reg.title}")
        machine = self.services.registers.machine_level()
        refusal = self.services.registers.level_refusal

        def rows_check(rows: list[tuple[int, dict[str, Any]]]) -> dict[int, Mapping[str, str]]:
            found: dict[int, dict[str, str]] = {}
            for number, values in rows:  # 本机密级: each row above it is named, nothing is written
                level = values.get("secret_level")
                problem = refusal(actor, SecretLevel(level), machine) if reg.classified and level else None
                if problem:
                    found[number] = {"secret_level": problem}
            if reg.db_validator:
                with self.services.db.read() as s:
                    for number, values in rows:
                        errs = reg.db_validator(s, values, None)
                        if errs:
                            found[number] = {**errs, **found.get(number, {})}
            return found

        return analyse_file(
            reg, Path(path), mapping=mapping, aliases=headers, can_see=actor.can_see, rows_check=rows_check
        )

    def plan(
        self,
        actor: Actor,
        register: str,
        path: Path,
        mapping: Mapping[int, str | None] | None = None,
        *,
        headers: Mapping[str, str | None] | None = None,
    ) -> ImportPlan:
        """Dry run: the column mapping and every row error; writes nothing.

        ``mapping`` overrides column index → field name (or label; None = 忽略); ``headers`` maps header
        texts the register does not know to a field (the CLI's --map 列名=字段名)."""
        return self._analyse(actor, register, path, mapping, headers).plan

    def run(
        self,
        actor: Actor,
        register: str,
        path: Path,
        mapping: Mapping[int, str | None] | None = None,
        skip_invalid: bool = False,
        *,
        headers: Mapping[str, str | None] | None = None,
    ) -> ImportResult:
        """Import every row in one transaction. With errors: raise ImportRefused (nothing written), or
        with ``skip_invalid`` import only the valid rows and list the skipped ones."""
        analysis = self._analyse(actor, register, path, mapping, headers)
        plan = analysis.plan
        if plan.errors and not skip_invalid:
            raise ImportRefused(plan)
        skipped = plan.total_rows - len(analysis.rows)
        if not analysis.rows:
            return ImportResult(0, skipped, plan.errors)
        detail = {"file": plan.file, "sheet": plan.sheet, "total": plan.total_rows, "skipped": skipped}
        if skipped:
            detail["skipped_rows"] = sorted({e.row for e in plan.errors})[:200]
        try:
            ids = self.services.registers.bulk_create(
                actor, register, [values for _, values in analysis.rows], action="import", detail=detail
            )
        except ValidationFailed as e:
            # A database check failed inside the transaction (state changed since the dry run): nothing
            # was written; report it against the spreadsheet row, as the dry run would.
            raise ImportRefused(self._with_row_errors(analysis, e)) from None
        return ImportResult(len(ids), skipped, plan.errors, tuple(ids))

    @staticmethod
    def _with_row_errors(analysis: Any, e: ValidationFailed) -> ImportPlan:
        from dataclasses import replace

        numbers = [n for n, _ in analysis.rows]
        headers = {c.field: c.header for c in analysis.plan.columns if c.field}
        added = []
        for key, message in e.errors.items():
            parts = key.split(":", 2)
            if (
                len(parts) == 3
                and parts[0] == "row"
                and parts[1].isdigit()
                and 0 < int(parts[1]) <= len(numbers)
            ):
                added.append(
                    RowError(
                        numbers[int(parts[1]) - 1],
                        headers.get(parts[2], ""),
                        re.sub(r"^第\d+行：", "", message),
                    )
                )
            else:
                added.append(RowError(analysis.plan.header_row, "", message))
        errors = tuple(sorted((*analysis.plan.errors, *added), key=lambda err: err.row))
        return replace(
            analysis.plan, errors=errors, valid_rows=analysis.plan.valid_rows - len({r.row for r in added})
        )

    def export(
        self,
        actor: Actor,
        register: str,
        path: Path,
        *,
        search: str = "",
        filters: Mapping[str, Any] | None = None,
        sort: tuple[str, bool] | None = None,
    ) -> int:
        """Write the register's current list (same search, filters and sort as the table) to .xlsx/.csv."""
        from app.importing.export import write_export

        reg = self.services.catalog.get(register)
        actor.require_role(*reg.read_roles, action=f"导出{reg.title}")
        self.services.registers.require_exportable(reg)
        path = Path(path)
        records = self.services.registers.iter_records(
            actor, register, search=search, filters=filters, sort=sort
        )
        count = write_export(reg, records, path)
        safe_filters = {
            k: (list(v) if isinstance(v, (tuple, set, list)) else v) for k, v in (filters or {}).items()
        }
        with self.services.db.write() as s:
            audit.record(
                s,
                actor,
                "export",
                reg.key,
                "",
                detail={"rows": count, "file": path.name, "search": search, "filters": safe_filters},
            )
        return count

"""Import of .xlsx/.csv files into any declared register (dry run, then one all-or-nothing transaction)
and export of a register's current list. The GUI import wizard and the CLI use exactly this API."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.domain.enums import SecretLevel
from app.domain.errors import ValidationFailed
from app.importing.errors import ExportFileError, ImportFileError, ImportRefused
from app.importing.plan import ColumnMapping, ImportPlan, ImportResult, NewTerms, RowError, RowWarning
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

    def _options(
        self,
        actor: Actor,
        reg: Any,
        mapping: Mapping[int, str | None] | None,
        headers: Mapping[str, str | None] | None,
        sheets: Sequence[str] | None,
        renumber: bool,
    ) -> Any:
        from app.importing.analyse import Options

        template = None
        if reg.numbering is not None:
            with self.services.db.read() as s:
                template = self.services.registers._number_template(s, reg)
        return Options(mapping, headers, sheets, renumber, actor.can_see, template)

    def _analyse(
        self,
        actor: Actor,
        register: str,
        path: Path,
        mapping: Mapping[int, str | None] | None,
        headers: Mapping[str, str | None] | None,
        sheets: Sequence[str] | None = None,
        renumber: bool = False,
    ) -> Any:
        from app.importing.analyse import analyse_file
        from app.kit.import_writer import clashes, history_errors

        reg = self.services.catalog.get(register)
        actor.require_role(*reg.write_roles, action=f"导入{reg.title}")
        options = self._options(actor, reg, mapping, headers, sheets, renumber)
        machine = self.services.registers.machine_level()
        refusal = self.services.registers.level_refusal
        vocabularies = reg.history.vocabularies
        tables: dict[str, set[str]] = {}  # field -> the office's table today (read once)
        new_terms: dict[str, dict[str, set[Any]]] = {v.field: {} for v in vocabularies}  # term -> rows

        def rows_check(rows: list[Any]) -> dict[Any, list[tuple[str, str]]]:
            found: dict[Any, list[tuple[str, str]]] = {}
            for row in rows:  # 本机密级: each row above it is named, nothing is written
                level = row.values.get("secret_level")
                problem = refusal(actor, SecretLevel(level), machine) if reg.classified and level else None
                if problem:
                    found.setdefault(row.key, []).append(("secret_level", problem))
            with self.services.db.read() as s:
                for key, problems in clashes(s, reg, rows, actor.can_see).items():
                    found.setdefault(key, []).extend(problems)
                if vocabularies and not tables:
                    tables.update({v.field: set(v.terms(s)) for v in vocabularies})
                for row in rows if reg.db_validator or vocabularies else ():
                    errs = dict(reg.db_validator(s, row.values, None)) if reg.db_validator else {}
                    errs = history_errors(reg, row, errs)
                    for v in vocabularies:  # the book's own 会议类型 is added to the table, not refused
                        term = str(row.values.get(v.field) or "").strip()
                        if term and term not in tables[v.field]:
                            new_terms[v.field].setdefault(term, set()).add(row.key)
                            errs.pop(v.field, None)
                    if errs:
                        found.setdefault(row.key, []).extend(errs.items())
            return found

        analysis = analyse_file(reg, Path(path), rows_check=rows_check, options=options)
        refused = {row.key for row, _ in analysis.refused}
        added = []
        for v in vocabularies:  # only what rows that will be imported use
            terms = tuple(t for t, keys in new_terms[v.field].items() if keys - refused)
            if terms:
                added.append(NewTerms(v.field, v.label, terms, v.message(terms)))
        if added:
            plan = analysis.plan
            notes = tuple(RowWarning(0, "", n.message) for n in added)
            analysis.plan = replace(plan, new_terms=tuple(added), warnings=notes + plan.warnings)
        return analysis, options

    def plan(
        self,
        actor: Actor,
        register: str,
        path: Path,
        mapping: Mapping[int, str | None] | None = None,
        *,
        headers: Mapping[str, str | None] | None = None,
        sheets: Sequence[str] | None = None,
        renumber: bool = False,
    ) -> ImportPlan:
        """Dry run: the column mapping (and how each column was recognised), every row error and every
        warning; writes nothing.

        ``mapping`` overrides column index → field name (or label; None = 忽略); ``headers`` maps header
        texts the register does not know to a field (the CLI's --map 列名=字段名); ``sheets`` chooses
        worksheets (default: every sheet with a header); ``renumber`` ignores the book's numbers."""
        return self._analyse(actor, register, path, mapping, headers, sheets, renumber)[0].plan

    def run(
        self,
        actor: Actor,
        register: str,
        path: Path,
        mapping: Mapping[int, str | None] | None = None,
        skip_invalid: bool = False,
        *,
        headers: Mapping[str, str | None] | None = None,
        sheets: Sequence[str] | None = None,
        renumber: bool = False,
        rejects: Path | None = None,
    ) -> ImportResult:
        """Import every row in one transaction. With errors: raise ImportRefused (nothing written), or
        with ``skip_invalid`` import only the valid rows and write the refused ones to ``rejects`` (by
        default next to the file) for the clerk to correct and import again."""
        from app.importing.analyse import stream_rows
        from app.importing.rows import Row
        from app.kit.import_writer import RowFailed, write_rows

        analysis, options = self._analyse(actor, register, path, mapping, headers, sheets, renumber)
        plan = analysis.plan
        reg = self.services.catalog.get(register)
        if plan.errors and not skip_invalid:
            self._audit_refused(actor, reg, plan)
            raise ImportRefused(plan)
        skipped = plan.total_rows - plan.valid_rows
        rejects_file = ""
        if skipped and analysis.refused:
            from app.importing.rejects import write_rejects

            target = Path(rejects) if rejects else Path(path).with_name(f"{Path(path).stem}-未导入的行.xlsx")
            rejects_file = str(write_rejects(analysis.refused, target))
        if plan.valid_rows == 0:
            return ImportResult(0, skipped, plan.errors, (), plan.warnings, rejects_file)
        if analysis.rows is not None:
            rows: Any = analysis.rows
        else:  # too many rows to hold: read the file again, in the same order, inside the transaction
            refused = {row.key for row, _ in analysis.refused}
            rows = (
                r
                for r in stream_rows(reg, Path(path), options)
                if isinstance(r, Row) and r.ok and r.key not in refused
            )
        detail: dict[str, Any] = {
            "file": plan.file,
            "sheet": plan.sheet,
            "total": plan.total_rows,
            "skipped": skipped,
            "kept_numbers": plan.kept_numbers,
            "new_numbers": plan.new_numbers,
            "flagged": plan.flagged,
            "marked": plan.marked,
            "kept_columns": [c.header for c in plan.columns if c.kept],
            "result": "imported",
        }
        if plan.new_terms:
            detail["added_terms"] = {n.label: list(n.terms) for n in plan.new_terms}
        if skipped:
            detail["skipped_rows"] = sorted({e.row for e in plan.errors})[:200]
        try:
            ids = write_rows(
                self.services.registers,
                actor,
                reg,
                rows,
                analysis.kept_max,
                plan.file,
                detail,
                new_terms=plan.new_terms,
            )
        except RowFailed as e:
            # A database check failed inside the transaction (state changed since the dry run): nothing
            # was written; report it against the spreadsheet row, as the dry run would.
            headers_of = {c.field: c.header for c in plan.columns if c.field}
            added = tuple(
                RowError(e.row.number, headers_of.get(k, ""), m, e.row.sheet if plan.sheets[1:] else "")
                for k, m in e.errors.items()
            )
            errors = tuple(sorted(plan.errors + added, key=lambda err: err.row))
            raise ImportRefused(replace(plan, errors=errors, valid_rows=plan.valid_rows - 1)) from None
        except ValidationFailed as e:
            added = tuple(RowError(plan.header_row, "", m) for m in e.errors.values())
            raise ImportRefused(replace(plan, errors=plan.errors + added)) from None
        return ImportResult(
            len(ids),
            skipped,
            plan.errors,
            tuple(ids),
            plan.warnings,
            rejects_file,
            added_terms=plan.new_terms,
            marked=plan.marked,
        )

    def _audit_refused(self, actor: Actor, reg: Any, plan: ImportPlan) -> None:
        with self.services.db.write() as s:
            audit.record(
                s,
                actor,
                "import",
                reg.key,
                "",
                result="refused",  # in the entry itself: the auditor sees it without business content
                detail={
                    "rows": 0,
                    "file": plan.file,
                    "total": plan.total_rows,
                    "errors": len(plan.errors),
                    "result": "refused",
                },
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


def imported_lines(record: Any) -> list[tuple[str, str]]:
    """What a record's details show of its import: (label, text) lines — provenance, what the book did not
    have, 份号待补, and every kept column of the office's book (原表其他列). [] for a live record."""
    import json

    lines: list[tuple[str, str]] = []
    at = record["imported_at"]
    if at:
        source = record["import_source"] or ""
        lines.append(("导入", f"{record['imported_by']} 于 {at:%Y-%m-%d %H:%M} 从 {source} 导入的历史记录"))
    if record["import_missing"]:
        lines.append(("原表缺少", record["import_missing"]))
    if record["copy_no_pending"]:
        lines.append(("份号", "份号待补（导入的涉密记录没有份号，请补登）"))
    for note in (record["import_rule_notes"] or "").splitlines():
        lines.append(("不符合现行规则", f"{note}（按原表导入）"))
    extra = record["extra_columns"]
    if extra:
        try:
            kept = json.loads(extra)
        except ValueError:
            kept = {"原表其他列": extra}
        for header, text in kept.items():
            lines.append((f"原表其他列·{header}", str(text)))
    return lines

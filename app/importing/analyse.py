"""The dry run: choose the sheet and header row, map the columns, coerce and validate every data row with
the register's declaration, and collect row errors. Writes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, time
from pathlib import Path
from typing import Any

from app.domain.enums import SecretLevel
from app.domain.errors import ValidationFailed
from app.importing.errors import ImportFileError
from app.importing.headers import (
    HEADER_SCAN_ROWS,
    find_header,
    header_index,
    map_columns,
    normalise_header,
    resolve_field,
)
from app.importing.plan import ColumnMapping, ImportPlan, RowError
from app.importing.sources import Table, cell_text, read_tables
from app.kit.registers.base import DATE, INT, MULTILINE, TEXT, Register
from app.kit.registers.values import validate

MAX_CELL_CHARS = 32767  # Excel's own limit for one cell
PREVIEW_ROWS = 20
PREVIEW_CHARS = 200


# Checks that need the database (Register.db_validator), given all valid rows at once:
# [(row number, values)] -> {row number: {field: Chinese message}}
RowsCheck = Callable[[list[tuple[int, dict[str, Any]]]], Mapping[int, Mapping[str, str]]]


@dataclass
class Analysis:
    plan: ImportPlan
    rows: list[tuple[int, dict[str, Any]]]  # valid rows: (row number, typed values)


def analyse_file(
    register: Register,
    path: Path,
    *,
    mapping: Mapping[int, str | None] | None = None,
    aliases: Mapping[str, str | None] | None = None,
    can_see: Callable[[SecretLevel], bool] = lambda level: True,
    rows_check: RowsCheck | None = None,
) -> Analysis:
    path = Path(path)
    aliases = {text: resolve_field(register, target) for text, target in (aliases or {}).items()}
    index = header_index(register, aliases)
    minimum = min(2, len(register.form_fields))
    seen_rows = 0
    for table in read_tables(path):
        pos = find_header(table, index, minimum)
        if pos is not None:
            analysis = analyse_table(register, table, pos, index, mapping, can_see, aliases)
            return apply_rows_check(analysis, rows_check) if rows_check else analysis
        seen_rows += len(table.rows)
    if seen_rows == 0:
        raise ImportFileError(f"文件“{path.name}”中没有任何数据")
    examples = "、".join(f.label for f in register.form_fields[:6])
    raise ImportFileError(
        f"在文件“{path.name}”的前 {HEADER_SCAN_ROWS} 行中找不到{register.title}的表头。"
        f"表头一行应写明各列的名称，如：{examples}"
    )


def _raw_value(kind: str, value: Any) -> Any:
    """Spreadsheet cell → what coerce() expects for this kind of field."""
    if kind in (TEXT, MULTILINE) and not isinstance(value, str):
        return None if value is None else cell_text(value)
    if kind == DATE and isinstance(value, time):
        return None  # a bare time in a date column: treated as empty, reported if required
    if kind == INT and isinstance(value, datetime):
        return cell_text(value)  # fails as 应为整数 instead of becoming a serial number
    return value


def analyse_table(
    register: Register,
    table: Table,
    pos: int,
    index: Mapping[str, str | None],
    mapping: Mapping[int, str | None] | None,
    can_see: Callable[[SecretLevel], bool],
    aliases: Mapping[str, str | None] | None = None,
) -> Analysis:
    header_number, header = table.rows[pos]
    present = {normalise_header(v) for v in header}
    unknown = [text for text in aliases or {} if normalise_header(text) not in present]
    if unknown:
        names = "、".join(t for t in (cell_text(v).strip() for v in header) if t)
        raise ValidationFailed(
            {"mapping": f"表头（第 {header_number} 行）中没有“{'、'.join(unknown)}”列。表头的列有：{names}"}
        )
    columns = map_columns(register, header, index, mapping)
    mapped = [c for c in columns if c.field]
    by_field = {c.field: c for c in mapped}
    header_key = [normalise_header(header[c.index]) for c in mapped]
    errors: list[RowError] = []
    missing = [f for f in register.form_fields if f.required and f.default is None and f.name not in by_field]
    for f in missing:
        errors.append(
            RowError(header_number, f.label, f"表格中没有“{f.label}”列，这是必填项（可在列对应中指定）")
        )
    missing_names = {f.name for f in missing}
    valid: list[tuple[int, dict[str, Any]]] = []
    preview: list[tuple[str, ...]] = []
    total = 0
    for number, cells in table.rows[pos + 1 :]:
        if mapped and [normalise_header(cells[c.index]) for c in mapped] == header_key:
            continue  # the header repeated (printed page by page, or a header merged over two rows)
        total += 1
        if len(preview) < PREVIEW_ROWS:
            preview.append(tuple(cell_text(v)[:PREVIEW_CHARS] for v in cells))
        row_errors = _check_row(register, number, cells, mapped, by_field, missing_names, can_see)
        if isinstance(row_errors, dict):
            if not missing:
                valid.append((number, row_errors))
        else:
            errors.extend(row_errors)
    if total == 0:
        raise ImportFileError(f"文件“{table.file}”第 {header_number} 行是表头，但下面没有数据")
    plan = ImportPlan(
        register=register.key,
        file=table.file,
        header_row=header_number,
        columns=tuple(columns),
        total_rows=total,
        valid_rows=len(valid),
        errors=tuple(errors),
        preview=tuple(preview),
        sheet=table.sheet,
    )
    return Analysis(plan, valid)


def _check_row(
    register: Register,
    number: int,
    cells: list[Any],
    mapped: Iterable[ColumnMapping],
    by_field: Mapping[str | None, ColumnMapping],
    missing: set[str],
    can_see: Callable[[SecretLevel], bool],
) -> dict[str, Any] | list[RowError]:
    """Typed values of a valid row, or its errors (in column order)."""
    raw: dict[str, Any] = {}
    too_long: list[RowError] = []
    for c in mapped:
        assert c.field is not None
        value = cells[c.index]
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            too_long.append(
                RowError(number, c.header, f"单元格内容过长（{len(value)} 个字，最多 {MAX_CELL_CHARS} 个字）")
            )
            missing = missing | {c.field}
            continue
        f = register.field(c.field)
        if f.default is not None and (value is None or (isinstance(value, str) and not value.strip())):
            continue  # an empty 密级/紧急程度 cell means the usual value (非密, 平件), as in the form
        raw[c.field] = _raw_value(f.kind, value)
    values, field_errors = validate(register, raw)
    for name in missing:
        field_errors.pop(name, None)
    level = values.get("secret_level")
    if (
        register.classified
        and level
        and "secret_level" not in field_errors
        and not can_see(SecretLevel(level))
    ):
        field_errors["secret_level"] = f"您的涉密等级不足，不能登记{SecretLevel(level).label}级记录"
    if not field_errors and not too_long:
        return values
    order = {c.field: c.index for c in mapped}
    result = list(too_long)
    for name, message in sorted(field_errors.items(), key=lambda kv: order.get(kv[0], 10**6)):
        column = by_field[name].header if name in by_field else _label(register, name)
        result.append(RowError(number, column, message))
    return result


def _label(register: Register, name: str) -> str:
    try:
        return register.field(name).label
    except KeyError:
        return ""


def apply_rows_check(analysis: Analysis, rows_check: RowsCheck) -> Analysis:
    """Move the rows the database-dependent checks reject from the valid rows to the errors."""
    failed = rows_check(analysis.rows) if analysis.rows else {}
    if not failed:
        return analysis
    plan = analysis.plan
    by_field = {c.field: c.header for c in plan.columns if c.field}
    added = [
        RowError(number, by_field.get(name, ""), message)
        for number, errs in failed.items()
        for name, message in errs.items()
    ]
    errors = tuple(sorted((*plan.errors, *added), key=lambda e: e.row))  # stable: column order kept per row
    rows = [(n, v) for n, v in analysis.rows if n not in failed]
    return Analysis(replace(plan, errors=errors, valid_rows=len(rows)), rows)

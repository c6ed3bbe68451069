"""The dry run: choose the sheets and header rows, map the columns, check every data row with the register's
declaration (streamed, a chunk at a time for the database checks) and collect row errors and warnings.
Writes nothing. The same stream feeds the import itself."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from app.domain.enums import SecretLevel
from app.domain.errors import ValidationFailed
from app.importing.errors import ImportFileError
from app.importing.headers import (
    HEADER_SCAN_ROWS,
    find_header,
    header_index,
    import_fields,
    map_columns,
    normalise_header,
    resolve_field,
)
from app.importing.plan import ColumnMapping, ImportPlan, RowError, RowWarning, SheetPlan
from app.importing.recognise import is_total_row
from app.importing.rows import MAX_CELL_CHARS, Row, SheetContext, check_row
from app.importing.sources import Table, cell_text, read_tables
from app.kit.registers.base import DATE, DATETIME, Register

__all__ = ["MAX_CELL_CHARS", "Analysis", "Options", "analyse_file", "stream_rows"]

PREVIEW_ROWS = 20
PREVIEW_CHARS = 200
CHUNK = 2000
KEEP_ROWS = 20_000  # up to this many checked rows stay in memory for the import; beyond, it re-reads

# Checks that need the database, given a chunk of valid rows: -> {row key: [(column field, message)]}
RowsCheck = Callable[[list[Row]], Mapping[tuple[str, int], Sequence[tuple[str, str]]]]


@dataclass
class Options:
    mapping: Mapping[int, str | None] | None = None
    aliases: Mapping[str, str | None] | None = None
    sheets: Sequence[str] | None = None  # None: every sheet that has the register's header
    renumber: bool = False
    can_see: Callable[[SecretLevel], bool] = lambda level: True
    template: str | None = None  # the register's number format in this office


@dataclass
class Analysis:
    plan: ImportPlan
    rows: list[Row] | None  # the valid rows, or None when there were too many to keep (re-read them)
    kept_max: dict[tuple[str, int], int] = field(default_factory=dict)  # (series, year) -> highest kept
    refused: list[tuple[Row, list[str]]] = field(default_factory=list)  # (row, its header) of bad rows


@dataclass
class _Sheet:
    table: Table
    pos: int
    ctx: SheetContext
    header: list[Any]


def _sheets(register: Register, path: Path, options: Options) -> Iterator[_Sheet | RowWarning]:
    aliases = {t: resolve_field(register, v) for t, v in (options.aliases or {}).items()}
    index = header_index(register, aliases)
    minimum = min(2, len(register.form_fields))
    wanted = set(options.sheets or ())
    chosen = set(wanted)
    seen_rows, found, first_header = 0, 0, None
    for table in read_tables(path):
        if wanted and table.sheet not in wanted:
            continue
        chosen.discard(table.sheet)
        pos = find_header(table, index, minimum)
        seen_rows += len(table.rows)
        if pos is None:
            if table.rows:
                yield RowWarning(0, "", "找不到表头，此工作表未导入", table.sheet)
            continue
        header_number, header = table.rows[pos]
        if aliases and found == 0:
            present = {normalise_header(v) for v in header}
            unknown = [t for t in aliases if normalise_header(t) not in present]
            if unknown:
                names = "、".join(t for t in (cell_text(v).strip() for v in header) if t)
                raise ValidationFailed(
                    {
                        "mapping": f"表头（第 {header_number} 行）中没有“{'、'.join(unknown)}”列。"
                        f"表头的列有：{names}"
                    }
                )
        key = [normalise_header(v) for v in header]
        first_header = first_header or key
        overrides = options.mapping if options.mapping and key == first_header else None
        sample = [cells for _, cells in table.rows[pos + 1 :]]
        columns = map_columns(
            register, header, index, overrides, sample, renumber=options.renumber, hidden=table.hidden_columns
        )
        mapped = {c.field for c in columns if c.field}
        missing = {
            f.name
            for f in import_fields(register)
            if f.in_form and f.required and not f.live_only and f.default is None and f.name not in mapped
        }
        ctx = SheetContext(register, table.sheet, columns, missing, options.can_see, options.template)
        ctx.renumber = options.renumber
        found += 1
        yield _Sheet(table, pos, ctx, header)
    if chosen:
        raise ImportFileError(f"文件“{Path(path).name}”中没有工作表“{'、'.join(sorted(chosen))}”")
    if found == 0:
        if seen_rows == 0:
            raise ImportFileError(f"文件“{Path(path).name}”中没有任何数据")
        examples = "、".join(f.label for f in register.form_fields[:6])
        raise ImportFileError(
            f"在文件“{Path(path).name}”的前 {HEADER_SCAN_ROWS} 行中找不到{register.title}的表头。"
            f"表头一行应写明各列的名称，如：{examples}"
        )


def stream_rows(
    register: Register, path: Path, options: Options, sink: Callable[[_Sheet], None] | None = None
) -> Iterator[Row | RowWarning]:
    """Every data row of every chosen sheet, checked (not yet against the database), in file order;
    sheet-level warnings are yielded as RowWarning; ``sink`` hears of each sheet as it starts."""
    for item in _sheets(register, Path(path), options):
        if isinstance(item, RowWarning):
            yield item
            continue
        if sink:
            sink(item)
        mapped = [c for c in item.ctx.columns if c.field]
        header_key = [normalise_header(item.header[c.index]) for c in mapped]
        for number, cells in _after(item):
            first = cells[mapped[0].index] if mapped and mapped[0].index < len(cells) else None
            if (
                mapped
                and normalise_header(first) == header_key[0]
                and [normalise_header(cells[c.index] if c.index < len(cells) else None) for c in mapped]
                == header_key
            ):
                continue  # the header repeated (printed page by page, or a header merged over two rows)
            if is_total_row(cells):
                yield RowWarning(number, "", "合计/小计行，不是登记的记录，未导入", item.ctx.sheet)
                continue
            yield check_row(item.ctx, number, cells)


def _after(item: _Sheet) -> Iterator[tuple[int, list[Any]]]:
    rows = item.table.all_rows()
    for _ in range(item.pos + 1):
        next(rows)
    return rows


def analyse_file(
    register: Register,
    path: Path,
    *,
    mapping: Mapping[int, str | None] | None = None,
    aliases: Mapping[str, str | None] | None = None,
    can_see: Callable[[SecretLevel], bool] = lambda level: True,
    rows_check: RowsCheck | None = None,
    options: Options | None = None,
    keep: int | None = None,
) -> Analysis:
    options = options or Options(mapping=mapping, aliases=aliases, can_see=can_see)
    keep = KEEP_ROWS if keep is None else keep
    sheets: list[_Sheet] = []
    errors: list[RowError] = []
    warnings: list[RowWarning] = []
    preview: list[tuple[str, ...]] = []
    kept: list[Row] | None = []
    refused: list[tuple[Row, list[str]]] = []
    kept_max: dict[tuple[str, int], int] = {}
    numbers_seen: dict[tuple[str, int, int], tuple[str, int]] = {}
    totals = {"total": 0, "valid": 0, "kept": 0, "new": 0, "flagged": 0, "history": 0, "marked": 0}
    per_sheet: dict[str, int] = {}
    chunk: list[Row] = []

    def start(sheet: _Sheet) -> None:
        sheets.append(sheet)
        number = sheet.table.rows[sheet.pos][0]
        for name in sorted(sheet.ctx.missing_columns, key=lambda n: register.field(n).label):
            label = register.field(name).label
            errors.append(
                RowError(
                    number, label, f"表格中没有“{label}”列，这是必填项（可在列对应中指定）", sheet.ctx.sheet
                )
            )

    def settle(rows: list[Row]) -> None:
        nonlocal kept
        if rows_check and rows:
            for key, problems in rows_check([r for r in rows if r.ok]).items():
                row = next(r for r in rows if r.key == key)
                headers = {c.field: c.header for c in _sheet_of(row).ctx.columns if c.field}
                for name, message in problems:
                    row.errors.append(RowError(row.number, headers.get(name, ""), message, row.sheet))
        for row in rows:
            if row.ok:
                totals["valid"] += 1
                if row.kept:
                    k = (row.kept.series, row.kept.year)
                    kept_max[k] = max(kept_max.get(k, 0), row.kept.seq)
                    totals["kept"] += 1
                else:
                    totals["new"] += 1
                totals["flagged"] += row.pending
                totals["history"] += bool(row.missing)
                if row.missing:
                    warnings.append(
                        RowWarning(
                            row.number, "", f"导入为历史记录，缺少：{'、'.join(row.missing)}", row.sheet
                        )
                    )
                warnings.extend(row.warnings)
                if row.marks:
                    totals["marked"] += 1
                    warnings.append(
                        RowWarning(
                            row.number,
                            "",
                            f"不符合现行规则（{'；'.join(row.marks)}），按原表导入并标注",
                            row.sheet,
                        )
                    )
                if kept is not None:
                    kept.append(row)
                    if len(kept) > keep:
                        kept = None
            else:
                errors.extend(row.errors)
                refused.append((row, _sheet_of(row).header))

    def _sheet_of(row: Row) -> _Sheet:
        return next(s for s in reversed(sheets) if s.ctx.sheet == row.sheet)

    for item in stream_rows(register, path, options, start):
        if isinstance(item, RowWarning):
            warnings.append(item)
            continue
        totals["total"] += 1
        per_sheet[item.sheet] = per_sheet.get(item.sheet, 0) + 1
        if len(preview) < PREVIEW_ROWS and item.sheet == sheets[0].ctx.sheet:
            preview.append(_preview(item, sheets[0].ctx))
        if item.kept and item.ok:
            k3 = (item.kept.series, item.kept.year, item.kept.seq)
            if k3 in numbers_seen:
                sheet, first_row = numbers_seen[k3]
                where = f"工作表“{sheet}”" if sheet and sheet != item.sheet else ""
                item.errors.append(
                    RowError(
                        item.number,
                        next((c.header for c in _sheet_of(item).ctx.columns if c.field == "number"), ""),
                        f"{register.number_label}“{item.kept.text}”与{where}第 {first_row} 行重复",
                        item.sheet,
                    )
                )
            else:
                numbers_seen[k3] = (item.sheet, item.number)
        chunk.append(item)
        if len(chunk) >= CHUNK:
            settle(chunk)
            chunk = []
    settle(chunk)
    if totals["total"] == 0:
        first = sheets[0]
        raise ImportFileError(
            f"文件“{first.table.file}”第 {first.table.rows[first.pos][0]} 行是表头，但下面没有数据"
        )
    errors.sort(key=lambda e: ([s.ctx.sheet for s in sheets].index(e.sheet) if e.sheet else 0, e.row))
    first = sheets[0]
    multi = len(sheets) > 1
    if not multi:
        errors = [RowError(e.row, e.column, e.message) for e in errors]
        warnings = [w if w.row == 0 else RowWarning(w.row, w.column, w.message) for w in warnings]
    plan = ImportPlan(
        register=register.key,
        file=first.table.file,
        header_row=first.table.rows[first.pos][0],
        columns=tuple(first.ctx.columns),
        total_rows=totals["total"],
        valid_rows=totals["valid"],
        errors=tuple(errors),
        preview=tuple(preview),
        sheet="、".join(s.ctx.sheet for s in sheets if s.ctx.sheet),
        warnings=tuple(_column_warnings(sheets) + warnings),
        sheets=tuple(
            SheetPlan(
                s.ctx.sheet, s.table.rows[s.pos][0], tuple(s.ctx.columns), per_sheet.get(s.ctx.sheet, 0)
            )
            for s in sheets
        ),
        kept_numbers=totals["kept"],
        new_numbers=totals["new"],
        flagged=totals["flagged"],
        history=totals["history"],
        marked=totals["marked"],
    )
    return Analysis(plan, kept, kept_max, refused)


def _preview(row: Row, ctx: SheetContext) -> tuple[str, ...]:
    """A preview row as the clerk can check it: a date cell that lost its format (45656.426389) is
    shown as the date it is read as, everything else as written."""
    cells = [cell_text(v)[:PREVIEW_CHARS] for v in row.cells]
    for c in ctx.columns:
        f = ctx.by_name.get(c.field or "")
        raw = row.cells[c.index] if c.index < len(row.cells) else None
        value = row.values.get(c.field or "")
        if f is None or f.kind not in (DATE, DATETIME) or not isinstance(raw, (int, float)) or value is None:
            continue
        cells[c.index] = f"{value:%Y-%m-%d %H:%M}" if isinstance(value, datetime) else f"{value:%Y-%m-%d}"
    return tuple(cells)


def _column_warnings(sheets: list[_Sheet]) -> list[RowWarning]:
    out = []
    for s in sheets:
        number = s.table.rows[s.pos][0]
        for c in s.ctx.columns:
            if c.kept:
                out.append(
                    RowWarning(
                        number,
                        c.header,
                        f"第 {c.letter} 列未对应字段，随记录保存为原表其他列"
                        + (f"（{c.note}）" if c.note else ""),
                        s.ctx.sheet if len(sheets) > 1 else "",
                    )
                )
    return out


def columns_of(plan: ImportPlan) -> Sequence[ColumnMapping]:
    return plan.columns

"""Checking one data row of an office's book against the register: typed values, the kept number, the
final state, what the live workflow would have filled but the book lacks, 份号待补, kept columns."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

from app.domain.enums import SecretLevel
from app.domain.text import from_csv_cell
from app.importing.headers import EXTRA, NUMBER, VOID, import_fields
from app.importing.numbers import KeptNumber, parse_number
from app.importing.plan import ColumnMapping, RowError, RowWarning
from app.importing.sources import FORMULA, cell_text
from app.kit.registers.base import CHOICE, DATE, INT, MULTILINE, TEXT, Field, Register
from app.kit.registers.values import coerce

MAX_CELL_CHARS = 32767  # Excel's own limit for one cell
FORMULA_MESSAGE = "该单元格是公式，但文件中没有保存计算结果：请在 Excel 中打开、保存后再导入，或改为填写数值"


@dataclass
class Row:
    sheet: str
    number: int  # spreadsheet row number
    cells: list[Any]
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowWarning] = field(default_factory=list)
    kept: KeptNumber | None = None
    extra: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    pending: bool = False
    voided: bool = False
    void_reason: str = ""
    blocked: bool = False
    marks: list[str] = field(default_factory=list)  # live approval rules the row breaks (kept, marked)

    @property
    def key(self) -> tuple[str, int]:
        return self.sheet, self.number

    @property
    def ok(self) -> bool:
        return not self.errors and not self.blocked


@dataclass
class SheetContext:
    register: Register
    sheet: str
    columns: Sequence[ColumnMapping]
    missing_columns: set[str]  # required fields without a column (the sheet-wide error is reported once)
    can_see: Callable[[SecretLevel], bool]
    template: str | None = None
    renumber: bool = False
    # computed once per sheet: Register.field() rebuilds the base fields on every call
    by_name: dict[str, Field] = field(default_factory=dict)
    fields: list[Field] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.by_name = {f.name: f for f in self.register.all_fields}
        mapped = {c.field for c in self.columns if c.field}
        self.fields = [f for f in import_fields(self.register) if f.name in mapped or f.in_form]


def _raw_value(kind: str, value: Any) -> Any:
    """Spreadsheet cell → what coerce() expects for this kind of field."""
    if kind in (TEXT, MULTILINE) and not isinstance(value, str):
        return None if value is None else cell_text(value)
    if kind == DATE and isinstance(value, time):
        return None  # a bare time in a date column: treated as empty, reported if required
    if kind == INT and isinstance(value, datetime):
        return cell_text(value)  # fails as 应为整数 instead of becoming a serial number
    return value


def _state_value(register: Register, text: Any) -> Any:
    """A state column's 已办结/在办/已印发 … → the state's label (which coerce understands)."""
    h = register.history
    if not isinstance(text, str):
        return text
    word = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    value = h.state_words.get(word)
    if value is None:
        return text
    f = register.field(h.state_field)
    assert f.choices is not None
    return f.choices(value).label


def _void(text: str) -> tuple[bool, str]:
    text = text.strip()
    if not text or text in ("否", "未作废", "正常"):
        return False, ""
    reason = re.sub(r"^(已作废|作废|是)\s*[:：,，]?\s*", "", text)
    return True, reason


def _extra(text: str) -> dict[str, str]:
    try:
        data = json.loads(text)
    except ValueError:
        return {"原表其他列": text}
    if isinstance(data, dict):
        return {str(k): cell_text(v) for k, v in data.items()}
    return {"原表其他列": text}


def check_row(ctx: SheetContext, number: int, cells: list[Any]) -> Row:
    reg = ctx.register
    row = Row(ctx.sheet, number, cells)

    def error(column: str, message: str) -> None:
        row.errors.append(RowError(number, column, message, ctx.sheet))

    raw: dict[str, Any] = {}
    number_text: Any = None
    headers: dict[str, str] = {}
    for c in ctx.columns:
        value = cells[c.index] if c.index < len(cells) else None
        if isinstance(value, str):
            value = from_csv_cell(value)
        if c.kept:
            if value is not None and cell_text(value).strip():
                row.extra[c.header or f"第{c.letter}列"] = cell_text(value)
            continue
        if c.field is None:
            continue
        headers[c.field] = c.header
        if value is FORMULA:
            error(c.header, FORMULA_MESSAGE)
            continue
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            error(c.header, f"单元格内容过长（{len(value)} 个字，最多 {MAX_CELL_CHARS} 个字）")
            continue
        if c.field == NUMBER:
            number_text = value
            continue
        if c.field == VOID:
            row.voided, row.void_reason = _void(cell_text(value))
            continue
        if c.field == EXTRA:
            if value is not None and cell_text(value).strip():
                row.extra.update(_extra(cell_text(value)))
            continue
        f = ctx.by_name[c.field]
        if f.default is not None and (value is None or (isinstance(value, str) and not value.strip())):
            continue  # an empty 密级/紧急程度 cell means the usual value (非密, 平件), as in the form
        if c.field == reg.history.state_field:
            value = _state_value(reg, value)
        raw[c.field] = _raw_value(f.kind, value)
    failed = {e.column for e in row.errors}

    def column(name: str) -> str:
        if name in headers:
            return headers[name]
        f = ctx.by_name.get(name)
        return f.label if f else ""

    values: dict[str, Any] = {}
    field_errors: dict[str, str] = {}
    fields = [f for f in ctx.fields if f.name in raw or f.in_form]
    for f in fields:
        raw_value = raw.get(f.name, f.default if f.name not in raw and f.default is not None else None)
        if f.name not in raw and f.default is None and not f.in_form:
            continue
        try:
            values[f.name] = coerce(f, raw_value)
        except ValueError as e:
            field_errors[f.name] = str(e)
    # the number: kept as written, parsed into the register's series, year and sequence
    if number_text is not None and cell_text(number_text).strip() and not ctx.renumber:
        try:
            row.kept = parse_number(reg, number_text, values, ctx.template)
        except ValueError as e:
            field_errors[NUMBER] = str(e)
        n = reg.numbering
        if row.kept and n and n.series_field and not values.get(n.series_field):
            values[n.series_field] = row.kept.series
    elif NUMBER in headers and not ctx.renumber and reg.numbering:
        row.warnings.append(
            RowWarning(number, headers[NUMBER], f"没有{reg.number_label}，由系统编号", ctx.sheet)
        )
    for f in fields:
        if f.name in field_errors or not f.required or not f.in_form:
            continue
        if values.get(f.name) in (None, ""):
            if f.live_only:
                row.missing.append(f.label)
            elif f.name not in ctx.missing_columns:
                field_errors[f.name] = f"请填写{f.label}"
    for f in fields:
        if f.name in field_errors or f.validator is None or values.get(f.name) in (None, ""):
            continue
        message = f.validator(values.get(f.name), {**values})
        if message:
            field_errors[f.name] = message
    h = reg.history
    # no state in the book (no column, or an empty cell): the register derives it, over a form default
    # such as 筹备 that only suits a new record
    unstated = not values.get(h.state_field) or h.state_field not in raw
    if h.state_field and unstated and h.derive_state and not field_errors:
        state = h.derive_state(values)
        if state:
            values[h.state_field] = state
    level = values.get("secret_level")
    if reg.form_validator and not field_errors:
        for key, message in reg.form_validator(values).items():
            if key == h.copy_field and level and SecretLevel(level).is_classified:
                row.pending = True
            elif key in h.marked_checks:
                add_mark(row, rule_mark(reg, key, message))
            elif key in h.relaxed_checks or (key in ctx.by_name and ctx.by_name[key].live_only):
                row.missing.append(ctx.by_name[key].label if key in ctx.by_name else key)
            else:
                field_errors[key] = message
    if row.pending:
        row.warnings.append(
            RowWarning(number, column(h.copy_field), "涉密记录没有份号，导入后标注“份号待补”", ctx.sheet)
        )
    if (
        reg.classified
        and level
        and "secret_level" not in field_errors
        and not ctx.can_see(SecretLevel(level))
    ):
        field_errors["secret_level"] = f"您的涉密等级不足，不能登记{SecretLevel(level).label}级记录"
    for name in ctx.missing_columns:
        field_errors.pop(name, None)
    order = {c.field: c.index for c in ctx.columns if c.field}
    for name, message in sorted(field_errors.items(), key=lambda kv: order.get(kv[0], 10**6)):
        if column(name) not in failed:
            error(column(name), message)
    row.blocked = bool(ctx.missing_columns)  # the sheet lacks a required column (reported once)
    row.values = values
    return row


def rule_mark(register: Register, key: str, message: str) -> str:
    """陪餐人数：未安排工作餐，不应有陪餐人数 — the rule a historical row breaks, as the record shows it."""
    try:
        label = register.field(key).label
    except KeyError:
        return message
    return f"{label}：{message}"


def add_mark(row: Row, mark: str) -> None:
    if mark not in row.marks:  # the import re-runs the database checks the dry run ran
        row.marks.append(mark)


def provenance(file: str, sheet: str, number: int) -> str:
    return "／".join(p for p in (file, sheet, f"第{number}行") if p)[:300]


def extra_json(extra: Mapping[str, str]) -> str:
    return json.dumps(dict(extra), ensure_ascii=False) if extra else ""


def choice_label(register: Register, name: str, value: Any) -> str:
    f = register.field(name)
    if f.kind == CHOICE and f.choices is not None:
        try:
            return f.choices(value).label
        except ValueError:
            return str(value)
    return str(value)

"""Turning what a user typed or a spreadsheet held into typed field values, with Chinese messages,
and turning stored values back into display text."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from app.domain.dates import DateParseError, parse_datetime
from app.domain.text import control_character, describe, starts_like_formula
from app.kit.registers.base import BOOL, CHOICE, DATE, DATETIME, INT, MULTILINE, TEXT, Field, Register

_TRUE = {"是", "有", "true", "yes", "y", "1", "√", "✓", "对"}
_FALSE = {"否", "无", "false", "no", "n", "0", "×", ""}


_INT_TEXT = re.compile(r"^[+-]?\d{1,15}(?:\.0*)?$")


def _integer(raw: Any) -> int | None:
    """An integer from 3, 3.0, "3", " ３ ", "3.00"; None for anything else (text, 3.5, inf, nan, bools)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        return int(raw) if math.isfinite(raw) and raw.is_integer() else None
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    return int(float(text)) if _INT_TEXT.match(text) else None


def coerce(f: Field, raw: Any) -> Any:
    """Typed value for one field; raises ValueError with a Chinese message."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return "" if f.kind in (TEXT, MULTILINE) else None
    if f.kind in (TEXT, MULTILINE):
        text = str(raw).strip() if f.kind == TEXT else str(raw).strip("\n ")
        if starts_like_formula(text):
            # keep the tab/line break before a would-be formula: stripping it would turn "\t=1+1" into
            # a live formula in the next spreadsheet the text goes to
            text = str(raw).rstrip() if f.kind == TEXT else str(raw).rstrip("\n ")
        bad = control_character(text)
        if bad:
            raise ValueError(f"{f.label}中含有不可见的{describe(bad)}，请删除后再保存")
        if isinstance(raw, float) and raw.is_integer():
            text = str(int(raw))
        if f.normalizer:
            text = f.normalizer(text)
        if f.max_length and len(text) > f.max_length:
            raise ValueError(f"{f.label}不能超过{f.max_length}个字")
        return text
    if f.kind == INT:
        value = _integer(raw)
        if value is None:
            raise ValueError(f"{f.label}应为整数")
        if f.min_value is not None and value < f.min_value:
            raise ValueError(f"{f.label}不能小于{f.min_value}")
        if f.max_value is not None and value > f.max_value:
            raise ValueError(f"{f.label}不能大于{f.max_value}")
        return value
    if f.kind in (DATE, DATETIME):
        try:
            dt = parse_datetime(raw)
        except DateParseError as e:
            raise ValueError(f"{f.label}：{e}") from None
        if not 1949 <= dt.year <= 2100:
            raise ValueError(f"{f.label}的年份不合理")
        return dt.date() if f.kind == DATE else dt
    if f.kind == CHOICE:
        assert f.choices is not None
        try:
            return f.choices.from_label(str(raw)).value
        except ValueError:
            options = "、".join(m.label for m in f.choices)
            raise ValueError(f"{f.label}应为：{options}") from None
    if f.kind == BOOL:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValueError(f"{f.label}应填“是”或“否”")
    raise ValueError(f"unknown field kind {f.kind}")


def validate(
    register: Register, raw: Mapping[str, Any], *, only: set[str] | None = None
) -> tuple[dict[str, Any], dict[str, str]]:
    """Coerce and check every form field (or only the named ones). Returns (values, errors)."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    fields = [f for f in register.form_fields if only is None or f.name in only]
    for f in fields:
        if f.name not in raw and only is None and f.default is not None:
            raw_value: Any = f.default
        else:
            raw_value = raw.get(f.name)
        try:
            values[f.name] = coerce(f, raw_value)
        except ValueError as e:
            errors[f.name] = str(e)
            continue
        if values[f.name] in (None, "") and f.required:
            errors[f.name] = f"请填写{f.label}"
    for f in fields:
        if f.name in errors or f.validator is None:
            continue
        message = f.validator(values.get(f.name), {**values})
        if message:
            errors[f.name] = message
    if register.form_validator and not errors:
        errors.update(register.form_validator(values))
    return values, errors


def display(f: Field, value: Any) -> str:
    if value is None or value == "":
        return ""
    if f.kind == CHOICE and f.choices is not None:
        try:
            return f.choices(value).label
        except ValueError:
            return str(value)
    if f.kind == DATETIME and isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if f.kind == DATE and isinstance(value, (date, datetime)):
        return value.strftime("%Y-%m-%d")
    if f.kind == BOOL:
        return "是" if value else "否"
    return str(value)

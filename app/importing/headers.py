"""Finding the header row of a sheet and mapping its columns to a register's fields by label and
synonyms (after normalising spaces, full-width characters, line breaks and a trailing “（必填）”)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from app.domain.errors import ValidationFailed
from app.importing.plan import ColumnMapping
from app.importing.sources import Table, cell_text
from app.kit.registers.base import Register

HEADER_SCAN_ROWS = 30  # the header is looked for among the first non-empty rows
NUMBER = "\x00number"  # marker: the sheet's 编号 column (never imported as the number)
_MARK = re.compile(r"\((必填|必填项|必须填写|必选|选填|可选|可不填)\)$")
_TRAILING_NOTE = re.compile(r"\([^()]*\)$")
_IGNORE_WORDS = {"忽略", "不导入", "-", "无", "none", ""}


def normalise_header(value: Any) -> str:
    """Canonical form of a header cell: NFKC (full width → half width), no white space at all (line
    breaks inside the cell included), no “*” required marks, no trailing “（必填）”, lower case."""
    text = unicodedata.normalize("NFKC", cell_text(value))
    text = re.sub(r"\s+", "", text).strip("*:")
    text = _MARK.sub("", text).strip("*:")
    return text.lower()


def loose_header(normalised: str) -> str:
    """Second chance: without a trailing parenthetical note, e.g. “页数(页)” → “页数”."""
    return _TRAILING_NOTE.sub("", normalised)


def header_index(
    register: Register, aliases: Mapping[str, str | None] | None = None
) -> dict[str, str | None]:
    """normalised header text → field name (NUMBER for the 编号 column, None for an explicit 忽略)."""
    index: dict[str, str | None] = {}
    fields = register.form_fields
    for f in fields:  # labels win over other fields' synonyms
        index.setdefault(normalise_header(f.label), f.name)
    for f in fields:
        for synonym in f.synonyms:
            index.setdefault(normalise_header(synonym), f.name)
    if register.numbering:
        for text in register.field("number").headers:
            index.setdefault(normalise_header(text), NUMBER)
    for text, target in (aliases or {}).items():
        index[normalise_header(text)] = target
    return index


def match_header(index: Mapping[str, str | None], value: Any) -> tuple[bool, str | None]:
    key = normalise_header(value)
    if not key:
        return False, None
    if key in index:
        return True, index[key]
    key = loose_header(key)
    if key and key in index:
        return True, index[key]
    return False, None


def find_header(table: Table, index: Mapping[str, str | None], minimum: int) -> int | None:
    """Position (in table.rows) of the row matching most distinct fields; earliest on a tie."""
    best, best_score = None, 0
    for pos, (_, cells) in enumerate(table.rows[:HEADER_SCAN_ROWS]):
        matched = set()
        for value in cells:
            found, target = match_header(index, value)
            if found and target is not None:
                matched.add(target)
        if len(matched) > best_score:
            best, best_score = pos, len(matched)
    return best if best_score >= minimum else None


def resolve_field(register: Register, target: str | None) -> str | None:
    """A field named by its English name or Chinese label (CLI, GUI); None or 忽略 means ignore."""
    if target is None or target.strip().lower() in _IGNORE_WORDS:
        return None
    target = target.strip()
    for f in register.form_fields:
        if target in (f.name, f.label):
            return f.name
    names = "、".join(f"{f.label}（{f.name}）" for f in register.form_fields)
    raise ValidationFailed({"mapping": f"{register.title}没有字段“{target}”。可用的字段：{names}"})


def column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def map_columns(
    register: Register,
    header: Sequence[Any],
    index: Mapping[str, str | None],
    overrides: Mapping[int, str | None] | None = None,
) -> list[ColumnMapping]:
    """One ColumnMapping per column. Explicit overrides win; otherwise the first column for a field wins."""
    overrides = dict(overrides or {})
    for i in overrides:
        if not isinstance(i, int) or not 0 <= i < len(header):
            raise ValidationFailed({"mapping": f"表格中没有第 {i + 1 if isinstance(i, int) else i} 列"})
    chosen: dict[int, str | None] = {i: resolve_field(register, t) for i, t in overrides.items()}
    owner: dict[str, int] = {}
    for i, name in sorted(chosen.items()):
        if name is None:
            continue
        if name in owner:
            label = register.field(name).label
            raise ValidationFailed(
                {
                    "mapping": f"第 {column_letter(owner[name])} 列和第 {column_letter(i)} 列"
                    f"都对应“{label}”，一个字段只能对应一列"
                }
            )
        owner[name] = i
    columns = []
    for i, value in enumerate(header):
        text = re.sub(r"\s*[\r\n]+\s*", "", cell_text(value)).strip()  # a line break inside the cell
        note = ""
        if i in chosen:
            name = chosen[i]
        else:
            _, target = match_header(index, value)
            name = None
            if target == NUMBER:
                note = f"{register.number_label}由系统重新编排，表中的{register.number_label}不导入"
            elif target is not None and target in owner:
                note = f"与第 {column_letter(owner[target])} 列重复，不导入"
            elif target is not None:
                name = target
                owner[target] = i
        columns.append(ColumnMapping(i, column_letter(i), text, name, note))
    return columns

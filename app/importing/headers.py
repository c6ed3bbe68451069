"""Finding the header row of a sheet and mapping its columns to a register's fields: by label and synonyms
(after normalising spaces, full-width characters, line breaks and a trailing “（必填）”), then by content
(文号, dates, 密级, ID numbers) for columns whose header is unknown. A column that still maps to nothing is
kept with the records (原表其他列)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from app.domain.errors import ValidationFailed
from app.importing.plan import ColumnMapping
from app.importing.recognise import LABELS, content_kind
from app.importing.sources import Table, cell_text
from app.kit.registers.base import CHOICE, DATE, DOCNO, Field, Register

HEADER_SCAN_ROWS = 30  # the header is looked for among the first non-empty rows
NUMBER = "number"  # the sheet's 编号 column: kept as the record's number (unless renumbering)
VOID = "voided"  # the export's 作废情况 column
EXTRA = "extra_columns"  # the export's 原表其他列 column (JSON)
VOID_HEADER = "作废情况"
EXTRA_HEADER = "原表其他列"
REASON_HEADER = "未导入原因"  # the refused-rows file's own column, never data
_SPECIAL = {VOID: VOID_HEADER, EXTRA: EXTRA_HEADER}
_MARK = re.compile(r"\((必填|必填项|必须填写|必选|选填|可选|可不填)\)$")
_TRAILING_NOTE = re.compile(r"\([^()]*\)$")
_IGNORE_WORDS = {"忽略", "不导入", "-", "无", "none", ""}
BY_LABEL, BY_SYNONYM, BY_CHOICE, BY_CONTENT = "表头名称", "表头近义词", "指定", "按内容识别"
KEPT_HOW = "未对应字段，保留为原表其他列"


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


def import_fields(register: Register) -> list[Field]:
    """Every declared field an imported row may fill: the form's, and the ones only the workflow fills
    (状态, 办结日期, 档号 …), so that history and an export come back whole. Not the number."""
    return [f for f in register.all_fields if f.name != NUMBER]


def target_label(register: Register, name: str | None) -> str:
    if name is None:
        return "忽略"
    if name in _SPECIAL:
        return _SPECIAL[name]
    return register.field(name).label


def header_index(
    register: Register, aliases: Mapping[str, str | None] | None = None
) -> dict[str, str | None]:
    """normalised header text → field name (NUMBER for the 编号 column, None for an explicit 忽略)."""
    index: dict[str, str | None] = {}
    fields = import_fields(register)
    if register.numbering:
        index[normalise_header(register.number_label)] = NUMBER
    for f in fields:  # labels win over other fields' synonyms
        index.setdefault(normalise_header(f.label), f.name)
    for f in fields:
        for synonym in f.synonyms:
            index.setdefault(normalise_header(synonym), f.name)
    if register.numbering:
        for text in register.field(NUMBER).headers:
            index.setdefault(normalise_header(text), NUMBER)
    index.setdefault(normalise_header(VOID_HEADER), VOID)
    index.setdefault(normalise_header(EXTRA_HEADER), EXTRA)
    index[normalise_header(REASON_HEADER)] = None
    for text, target in (aliases or {}).items():
        index[normalise_header(text)] = target
    return index


_SAME_ENDINGS = (("时间", "日期"), ("日期", "时间"))  # 登记时间 / 登记日期: offices write either


def match_header(index: Mapping[str, str | None], value: Any) -> tuple[bool, str | None]:
    key = normalise_header(value)
    if not key:
        return False, None
    if key in index:
        return True, index[key]
    key = loose_header(key)
    if key and key in index:
        return True, index[key]
    for ending, other in _SAME_ENDINGS:
        if key.endswith(ending) and len(key) > len(ending):
            alt = key[: -len(ending)] + other
            if alt in index:
                return True, index[alt]
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
    if register.numbering and target in (NUMBER, register.number_label):
        return NUMBER
    for name, label in _SPECIAL.items():
        if target in (name, label):
            return name
    for f in import_fields(register):
        if target in (f.name, f.label):
            return f.name
    names = "、".join(f"{f.label}（{f.name}）" for f in register.form_fields)
    raise ValidationFailed({"mapping": f"{register.title}没有字段“{target}”。可用的字段：{names}"})


def column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _how(register: Register, value: Any, target: str) -> str:
    key = normalise_header(value)
    if target == NUMBER:
        label = register.number_label
    else:
        label = _SPECIAL.get(target) or register.field(target).label
    return BY_LABEL if normalise_header(label) in (key, loose_header(key)) else BY_SYNONYM


def _content_targets(register: Register, kind: str, owned: set[str], renumber: bool) -> list[str]:
    """Fields that a column of this content may fill, best first (the register's date field first)."""
    n = register.numbering
    names = []
    own_style = kind == DOCNO and n is not None and "〔" in n.default_format  # 督〔2025〕12号
    if n is not None and (n.content == kind or own_style) and not renumber:
        names.append(NUMBER)
    fields = [f for f in import_fields(register) if f.content == kind or (kind == DATE and f.kind == DATE)]
    if kind == DATE:
        fields = [f for f in import_fields(register) if f.content == DATE or f.name == register.date_field]
    fields.sort(key=lambda f: (f.name != register.date_field, not f.required))
    names += [f.name for f in fields]
    return [n for n in names if n not in owned]


def _choice_target(register: Register, column: Sequence[Any], owned: set[str]) -> tuple[str, int, int] | None:
    """The one choice field whose words (选项, and the state words of the book's 办理情况) fill the
    column: 来信/来访/来电 is 渠道, 已办结/办理中 is 状态. None when no field or more than one fits as well."""
    from app.importing.recognise import MIN_VALUES, SHARE, choice_fit

    fits = []
    for f in import_fields(register):
        if f.kind != CHOICE or f.choices is None or f.name in owned:
            continue
        words = [m.label for m in f.choices] + [str(m.value) for m in f.choices]
        if f.name == register.history.state_field:
            words += list(register.history.state_words)
        fit, total = choice_fit(column, words)
        if total >= MIN_VALUES and fit >= SHARE * total:
            fits.append((fit, f.required, f.name, total))
    if not fits:
        return None
    fits.sort(reverse=True)
    if len(fits) > 1 and fits[0][:2] == fits[1][:2]:
        return None  # 是/否 fits two fields alike: the header must say which
    fit, _, name, total = fits[0]
    return name, fit, total


def map_columns(
    register: Register,
    header: Sequence[Any],
    index: Mapping[str, str | None],
    overrides: Mapping[int, str | None] | None = None,
    sample: Sequence[Sequence[Any]] = (),
    *,
    renumber: bool = False,
    hidden: frozenset[int] = frozenset(),
) -> list[ColumnMapping]:
    """One ColumnMapping per column. Explicit overrides win; then headers (the register's own number
    label before its synonyms such as 序号); then content; whatever is left is kept as 原表其他列."""
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
            label = target_label(register, name)
            raise ValidationFailed(
                {
                    "mapping": f"第 {column_letter(owner[name])} 列和第 {column_letter(i)} 列"
                    f"都对应“{label}”，一个字段只能对应一列"
                }
            )
        owner[name] = i
    matched = {i: match_header(index, v) for i, v in enumerate(header) if i not in chosen}
    number_key = normalise_header(register.number_label)
    order = sorted(matched, key=lambda i: (normalise_header(header[i]) != number_key, i))
    result: dict[int, tuple[str | None, str, str, bool]] = {}  # index -> (field, note, how, kept)
    for i in order:
        found, target = matched[i]
        if found and target is None:
            result[i] = (None, "", BY_CHOICE if normalise_header(header[i]) else "", False)
        elif not found:
            continue
        elif target == NUMBER and renumber:
            note = f"已选择重新编号：表中的{register.number_label}不作为编号，保留为原表其他列"
            result[i] = (None, note, KEPT_HOW, True)
        elif target in owner:
            label = target_label(register, target)
            note = f"“{label}”已取自第 {column_letter(owner[target])} 列，此列保留为原表其他列"
            result[i] = (None, note, KEPT_HOW, True)
        else:
            assert target is not None
            owner[target] = i
            note = f"{register.number_label}按表中所填保留" if target == NUMBER else ""
            result[i] = (target, note, _how(register, header[i], target), False)
    for i in range(len(header)):
        if i in chosen or i in result:
            continue
        column = [row[i] if i < len(row) else None for row in sample]
        kind, fit, total = content_kind(column)
        targets = _content_targets(register, kind, set(owner), renumber) if kind else []
        choice = None if kind else _choice_target(register, column, set(owner))
        if targets:
            owner[targets[0]] = i
            how = f"{BY_CONTENT}：{LABELS[kind]}列（{fit}/{total} 个值）"
            result[i] = (targets[0], "", how, False)
        elif kind:
            note = f"内容是{LABELS[kind]}，{register.title}没有对应字段"
            result[i] = (None, note, KEPT_HOW, True)
        elif choice is not None:
            name, fit, total = choice
            owner[name] = i
            how = f"{BY_CONTENT}：{register.field(name).label}的选项（{fit}/{total} 个值）"
            result[i] = (name, "", how, False)
        else:
            result[i] = (None, "", KEPT_HOW, True)
    columns = []
    for i, value in enumerate(header):
        text = re.sub(r"\s*[\r\n]+\s*", "", cell_text(value)).strip()  # a line break inside the cell
        if i in chosen:
            name, note, how, kept = chosen[i], "", BY_CHOICE, False
        else:
            name, note, how, kept = result[i]
        if kept and not text and not any(i < len(r) and cell_text(r[i]).strip() for r in sample):
            kept, how = False, ""  # an empty spacer column: nothing to keep
        if i in hidden:
            note = f"{note}；隐藏列" if note else "隐藏列"
        columns.append(ColumnMapping(i, column_letter(i), text, name, note, how, kept))
    return columns

"""Recognising a column by what it holds when its header says nothing the register knows: 〔2025〕-style
document/telegram numbers, dates, 密级 words, 18-character ID numbers; and the rows that are not data
(合计/小计 rows under a month's entries)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from app.domain.dates import DateParseError, parse_datetime
from app.domain.docnumber import DocNumberError, parse_doc_number
from app.domain.enums import SecretLevel
from app.kit.registers.base import DATE, DOCNO, IDCARD, SECRET

SHARE = 0.8  # this share of the non-empty cells must fit
MIN_VALUES = 2
LABELS = {DOCNO: "文号/电报号", DATE: "日期", SECRET: "密级", IDCARD: "身份证号"}

_ID = re.compile(r"^\d{17}[\dX]$")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_DATE_TEXT = re.compile(r"\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}|^\d{8}$")
_SECRET_WORDS = {m.label for m in SecretLevel} | {"无", "普通", "公开", "内部", "秘密★", "机密★", "绝密★"}
_TOTAL = re.compile(r"^(合\s*计|小\s*计|总\s*计|共\s*计|本[月页年]合计|累计)[:：]?")


def is_id_number(text: str) -> bool:
    """An 18-character 居民身份证号码 (GB 11643) with a valid check character."""
    t = unicodedata.normalize("NFKC", text).strip().upper()
    if not _ID.match(t):
        return False
    try:
        date(int(t[6:10]), int(t[10:12]), int(t[12:14]))
    except ValueError:
        return False
    total = sum(int(d) * w for d, w in zip(t[:17], _WEIGHTS))
    return _CHECK[total % 11] == t[17]


def is_doc_number(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        parse_doc_number(value)
    except DocNumberError:
        return False
    return True


def is_date(value: Any) -> bool:
    if isinstance(value, (date, datetime)):
        return True
    if not isinstance(value, str) or not _DATE_TEXT.search(unicodedata.normalize("NFKC", value)):
        return False
    try:
        return 1949 <= parse_datetime(value).year <= 2100
    except DateParseError:
        return False


def is_date_serial(value: Any) -> bool:
    """An Excel date serial of 1990–2060 (32874–58441), as a number cell or its text."""
    if isinstance(value, str):
        value = value.strip()
        if not re.fullmatch(r"\d{5}(\.\d+)?", value):
            return False
        value = float(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return 32874 <= value <= 58441


def choice_fit(values: Iterable[Any], words: Iterable[str]) -> tuple[int, int]:
    """(cells that are one of ``words``, non-empty cells): a column of 来信/来访 is a 渠道 column."""
    allowed = {unicodedata.normalize("NFKC", w).strip() for w in words if w}
    sample = [unicodedata.normalize("NFKC", cell).strip() for cell in map(_text, values) if cell.strip()]
    return sum(1 for v in sample if v in allowed), len(sample)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def is_secret_word(value: Any) -> bool:
    return isinstance(value, str) and re.sub(r"\s|[★*].*$", "", value) in _SECRET_WORDS


_TESTS = {
    DOCNO: is_doc_number,
    DATE: is_date,
    SECRET: is_secret_word,
    IDCARD: lambda v: isinstance(v, (str, int)) and is_id_number(str(v)),
}


def content_kind(values: Iterable[Any]) -> tuple[str, int, int]:
    """(kind or "", fitting cells, non-empty cells) of a column's sample. A 密级 column needs at least one
    classified-looking word besides 非密, so that a column of “无” is not taken for one."""
    sample = [v for v in values if v is not None and not (isinstance(v, str) and not v.strip())]
    if len(sample) < MIN_VALUES:
        return "", 0, len(sample)
    for kind in (IDCARD, DOCNO, DATE, SECRET):
        fit = sum(1 for v in sample if _TESTS[kind](v))
        if kind == DATE and fit * 2 >= len(sample):
            # among written dates, a bare number is a date cell that lost its format (45721 = 2025-03-05);
            # alone, a column of 5-digit numbers is not taken for dates (总号, 金额 …)
            fit += sum(1 for v in sample if is_date_serial(v))
        if fit >= SHARE * len(sample):
            if kind == SECRET and not any(
                isinstance(v, str) and v.strip() not in ("非密", "无", "普通", "公开", "内部") for v in sample
            ):
                continue
            return kind, fit, len(sample)
    return "", 0, len(sample)


def is_total_row(cells: Iterable[Any]) -> bool:
    """A 合计/小计 row: its first non-empty text cell says so."""
    for v in cells:
        if v is None or (isinstance(v, str) and not v.strip()):
            continue
        if isinstance(v, str):
            return bool(_TOTAL.match(unicodedata.normalize("NFKC", v).strip()))
        if isinstance(v, (int, float)):
            continue  # a 序号 before the word
        return False
    return False

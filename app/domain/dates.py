"""Parsing of the date and time forms offices write: 2025-3-5, 2025.03.05, 2025/3/5, 2025年3月5日,
20250305, Excel serial numbers, and Python date/datetime values."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

_EXCEL_EPOCH = date(1899, 12, 30)
_YMD = re.compile(
    r"^\s*(\d{4})\s*(?:[-./年]|\s)\s*(\d{1,2})\s*(?:[-./月]|\s)\s*(\d{1,2})\s*日?"
    r"(?:[\sT]+(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?\s*秒?)?\s*$"
)
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．－／：", "0123456789.-/:")


class DateParseError(ValueError):
    pass


def parse_datetime(value: object) -> datetime:
    """Parse a date or date-time; raises DateParseError with a Chinese message."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # Excel serial date
            return datetime.combine(_EXCEL_EPOCH, datetime.min.time()) + timedelta(days=float(value))
        raise DateParseError("日期数值超出范围")
    text = str(value or "").translate(_FULLWIDTH).strip()
    if not text:
        raise DateParseError("日期不能为空")
    m = _YMD.match(text) or _COMPACT.match(text)
    if not m:
        if re.fullmatch(r"\d+(\.\d+)?", text):
            return parse_datetime(float(text))
        raise DateParseError(f"无法识别的日期“{text[:20]}”，请写成 2026-03-05 或 2026年3月5日")
    parts = [int(p) if p else 0 for p in m.groups()]
    parts += [0] * (6 - len(parts))
    y, mo, d, hh, mi, ss = parts[:6]
    try:
        return datetime(y, mo, d, hh, mi, ss)
    except ValueError:
        raise DateParseError(f"日期“{text[:20]}”不存在") from None


def parse_date(value: object) -> date:
    return parse_datetime(value).date()


def format_date_cn(d: date | None) -> str:
    """成文日期 style: 2026年3月5日 (no leading zeros)."""
    return "" if d is None else f"{d.year}年{d.month}月{d.day}日"

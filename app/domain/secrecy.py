"""密级 and 保密期限 rules: the legal ceiling of the period and the 密级★期限 marking."""

from __future__ import annotations

import re

from app.domain.enums import SecretLevel

_PERIOD = re.compile(r"^\s*(\d{1,3})\s*(年|个月|月)\s*$")


def parse_period_months(text: str) -> int | None:
    """'10年' → 120, '6个月' → 6; None when empty. Raises ValueError on anything else."""
    text = (text or "").strip()
    if not text:
        return None
    m = _PERIOD.match(text)
    if not m:
        raise ValueError(text)
    n = int(m.group(1))
    return n * 12 if m.group(2) == "年" else n


def validate_secrecy(level: SecretLevel, period: str | None) -> str | None:
    """Return a Chinese error message for the 保密期限 field, or None when valid."""
    if not period or not period.strip():
        return None
    if not level.is_classified:
        return "非密文件不能填写保密期限"
    if period.strip().startswith("解密条件"):
        return None
    try:
        months = parse_period_months(period)
    except ValueError:
        return "保密期限应写成“10年”或“6个月”，也可写“解密条件：……”"
    ceiling = level.max_period_years
    if months is not None and ceiling is not None and months > ceiling * 12:
        return f"{level.label}级文件的保密期限不能超过{ceiling}年"
    if months == 0:
        return "保密期限不能为0"
    return None


def marking(level: SecretLevel, period: str | None = None) -> str:
    """The mark printed at the top left: 机密★10年; 机密 alone when no period is given; '' for 非密."""
    if not level.is_classified:
        return ""
    period = (period or "").strip()
    return f"{level.label}★{period}" if period and not period.startswith("解密条件") else level.label

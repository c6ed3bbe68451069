"""Resident identity numbers (公民身份号码, GB 11643-1999) and phone numbers: validation with the
check character, and the masked forms shown to users without the right to see them in full."""

from __future__ import annotations

import re
from datetime import date

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"  # index = weighted sum mod 11
_SHAPE = re.compile(r"^[1-9][0-9]{16}[0-9X]$")
_PHONE = re.compile(r"^(?:1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}(?:-[0-9]{1,6})?|[0-9]{7,8})$")


def check_char(first17: str) -> str:
    """The 18th character GB 11643 computes from the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def normalise_id(text: str) -> str:
    """Spaces removed, full-width digits and a lower-case x accepted."""
    table = str.maketrans("０１２３４５６７８９ｘＸx", "0123456789XXX")
    return re.sub(r"\s+", "", (text or "").translate(table))


def id_error(text: str, today: date | None = None) -> str:
    """'' when ``text`` is a valid 18-character identity number, else what is wrong, in Chinese."""
    value = normalise_id(text)
    if len(value) != 18:
        return f"身份证号应为18位，现为{len(value)}位"
    if not _SHAPE.match(value):
        return "身份证号前17位应为数字，第18位为数字或X"
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return f"身份证号中的出生日期{value[6:14]}不是有效日期"
    if born.year < 1900 or born > (today or date.today()):
        return f"身份证号中的出生日期{born.isoformat()}不合理"
    expected = check_char(value[:17])
    if value[17] != expected:
        return f"身份证号校验位不符（应为{expected}），请核对"
    return ""


def is_valid_id(text: str, today: date | None = None) -> bool:
    return id_error(text, today) == ""


def mask_id(text: str) -> str:
    """110***********1234: the region's first three and the last four characters stay visible."""
    value = normalise_id(text)
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def phone_error(text: str) -> str:
    value = re.sub(r"[\s()（）]", "", text or "")
    if not value:
        return ""
    if not _PHONE.match(value):
        return "电话号码格式不对（手机11位，座机如0571-88886666）"
    return ""


def mask_phone(text: str) -> str:
    """138****5678: the first three and last four digits stay visible."""
    value = re.sub(r"\s", "", text or "")
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]

"""Field declarations and checks the three 来访接待 registers share: the ID number (GB 11643 checksum, masked
for users without the 信访接待 role), the phone, and the "later date not before the earlier one" check."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.domain.idnumber import id_error, mask_id, mask_phone, normalise_id, phone_error
from app.kit.registers.base import TEXT, Field


def id_check(value: Any, _values: Mapping[str, Any]) -> str | None:
    return id_error(value) if value else None


def phone_check(value: Any, _values: Mapping[str, Any]) -> str | None:
    return phone_error(value) or None


def id_field(**kw: Any) -> Field:
    return Field(
        "id_number",
        "身份证号",
        TEXT,
        max_length=18,
        normalizer=normalise_id,
        validator=id_check,
        mask=mask_id,
        list_width=150,
        synonyms=("身份证号码", "公民身份号码", "证件号码", "身份证"),
        placeholder="18位，末位可为X",
        **kw,
    )


def phone_field(**kw: Any) -> Field:
    return Field(
        "phone",
        "联系电话",
        TEXT,
        max_length=32,
        validator=phone_check,
        mask=mask_phone,
        synonyms=("电话", "手机", "联系方式"),
        **kw,
    )


def after(first: str, second: str, message: str, values: Mapping[str, Any], errors: dict[str, str]) -> None:
    a, b = values.get(first), values.get(second)
    if a and b and b < a and second not in errors:
        errors[second] = message

"""Fields and validators that many registers share."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.domain.enums import SecretLevel
from app.domain.secrecy import validate_secrecy
from app.kit.registers.base import CHOICE, SECRET, TEXT, CustomFilter, Field


def _period_validator(value: Any, values: Mapping[str, Any]) -> str | None:
    level = values.get("secret_level") or SecretLevel.NONE.value
    try:
        level_enum = SecretLevel(level)
    except ValueError:
        return None  # the 密级 field reports its own error
    return validate_secrecy(level_enum, value or "")


# Imported history that breaks a live approval rule (History.marked_checks): the office finds it here.
RULE_MARKED_FILTER = CustomFilter("rule_marked", "不符合现行规则", lambda t: t.c.import_rule_notes != "")


def number_field(label: str = "编号") -> Field:
    return Field(
        "number",
        label,
        TEXT,
        editable=False,
        in_form=False,
        searchable=True,
        list_width=110,
        print_width=1.5,
        synonyms=("编号", "序号", "顺序号", "登记号"),
    )


def secrecy_fields() -> tuple[Field, ...]:
    return (
        Field(
            "secret_level",
            "密级",
            CHOICE,
            required=True,
            choices=SecretLevel,
            default=SecretLevel.NONE.value,
            filterable=True,
            list_width=60,
            print_width=0.8,
            synonyms=("秘密等级", "密别", "密等"),
            content=SECRET,
        ),
        Field(
            "secret_period",
            "保密期限",
            TEXT,
            max_length=40,
            validator=_period_validator,
            list_width=70,
            in_list=False,
            print_width=0.7,
            placeholder="如：10年、6个月",
            synonyms=("期限",),
        ),
    )

"""公务接待 spending standards an administrator sets in 系统设置 (元 per person-meal, per room-night, per
guest for transport and other costs) and the check of a reception's costs against them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

STANDARDS_SETTING = "reception.standards"
DEFAULT_STANDARDS = "工作餐 60，住宿 320，交通 100，其他 50"
CATEGORIES = {"工作餐": "cost_meals", "住宿": "cost_lodging", "交通": "cost_transport", "其他": "cost_other"}
UNITS = {"cost_meals": "元/人次", "cost_lodging": "元/间夜", "cost_transport": "元/人", "cost_other": "元/人"}
_ITEM = re.compile(r"^(工作餐|住宿|交通|其他)\s*[:：]?\s*(\d{1,6})$")


def parse_standards(text: str) -> dict[str, int]:
    """'工作餐 60，住宿 320 …' -> {'cost_meals': 60, …}; a category left out has no standard."""
    out: dict[str, int] = {}
    for part in re.split(r"[，,；;、\n]+", (text or "").strip()):
        part = part.strip()
        if not part:
            continue
        m = _ITEM.match(part)
        if m is None:
            raise ValueError(f"“{part}”看不懂。应写成：{DEFAULT_STANDARDS}")
        out[CATEGORIES[m.group(1)]] = int(m.group(2))
    return out


def standards_in(session: Any) -> dict[str, int]:
    from app.services.settings import get_value

    return parse_standards(get_value(session, STANDARDS_SETTING) or DEFAULT_STANDARDS)


def allowed(values: Mapping[str, Any], std: Mapping[str, int]) -> dict[str, int]:
    """The most each cost category may be for this reception under the standards."""
    guests = values.get("persons") or 0
    diners = guests + (values.get("companions") or 0)
    bases = {
        "cost_meals": diners * (values.get("meals") or 0),
        "cost_lodging": values.get("room_nights") or 0,
        "cost_transport": guests,
        "cost_other": guests,
    }
    return {k: std[k] * n for k, n in bases.items() if k in std}


def cost_errors(values: Mapping[str, Any], std: Mapping[str, int]) -> dict[str, str]:
    errors: dict[str, str] = {}
    limits = allowed(values, std)
    for name, limit in limits.items():
        cost = values.get(name) or 0
        if cost > limit:
            errors[name] = f"超出标准：按{std[name]}{UNITS[name]}最多{limit}元，现为{cost}元"
    if (values.get("cost_meals") or 0) and not (values.get("meals") or 0):
        errors["cost_meals"] = "未安排工作餐，不应有餐费"
    return errors


def reception_db_check(session: Any, values: Mapping[str, Any], _obj: Any) -> dict[str, str]:
    return cost_errors(values, standards_in(session))


COSTS_LABELS = {
    "cost_meals": "餐费",
    "cost_lodging": "住宿费",
    "cost_transport": "交通费",
    "cost_other": "其他",
}

"""The 来客登记 register: the front desk's visitor log (name, unit, checked and masked ID number, purpose, the
person visited, in and out time) with its "still in the building" filter."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.areas.reception.fields import after, id_field, phone_field
from app.areas.reception.vocab import VISITORS
from app.domain.enums import Role
from app.kit.registers.base import DATETIME, INT, TEXT, CustomFilter, Field, Numbering, Register
from db.models.reception import Visitor


def visitor_check(values: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    after("came_at", "left_at", "离开时间不能早于来访时间", values, errors)
    return errors


def _in_building(table: Any) -> Any:
    # an imported 来客登记簿 without 离开时间 is history, not people in the building now
    return table.c.left_at.is_(None) & table.c.imported_at.is_(None)


VISITOR_REGISTER = Register(
    key=VISITORS,
    title="来客登记",
    book_title="来客登记簿",
    model=Visitor,
    record_label="来客",
    numbering=Numbering(VISITORS, "came_at", "{year}-{seq:05d}"),
    classified=False,
    date_field="came_at",
    default_sort=("came_at", True),
    read_roles=(Role.RECEPTION, Role.PETITIONS, Role.LEADER),
    write_roles=(Role.RECEPTION, Role.PETITIONS),
    reveal_roles=(Role.PETITIONS,),
    audit_views=True,
    form_validator=visitor_check,
    filters=(CustomFilter("inside", "仍在楼内", _in_building),),
    fields=(
        Field(
            "visitor",
            "姓名",
            TEXT,
            required=True,
            searchable=True,
            max_length=64,
            synonyms=("来客姓名", "来访人"),
        ),
        Field(
            "unit",
            "单位",
            TEXT,
            searchable=True,
            autocomplete=True,
            max_length=100,
            synonyms=("工作单位", "来客单位"),
        ),
        id_field(),
        phone_field(in_list=False),
        Field("people", "人数", INT, min_value=1, max_value=500, default=1, in_list=False),
        Field(
            "purpose",
            "事由",
            TEXT,
            required=True,
            searchable=True,
            max_length=200,
            list_width=200,
            synonyms=("来访事由",),
        ),
        Field(
            "host",
            "被访人",
            TEXT,
            required=True,
            searchable=True,
            autocomplete=True,
            max_length=64,
            synonyms=("接待人", "拜访对象"),
        ),
        Field(
            "came_at", "来访时间", DATETIME, required=True, filterable=True, synonyms=("进入时间", "到达时间")
        ),
        Field("left_at", "离开时间", DATETIME, synonyms=("离开",)),
    ),
)

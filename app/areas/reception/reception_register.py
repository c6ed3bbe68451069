"""The 公务接待 register (《党政机关国内公务接待管理规定》): the sending unit's 公函, the 事前审批, the guests'
unit and level, the arrangements (lodging, the one 工作餐 and its 陪餐 limit, vehicles), costs by category
checked against the standards, and the four papers that make a reception 可报销."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.areas.reception.arrangements import search_texts
from app.areas.reception.fields import after
from app.areas.reception.standards import COSTS_LABELS, reception_db_check
from app.areas.reception.vocab import RECEPTIONS, GuestLevel, ReceptionState
from app.domain.enums import Role
from app.domain.rules import meal_error
from app.kit.registers.base import (
    BOOL,
    CHOICE,
    DATE,
    INT,
    MULTILINE,
    TEXT,
    Field,
    History,
    Numbering,
    Register,
)
from app.kit.registers.common import RULE_MARKED_FILTER
from db.models.reception import Reception


def reception_check(values: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    after("arrive_on", "leave_on", "离开日期不能早于抵达日期", values, errors)
    after("letter_on", "arrive_on", "抵达日期不能早于公函日期", values, errors)
    guests = values.get("persons") or 0
    errors.update(meal_error(guests, values.get("companions") or 0, values.get("meals") or 0))
    if (values.get("companions") or 0) and not (values.get("meals") or 0):
        errors.setdefault("companions", "未安排工作餐，不应有陪餐人数")
    return errors


COSTS = tuple(COSTS_LABELS)


def _history_state(values: Mapping[str, Any]) -> str | None:
    """A reception of an old 台账 that has taken place is over (可报销 once its four papers are ticked)."""
    from datetime import date

    arrived = values.get("arrive_on")
    return ReceptionState.DONE.value if arrived and arrived <= date.today() else None


PAPERS = ("has_letter", "has_approval", "has_list", "has_receipts")


def _reception_state(obj: Any, created: bool) -> None:
    """可报销 exactly when the four papers are there; a new reception waits for confirmation."""
    if created and obj.state is None:
        # a reception from the office's own 台账 (公函 and departure on file) comes in as held
        held = obj.letter_no and obj.leave_on and obj.approver
        obj.state = ReceptionState.DONE.value if held else ReceptionState.DRAFT.value
    complete = all(getattr(obj, p) for p in PAPERS)
    if complete and obj.state == ReceptionState.DONE.value:
        obj.state = ReceptionState.REIMBURSABLE.value
    elif not complete and obj.state == ReceptionState.REIMBURSABLE.value:
        obj.state = ReceptionState.DONE.value


RECEPTION_REGISTER = Register(
    key=RECEPTIONS,
    title="公务接待",
    book_title="公务接待台账",
    model=Reception,
    record_label="接待",
    numbering=Numbering(
        RECEPTIONS, "arrive_on", "接〔{year}〕{seq}号", format_setting="numbering.receptions"
    ),
    classified=False,
    date_field="arrive_on",
    default_sort=("number", True),
    read_roles=(Role.RECEPTION, Role.LEADER),
    write_roles=(Role.RECEPTION,),
    form_validator=reception_check,
    after_save=lambda _s, _a, obj, created: _reception_state(obj, created),
    db_validator=reception_db_check,
    # an old 台账 records receptions as they happened: one beyond today's meal or spending rules (two
    # 工作餐, 陪餐 over the limit, 陪餐/餐费 in a book without 工作餐次数) is imported and marked
    history=History(
        state_field="state", derive_state=_history_state, marked_checks=("meals", "companions", *COSTS)
    ),
    filters=(RULE_MARKED_FILTER,),
    search_extra=lambda s, rid: search_texts(s, rid),  # the guests' names and units (child rows)
    fields=(
        Field(
            "arrive_on",
            "抵达日期",
            DATE,
            required=True,
            filterable=True,
            synonyms=("接待日期", "日期", "来访日期"),
        ),
        Field("leave_on", "离开日期", DATE, in_list=False),
        Field(
            "guest_unit",
            "来访单位",
            TEXT,
            required=True,
            searchable=True,
            autocomplete=True,
            max_length=100,
            synonyms=("接待对象单位", "派出单位", "来宾单位"),
        ),
        Field(
            "guest_level",
            "接待对象级别",
            CHOICE,
            choices=GuestLevel,
            required=True,
            filterable=True,
            synonyms=("级别", "来宾级别"),
        ),
        Field(
            "purpose",
            "公务活动",
            TEXT,
            required=True,
            searchable=True,
            max_length=300,
            list_width=220,
            print_width=2.5,
            synonyms=("公务活动项目", "事由", "接待事由", "公务活动内容", "活动内容"),
        ),
        Field(
            "persons",
            "接待对象人数",
            INT,
            required=True,
            min_value=1,
            max_value=1000,
            synonyms=("人数", "来宾人数"),
        ),
        Field(
            "letter_unit",
            "公函单位",
            TEXT,
            max_length=100,
            in_list=False,
            in_print=False,  # the 台账 prints 来访单位 and 公函文号; the unit is on the 接待清单
            group="公函与审批",
            synonyms=("来函单位",),
        ),
        Field("letter_no", "公函文号", TEXT, max_length=64, group="公函与审批", synonyms=("函号", "公函号")),
        Field("letter_on", "公函日期", DATE, in_list=False, in_print=False, group="公函与审批"),
        Field(
            "approver",
            "审批人",
            TEXT,
            max_length=64,
            in_list=False,
            group="公函与审批",
            synonyms=("事前审批人",),
        ),
        Field("approved_on", "审批日期", DATE, in_list=False, in_print=False, group="公函与审批"),
        Field(
            "hotel",
            "住宿宾馆",
            TEXT,
            max_length=100,
            in_list=False,
            group="接待安排",
            synonyms=("宾馆", "住宿地点"),
        ),
        Field("room_type", "房型", TEXT, max_length=32, in_list=False, in_print=False, group="接待安排"),
        Field("room_nights", "间夜数", INT, min_value=0, max_value=10000, in_list=False, group="接待安排"),
        Field(
            "lodging_self_paid",
            "住宿费自付",
            BOOL,
            default=True,
            in_list=False,
            in_print=False,
            group="接待安排",
        ),
        Field(
            "meals", "工作餐次数", INT, min_value=0, max_value=10, default=0, in_list=False, group="接待安排"
        ),
        Field(
            "companions",
            "陪餐人数",
            INT,
            min_value=0,
            max_value=1000,
            default=0,
            group="接待安排",
            synonyms=("陪餐",),
        ),
        Field(
            "vehicles",
            "用车",
            TEXT,
            max_length=200,
            in_list=False,
            in_print=False,
            group="接待安排",
            synonyms=("车辆",),
        ),
        Field(
            "cost_meals",
            "餐费（元）",
            INT,
            min_value=0,
            max_value=10_000_000,
            group="费用",
            synonyms=("餐费", "用餐费"),
        ),
        Field(
            "cost_lodging",
            "住宿费（元）",
            INT,
            min_value=0,
            max_value=10_000_000,
            group="费用",
            synonyms=("住宿费",),
        ),
        Field(
            "cost_transport",
            "交通费（元）",
            INT,
            min_value=0,
            max_value=10_000_000,
            group="费用",
            synonyms=("交通费", "用车费"),
        ),
        Field(
            "cost_other",
            "其他费用（元）",
            INT,
            min_value=0,
            max_value=10_000_000,
            group="费用",
            synonyms=("其他费用", "其他"),
        ),
        # the four papers are summed up by 状态 (可报销 when all are there): not four columns of the 台账
        *(
            Field(name, label, BOOL, default=False, in_list=False, in_print=False, group="报销材料")
            for name, label in (
                ("has_letter", "公函"),
                ("has_approval", "审批单"),
                ("has_list", "接待清单"),
                ("has_receipts", "票据"),
            )
        ),
        Field("state", "状态", CHOICE, choices=ReceptionState, in_form=False, filterable=True),
        Field("handler", "经办人", TEXT, max_length=64, autocomplete=True),
        Field("note", "备注", MULTILINE, max_length=2000, in_list=False, in_print=False),
    ),
)

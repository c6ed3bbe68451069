"""The 值班 (duty) registers: the roster (值班表, duty_shifts), absences (请假/出差, duty_absences) and the duty
log (值班记录, duty_log). 带班领导 = leader, 值班人员 = staff, 突发事件 = emergency."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from app.domain.enums import LabeledEnum, Role
from app.kit.registers.base import (
    CHOICE,
    DATE,
    DATETIME,
    MULTILINE,
    TEXT,
    CustomFilter,
    Field,
    History,
    Numbering,
    Register,
)
from db.models.duty import DutyAbsence, DutyLogEntry, DutyShift

SHIFTS, ABSENCES, LOG = "duty_shifts", "duty_absences", "duty_log"
ROLES = (Role.DUTY,)
READERS = (Role.DUTY, Role.LEADER)


class Slot(LabeledEnum):
    ALL_DAY = ("全天", "全天")
    DAY = ("白班", "白班")
    NIGHT = ("夜班", "夜班")


class DayKind(LabeledEnum):
    WEEKDAY = ("weekday", "工作日")
    WEEKEND = ("weekend", "休息日")
    HOLIDAY = ("holiday", "节假日")


class AbsenceReason(LabeledEnum):
    TRIP = ("出差", "出差")
    LEAVE = ("休假", "休假")
    SICK = ("病假", "病假")
    OTHER = ("其他", "其他")


class LogKind(LabeledEnum):
    CALL = ("来电", "来电")
    DOCUMENT = ("来文", "来文（传真/电报）")
    VISIT = ("来访", "来访")
    EMERGENCY = ("突发事件", "突发事件")
    HANDOVER = ("交接班", "交接班")
    OTHER = ("其他", "其他")


class EmergencyGrade(LabeledEnum):
    """突发事件 grades (特别重大 Ⅰ … 一般 Ⅳ, as in the national emergency plans)."""

    GRAVEST = ("I", "特别重大")
    GRAVE = ("II", "重大")
    LARGER = ("III", "较大")
    ORDINARY = ("IV", "一般")


def _absence_check(values: Mapping[str, Any]) -> dict[str, str]:
    start, end = values.get("start_on"), values.get("end_on")
    if start and end and end < start:
        return {"end_on": "结束日期不能早于开始日期"}
    return {}


def _log_check(values: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    at = values.get("at")
    for name, label in (("reported_phone_at", "电话报告时间"), ("reported_written_at", "书面报告时间")):
        when = values.get(name)
        if when and at and when < at:
            errors[name] = f"{label}不能早于事件登记时间"
    if values.get("kind") == LogKind.EMERGENCY.value and not values.get("grade"):
        errors["grade"] = "突发事件须选择事件等级"
    return errors


def _shift_check(values: Mapping[str, Any]) -> dict[str, str]:
    if not (values.get("leader") or "").strip():
        return {"leader": "每一班须有带班领导"}
    staff = split_people(values.get("staff") or "")
    if not staff:
        return {"staff": "请填写值班人员"}
    if values.get("leader") in staff:
        return {"staff": "带班领导和值班人员不能是同一人"}
    if len(set(staff)) != len(staff):
        return {"staff": "值班人员中有重复的名字"}
    return {}


def _no_double_shift(s: Any, values: Mapping[str, Any], obj: Any) -> dict[str, str]:
    """Nobody on two shifts of one day, and one arrangement per day and 班次 (a new shift from the form)."""
    from sqlalchemy import select

    day = values.get("day")
    if obj is not None or day is None:
        return {}
    people = {values.get("leader") or "", *split_people(values.get("staff") or "")} - {""}
    others = s.scalars(select(DutyShift).where(DutyShift.day == day, DutyShift.voided.is_(False)))
    for other in others:
        if other.slot == values.get("slot"):
            return {"slot": f"{day.isoformat()}{other.slot}已有值班安排（带班{other.leader}），请修改那一条"}
        clash = people & {other.leader, *split_people(other.staff)}
        if clash:
            return {
                "staff": f"{'、'.join(sorted(clash))}在{day.isoformat()}已有{other.slot}的班，同一人不能同时值两个班"
            }
    return {}


def split_people(text: str) -> list[str]:
    for sep in ("，", ",", "；", ";", " ", "/"):
        text = text.replace(sep, "、")
    return [p.strip() for p in text.split("、") if p.strip()]


SHIFT_REGISTER = Register(
    key=SHIFTS,
    title="值班表",
    book_title="值班表",
    model=DutyShift,
    record_label="值班安排",
    numbering=Numbering(SHIFTS, "day", "{year}-{seq:04d}"),
    number_label="序号",
    classified=False,
    date_field="day",
    default_sort=("day", False),
    read_roles=READERS,
    write_roles=ROLES,
    form_validator=_shift_check,
    db_validator=_no_double_shift,
    fields=(
        Field("day", "日期", DATE, required=True, filterable=True, synonyms=("值班日期",)),
        Field(
            "slot", "班次", CHOICE, choices=Slot, default=Slot.ALL_DAY.value, required=True, filterable=True
        ),
        Field("day_kind", "类别", CHOICE, choices=DayKind, filterable=True, synonyms=("日期类别",)),
        Field(
            "leader",
            "带班领导",
            TEXT,
            required=True,
            searchable=True,
            autocomplete=True,
            filterable=True,
            max_length=64,
            synonyms=("带班", "值班领导"),
            editable=False,  # changed only by an approved swap (调班), never by editing the shift
        ),
        Field(
            "staff",
            "值班人员",
            TEXT,
            required=True,
            searchable=True,
            max_length=200,
            list_width=160,
            print_width=1.6,
            placeholder="多人用“、”分隔",
            synonyms=("值班员", "值班干部"),
            editable=False,
        ),
        Field("phone", "值班电话", TEXT, max_length=64, synonyms=("联系电话", "电话")),
        Field("note", "备注", MULTILINE, max_length=500, in_list=False),
    ),
)

ABSENCE_REGISTER = Register(
    key=ABSENCES,
    title="值班请假",
    book_title="值班请假登记",
    model=DutyAbsence,
    record_label="请假",
    numbering=Numbering(ABSENCES, "start_on", "假{year}-{seq:03d}"),
    number_label="序号",
    classified=False,
    date_field="start_on",
    default_sort=("start_on", True),
    read_roles=READERS,
    write_roles=ROLES,
    form_validator=_absence_check,
    fields=(
        Field("person", "姓名", TEXT, required=True, searchable=True, autocomplete=True, filterable=True),
        Field("start_on", "开始日期", DATE, required=True, filterable=True, synonyms=("起始日期", "自")),
        Field("end_on", "结束日期", DATE, required=True, synonyms=("截止日期", "至")),
        Field(
            "reason",
            "事由",
            CHOICE,
            choices=AbsenceReason,
            required=True,
            filterable=True,
            synonyms=("原因",),
        ),
        Field("note", "备注", MULTILINE, max_length=500, in_list=False),
    ),
)


def _open_emergencies(table: Any) -> Any:
    return (table.c.kind == LogKind.EMERGENCY.value) & (
        table.c.reported_phone_at.is_(None) | table.c.reported_written_at.is_(None)
    )


LOG_REGISTER = Register(
    key=LOG,
    title="值班记录",
    book_title="值班日志",
    model=DutyLogEntry,
    record_label="值班记录",
    numbering=Numbering(LOG, "at", "值〔{year}〕{seq}号", format_setting="numbering.duty_log"),
    date_field="at",
    default_sort=("number", True),
    read_roles=READERS,
    write_roles=ROLES,
    form_validator=_log_check,
    # an old 值班登记簿 seldom graded its 突发事件: imported, the record shows 事件等级 as missing
    history=History(relaxed_checks=("grade",)),
    filters=(CustomFilter("unreported", "突发事件未报告", _open_emergencies),),
    fields=(
        Field(
            "at",
            "时间",
            DATETIME,
            required=True,
            filterable=True,
            list_width=120,
            synonyms=("来电时间", "日期"),
        ),
        Field(
            "kind",
            "类别",
            CHOICE,
            choices=LogKind,
            required=True,
            filterable=True,
            default=LogKind.CALL.value,
        ),
        Field(
            "unit",
            "来电单位",
            TEXT,
            searchable=True,
            autocomplete=True,
            filterable=True,
            max_length=128,
            synonyms=("单位", "来文单位", "来访单位"),
        ),
        Field("caller", "来电人", TEXT, searchable=True, max_length=64, synonyms=("姓名", "来电人姓名")),
        Field("phone", "联系电话", TEXT, max_length=64, synonyms=("电话", "联系方式")),
        Field(
            "content",
            "内容摘要",
            MULTILINE,
            required=True,
            searchable=True,
            max_length=4000,
            list_width=260,
            print_width=3,
            synonyms=("内容", "事由", "来电内容", "值班内容", "来电来访内容"),
        ),
        Field("grade", "事件等级", CHOICE, choices=EmergencyGrade, filterable=True, in_list=False),
        Field(
            "handling",
            "处理情况",
            MULTILINE,
            searchable=True,
            max_length=4000,
            synonyms=("办理情况", "处理结果", "办理结果"),
        ),
        Field(
            "instruction",
            "领导批示",
            MULTILINE,
            searchable=True,
            max_length=2000,
            in_list=False,
            synonyms=("处理意见", "批示"),
        ),
        Field("reported_phone_at", "电话报告时间", DATETIME, in_list=False, synonyms=("电话上报时间",)),
        Field("reported_written_at", "书面报告时间", DATETIME, in_list=False, synonyms=("书面上报时间",)),
        Field("handover", "交接事项", MULTILINE, max_length=2000, in_list=False, synonyms=("交接班",)),
        Field(
            "recorder",
            "记录人",
            TEXT,
            required=True,
            max_length=64,
            synonyms=("值班人", "记录人签名", "值班员", "值班人员"),
        ),
    ),
)

REGISTERS = (SHIFT_REGISTER, LOG_REGISTER, ABSENCE_REGISTER)


def now_minute() -> datetime:
    return datetime.now().replace(second=0, microsecond=0)

"""The 会议安排 area (meetings): meetings with their rooms, participants, preparation, seating, sign-in,
notice and minutes; overdue preparation on the home tab; the year's figures."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.areas.meetings import checks
from app.areas.meetings.forms import (
    collect_calendar,
    collect_cards,
    collect_minutes,
    collect_notice,
    collect_seating,
    collect_seating_stage,
    collect_sign_in,
)
from app.areas.meetings.notice_numbers import PREFIXES_SETTING, parse_prefixes
from app.areas.meetings.registers import MEETINGS, REGISTERS, TASKS
from app.areas.meetings.service import SERVICE, MeetingsService
from app.areas.meetings.workflows import WORKFLOWS
from app.domain.enums import Role
from app.kit.area import Area, DashboardItem, FormSpec
from app.printing.meeting_calendar import CALENDAR
from app.printing.meeting_docx import MINUTES, NOTICE
from app.printing.meeting_seating import CARDS, SEATING, SIGN_IN
from app.services.office_settings import SettingSpec

if TYPE_CHECKING:
    from app.services.actor import Actor
    from app.services.container import Services


def _dashboard(services: Services, actor: Actor) -> list[DashboardItem]:
    if not actor.has_role(Role.MEETINGS, Role.LEADER):
        return []
    from datetime import date, datetime

    today = date.today()
    items = []
    for task, meeting in services.service(SERVICE).due_tasks(actor, today):
        late = task.due_on is not None and task.due_on < today
        items.append(
            DashboardItem(
                "meetings",
                "overdue" if late else "due_soon",
                f"{task.item}（{meeting}）",
                f"负责人 {task.who or '未定'}，时限 {task.due_on:%m月%d日}，{task.state or '待办'}",
                datetime.combine(task.due_on, datetime.min.time()) if task.due_on else None,
                TASKS,
                task.id,
                number=task.meeting_no,
                category="会务筹备",
            )
        )
    return items


def _demo(services: Services, options: Any) -> dict[str, int]:
    from app.areas.meetings.demo import fill

    return fill(services, options)


def _names(text: str) -> str:
    names = checks.split_list(text)
    if len(set(names)) != len(names):
        raise ValueError("类型表中有重复的名称")
    return "、".join(names)


AREA = Area(
    key="meetings",
    title="会议安排",
    roles=(Role.MEETINGS, Role.LEADER),
    registers=REGISTERS,
    build_service=MeetingsService,
    workflows=WORKFLOWS,
    forms=(
        FormSpec(MEETINGS, "notice", "会议通知", collect_notice, NOTICE),
        FormSpec(MEETINGS, "seating", "座次图（面向主席台）", collect_seating, SEATING),
        FormSpec(MEETINGS, "seating_stage", "座次图（主席台视角）", collect_seating_stage, SEATING),
        FormSpec(MEETINGS, "cards", "桌签", collect_cards, CARDS),
        FormSpec(MEETINGS, "signin", "签到表", collect_sign_in, SIGN_IN),
        FormSpec(MEETINGS, "minutes", "会议纪要", collect_minutes, MINUTES),
        FormSpec(MEETINGS, "calendar", "会议日程（月）", collect_calendar, CALENDAR, scope="month"),
    ),
    dashboard=_dashboard,
    demo=_demo,
    settings=(
        SettingSpec(
            checks.TYPES_SETTING,
            "会议：会议类型",
            "、".join(checks.DEFAULT_TYPES),
            "类型名称用“、”分隔",
            _names,
        ),
        SettingSpec(
            checks.LARGE_SETTING,
            "会议：计入“大型会议”的类型",
            "、".join(checks.DEFAULT_LARGE),
            "年度统计中算作大型会议的类型，用“、”分隔",
            _names,
        ),
        SettingSpec(
            PREFIXES_SETTING,
            "会议：通知文号的机关代字",
            "",
            "会议通知以哪些代字编文号，用“、”分隔，如：县委办、县委办发电；会议表单可按代字取下一个文号",
            parse_prefixes,
        ),
    ),
)

__all__ = ["AREA", "MeetingsService"]

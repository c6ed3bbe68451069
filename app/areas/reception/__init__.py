"""The 来访接待 area (reception): 信访 petitions with their statutory clock and handling workflow, 公务接待
official receptions (公函, 事前审批, meal limits, standards, the four reimbursement papers) and the front
desk's 来客登记 visitor log."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.areas.reception.clock import WORKING_DAYS_SETTING, parse_day_kind
from app.areas.reception.reception_flow import RECEPTION_FLOW
from app.areas.reception.registers import PETITIONS, REGISTERS
from app.areas.reception.service import ReceptionService
from app.areas.reception.standards import DEFAULT_STANDARDS, STANDARDS_SETTING, parse_standards
from app.areas.reception.workflow import FLOW
from app.domain.enums import Role
from app.kit.area import Area, DashboardItem
from app.services.office_settings import SettingSpec

if TYPE_CHECKING:
    from app.services.actor import Actor
    from app.services.container import Services


def _dashboard(services: Services, actor: Actor) -> list[DashboardItem]:
    from datetime import datetime, time

    if not actor.has_role(*services.catalog.get(PETITIONS).read_roles):
        return []
    items = []
    end_of_day = time(23, 59)
    # thousands of cases can be overdue at once: isoformat and combine, not strftime (a third of the time)
    for c in services.service("reception").open_clocks(actor, warn_only=True):
        when = f"已超期{-c.days_left}日" if c.days_left < 0 else f"还有{c.days_left}日"
        items.append(
            DashboardItem(
                "reception",
                "overdue" if c.status == "overdue" else "due_soon",
                f"信访{c.what}：{c.petitioner}　{c.summary[:24]}",
                f"{c.number}，应于{c.due.isoformat()}前{c.what}（{when}）",
                datetime.combine(c.due, end_of_day),
                PETITIONS,
                c.id,
            )
        )
    return items


def _demo(services: Services, options: Any) -> dict[str, int]:
    from app.areas.reception.demo import fill

    return fill(services, options)


def _standards(text: str) -> str:
    parse_standards(text)
    return text.strip()


def _forms() -> tuple[Any, ...]:
    from app.areas.reception.forms import FORMS

    return FORMS


AREA = Area(
    key="reception",
    title="来访接待",
    roles=(Role.PETITIONS, Role.RECEPTION, Role.LEADER),
    registers=REGISTERS,
    build_service=ReceptionService,
    forms=_forms(),
    dashboard=_dashboard,
    demo=_demo,
    workflows=(FLOW, RECEPTION_FLOW),
    settings=(
        SettingSpec(
            WORKING_DAYS_SETTING,
            "信访：期限按自然日或工作日计算",
            "自然日",
            "“自然日”（条例原文）或“工作日”（按节假日安排，扣除法定节假日、计入调休上班日）",
            parse_day_kind,
        ),
        SettingSpec(
            STANDARDS_SETTING,
            "公务接待：开支标准（元）",
            DEFAULT_STANDARDS,
            "工作餐按人次、住宿按间夜、交通和其他按接待对象人数，如：" + DEFAULT_STANDARDS,
            _standards,
        ),
    ),
)

__all__ = ["AREA", "ReceptionService"]

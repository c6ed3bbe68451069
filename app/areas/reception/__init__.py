"""The 来访接待 area (reception): 信访 petitions with their statutory clock and handling workflow, 公务接待
official receptions (公函, 事前审批, meal limits, standards, the four reimbursement papers) and the front
desk's 来客登记 visitor log."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.areas.reception.clock import WORKING_DAYS_SETTING, parse_day_kind
from app.areas.reception.reception_flow import RECEPTION_FLOW
from app.areas.reception.registers import PETITIONS, REGISTERS
from app.areas.reception.service import SERVICE, ReceptionService
from app.areas.reception.standards import DEFAULT_STANDARDS, STANDARDS_SETTING, parse_standards
from app.areas.reception.workflow import FLOW
from app.domain.enums import Role
from app.kit.area import Area, DashboardItem
from app.services.office_settings import SettingSpec

if TYPE_CHECKING:
    from app.services.actor import Actor
    from app.services.container import Services


HOME_LIMIT = 50  # petitions per urgency on the home tab; the rest are counted in one line


def _dashboard(services: Services, actor: Actor) -> list[DashboardItem]:
    from datetime import datetime

    if not actor.has_role(*services.catalog.get(PETITIONS).read_roles):
        return []
    items: list[DashboardItem] = []
    clocks = services.service(SERVICE).open_clocks(actor, warn_only=True)  # most urgent first
    for status, label in (("overdue", "已超期"), ("due_soon", "即将到期")):
        rest = [c for c in clocks if (c.status == "overdue") == (status == "overdue")][HOME_LIMIT:]
        if rest:  # counted, not hidden: the register's clock filter lists every one
            items.append(
                DashboardItem(
                    "reception",
                    status,
                    f"另有 {len(rest)} 件{label}的信访件未列出",
                    "在信访登记中按期限状态筛选查看",
                    None,
                    PETITIONS,
                    None,
                    category="信访期限",
                )
            )
    shown = [c for c in clocks if c.status == "overdue"][:HOME_LIMIT]
    shown += [c for c in clocks if c.status != "overdue"][:HOME_LIMIT]
    for c in shown:
        when = "已超期" + str(-c.days_left) + "日" if c.days_left < 0 else f"还有{c.days_left}日"
        items.append(
            DashboardItem(
                "reception",
                "overdue" if c.status == "overdue" else "due_soon",
                f"{c.petitioner}：{c.summary[:40]}",
                f"须{c.what}（{when}）",
                datetime(c.due.year, c.due.month, c.due.day, 23, 59),
                PETITIONS,
                c.id,
                number=c.number,
                category=f"信访{c.what}",
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

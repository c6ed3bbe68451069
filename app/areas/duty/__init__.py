"""The 值班 area (duty): the roster with its rotation, absences and approved swaps; the duty log with the
突发事件 reporting clock; today's duty on the home tab."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from app.areas.duty.forms import collect_roster
from app.areas.duty.registers import LOG, REGISTERS, SHIFTS
from app.areas.duty.service import SERVICE, DutyService, parse_limits, parse_people
from app.domain.enums import Role
from app.kit.area import Area, DashboardItem, FormSpec
from app.printing.roster import ROSTER
from app.services.office_settings import SettingSpec

if TYPE_CHECKING:
    from app.services.actor import Actor
    from app.services.container import Services


def _dashboard(services: Services, actor: Actor) -> list[DashboardItem]:
    svc = services.service(SERVICE)
    items: list[DashboardItem] = []
    for sh in svc.today(actor):
        staff = "、".join(sh.staff) or "未排"
        items.append(
            DashboardItem(
                "duty",
                "info",
                f"今日值班（{sh.slot}）：带班 {sh.leader or '未排'}，值班 {staff}",
                f"{sh.day:%m月%d日}" + (f"　值班电话 {sh.phone}" if sh.phone else ""),
                None,
                SHIFTS,
                sh.id,
            )
        )
    now = datetime.now()
    for due in svc.reports_due(actor, now):
        kind = "overdue" if due.due < now else "due_soon"
        items.append(
            DashboardItem(
                "duty",
                kind,
                due.content[:40],
                f"{due.at:%m-%d %H:%M}登记，应于{due.due:%H:%M}前{due.what}",
                due.due,
                LOG,
                due.record_id,
                number=due.number,
                category=f"突发事件{due.what}",
            )
        )
    for swap in svc.swaps(actor) if actor.has_role(Role.LEADER) else ():
        items.append(
            DashboardItem(
                "duty",
                "todo",
                f"调班待审批：{swap.person_a}（{swap.day_a:%m-%d}）与{swap.person_b}（{swap.day_b:%m-%d}）",
                swap.reason,
                None,
                SHIFTS,
                None,
                category="调班审批",
            )
        )
    return items


def _demo(services: Services, options: Any) -> dict[str, int]:
    from app.areas.duty.demo import fill

    return fill(services, options)


def _people(text: str) -> str:
    return "、".join(parse_people(text))


def _limits(text: str) -> str:
    parse_limits(text)
    return text.strip()


AREA = Area(
    key="duty",
    title="值班",
    roles=(Role.DUTY, Role.LEADER),
    registers=REGISTERS,
    build_service=DutyService,
    forms=(FormSpec(SHIFTS, "month", "值班表（月）", collect_roster, ROSTER, scope="month"),),
    dashboard=_dashboard,
    demo=_demo,
    settings=(
        SettingSpec("duty.leaders", "值班：带班领导轮换顺序", "", "姓名用“、”分隔，按轮换顺序", _people),
        SettingSpec("duty.staff", "值班：值班人员轮换顺序", "", "姓名用“、”分隔，按轮换顺序", _people),
        SettingSpec(
            "duty.report_limits",
            "值班：突发事件报告时限（分钟，电话/书面）",
            "特别重大 15/30，重大 15/30，较大 30/60，一般 30/60",
            "按事件等级写：特别重大 15/30，重大 15/30，较大 30/60，一般 30/60",
            _limits,
        ),
    ),
)

__all__ = ["AREA", "DutyService", "date"]

"""The 督办 area (supervision): items from the city committee, leaders' 批示, meetings and documents, given
to units with a deadline; 催办, 反馈, 审核 and 办结 on the workflow kit; three colours; the figures."""

from __future__ import annotations

from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from app.areas.supervision.forms import collect_bulletin, write_bulletin
from app.areas.supervision.registers import FLOW, ITEM_REGISTER, ITEMS
from app.areas.supervision.service import SERVICE, SupervisionService
from app.domain.enums import Role
from app.kit.area import Area, DashboardItem, FormSpec
from app.printing.report import REPORT

if TYPE_CHECKING:
    from app.services.actor import Actor
    from app.services.container import Services

KINDS = {"red": "overdue", "yellow": "todo", "blue": "due_soon"}


def _dashboard(services: Services, actor: Actor) -> list[DashboardItem]:
    if not actor.has_role(*ITEM_REGISTER.read_roles):
        return []
    items = []
    for i in services.service(SERVICE).coloured(actor)[:40]:
        due = datetime.combine(i.deadline, time(17, 30)) if i.deadline else None
        items.append(
            DashboardItem(
                "supervision",
                KINDS[i.colour],
                i.content[:60],
                f"{i.colour_label[3:-1]}　{i.lead_unit or '未交办'}",  # 红色（已超期） -> 已超期
                due,
                ITEMS,
                i.id,
                number=i.number,
                category=f"督办{i.colour_label[:2]}",
                colour=i.colour,
            )
        )
    return items


def _demo(services: Services, options: Any) -> dict[str, int]:
    from app.areas.supervision.demo import fill

    return fill(services, options)


AREA = Area(
    key="supervision",
    title="督查督办",
    roles=(Role.SUPERVISION, Role.LEADER),
    registers=(ITEM_REGISTER,),
    workflows=(FLOW,),
    build_service=SupervisionService,
    forms=(FormSpec(ITEMS, "bulletin", "督办通报（年度）", collect_bulletin, REPORT, scope="year"),),
    dashboard=_dashboard,
    demo=_demo,
    # the 通报 of any period and one unit (print … bulletin --from/--to/--month/--quarter --unit)
    extra={"period_forms": {(ITEMS, "bulletin"): write_bulletin}},
)

__all__ = ["AREA", "SupervisionService"]

"""收发文 items on the home tab: overdue and due-soon documents, and paper copies not back in time."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from app.areas.documents.registers import INCOMING, OUTGOING
from app.kit.area import DashboardItem

if TYPE_CHECKING:
    from app.services.actor import Actor
    from app.services.container import Services

LIMIT = 30
COPY_WARN = timedelta(days=1)  # a copy due back within this time is listed as due soon


def dashboard_items(services: Services, actor: Actor) -> list[DashboardItem]:
    if not actor.has_role(*INCOMING.read_roles):
        return []
    items: list[DashboardItem] = []
    for kind, label in (("overdue", "已超期"), ("due_soon", "即将到期")):
        page = services.registers.page(
            actor, INCOMING.key, filters={kind: True}, sort=("due_on", False), limit=LIMIT
        )
        if page.total > LIMIT:  # the rest are counted, not hidden: the filter lists every one
            items.append(
                DashboardItem(
                    "documents",
                    kind,
                    f"另有 {page.total - LIMIT} 件{label}的收文未列出",
                    f"在收文登记中按“{label}”筛选查看全部 {page.total} 件",
                    None,
                    INCOMING.key,
                    None,
                    category="催办",
                )
            )
        for r in page.records:
            unit = r["lead_unit"] or "未定承办单位"
            items.append(
                DashboardItem(
                    "documents",
                    kind,
                    r["title"],
                    f"承办：{unit}",
                    datetime.combine(r["due_on"], time(17, 30)),
                    INCOMING.key,
                    r.id,
                    number=r["number"],
                    category="催办",
                )
            )
    # copies due back within a day are "due soon"; one query for both (the list is ordered by due time)
    now = datetime.now()
    for c in services.copies.due_back(actor, (INCOMING.key,), now + COPY_WARN, LIMIT):
        items.append(
            DashboardItem(
                "documents",
                "overdue" if c.due_back < now else "due_soon",
                c.record_title or c.record_number,
                f"第{c.copy_no}份在{c.holder or '未知'}处，未退回",
                c.due_back,
                INCOMING.key,
                c.record_id,
                number=c.record_number,
                category="退还",
            )
        )
    items.extend(copy_pending_items(services, actor))
    return items


def copy_pending_items(services: Services, actor: Actor) -> list[DashboardItem]:
    """份号待补: classified history imported without 份号, one line per register for the 收发文 staff
    (only what the clerk may see; the filter 份号待补 lists the records)."""
    items = []
    for reg in (INCOMING, OUTGOING):
        if not actor.has_role(*reg.write_roles):
            continue
        total = services.registers.count(actor, reg.key, filters={"copy_no_pending": True})[0]
        if total:
            items.append(
                DashboardItem(
                    "documents",
                    "todo",
                    f"{total} 条涉密{reg.record_label}份号待补",
                    f"导入的历史{reg.record_label}没有份号：在{reg.title}中按“份号待补”筛选后逐条补登",
                    None,
                    reg.key,
                    None,
                    category="份号待补",
                )
            )
    return items

"""The 督办通报 of a period (Word): how many items, how many done, 办结率 and 按期办结率, per source and per
lead unit, and the items overdue — collected as plain data for app.printing.report."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from app.areas.supervision.service import SERVICE
from app.printing.meta import PrintMeta
from app.printing.report import Report, ReportSection, ReportTable, percent

if TYPE_CHECKING:
    from app.services.container import Services


def _rate_row(name: str, r: Any) -> tuple[str, ...]:
    return (
        name,
        str(r.items),
        str(r.done),
        percent(r.done, r.items),
        str(r.due),
        percent(r.done_on_time, r.due),
    )


HEAD = ("", "立项（件）", "办结（件）", "办结率", "到期（件）", "按期办结率")
NOTE = "办结率 = 办结件数 ÷ 立项件数；按期办结率 = 在办结时限内办结的件数 ÷ 办结时限已到的件数。"


def collect_bulletin(services: Services, actor: Any, year: int) -> Report:
    """The year's 督办通报 (record id = the year)."""
    from app.services.settings import get_value

    start, end = date(year, 1, 1), date(year, 12, 31)
    svc = services.service(SERVICE)
    stats = svc.statistics(actor, start, end)
    with services.db.read() as s:
        organ = get_value(s, "documents.organ_name") or "中共××县委办公室"
    t = stats.total
    intro = (
        f"{year}年，共立项督办事项{t.items}件，办结{t.done}件，办结率{percent(t.done, t.items)}；"
        f"办结时限已到的{t.due}件中按期办结{t.done_on_time}件，按期办结率{percent(t.done_on_time, t.due)}。"
        f"经批准延期{stats.extended}件，目前超期未办结{stats.overdue_open}件。",
    )
    by_source = ReportTable(
        "表1　按督办来源",
        HEAD,
        tuple(_rate_row(k, r) for k, r in stats.by_source.items() if r.items) + (_rate_row("合计", t),),
        NOTE,
    )
    by_unit = ReportTable(
        "表2　按主办单位",
        HEAD,
        tuple(_rate_row(k, r) for k, r in sorted(stats.by_unit.items(), key=lambda kv: -kv[1].items)),
        NOTE,
    )
    overdue = [i for i in svc.coloured(actor, date.today()) if i.colour == "red"]
    late = ReportTable(
        "表3　超期未办结事项",
        ("编号", "督办事项", "主办单位", "办结时限"),
        tuple(
            (i.number, i.content[:60], i.lead_unit, i.deadline.isoformat() if i.deadline else "")
            for i in overdue
        )
        or (("—", "无", "", ""),),
    )
    months = "，".join(f"{m}月{n}件" for m, n in stats.by_month.items()) or "无"
    return Report(
        title=f"关于{year}年度督查督办工作情况的通报",
        meta=PrintMeta.for_actor(actor),
        subtitle=f"（统计期间：{start.isoformat()}至{end.isoformat()}；统计范围：{actor.clearance.label}及以下密级事项）",
        intro=intro,
        sections=(
            ReportSection("总体情况", (f"各月立项：{months}。",), (by_source,)),
            ReportSection("各单位办理情况", (), (by_unit,)),
            ReportSection("超期事项", ("请以下单位抓紧办理，并说明超期原因。",) if overdue else (), (late,)),
        ),
        signature=(organ, f"{date.today().year}年{date.today().month}月{date.today().day}日"),
    )

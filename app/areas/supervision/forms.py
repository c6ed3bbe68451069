"""The 督办通报 of a period (Word): how many items, how many done, 办结率 and 按期办结率, per source and per
lead unit, and the items overdue — collected as plain data for app.printing.report."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.areas.supervision.registers import ITEMS
from app.areas.supervision.service import SERVICE
from app.domain.errors import ValidationFailed
from app.printing.meta import PrintMeta
from app.printing.report import REPORT, Report, ReportSection, ReportTable, percent

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


QUARTERS = "一二三四"


def period_label(start: date, end: date) -> str:
    """How a 通报 names its period: 2026年度, 2026年第一季度, 2026年3月, or 2026年1月15日至2026年6月30日."""
    import calendar

    whole_months = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    if whole_months and start.year == end.year:
        if (start.month, end.month) == (1, 12):
            return f"{start.year}年度"
        if start.month == end.month:
            return f"{start.year}年{start.month}月"
        if start.month % 3 == 1 and end.month == start.month + 2:
            return f"{start.year}年第{QUARTERS[start.month // 3]}季度"
    return f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日"


def collect_bulletin(services: Services, actor: Any, year: int) -> Report:
    """The year's 督办通报 of every unit (the form's record id is the year)."""
    return collect_period_bulletin(services, actor, date(year, 1, 1), date(year, 12, 31))


def collect_period_bulletin(
    services: Services, actor: Any, start: date, end: date, unit: str = "", today: date | None = None
) -> Report:
    """The 督办通报 of any period: of every unit (figures by source and by unit, the overdue items), or of one
    主办单位 (its figures and every item it was given in the period, with how each stands)."""
    from app.services.settings import get_value

    unit = (unit or "").strip()
    today = today or date.today()
    svc = services.service(SERVICE)
    if unit:
        known = svc.units(actor)
        if unit not in known:  # a mistyped unit would print an empty 通报 that looks like a clean record
            similar = "、".join(u for u in known if unit[:2] in u or u[:2] in unit) or "、".join(known[:8])
            raise ValidationFailed(
                {"unit": f"没有主办单位为“{unit}”的督办事项" + (f"。是否为：{similar}" if similar else "")}
            )
    stats = svc.statistics(actor, start, end, unit)  # checks the rights and the period
    items = svc.items_of(actor, start, end, unit)
    with services.db.read() as s:
        organ = get_value(s, "documents.organ_name") or "中共××县委办公室"
    label = period_label(start, end)
    t = stats.total
    late_done = sum(1 for i in items if i.done and i.deadline and i.done_on and i.done_on > i.deadline)
    overdue = [i for i in items if i.overdue(today)]
    who = f"{unit}共承办" if unit else "共立项"
    intro = (
        f"{label}，{who}督办事项{t.items}件，办结{t.done}件，办结率{percent(t.done, t.items)}；"
        f"办结时限已到的{t.due}件中按期办结{t.done_on_time}件，按期办结率{percent(t.done_on_time, t.due)}。"
        f"经批准延期{stats.extended}件，超期办结{late_done}件，目前超期未办结{len(overdue)}件。",
    )
    by_source = ReportTable(
        "表1　按督办来源",
        HEAD,
        tuple(_rate_row(k, r) for k, r in stats.by_source.items() if r.items) + (_rate_row("合计", t),),
        NOTE,
    )
    late = ReportTable(
        "表3　超期未办结事项",
        ("编号", "督办事项", "主办单位", "办结时限"),
        tuple(
            (i.number, i.content[:60], i.lead_unit, i.deadline.isoformat() if i.deadline else "")
            for i in overdue
        )
        or (("—", "无", "", ""),),
    )
    late_section = ReportSection(
        "超期事项", ("请抓紧办理，并书面说明超期原因。",) if overdue else (), (late,)
    )
    if unit:
        listed = ReportTable(
            "表2　督办事项办理情况",
            ("编号", "立项日期", "督办事项", "办结时限", "办结日期", "办理情况"),
            tuple(
                (
                    i.number,
                    i.received_on.isoformat() if i.received_on else "",
                    i.content[:80],
                    i.deadline.isoformat() if i.deadline else "",
                    i.done_on.isoformat() if i.done_on else "",
                    i.situation(today),
                )
                for i in items
            )
            or (("—", "", "本期无督办事项", "", "", ""),),
            weights=(2.4, 1.8, 1.8, 1.8, 1.8, 1.5),  # a number and a date on one line each
        )
        middle = ReportSection("督办事项办理情况", (), (listed,))
        title = f"关于{unit}{label}督查督办工作情况的通报"
    else:
        by_unit = ReportTable(
            "表2　按主办单位",
            HEAD,
            tuple(_rate_row(k, r) for k, r in sorted(stats.by_unit.items(), key=lambda kv: -kv[1].items)),
            NOTE,
        )
        middle = ReportSection("各单位办理情况", (), (by_unit,))
        title = f"关于{label}督查督办工作情况的通报"
    months = "，".join(f"{m}月{n}件" for m, n in stats.by_month.items()) or "无"
    scope = f"主办单位：{unit}；" if unit else ""
    return Report(
        title=title,
        meta=PrintMeta.for_actor(actor),
        subtitle=(
            f"（统计期间：{start.isoformat()}至{end.isoformat()}；{scope}"
            f"统计范围：{actor.clearance.label}及以下密级事项；办理情况截至{today.isoformat()}）"
        ),
        intro=intro,
        sections=(
            ReportSection("总体情况", (f"各月立项：{months}。",), (by_source,)),
            middle,
            late_section,
        ),
        signature=(organ, f"{today.year}年{today.month}月{today.day}日"),
    )


def write_bulletin(
    services: Services,
    actor: Any,
    start: date,
    end: date,
    out: Path,
    unit: str = "",
    fmt: str | None = None,
) -> Path:
    """The 督办通报 of a period (and unit) written to ``out`` (.docx or .pdf), atomically and audited as a
    print of the 督办 register."""
    data = collect_period_bulletin(services, actor, start, end, unit)
    return services.printing.render_printout(
        actor,
        REPORT,
        data,
        Path(out),
        fmt=fmt,
        object_type=ITEMS,
        object_id="",
        detail={
            "form": "bulletin",
            "title": data.title,
            "from": start.isoformat(),
            "to": end.isoformat(),
            "unit": unit or "全部单位",
        },
    )

"""The 信息工作通报 of a year (Word): submitted, adopted, 采用率, adoptions by level, and the ranking of units and
authors by score — collected as plain data for app.printing.report."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from app.areas.information.service import SERVICE
from app.printing.meta import PrintMeta
from app.printing.report import Report, ReportSection, ReportTable, percent

if TYPE_CHECKING:
    from app.services.container import Services


def _score(x: float) -> str:
    return f"{x:g}"


def collect_bulletin(services: Services, actor: Any, year: int) -> Report:
    from app.services.settings import get_value

    start, end = date(year, 1, 1), date(year, 12, 31)
    st = services.service(SERVICE).statistics(actor, start, end)
    with services.db.read() as s:
        organ = get_value(s, "documents.organ_name") or "中共××县委办公室"
    levels = "，".join(f"{lv}{n}条" for lv, n in st.adopted_by_level.items() if n) or "无"
    intro = (
        f"{year}年，全县共报送信息{st.submitted}条，被采用{st.adopted}条，采用率{percent(st.adopted, st.submitted)}"
        f"（被采用信息按级别：{levels}）；获领导批示{st.instructions}次，合计得分{_score(st.score)}分。",
    )
    head = ("名次", "单位", "报送（条）", "采用（条）", "采用率", "得分")
    units = ReportTable(
        "表1　各单位信息报送采用情况",
        head,
        tuple(
            (
                str(n),
                r.name,
                str(r.submitted),
                str(r.adopted),
                percent(r.adopted, r.submitted),
                _score(r.score),
            )
            for n, r in enumerate(st.by_unit, start=1)
        ),
        "采用率 = 被采用条数 ÷ 报送条数（同一条信息被多个刊物采用只计一次）；得分按系统设置中的计分办法。",
    )
    authors = ReportTable(
        "表2　执笔人得分排名（前20名）",
        ("名次", "执笔人", "报送（条）", "采用（条）", "采用率", "得分"),
        tuple(
            (
                str(n),
                r.name,
                str(r.submitted),
                str(r.adopted),
                percent(r.adopted, r.submitted),
                _score(r.score),
            )
            for n, r in enumerate(st.by_author[:20], start=1)
        ),
    )
    months = ReportTable(
        "表3　各月报送与采用",
        ("月份", "报送（条）", "采用（条）", "采用率"),
        tuple((f"{m}月", str(a), str(b), percent(b, a)) for m, (a, b) in st.by_month.items()),
    )
    return Report(
        title=f"关于{year}年度信息报送工作情况的通报",
        meta=PrintMeta.for_actor(actor),
        subtitle=f"（统计期间：{start.isoformat()}至{end.isoformat()}；统计范围：{actor.clearance.label}及以下密级信息）",
        intro=intro,
        sections=(
            ReportSection("各单位报送采用情况", (), (units,)),
            ReportSection("执笔人排名", (), (authors,)),
            ReportSection("各月情况", (), (months,)),
        ),
        signature=(organ, f"{date.today().year}年{date.today().month}月{date.today().day}日"),
    )

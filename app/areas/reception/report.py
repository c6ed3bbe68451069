"""The 来访接待 statistics of a period as an editable Word report (the statistics view's 打印, and the
year's report for the CLI): 信访 件/批次/人次, 集体访, rates, 复查/复核, by channel, category, 属地 and month;
公务接待 批次/人次/陪餐 and costs by category — collected as plain data for app.printing.report."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from app.areas.reception.figures import PetitionFigures, PetitionStats
from app.areas.reception.official_figures import ReceptionFigures
from app.areas.reception.service import SERVICE
from app.domain.enums import Role
from app.printing.meta import PrintMeta
from app.printing.report import Report, ReportSection, ReportTable
from app.services.office_settings import organ_name

if TYPE_CHECKING:
    from app.services.container import Services

PETITION_HEAD = ("", "来信（件）", "来访（批次）", "来访（人次）", "集体访（批次/人次）", "来电（件）", "来信来访（人次）",
                 "按期办结率", "办结率", "满意率")  # fmt: skip
NOTE = (
    "来信含网上信访、领导信箱、上级转交；来信来访人次 = 来信件数 + 来访人次；按期办结率 = 在法定期限内答复的件数"
    " ÷ 已答复件数；满意率 = （满意 + 基本满意）÷ 已评价件数。"
)


def pct(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.1f}%"


def petition_row(name: str, f: PetitionFigures) -> tuple[str, ...]:
    return (
        name,
        str(f.letters),
        str(f.visit_batches),
        str(f.visit_persons),
        f"{f.group_batches}/{f.group_persons}",
        str(f.calls),
        str(f.persons),
        pct(f.finish_rate),
        pct(f.close_rate),
        pct(f.satisfaction_rate),
    )


def month_name(key: int) -> str:
    return f"{key // 100}年{key % 100}月"


def petition_sections(st: PetitionStats) -> tuple[ReportSection, ...]:
    t = st.total
    intro = (
        f"共受理来信来访{t.persons}人次：来信{t.letters}件，来访{t.visit_batches}批{t.visit_persons}人次"
        f"（其中集体访{t.group_batches}批{t.group_persons}人次），来电{t.calls}件。按期受理率{pct(t.accept_rate)}，"
        f"按期办结率{pct(t.finish_rate)}，办结率{pct(t.close_rate)}，满意率{pct(t.satisfaction_rate)}。"
        f"申请复查{t.reviews}件（已决定{t.reviews_decided}件），申请复核{t.rechecks}件（已决定{t.rechecks_decided}件）。"
    )
    tables = []
    # (the keys are 渠道/类别/属地 names, or YYYYMM months named by month_name)
    grouped: tuple[tuple[str, Mapping[Any, PetitionFigures], Callable[[Any], str]], ...] = (
        ("按渠道", st.by_channel, str),
        ("按问题类别", st.by_category, str),
        ("按属地", st.by_township, str),
        ("按月份", st.by_month, month_name),
    )
    for n, (caption, groups, name) in enumerate(grouped, start=1):
        rows = tuple(petition_row(name(k), f) for k, f in groups.items())
        tables.append(
            ReportTable(f"表{n}　信访{caption}", PETITION_HEAD, rows + (petition_row("合计", t),), NOTE)
        )
    return (ReportSection("信访工作", (intro,), tuple(tables)),)


def reception_section(f: ReceptionFigures, first_table: int) -> ReportSection:
    levels = "，".join(f"{k}{v}批" for k, v in f.by_level.items() if v) or "无"
    persons = "，".join(f"{k}{v}人次" for k, v in (f.persons_by_level or {}).items() if v) or "无"
    intro = (
        f"共接待{f.receptions}批{f.persons}人次（{levels}；{persons}），陪餐{f.companions}人次；"
        f"接待费用合计{f.total_cost}元，人均{f.cost_per_person if f.cost_per_person is not None else '—'}元。"
    )
    costs = ReportTable(
        f"表{first_table}　公务接待费用（元）",
        ("项目", "金额", "人均"),
        tuple((k, str(v), f"{v / f.persons:.1f}" if f.persons else "—") for k, v in f.costs.items())
        + (("合计", str(f.total_cost), f"{f.cost_per_person or 0:.1f}" if f.persons else "—"),),
    )
    months = ReportTable(
        f"表{first_table + 1}　公务接待按月份",
        ("月份", "批次", "人次", "陪餐（人次）", "费用（元）"),
        tuple(
            (month_name(k), str(m["receptions"]), str(m["persons"]), str(m["companions"]), str(m["cost"]))
            for k, m in f.by_month.items()
        )
        or (("—", "0", "0", "0", "0"),),
    )
    return ReportSection("公务接待", (intro,), (costs, months))


def collect(services: Services, actor: Any, start: date, end: date) -> Report:
    """The figures the user may read: 信访 for the 信访接待 role and leaders, 公务接待 for its role."""
    svc = services.service(SERVICE)
    sections: list[ReportSection] = []
    if actor.has_role(Role.PETITIONS, Role.LEADER):
        sections.extend(petition_sections(svc.petition_figures(actor, start, end)))
    if actor.has_role(Role.RECEPTION, Role.LEADER):
        first = 5 if sections else 1  # tables numbered on from the 信访 ones
        sections.append(reception_section(svc.reception_figures(actor, start, end), first))
    today = date.today()
    return Report(
        title="来访接待工作统计",
        meta=PrintMeta.for_actor(actor),
        subtitle=f"（统计期间：{start.isoformat()}至{end.isoformat()}）",
        sections=tuple(sections),
        signature=(organ_name(services), f"{today.year}年{today.month}月{today.day}日"),
    )


def collect_year(services: Services, actor: Any, year: int) -> Report:
    return collect(services, actor, date(int(year), 1, 1), date(int(year), 12, 31))

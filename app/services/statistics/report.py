"""The statistics report (年度/季度/月度统计报告) of a period as a user may see it: the scope line, the summary
paragraph, the overview and one section per area with month-by-month and by-category tables, each rate
with its definition, the change against the previous year and charts from the same numbers. Written
through the print service (rights per area, audit entry, atomic file); PDF or Word by the suffix."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.printing.meta import PrintMeta
from app.printing.report import REPORT, Report, ReportSection
from app.services.actor import Actor
from app.services.statistics import sections_docs as docs
from app.services.statistics import sections_work as work
from app.services.statistics.figures import Figures, KeyFigure, collect, summary_figures
from app.services.statistics.period import Period
from app.services.statistics.summary import scope_line, summary_paragraphs
from app.services.statistics.tables import Rate

if TYPE_CHECKING:
    from app.services.container import Services


@dataclass(frozen=True)
class StatisticsReport:
    """What the 统计 screen previews and the file is made of (plain data)."""

    period: Period
    figures: Figures
    previous: Figures  # the same period one year earlier
    scope: str
    summary: tuple[str, ...]
    key: tuple[KeyFigure, ...]
    organ: str
    made_on: date

    @property
    def title(self) -> str:
        kind = "度" if self.period.kind == "year" else ""
        return f"{self.organ}{self.period.label}{kind}工作统计报告"


def prepare(services: Services, actor: Actor, period: Period, today: date | None = None) -> StatisticsReport:
    from app.services.settings import get_value

    if actor.is_admin:
        from app.domain.errors import PermissionDenied

        raise PermissionDenied("三员不查看业务记录，不能生成统计报告")
    figures, previous = _both_years(services, actor, period)
    with services.db.read() as s:
        organ = get_value(s, "documents.organ_name") or "中共××县委办公室"
    return StatisticsReport(
        period,
        figures,
        previous,
        scope_line(figures),
        summary_paragraphs(figures),
        summary_figures(figures),
        organ,
        today or date.today(),
    )


def _both_years(services: Services, actor: Actor, period: Period) -> tuple[Figures, Figures]:
    """The period's figures and the same period a year earlier, read side by side: most of the time is
    SQLite counting (which runs without Python's lock), so the previous year's reads go on while this
    year's rows are summed. Each thread reads in its own session; an in-memory database (one connection)
    is read in turn."""
    from concurrent.futures import ThreadPoolExecutor

    if ":memory:" in services.db.url or services.db.url in ("sqlite://", "sqlite:///"):
        return collect(services, actor, period), collect(services, actor, period.previous_year())
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="statistics") as pool:
        previous = pool.submit(collect, services, actor, period.previous_year())
        return collect(services, actor, period), previous.result()


def sections(rep: StatisticsReport) -> tuple[ReportSection, ...]:
    cur, prev = rep.figures, rep.previous
    out: list[ReportSection] = []
    rates: list[Rate] = []
    if cur.documents:
        section, more = docs.documents(cur, prev)
        out.append(section)
        rates += more
    if cur.telegrams:
        out.append(docs.telegrams(cur, prev))
    if cur.meetings:
        section, more = docs.meetings(cur, prev)
        out.append(section)
        rates += more
    if cur.petitions:
        section, more = work.petitions(cur, prev)
        out.append(section)
        rates += more[:2]
    if cur.receptions:
        out.append(work.receptions(cur, prev))
    if cur.supervision:
        section, more = work.supervision(cur, prev)
        out.append(section)
        rates += more
    if cur.information:
        section, more = work.information(cur, prev)
        out.append(section)
        rates += more
    if cur.duty:
        out.append(docs.duty(cur, prev))
    if cur.research:
        out.append(work.research(cur, prev))
    return (docs.overview(cur, prev, rates), *out)


def document(rep: StatisticsReport, actor: Actor) -> Report:
    d = rep.made_on
    return Report(
        title=rep.title,
        meta=PrintMeta.for_actor(actor, running_title=rep.title),
        subtitle=f"（统计期间：{rep.period.span}）",
        intro=(rep.scope, *rep.summary),
        sections=sections(rep),
        signature=(rep.organ, f"{d.year}年{d.month}月{d.day}日"),
    )


def write(
    services: Services,
    actor: Actor,
    period: Period,
    out: Path,
    fmt: str | None = None,
    prepared: StatisticsReport | None = None,
) -> Path:
    """Write the report of ``period`` to ``out`` (.pdf / .docx); audited as a print of 统计报告."""
    rep = prepared if prepared is not None and prepared.period == period else prepare(services, actor, period)
    data = document(rep, actor)
    return services.printing.render_printout(
        actor,
        REPORT,
        data,
        Path(out),
        fmt=fmt,
        object_type="statistics",
        object_id=period.label,
        detail={"title": rep.title, "period": period.span, "scope": rep.scope},
    )

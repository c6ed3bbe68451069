"""The year's key figures on the 工作台 (home tab), from the areas' own statistics (收文/发文 month by month,
电报, 会议, 信访, 公务接待, 督办, 信息, 值班, 调研): the figures, the months for a small chart and the rates.
Each area's statistics check the user's roles and clearance; an area she may not read is left out."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from app.areas.documents.registers import INCOMING, OUTGOING
from app.areas.duty.service import DutyService
from app.areas.information.service import InformationService
from app.areas.meetings.service import MeetingsService
from app.areas.reception.service import ReceptionService
from app.areas.research.service import ResearchService
from app.areas.supervision.service import SupervisionService
from app.areas.telegrams import TelegramService
from app.domain.errors import AppError, PermissionDenied
from app.services.actor import Actor

if TYPE_CHECKING:
    from app.services.container import Services

T = TypeVar("T")


@dataclass(frozen=True)
class KeyFigure:
    area: str
    label: str  # 收到文件
    value: int
    unit: str  # 件 / 次 / 人次 …
    detail: str = ""  # 明传收 12 · 密码收 3 …


@dataclass(frozen=True)
class MonthSeries:
    label: str
    months: tuple[int, ...]  # January to December

    @property
    def total(self) -> int:
        return sum(self.months)


@dataclass(frozen=True)
class Rate:
    label: str
    percent: float | None  # None: nothing to divide yet
    definition: str  # said next to the figure, as in the report


@dataclass(frozen=True)
class YearFigures:
    year: int
    figures: tuple[KeyFigure, ...]
    series: tuple[MonthSeries, ...]
    rates: tuple[Rate, ...]
    problems: tuple[str, ...] = field(default=())


def _months(by_month: Mapping[int, int]) -> tuple[int, ...]:
    return tuple(by_month.get(m, 0) for m in range(1, 13))


def _percent(fraction: float | None) -> float | None:
    return None if fraction is None else round(100.0 * fraction, 1)


class _Collect:
    def __init__(self) -> None:
        self.figures: list[KeyFigure] = []
        self.series: list[MonthSeries] = []
        self.rates: list[Rate] = []
        self.problems: list[str] = []


def year_figures(services: Services, actor: Actor, year: int) -> YearFigures:
    start, end = date(year, 1, 1), date(year, 12, 31)
    out = _Collect()
    visible = {a.key for a in services.visible_areas(actor)}

    def area(key: str, kind: type[T], add: Callable[[T], None]) -> None:
        service = services.area_services.get(key)
        if key not in visible or not isinstance(service, kind):
            return
        try:
            add(service)
        except PermissionDenied:
            pass  # a post of the area without this register (公务接待 without 信访): not hers to count
        except AppError as e:
            out.problems.append(f"{services.area(key).title}：{e.message}")

    if "documents" in visible:
        for reg, label in ((INCOMING, "收到文件"), (OUTGOING, "制发文件")):
            if not actor.has_role(*reg.read_roles):
                continue
            months = tuple(services.registers.month_counts(actor, reg.key, year).values())
            out.figures.append(KeyFigure("documents", label, sum(months), "件"))
            out.series.append(MonthSeries(reg.title, months))

    def telegrams(svc: TelegramService) -> None:
        st = svc.statistics(actor, start, end)
        detail = " · ".join(f"{t} {n}" for t, n in st.by_register.items())
        out.figures.append(KeyFigure("telegrams", "收发电报", st.total, "份", detail))

    def meetings(svc: MeetingsService) -> None:
        st = svc.statistics(actor, year)
        out.figures.append(KeyFigure("meetings", "召开会议", st.total, "次", f"其中大型会议 {st.large} 次"))
        out.series.append(MonthSeries("会议", _months(st.by_month)))

    def reception(svc: ReceptionService) -> None:
        try:
            p = svc.petition_figures(actor, start, end)
        except PermissionDenied:
            pass
        else:
            t = p.total
            out.figures.append(
                KeyFigure("reception", "群众来信来访", t.persons, "人次", f"信访件 {t.cases} 件")
            )
            out.series.append(
                MonthSeries(
                    "信访",
                    tuple(
                        p.by_month[year * 100 + m].cases if year * 100 + m in p.by_month else 0
                        for m in range(1, 13)
                    ),
                )
            )
            out.rates.append(Rate("信访办结率", t.close_rate, "已办结件数 ÷ 登记件数"))
            out.rates.append(Rate("信访满意率", t.satisfaction_rate, "满意和基本满意 ÷ 已评价件数"))
        r = svc.reception_figures(actor, start, end)
        out.figures.append(
            KeyFigure("reception", "公务接待", r.receptions, "批次", f"接待对象 {r.persons} 人")
        )

    def supervision(svc: SupervisionService) -> None:
        st = svc.statistics(actor, start, end)
        out.figures.append(
            KeyFigure("supervision", "督办事项", st.total.items, "件", f"已办结 {st.total.done} 件")
        )
        out.series.append(MonthSeries("督办", _months(st.by_month)))
        out.rates.append(Rate("督办办结率", _percent(st.total.done_rate), "已办结 ÷ 当年立项"))

    def information(svc: InformationService) -> None:
        st = svc.statistics(actor, start, end)
        out.figures.append(
            KeyFigure("information", "报送信息", st.submitted, "条", f"被采用 {st.adopted} 条")
        )
        out.series.append(MonthSeries("信息", tuple(st.by_month.get(m, (0, 0))[0] for m in range(1, 13))))
        out.rates.append(Rate("信息采用率", _percent(st.rate), "被采用条数 ÷ 报送条数"))

    def duty(svc: DutyService) -> None:
        st = svc.statistics(actor, start, end)
        entries = sum(st.log_by_kind.values())
        out.figures.append(KeyFigure("duty", "值班记录", entries, "条", f"突发事件 {st.emergencies} 起"))

    def research(svc: ResearchService) -> None:
        st = svc.statistics(actor, start, end)
        out.figures.append(
            KeyFigure("research", "调研", st.surveys, "次", f"座谈会 {st.forums} 次 · 课题 {st.topics} 个")
        )
        out.figures.append(KeyFigure("research", "起草文稿", st.drafts, "篇", f"调研文章 {st.articles} 篇"))

    area("telegrams", TelegramService, telegrams)
    area("meetings", MeetingsService, meetings)
    area("reception", ReceptionService, reception)
    area("supervision", SupervisionService, supervision)
    area("information", InformationService, information)
    area("duty", DutyService, duty)
    area("research", ResearchService, research)
    return YearFigures(year, tuple(out.figures), tuple(out.series), tuple(out.rates), tuple(out.problems))

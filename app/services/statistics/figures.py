"""The figures of a period, collected from each area's own statistics (收发文, 电报, 会议, 信访, 公务接待, 督办,
信息, 值班, 调研与文稿): only what the user may see — an area she has no post for is left out and named, a
record above her clearance is not counted (each area's statistics filter it) — voided records never,
imported history like any record. ``key_figures`` is the year's line of the work summary, for the annual
report and the 工作台."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.areas.documents.service import SERVICE as DOCUMENTS
from app.areas.documents.statistics import DocumentStats
from app.areas.duty.service import SERVICE as DUTY
from app.areas.duty.service import DutyStats
from app.areas.information.service import SERVICE as INFORMATION
from app.areas.information.service import InformationStats
from app.areas.meetings.service import SERVICE as MEETINGS
from app.areas.meetings.statistics import MeetingStats
from app.areas.reception.figures import PetitionStats
from app.areas.reception.service import SERVICE as RECEPTION
from app.areas.reception.service import ReceptionFigures
from app.areas.research.service import SERVICE as RESEARCH
from app.areas.research.service import ResearchStats
from app.areas.supervision.registers import Source
from app.areas.supervision.service import SERVICE as SUPERVISION
from app.areas.supervision.service import SupervisionStats
from app.areas.telegrams import REGISTERS_BY_KEY, TelegramStats
from app.areas.telegrams import SERVICE as TELEGRAMS
from app.areas.telegrams.registers import CIPHER_IN, CIPHER_OUT, PLAIN_IN, PLAIN_OUT
from app.domain.enums import SecretLevel
from app.domain.errors import PermissionDenied
from app.services.actor import Actor
from app.services.statistics.period import Period

if TYPE_CHECKING:
    from app.services.container import Services

CITY = Source.CITY.label  # 市委督办
UPPER_LEVELS = ("中央", "省级", "市级")  # 上级来文


@dataclass(frozen=True)
class Figures:
    """One period's figures; an area is None when the user has no post that reads it."""

    period: Period
    reader: str
    clearance: SecretLevel
    documents: DocumentStats | None
    telegrams: TelegramStats | None  # only the registers the user may read (by_register names them)
    meetings: MeetingStats | None
    petitions: PetitionStats | None
    receptions: ReceptionFigures | None
    supervision: SupervisionStats | None
    information: InformationStats | None
    duty: DutyStats | None
    research: ResearchStats | None

    def telegram_count(self, *keys: str) -> int | None:
        """Telegrams of the given registers, or None when the user may read none of them."""
        if self.telegrams is None:
            return None
        titles = [REGISTERS_BY_KEY[k].title for k in keys]
        seen = [t for t in titles if t in self.telegrams.by_register]
        return sum(self.telegrams.by_register[t] for t in seen) if seen else None

    @property
    def left_out(self) -> tuple[str, ...]:
        """The registers this user's report does not count (no post that reads them)."""
        out = []
        for name, value in (
            ("收发文", self.documents),
            ("会议", self.meetings),
            ("信访", self.petitions),
            ("公务接待", self.receptions),
            ("督办", self.supervision),
            ("信息报送", self.information),
            ("值班", self.duty),
            ("调研与文稿", self.research),
        ):
            if value is None:
                out.append(name)
        if self.telegram_count(PLAIN_IN, PLAIN_OUT) is None:
            out.append("明传电报")
        if self.telegram_count(CIPHER_IN, CIPHER_OUT) is None:
            out.append("密码电报")
        return tuple(out)


def _try(call: Any, *args: Any) -> Any:
    try:
        return call(*args)
    except PermissionDenied:
        return None


def collect(services: Services, actor: Actor, period: Period) -> Figures:
    """Every area's figures for ``period`` as ``actor`` may see them."""
    start, end = period.start, period.end
    svc = services.service
    telegrams = None
    if svc(TELEGRAMS).visible_registers(actor):
        telegrams = svc(TELEGRAMS).statistics(actor, start, end)
    return Figures(
        period,
        actor.name,
        actor.clearance,
        _try(svc(DOCUMENTS).statistics, actor, start, end),
        telegrams,
        _try(svc(MEETINGS).statistics, actor, period.year, start, end),
        _try(svc(RECEPTION).petition_figures, actor, start, end),
        _try(svc(RECEPTION).reception_figures, actor, start, end),
        _try(svc(SUPERVISION).statistics, actor, start, end),
        _try(svc(INFORMATION).statistics, actor, start, end),
        _try(svc(DUTY).statistics, actor, start, end),
        _try(svc(RESEARCH).statistics, actor, start, end),
    )


@dataclass(frozen=True)
class KeyFigure:
    """One figure of the work summary. ``value`` None: the user may not read that register; a rate is a
    percentage (None also when nothing is there to divide by: ``base`` is then 0)."""

    key: str
    label: str
    value: int | float | None
    unit: str  # 件, 次, 份, 篇, 人次, 个, %
    base: int | None = None  # a rate's denominator
    months: tuple[int, ...] = ()  # month-by-month counts over the period (a small chart), counts only
    definition: str = ""  # a rate's definition, said next to it (as the report's tables do)

    @property
    def is_rate(self) -> bool:
        return self.unit == "%"

    @property
    def text(self) -> str:
        if self.value is None:
            return "—"
        return f"{percent_text(float(self.value))}%" if self.is_rate else f"{self.value}{self.unit}"


def percent_text(value: float) -> str:
    """A percentage as the office writes it: 98.8, 100 (not 100.0)."""
    return f"{value:.1f}".removesuffix(".0")


def _pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _months(period: Period, by_month: Mapping[int, int] | None) -> tuple[int, ...]:
    if by_month is None:
        return ()
    norm: dict[int, int] = {}
    for k, v in by_month.items():
        norm[k % 100] = norm.get(k % 100, 0) + int(v)  # some areas key months as YYYYMM
    return tuple(norm.get(m, 0) for m in period.months)


def _sum_months(period: Period, *parts: Mapping[int, int] | None) -> tuple[int, ...]:
    seen = [_months(period, p) for p in parts if p is not None]
    return tuple(map(sum, zip(*seen, strict=True))) if seen else ()


def summary_figures(f: Figures) -> tuple[KeyFigure, ...]:
    """Every figure the work summary states, in its order (research first, as the office writes it)."""
    p = f.period
    out: list[KeyFigure] = []
    r = f.research
    months = r.by_month if r else {}
    out += [
        KeyFigure("surveys", "调研", r.surveys if r else None, "次"),
        KeyFigure("forums", "座谈会", r.forums if r else None, "次"),
        KeyFigure(
            "topics", "调研课题", r.topics if r else None, "个", months=_months(p, months.get("调研课题"))
        ),
        KeyFigure(
            "articles", "调研文章", r.articles if r else None, "篇", months=_months(p, months.get("调研文章"))
        ),
        KeyFigure("published", "在省市级刊物发表", r.articles_province_or_city if r else None, "篇"),
        KeyFigure("drafts", "文稿", r.drafts if r else None, "篇", months=_months(p, months.get("文稿起草"))),
    ]
    d = f.documents
    out += [
        KeyFigure(
            "outgoing",
            "制发文件",
            d.outgoing.total if d else None,
            "件",
            months=_months(p, d.outgoing.by_month if d else None),
        ),
        KeyFigure(
            "incoming",
            "收文",
            d.incoming.total if d else None,
            "件",
            months=_months(p, d.incoming.by_month if d else None),
        ),
        KeyFigure(
            "incoming_upper",
            "收到上级文件",
            sum(d.incoming.by_sender_level.get(lv, 0) for lv in UPPER_LEVELS) if d else None,
            "件",
        ),
    ]
    m = f.meetings
    out.append(KeyFigure("large_meetings", "召开大型会议", m.large if m else None, "次"))
    t = f.telegrams
    tm = t.by_month if t else {}

    def tel(*keys: str) -> tuple[int, ...]:
        return _sum_months(
            p, *(tm.get(REGISTERS_BY_KEY[k].title) for k in keys if REGISTERS_BY_KEY[k].title in tm)
        )

    out += [
        KeyFigure(
            "plain_telegrams",
            "明传电报",
            f.telegram_count(PLAIN_IN, PLAIN_OUT),
            "份",
            months=tel(PLAIN_IN, PLAIN_OUT),
        ),
        KeyFigure(
            "cipher_telegrams",
            "密码电报",
            f.telegram_count(CIPHER_IN, CIPHER_OUT),
            "份",
            months=tel(CIPHER_IN, CIPHER_OUT),
        ),
    ]
    i = f.information
    out += [
        KeyFigure(
            "info_submitted",
            "报送信息",
            i.submitted if i else None,
            "篇",
            months=_months(p, {k: v[0] for k, v in i.by_month.items()}) if i else (),
        ),
        KeyFigure("info_adopted", "被采用", i.adopted if i else None, "篇"),
    ]
    s = f.supervision
    city = s.by_source.get(CITY) if s else None
    out += [
        KeyFigure("city_supervision", "收到市委督办件", city.items if city else (0 if s else None), "件"),
        KeyFigure(
            "city_supervision_rate",
            "市委督办件办结率",
            _pct(city.done, city.items) if city else None,
            "%",
            base=city.items if city else (0 if s else None),
            definition="已办结的市委督办件 ÷ 统计期内收到的市委督办件",
        ),
    ]
    pe = f.petitions.total if f.petitions else None
    out += [
        KeyFigure(
            "petition_persons",
            "接待群众来信来访",
            pe.persons if pe else None,
            "人次",
            months=tuple(_months(p, {k: v.persons for k, v in f.petitions.by_month.items()}))
            if f.petitions
            else (),
        ),
        KeyFigure(
            "petition_close_rate",
            "信访办结率",
            pe.close_rate if pe else None,
            "%",
            base=pe.cases if pe else None,
            definition="已办结的信访件 ÷ 统计期内登记的信访件",
        ),
        KeyFigure(
            "petition_satisfaction",
            "信访满意率",
            pe.satisfaction_rate if pe else None,
            "%",
            base=pe.rated if pe else None,
            definition="评价为满意或基本满意的件 ÷ 已作满意度评价的件",
        ),
    ]
    rc = f.receptions
    out.append(
        KeyFigure(
            "leader_receptions",
            "接待省市领导",
            (rc.by_level.get("省级", 0) + rc.by_level.get("市级", 0)) if rc else None,
            "次",
        )
    )
    return tuple(out)


def key_figures(services: Services, actor: Actor, year: int) -> tuple[KeyFigure, ...]:
    """The year's key figures as ``actor`` may see them (the 工作台's 年度主要数据 and its small charts):
    the same numbers as the annual report's summary paragraph."""
    return summary_figures(collect(services, actor, Period.of_year(year)))

"""Table and chart builders of the statistics report: month by month, by category, rates with their
definition, each with the change against the same period of the previous year when that year has data.
Plain data in (counts), app.printing.report tables and charts out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.printing.charts import ChartSeries, ReportChart
from app.printing.report import ReportTable
from app.services.statistics.period import Period

NO_PREVIOUS = "—"


def change(current: int, previous: int | None) -> str:
    """比上年: '+12（+8.5%）', '-3（-20.0%）', '0', or — when the previous year has no data."""
    if previous is None:
        return NO_PREVIOUS
    diff = current - previous
    sign = "+" if diff > 0 else ""
    if previous == 0:
        return f"{sign}{diff}"
    return f"{sign}{diff}（{sign}{100.0 * diff / previous:.1f}%）"


def rate_text(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.1f}%" if whole else "—"


def rate_change(part: int, whole: int, prev: tuple[int, int] | None) -> str:
    """Change of a rate in 百分点 (a rate's change is not a percentage of a percentage)."""
    if prev is None or not whole or not prev[1]:
        return NO_PREVIOUS
    diff = 100.0 * part / whole - 100.0 * prev[0] / prev[1]
    return f"{'+' if diff > 0 else ''}{diff:.1f}个百分点"


def month_counts(by_month: Mapping[int, int] | None, months: Sequence[int]) -> list[int]:
    """Counts per month of the period from an area's month key (1-12, or YYYYMM in some areas)."""
    norm: dict[int, int] = {}
    for k, v in (by_month or {}).items():
        norm[int(k) % 100] = norm.get(int(k) % 100, 0) + int(v)
    return [norm.get(m, 0) for m in months]


@dataclass(frozen=True)
class MonthSeries:
    name: str
    current: Mapping[int, int]
    previous: Mapping[int, int] | None  # None: the previous year has no data


def month_table(caption: str, period: Period, series: Sequence[MonthSeries], unit: str) -> ReportTable:
    months = period.months
    cur = [month_counts(s.current, months) for s in series]
    prev = [month_counts(s.previous, months) if s.previous is not None else None for s in series]
    has_prev = all(p is not None for p in prev)
    if len(series) == 1:
        headers: tuple[str, ...] = ("月份", f"本期（{unit}）", f"上年同期（{unit}）", "比上年")
    else:
        headers = ("月份", *(s.name for s in series), "合计", "上年同期合计", "比上年")
    rows: list[tuple[str, ...]] = []
    for i, m in enumerate(months):
        now = [c[i] for c in cur]
        before = sum(p[i] for p in prev if p is not None) if has_prev else None
        middle = [str(v) for v in now] if len(series) > 1 else [str(now[0])]
        tail = [str(sum(now))] if len(series) > 1 else []
        rows.append(
            (
                f"{m}月",
                *middle,
                *tail,
                NO_PREVIOUS if before is None else str(before),
                change(sum(now), before),
            )
        )
    totals = [sum(c) for c in cur]
    before_total = sum(sum(p) for p in prev if p is not None) if has_prev else None
    middle = [str(v) for v in totals]
    tail = [str(sum(totals))] if len(series) > 1 else []
    rows.append(
        (
            "合计",
            *middle,
            *tail,
            NO_PREVIOUS if before_total is None else str(before_total),
            change(sum(totals), before_total),
        )
    )
    note = "" if has_prev else "上年同期无记录，不计增减。"
    return ReportTable(caption, headers, tuple(rows), note)


def category_table(
    caption: str,
    name: str,
    current: Mapping[str, int],
    previous: Mapping[str, int] | None,
    unit: str,
    note: str = "",
) -> ReportTable:
    """One row per category (every category listed, zeros included): count, share, previous, change."""
    total = sum(current.values())
    keys = list(current) + [k for k in (previous or {}) if k not in current]
    rows = []
    for key in keys:
        n = current.get(key, 0)
        before = None if previous is None else previous.get(key, 0)
        rows.append(
            (
                key,
                str(n),
                rate_text(n, total),
                NO_PREVIOUS if before is None else str(before),
                change(n, before),
            )
        )
    prev_total = None if previous is None else sum(previous.values())
    rows.append(
        (
            "合计",
            str(total),
            rate_text(total, total),
            NO_PREVIOUS if prev_total is None else str(prev_total),
            change(total, prev_total),
        )
    )
    if previous is None:
        note = (note + "上年同期无记录，不计增减。").strip()
    return ReportTable(
        caption, (name, f"本期（{unit}）", "占比", f"上年同期（{unit}）", "比上年"), tuple(rows), note
    )


@dataclass(frozen=True)
class Rate:
    name: str
    part: int
    whole: int
    definition: str
    previous: tuple[int, int] | None  # (part, whole) of the previous year, None when it has no data


def rate_table(caption: str, rates: Sequence[Rate]) -> ReportTable:
    rows = tuple(
        (
            r.name,
            rate_text(r.part, r.whole),
            f"{r.part}/{r.whole}",
            rate_text(*r.previous) if r.previous else NO_PREVIOUS,
            rate_change(r.part, r.whole, r.previous),
            r.definition,
        )
        for r in rates
    )
    return ReportTable(
        caption,
        ("指标", "本期", "分子/分母", "上年同期", "比上年", "计算口径"),
        rows,
        weights=(2.2, 1.3, 1.5, 1.3, 1.8, 4.2),
    )


def month_chart(title: str, period: Period, series: Sequence[MonthSeries], unit: str) -> ReportChart | None:
    """Monthly volume; with the previous year beside it for one register. None for a one-month period."""
    if len(period.months) < 2:
        return None
    cats = tuple(f"{m}月" for m in period.months)
    out = [
        ChartSeries(
            s.name if len(series) > 1 else period.label, tuple(month_counts(s.current, period.months))
        )
        for s in series
    ]
    if len(series) == 1 and series[0].previous is not None:
        out.append(
            ChartSeries(period.previous_year().label, tuple(month_counts(series[0].previous, period.months)))
        )
    return ReportChart(title, cats, tuple(out), kind="bar" if len(out) <= 2 else "line", unit=unit)


def rates_chart(title: str, period: Period, rates: Sequence[Rate]) -> ReportChart | None:
    shown = [r for r in rates if r.whole]
    if not shown:
        return None
    series = [ChartSeries(period.label, tuple(100.0 * r.part / r.whole for r in shown))]
    if all(r.previous and r.previous[1] for r in shown):
        series.append(
            ChartSeries(
                period.previous_year().label,
                tuple(100.0 * r.previous[0] / r.previous[1] for r in shown if r.previous),
            )
        )
    return ReportChart(title, tuple(r.name for r in shown), tuple(series), percent=True)

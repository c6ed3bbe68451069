"""The period a statistics report covers: a year, a quarter or a month (never across years), written as
the office writes it (2026年, 2026年第一季度, 2026年3月) and parsed from what a user types."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from app.domain.errors import ValidationFailed

QUARTERS = "一二三四"
_QUARTER = re.compile(r"^(\d{4})\s*[-/年]?\s*(?:[Qq]|第)?\s*([1-4一二三四])\s*(?:季度)?$")
_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")


@dataclass(frozen=True)
class Period:
    kind: str  # year / quarter / month
    year: int
    number: int = 0  # the quarter (1-4) or the month (1-12); 0 for a year

    def __post_init__(self) -> None:
        limits = {"year": (0, 0), "quarter": (1, 4), "month": (1, 12)}
        if self.kind not in limits:
            raise ValidationFailed({"period": f"未知的统计期间：{self.kind}"})
        if not 1949 <= self.year <= 2100:
            raise ValidationFailed({"period": "年度应为四位数年份，如 2026"})
        lo, hi = limits[self.kind]
        if not lo <= self.number <= hi:
            raise ValidationFailed({"period": "季度应为 1-4，月份应为 1-12"})

    @classmethod
    def of_year(cls, year: int) -> Period:
        return cls("year", int(year))

    @property
    def start(self) -> date:
        if self.kind == "quarter":
            return date(self.year, 3 * self.number - 2, 1)
        if self.kind == "month":
            return date(self.year, self.number, 1)
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        if self.kind == "quarter":
            m = 3 * self.number
        elif self.kind == "month":
            m = self.number
        else:
            m = 12
        return date(self.year, m, calendar.monthrange(self.year, m)[1])

    @property
    def months(self) -> tuple[int, ...]:
        """The months the period covers, in order (the rows of the month-by-month tables)."""
        return tuple(range(self.start.month, self.end.month + 1))

    @property
    def label(self) -> str:
        if self.kind == "quarter":
            return f"{self.year}年第{QUARTERS[self.number - 1]}季度"
        if self.kind == "month":
            return f"{self.year}年{self.number}月"
        return f"{self.year}年"

    @property
    def span(self) -> str:
        """统计期间 in words: 2026年1月1日至2026年3月31日."""
        s, e = self.start, self.end
        return f"{s.year}年{s.month}月{s.day}日至{e.year}年{e.month}月{e.day}日"

    @property
    def noun(self) -> str:
        """How the summary names the period: 全年 / 本季度 / 本月."""
        return {"year": "全年", "quarter": "本季度", "month": "本月"}[self.kind]

    @property
    def report_kind(self) -> str:
        return {"year": "年度", "quarter": "季度", "month": "月度"}[self.kind]

    def previous_year(self) -> Period:
        """The same period one year earlier (the "比上年" column)."""
        return Period(self.kind, self.year - 1, self.number)


def parse_year(text: str | int) -> Period:
    try:
        return Period.of_year(int(str(text).strip().rstrip("年")))
    except ValueError:
        raise ValidationFailed({"year": "年度应写成 2026"}) from None


def parse_quarter(text: str) -> Period:
    """2026Q1, 2026-Q1, 2026年第一季度, 2026-1."""
    m = _QUARTER.match((text or "").strip())
    if not m:
        raise ValidationFailed({"quarter": "季度应写成 2026Q1（或 2026年第一季度）"})
    q = m.group(2)
    return Period("quarter", int(m.group(1)), int(q) if q.isdigit() else QUARTERS.index(q) + 1)


def parse_month(text: str) -> Period:
    """2026-03, 2026/3, 2026年3月."""
    m = _MONTH.match((text or "").strip())
    if not m:
        raise ValidationFailed({"month": "月份应写成 2026-03（或 2026年3月）"})
    return Period("month", int(m.group(1)), int(m.group(2)))

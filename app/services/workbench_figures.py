"""The year's key figures on the 工作台 (home tab): ``statistics.key_figures``, the very figures of the annual
report's summary paragraph, arranged for the home tab's grid and its small charts (the counts the user may
read, the month-by-month series, the rates with their definitions). One source: the home tab and the report
never disagree. Each area's statistics check the user's roles and clearance; a register she may not read is
left out of the grid (its value is None), not shown as a zero."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.services.actor import Actor
from app.services.statistics.figures import KeyFigure, key_figures

if TYPE_CHECKING:
    from app.services.container import Services


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
    key: tuple[KeyFigure, ...]  # statistics.key_figures(services, actor, year), in the summary's order

    @property
    def figures(self) -> tuple[KeyFigure, ...]:
        """The counts the user may read (rates are drawn as bars)."""
        return tuple(k for k in self.key if k.value is not None and not k.is_rate)

    @property
    def series(self) -> tuple[MonthSeries, ...]:
        return tuple(MonthSeries(k.label, k.months) for k in self.key if k.months and k.value is not None)

    @property
    def rates(self) -> tuple[Rate, ...]:
        """Every rate of a register the user reads; one with nothing to divide says so (percent None)."""
        return tuple(
            Rate(k.label, None if k.value is None else float(k.value), k.definition)
            for k in self.key
            if k.is_rate and k.base is not None
        )

    def value(self, key: str) -> int | float | None:
        return next((k.value for k in self.key if k.key == key), None)


def year_figures(services: Services, actor: Actor, year: int) -> YearFigures:
    return YearFigures(year, key_figures(services, actor, year))

"""Working-day calendar for statutory deadlines and duty rosters (domain.md §12).

Working days skip weekends and statutory holidays but include the make-up working days (调休上班)
that fall on weekends. Years not in the calendar fall back to plain Monday–Friday; an offline machine
never learns a new year's schedule by itself, so an administrator adds it (same JSON shape).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class WorkCalendar:
    holidays: frozenset[date] = field(default_factory=frozenset)
    makeup_workdays: frozenset[date] = field(default_factory=frozenset)
    years: frozenset[int] = field(default_factory=frozenset)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> WorkCalendar:
        holidays: set[date] = set()
        makeup: set[date] = set()
        years: set[int] = set()
        for key, year_data in data.items():
            if not key.isdigit() or not isinstance(year_data, Mapping):
                continue
            years.add(int(key))
            for days in (year_data.get("holidays") or {}).values():
                holidays.update(date.fromisoformat(d) for d in days)
            makeup.update(date.fromisoformat(d) for d in year_data.get("makeup_workdays") or [])
        return cls(frozenset(holidays), frozenset(makeup), frozenset(years))

    @classmethod
    def load(cls, path: Path) -> WorkCalendar:
        return cls.from_mapping(json.loads(path.read_text(encoding="utf-8")))

    def is_workday(self, day: date) -> bool:
        if day in self.makeup_workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def add_workdays(self, start: date, days: int) -> date:
        """The date ``days`` working days after ``start`` (start itself not counted)."""
        if days < 0:
            raise ValueError("days must not be negative")
        current = start
        remaining = days
        while remaining:
            current += timedelta(days=1)
            if self.is_workday(current):
                remaining -= 1
        return current

    def workdays_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 if end <= start)."""
        count, current = 0, start
        while current < end:
            current += timedelta(days=1)
            count += self.is_workday(current)
        return count

    def knows(self, year: int) -> bool:
        return year in self.years


def default_calendar() -> WorkCalendar:
    from app.paths import resources_dir

    path = resources_dir() / "calendar" / "holidays-cn.json"
    return WorkCalendar.load(path) if path.exists() else WorkCalendar()

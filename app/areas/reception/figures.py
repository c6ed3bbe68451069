"""The 信访 figures the office reports (domain.md §4; the annual report calls ``petition_figures``): 来信 件,
来访 批次/人次, 集体访 批次/人次, 来信来访人次 (letters + visiting persons, as the office counts its 178),
按期受理率 and 按期办结率 from the statutory clock, 办结率 and 满意率 — by month, channel, category and township."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.areas.reception import clock
from app.areas.reception.registers import GROUP_SIZE, Channel, Satisfaction
from app.domain.petition_clock import ClockRules, deadlines
from app.domain.workdays import WorkCalendar

WRITTEN = {Channel.LETTER.value, Channel.ONLINE.value, Channel.MAILBOX.value, Channel.REFERRED.value}
# plain values, looked up once: add() runs five times per case (total, month, channel, category, township)
CALL, VISIT = Channel.CALL.value, Channel.VISIT.value
SATISFIED = (Satisfaction.SATISFIED.value, Satisfaction.BASIC.value)


def _rate(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


@dataclass
class PetitionFigures:
    cases: int = 0
    letters: int = 0  # 来信 件 (letters, online, mailbox and referred items)
    calls: int = 0
    visit_batches: int = 0
    visit_persons: int = 0
    group_batches: int = 0
    group_persons: int = 0
    decided: int = 0
    decided_on_time: int = 0
    replied: int = 0
    replied_on_time: int = 0
    closed: int = 0
    rated: int = 0
    satisfied: int = 0  # 满意 + 基本满意
    reviews: int = 0  # 复查 requested
    reviews_decided: int = 0
    rechecks: int = 0  # 复核 requested
    rechecks_decided: int = 0

    @property
    def persons(self) -> int:
        """来信来访人次: each letter counts once, each visit by its persons."""
        return self.letters + self.visit_persons

    @property
    def accept_rate(self) -> float | None:
        return _rate(self.decided_on_time, self.decided)

    @property
    def finish_rate(self) -> float | None:
        return _rate(self.replied_on_time, self.replied)

    @property
    def close_rate(self) -> float | None:
        return _rate(self.closed, self.cases)

    @property
    def satisfaction_rate(self) -> float | None:
        return _rate(self.satisfied, self.rated)

    def add(self, row: Mapping[str, Any], marks: tuple[bool | None, bool | None]) -> None:
        """Count one case; ``marks`` = (decided on time?, answered on time?) from ``clock_marks`` (None:
        not yet decided / answered)."""
        self.cases += 1
        channel, persons = row["channel"], row["persons"] or 1
        if channel in WRITTEN:
            self.letters += 1
        elif channel == CALL:
            self.calls += 1
        elif channel == VISIT:
            self.visit_batches += 1
            self.visit_persons += persons
            if persons >= GROUP_SIZE:
                self.group_batches += 1
                self.group_persons += persons
        decided, answered = marks
        if decided is not None:
            self.decided += 1
            self.decided_on_time += decided
        if answered is not None:
            self.replied += 1
            self.replied_on_time += answered
        if row["closed_on"] is not None:
            self.closed += 1
        self.reviews += row["review_requested_on"] is not None
        self.reviews_decided += row["review_decided_on"] is not None
        self.rechecks += row["recheck_requested_on"] is not None
        self.rechecks_decided += row["recheck_decided_on"] is not None
        if row["satisfaction"]:
            self.rated += 1
            self.satisfied += row["satisfaction"] in SATISFIED

    def as_dict(self) -> dict[str, Any]:
        return {
            "来信（件）": self.letters,
            "来访（批次）": self.visit_batches,
            "来访（人次）": self.visit_persons,
            "集体访（批次）": self.group_batches,
            "集体访（人次）": self.group_persons,
            "来电（件）": self.calls,
            "来信来访（人次）": self.persons,
            "按期受理率": self.accept_rate,
            "按期办结率": self.finish_rate,
            "办结率": self.close_rate,
            "满意率": self.satisfaction_rate,
            "复查（件）": self.reviews,
            "复核（件）": self.rechecks,
        }


def clock_marks(
    row: Mapping[str, Any], rules: ClockRules, calendar: WorkCalendar
) -> tuple[bool | None, bool | None]:
    """Whether the case was decided (受理告知) and answered (办理答复) within its statutory days."""
    decided = answered = None
    if row.get("registered_on") is None:
        return decided, answered
    # the dict straight to the clock (case_of reads a dict), no attribute wrapper: once per case of the year
    for d in deadlines(clock.case_of(row if isinstance(row, dict) else dict(row)), rules, calendar):
        if d.key == "accept" and d.done_on is not None:
            decided = d.done_on <= d.due
        elif d.key == "finish" and d.done_on is not None:
            answered = d.done_on <= d.due
    return decided, answered


@dataclass(frozen=True)
class PetitionStats:
    start: date
    end: date
    total: PetitionFigures
    by_month: Mapping[int, PetitionFigures] = field(default_factory=dict)  # YYYYMM ->
    by_channel: Mapping[str, PetitionFigures] = field(default_factory=dict)
    by_category: Mapping[str, PetitionFigures] = field(default_factory=dict)
    by_township: Mapping[str, PetitionFigures] = field(default_factory=dict)


COLUMNS = (
    "registered_on",
    "channel",
    "persons",
    "category",
    "township",
    "state",
    "accepted_on",
    "extension_days",
    "replied_on",
    "review_requested_on",
    "review_decided_on",
    "recheck_requested_on",
    "recheck_decided_on",
    "closed_on",
    "satisfaction",
)


def compute(
    rows: Iterable[Mapping[str, Any]], start: date, end: date, rules: ClockRules, calendar: WorkCalendar
) -> PetitionStats:
    total = PetitionFigures()
    groups: dict[str, dict[Any, PetitionFigures]] = {"m": {}, "ch": {}, "cat": {}, "t": {}}
    for row in rows:
        marks = clock_marks(row, rules, calendar)  # once per case, not once per grouping
        total.add(row, marks)
        d = row["registered_on"]
        keys = {
            "m": d.year * 100 + d.month,
            "ch": row["channel"] or "",
            "cat": row["category"] or "",
            "t": row["township"] or "（未填）",
        }
        for g, key in keys.items():
            groups[g].setdefault(key, PetitionFigures()).add(row, marks)
    return PetitionStats(
        start,
        end,
        total,
        dict(sorted(groups["m"].items())),
        groups["ch"],
        groups["cat"],
        dict(sorted(groups["t"].items(), key=lambda kv: -kv[1].persons)),
    )

"""The 信访 figures the office reports (domain.md §4; the annual report calls ``petition_figures``): 来信 件,
来访 批次/人次, 集体访 批次/人次, 来信来访人次 (letters + visiting persons, as the office counts its 178),
按期受理率 and 按期办结率 from the statutory clock, 办结率 and 满意率 — by month, channel, category and township."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.areas.reception.registers import GROUP_SIZE, Channel, Satisfaction
from app.domain.petition_clock import ClockRules, accept_due, extension_error, finish_due
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

    def add(self, sig: tuple[Any, ...], n: int = 1) -> None:
        """Count ``n`` cases of one ``signature`` (all a case adds to the figures)."""
        (
            channel,
            persons,
            (decided, answered),
            closed,
            reviews,
            reviews_decided,
            rechecks,
            rechecks_decided,
        ) = sig[:8]
        satisfaction = sig[8]
        self.cases += n
        if channel in WRITTEN:
            self.letters += n
        elif channel == CALL:
            self.calls += n
        elif channel == VISIT:
            self.visit_batches += n
            self.visit_persons += persons * n
            if persons >= GROUP_SIZE:
                self.group_batches += n
                self.group_persons += persons * n
        if decided is not None:
            self.decided += n
            self.decided_on_time += decided * n
        if answered is not None:
            self.replied += n
            self.replied_on_time += answered * n
        self.closed += closed * n
        self.reviews += reviews * n
        self.reviews_decided += reviews_decided * n
        self.rechecks += rechecks * n
        self.rechecks_decided += rechecks_decided * n
        if satisfaction:
            self.rated += n
            self.satisfied += (satisfaction in SATISFIED) * n

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
    """Whether the case was decided (受理告知) and answered (办理答复) within its statutory days: the
    "accept" and "finish" deadlines of ``petition_clock.deadlines`` (the same due-day functions), without
    building every deadline of the case — this runs once per case of the period."""
    registered, accepted = row.get("registered_on"), row.get("accepted_on")
    if registered is None or accepted is None:
        return None, None
    extension = row.get("extension_days") or 0
    if (err := extension_error(extension, rules)) != "":
        raise ValueError(err)
    decided = accepted <= accept_due(registered, rules, calendar)
    replied = row.get("replied_on") or (row.get("closed_on") if row.get("state") == "rejected" else None)
    if replied is None:
        return decided, None
    return decided, replied <= finish_due(accepted, extension, rules, calendar)


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


def signature(row: Mapping[str, Any], marks: tuple[bool | None, bool | None]) -> tuple[Any, ...]:
    """What one case adds to the figures; ``marks`` = (decided on time?, answered on time?) from
    ``clock_marks`` (None: not yet decided / answered). Cases of equal signature are counted together."""
    return (
        row["channel"],
        row["persons"] or 1,
        marks,
        row["closed_on"] is not None,
        row["review_requested_on"] is not None,
        row["review_decided_on"] is not None,
        row["recheck_requested_on"] is not None,
        row["recheck_decided_on"] is not None,
        row["satisfaction"] or "",
    )


def compute(
    rows: Iterable[Mapping[str, Any]], start: date, end: date, rules: ClockRules, calendar: WorkCalendar
) -> PetitionStats:
    # Each case is counted once per grouping (month, channel, category, township): tallied first by
    # (grouping, key, signature), then each distinct tally added once, so the figures' arithmetic runs per
    # kind of case rather than five times per case.
    tally: dict[tuple[str, Any, tuple[Any, ...]], int] = {}
    for row in rows:
        sig = signature(row, clock_marks(row, rules, calendar))  # the clock once per case
        d = row["registered_on"]
        for k in (
            ("m", d.year * 100 + d.month, sig),
            ("ch", row["channel"] or "", sig),
            ("cat", row["category"] or "", sig),
            ("t", row["township"] or "（未填）", sig),
        ):
            tally[k] = tally.get(k, 0) + 1
    total = PetitionFigures()
    groups: dict[str, dict[Any, PetitionFigures]] = {"m": {}, "ch": {}, "cat": {}, "t": {}}
    for (g, key, sig), n in tally.items():
        groups[g].setdefault(key, PetitionFigures()).add(sig, n)
        if g == "ch":  # every case is in exactly one channel group
            total.add(sig, n)
    return PetitionStats(
        start,
        end,
        total,
        dict(sorted(groups["m"].items())),
        groups["ch"],
        groups["cat"],
        dict(sorted(groups["t"].items(), key=lambda kv: -kv[1].persons)),
    )

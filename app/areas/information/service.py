"""信息报送 figures for any period: submitted, adopted (an item adopted at several levels counts once), 采用率,
adoptions by level, scores by the office's rules (系统设置), and the ranking by unit and by author."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from app.areas.information.registers import SUBMISSION_REGISTER, SUBMISSIONS
from app.domain.errors import ValidationFailed
from app.domain.rules import LEVELS, ScoringRules
from app.kit.area import ServiceKey
from app.kit.registers.scope import visible
from app.services.actor import Actor
from app.services.settings import get_value
from db.models.information import InfoAdoption, InfoSubmission
from db.models.workflow import Instruction

if TYPE_CHECKING:
    from app.services.container import Services

KIND_ORDER = ("全文采用", "摘要采用", "综合采用")


def parse_scoring(text: str) -> ScoringRules:
    """'县级 2/1/1；市级 10/5/3；省级 20/10/6；中央 50/25/15；批示 2/5/10/20；只计最高' (全文/摘要/综合 points per
    level; 批示 bonus by 县/市/省/中央; 只计最高 = one item adopted at several levels scores its best only)."""
    default = ScoringRules()
    text = (text or "").strip()
    if not text:
        return default
    points = {k: dict(v) for k, v in default.points.items()}
    bonus = dict(default.instruction_bonus)
    highest = False
    for part in text.replace(";", "；").split("；"):
        part = part.strip()
        if not part:
            continue
        if part in ("只计最高", "只计最高分"):
            highest = True
            continue
        name, _, numbers = part.partition(" ")
        try:
            values = [float(n) for n in numbers.strip().split("/")]
        except ValueError:
            raise ValueError(f"“{part}”中的分值应为数字") from None
        if name == "批示" and len(values) == 4:
            bonus = dict(zip(LEVELS, values, strict=True))
        elif name in points and len(values) == 3:
            points[name] = dict(zip(KIND_ORDER, values, strict=True))
        else:
            raise ValueError(
                "应写成“县级 2/1/1；市级 10/5/3；省级 20/10/6；中央 50/25/15；批示 2/5/10/20”"
                "（全文/摘要/综合采用的分值；批示按县/市/省/中央），可加“；只计最高”"
            )
    return ScoringRules(points, bonus, highest)


@dataclass(frozen=True)
class Ranked:
    name: str
    submitted: int
    adopted: int
    score: float

    @property
    def rate(self) -> float | None:
        return self.adopted / self.submitted if self.submitted else None


@dataclass(frozen=True)
class InformationStats:
    start: date
    end: date
    submitted: int
    adopted: int
    adoptions_by_level: Mapping[str, int]  # adoptions (not items) per level
    adopted_by_level: Mapping[str, int]  # items adopted at least once at that level
    instructions: int
    score: float
    by_unit: tuple[Ranked, ...]
    by_author: tuple[Ranked, ...]
    by_month: Mapping[int, tuple[int, int]]  # month -> (submitted, adopted)

    @property
    def rate(self) -> float | None:
        return self.adopted / self.submitted if self.submitted else None


class InformationService:
    def __init__(self, services: Services) -> None:
        self.services = services

    def rules(self) -> ScoringRules:
        with self.services.db.read() as s:
            return parse_scoring(get_value(s, "information.scoring") or "")

    def adoptions(self, actor: Actor, record_id: int) -> list[InfoAdoption]:
        self.services.registers.get(actor, SUBMISSIONS, record_id)  # rights and clearance
        with self.services.db.read() as s:
            rows = list(
                s.scalars(
                    select(InfoAdoption)
                    .where(InfoAdoption.submission_id == record_id, InfoAdoption.voided.is_(False))
                    .order_by(InfoAdoption.adopted_on)
                )
            )
            s.expunge_all()
            return rows

    def statistics(self, actor: Actor, start: date, end: date) -> InformationStats:
        actor.require_role(*SUBMISSION_REGISTER.read_roles, action="查看信息报送统计")
        if end < start:
            raise ValidationFailed({"end": "结束日期不能早于开始日期"})
        rules = self.rules()
        t = InfoSubmission
        in_period = (
            t.voided.is_(False),
            t.submitted_on >= start,
            t.submitted_on <= end,
            visible(t, actor),  # what the reader may see
        )
        with self.services.db.read() as s:
            # plain rows, not ORM objects: a year of a large office is thousands of items
            subs: list[tuple[int, str, str, Any]] = [
                (i, unit, author, day)
                for i, unit, author, day in s.execute(
                    select(t.id, t.unit, t.author, t.submitted_on).where(*in_period)
                )
            ]
            ids = [x[0] for x in subs]
            adoptions: dict[int, list[tuple[str, str]]] = {}
            a = InfoAdoption
            for sid, level, kind in s.execute(
                select(a.submission_id, a.level, a.kind)
                .join(t, t.id == a.submission_id)
                .where(a.voided.is_(False), *in_period)
            ):
                adoptions.setdefault(sid, []).append((level, kind))
            instructed: dict[int, list[str]] = {}
            # joined, not an IN list of every id: a year of a large office is more ids than SQLite binds
            ins = Instruction
            for record_id, leader in s.execute(
                select(ins.record_id, ins.leader)
                .join(t, t.id == ins.record_id)
                .where(ins.register == SUBMISSIONS, *in_period)
            ):
                instructed.setdefault(record_id, []).append(_instruction_level(leader))
        scores = {i: rules.score(adoptions.get(i, []), instructed.get(i, [])) for i in ids}

        def rank(key: int) -> tuple[Ranked, ...]:  # key: 1 = by unit, 2 = by author
            groups: dict[str, list[int]] = {}
            for sub in subs:
                groups.setdefault((sub[1] if key == 1 else sub[2]) or "（未填）", []).append(sub[0])
            out = [
                Ranked(name, len(g), sum(1 for i in g if adoptions.get(i)), sum(scores[i] for i in g))
                for name, g in groups.items()
            ]
            return tuple(sorted(out, key=lambda r: (-r.score, -r.adopted, r.name)))

        months: dict[int, tuple[int, int]] = {}
        for i, _u, _a, day in subs:
            n, m = months.get(day.month, (0, 0))
            months[day.month] = (n + 1, m + (1 if adoptions.get(i) else 0))
        by_level = {lv: sum(1 for lst in adoptions.values() for a in lst if a[0] == lv) for lv in LEVELS}
        items_by_level = {
            lv: sum(1 for lst in adoptions.values() if any(a[0] == lv for a in lst)) for lv in LEVELS
        }
        return InformationStats(
            start,
            end,
            len(subs),
            sum(1 for i in ids if adoptions.get(i)),
            by_level,
            items_by_level,
            sum(len(v) for v in instructed.values()),
            sum(scores.values()),
            rank(1),
            rank(2),
            dict(sorted(months.items())),
        )


def _instruction_level(leader: str) -> str:
    """The level of the leader who wrote a 批示 (as recorded: 省委书记…, 市长…): 县级 when not said."""
    if any(w in leader for w in ("中央", "国务院", "中办", "国办")):
        return "中央"
    if "省" in leader:
        return "省级"
    if "市" in leader:
        return "市级"
    return "县级"


# ``services.service(SERVICE)`` is this area's InformationService, typed
SERVICE = ServiceKey("information", InformationService)

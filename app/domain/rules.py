"""Small rules of the office's other registers: the 公务接待 meal limits (《党政机关国内公务接待管理规定》),
the 督办 three colours, and the default 信息报送 scoring scheme (domain.md §5, §7.1, §7.2)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta


def max_companions(guests: int) -> int:
    """陪餐人数: at most 3 when the guests are 10 or fewer, else at most one third of the guests."""
    if guests <= 0:
        return 0
    return 3 if guests <= 10 else guests // 3


def meal_error(guests: int, companions: int, meals: int) -> dict[str, str]:
    errors: dict[str, str] = {}
    if meals > 1:
        errors["meals"] = f"接待单位可安排工作餐一次（现为{meals}次）"
    limit = max_companions(guests)
    if companions > limit:
        rule = (
            "接待对象10人以内的，陪餐不超过3人"
            if guests <= 10
            else "接待对象超过10人的，陪餐不超过其三分之一"
        )
        errors["companions"] = f"{rule}：本次{guests}人最多{limit}人陪餐，现为{companions}人"
    return errors


BLUE, YELLOW, RED, NONE = "blue", "yellow", "red", ""
COLOUR_LABELS = {BLUE: "蓝色（临近期限）", YELLOW: "黄色（未按周期反馈）", RED: "红色（已超期）", NONE: ""}
CYCLE_DAYS = {"weekly": 7, "monthly": 31, "once": 0}
WARN_DAYS = 3  # 蓝: due within this many days


def supervision_colour(
    deadline: date | None,
    today: date,
    *,
    done: bool = False,
    cycle: str = "once",
    last_report: date | None = None,
    started: date | None = None,
    warn_days: int = WARN_DAYS,
) -> str:
    """红 overdue; 黄 behind its report cycle; 蓝 due within ``warn_days``; nothing otherwise (or when done)."""
    if done:
        return NONE
    if deadline is not None and today > deadline:
        return RED
    period = CYCLE_DAYS.get(cycle, 0)
    if period:
        since = last_report or started
        if since is not None and today - since > timedelta(days=period):
            return YELLOW
    if deadline is not None and (deadline - today).days <= warn_days:
        return BLUE
    return NONE


LEVELS = ("县级", "市级", "省级", "中央")
ADOPTION_KINDS = ("全文采用", "摘要采用", "综合采用")


@dataclass(frozen=True)
class ScoringRules:
    """Points per adoption by level and kind, plus a bonus per leader's 批示 by level (a local scheme:
    an office sets its own; these are the defaults of one county office, domain.md §7.2)."""

    points: Mapping[str, Mapping[str, float]] = field(
        default_factory=lambda: {
            "县级": {"全文采用": 2, "摘要采用": 1, "综合采用": 1},
            "市级": {"全文采用": 10, "摘要采用": 5, "综合采用": 3},
            "省级": {"全文采用": 20, "摘要采用": 10, "综合采用": 6},
            "中央": {"全文采用": 50, "摘要采用": 25, "综合采用": 15},
        }
    )
    instruction_bonus: Mapping[str, float] = field(
        default_factory=lambda: {"县级": 2, "市级": 5, "省级": 10, "中央": 20}
    )
    highest_only: bool = False  # one item adopted at several levels: add up (default) or count the highest

    def score(self, adoptions: Sequence[tuple[str, str]], instructions: Sequence[str] = ()) -> float:
        for level, kind in adoptions:
            if level not in self.points:
                raise ValueError(f"未知的采用级别“{level}”，应为：{'、'.join(self.points)}")
            if kind not in self.points[level]:
                raise ValueError(f"未知的采用方式“{kind}”，应为：{'、'.join(self.points[level])}")
        values = [float(self.points[level][kind]) for level, kind in adoptions]
        base = (max(values) if values else 0.0) if self.highest_only else sum(values)
        for level in instructions:
            if level not in self.instruction_bonus:
                raise ValueError(f"未知的批示级别“{level}”")
            base += float(self.instruction_bonus[level])
        return base

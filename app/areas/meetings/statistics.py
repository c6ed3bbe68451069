"""The annual report's meeting figures: meetings by type and by month, how many count as 大型会议 (by the
office's type list), participants and 参会率, for a year or any period inside it (a quarter, a month). Voided
meetings never count, nor meetings above the reader's clearance; a meeting imported from an old 会议台账
counts its 参会人数 when it has no participant list."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import case, func, select

from app.areas.meetings import checks
from app.domain.enums import SecretLevel
from db.models.meetings import Meeting, MeetingParticipant

if TYPE_CHECKING:
    from app.services.container import Services


@dataclass(frozen=True)
class MeetingStats:
    year: int
    total: int
    by_kind: Mapping[str, int]
    by_month: Mapping[int, int]  # 1..12, zeros included
    large: int  # 大型会议 (types marked as such in 系统设置)
    participants: int  # people listed (出席+列席), or 参会人数 of history without a list
    expected: int  # 应到 of meetings with a participant list
    present: int  # 实到 of those

    @property
    def rate(self) -> float:
        return self.present / self.expected if self.expected else 0.0


def statistics(
    services: Services,
    year: int,
    *,
    clearance: SecretLevel = SecretLevel.TOP_SECRET,
    start: date | None = None,
    end: date | None = None,
) -> MeetingStats:
    """``start``/``end`` narrow the year to a quarter or a month (both inside ``year``)."""
    from app.domain.errors import ValidationFailed

    if not 1949 <= int(year) <= 2100:
        raise ValidationFailed({"year": "年度应为四位数年份，如 2026"})
    first, last = start or date(year, 1, 1), end or date(year, 12, 31)
    if last < first or first.year != year or last.year != year:
        raise ValidationFailed({"end": "统计期间应在同一年度内，且结束日期不早于开始日期"})
    lo, hi = (
        datetime.combine(first, datetime.min.time()),
        datetime.combine(last + timedelta(days=1), datetime.min.time()),
    )
    live = (
        Meeting.voided.is_(False),
        Meeting.starts_at >= lo,
        Meeting.starts_at < hi,
        Meeting.secret_level.in_(SecretLevel.levels_up_to(clearance)),
    )
    with services.db.read() as s:
        kinds, large_kinds = checks.meeting_types(s)
        by_kind = dict(
            s.execute(select(Meeting.kind, func.count()).where(*live).group_by(Meeting.kind)).all()
        )
        month = func.extract("month", Meeting.starts_at)
        by_month = {int(m): n for m, n in s.execute(select(month, func.count()).where(*live).group_by(month))}
        seated = MeetingParticipant.role != "工作人员"
        per_meeting = (
            select(
                MeetingParticipant.meeting_id.label("mid"),
                func.count().label("listed"),
                func.sum(case((MeetingParticipant.attendance == "实到", 1), else_=0)).label("present"),
            )
            .where(MeetingParticipant.voided.is_(False), seated)
            .group_by(MeetingParticipant.meeting_id)
            .subquery()
        )
        rows = s.execute(
            select(Meeting.headcount, per_meeting.c.listed, per_meeting.c.present)
            .outerjoin(per_meeting, per_meeting.c.mid == Meeting.id)
            .where(*live)
        ).all()
    participants = expected = present = 0
    for headcount, listed, came in rows:
        if listed:
            participants += listed
            expected += listed
            present += came or 0
        else:
            participants += headcount or 0
    ordered = {k: by_kind.get(k, 0) for k in kinds}
    ordered.update({k: n for k, n in by_kind.items() if k not in ordered})
    return MeetingStats(
        year,
        sum(by_kind.values()),
        ordered,
        {m: by_month.get(m, 0) for m in range(1, 13)},
        sum(n for k, n in by_kind.items() if k in large_kinds),
        participants,
        expected,
        present,
    )

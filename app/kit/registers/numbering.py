"""Handing out register numbers: per series per year, no gaps, no duplicates, never reused.

Runs inside the caller's write transaction; the writer's BEGIN IMMEDIATE serialises concurrent savers,
and the register table's unique (series, year, seq) constraint is the last guard.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.models.core import Counter


def next_seq(session: Session, series: str, year: int) -> int:
    result = session.execute(
        update(Counter)
        .where(Counter.series == series, Counter.year == year)
        .values(last_value=Counter.last_value + 1)
        .returning(Counter.last_value)
    ).first()
    if result is not None:
        return int(result[0])
    session.add(Counter(series=series, year=year, last_value=1))
    session.flush()
    return 1


def reserve_block(session: Session, series: str, year: int, count: int) -> int:
    """Reserve ``count`` consecutive numbers in ONE statement and return the first (an import numbers its
    rows from it). Same guarantees as next_seq: inside the caller's transaction, so a failed import
    gives every number back and a successful one leaves no gap."""
    if count < 1:
        raise ValueError("count must be positive")
    result = session.execute(
        update(Counter)
        .where(Counter.series == series, Counter.year == year)
        .values(last_value=Counter.last_value + count)
        .returning(Counter.last_value)
    ).first()
    if result is not None:
        return int(result[0]) - count + 1
    session.add(Counter(series=series, year=year, last_value=count))
    session.flush()
    return 1


def peek_next(session: Session, series: str, year: int) -> int:
    last = session.scalar(select(Counter.last_value).where(Counter.series == series, Counter.year == year))
    return (last or 0) + 1


def format_number(template: str, *, year: int, seq: int, series: str = "") -> str:
    return template.format(year=year, seq=seq, series=series)

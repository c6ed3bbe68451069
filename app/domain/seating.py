"""Protocol seating (座次, domain.md §6): the 主席台 by the domestic rule, left > right as the seated leaders
see it; the audience in unit blocks. Positions are numbered 1..n from the left as seen FROM THE AUDIENCE
(面向主席台); the leaders' own view (主席台视角) is the mirror image."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

AUDIENCE_VIEW = "面向主席台"
STAGE_VIEW = "主席台视角"


def position_of_rank(rank: int, n: int) -> int:
    """Where the person of protocol rank ``rank`` (1 = most senior) sits in a row of ``n`` seats, counted
    from the left as seen from the audience: No.1 in the centre (the left one of the two centre seats for
    an even row, from the audience), No.2 on No.1's left as the leaders see it, No.3 on the other side …"""
    if not 1 <= rank <= n:
        raise ValueError("rank out of range")
    centre = math.ceil(n / 2) if n % 2 else n // 2
    if rank == 1:
        return centre
    if rank % 2 == 0:
        return centre + rank // 2
    return centre - (rank - 1) // 2


def row_order(n: int, view: str = AUDIENCE_VIEW) -> list[int]:
    """The ranks in a row of ``n`` read left to right in ``view``: 7 → [7, 5, 3, 1, 2, 4, 6] (audience)."""
    seats = [0] * n
    for rank in range(1, n + 1):
        seats[position_of_rank(rank, n) - 1] = rank
    return seats if view == AUDIENCE_VIEW else list(reversed(seats))


@dataclass(frozen=True)
class Seat:
    row: int  # 1 = front row
    position: int  # 1.. from the left as seen from the audience
    person: str


def rostrum(people: Sequence[str], row_sizes: Sequence[int]) -> list[Seat]:
    """The 主席台: ``people`` in protocol order fill the front row first, each row by the rule."""
    if sum(row_sizes) < len(people):
        raise ValueError(f"主席台共{sum(row_sizes)}个座位，安排了{len(people)}人")
    if len(set(people)) != len(people):
        twice = sorted({p for p in people if list(people).count(p) > 1})
        raise ValueError(f"同一人在主席台上出现两次：{'、'.join(twice)}")
    seats: list[Seat] = []
    start = 0
    for row, size in enumerate(row_sizes, start=1):
        group = list(people[start : start + size])
        start += size
        n = len(group)
        for rank, person in enumerate(group, start=1):
            seats.append(Seat(row, position_of_rank(rank, n), person))
        if start >= len(people):
            break
    return sorted(seats, key=lambda s: (s.row, s.position))


def audience(blocks: Sequence[tuple[str, Sequence[str]]], rows: int, per_row: int) -> list[Seat]:
    """The hall: unit blocks in the order the clerk chose, front row first, left to right facing the
    主席台, each unit's people together."""
    everyone = [p for _unit, people in blocks for p in people]
    if len(everyone) > rows * per_row:
        raise ValueError(f"会场共{rows * per_row}个座位，参会{len(everyone)}人，座位不够")
    return [Seat(i // per_row + 1, i % per_row + 1, p) for i, p in enumerate(everyone)]


def swap(seats: Sequence[Seat], a: str, b: str) -> list[Seat]:
    """Two people exchange seats by hand; everyone else keeps the seat the rule gave them."""
    where = {s.person: s for s in seats}
    if a not in where or b not in where:
        missing = a if a not in where else b
        raise ValueError(f"座次表中没有“{missing}”")
    sa, sb = where[a], where[b]
    out = []
    for s in seats:
        if s.person == a:
            out.append(Seat(sb.row, sb.position, a))
        elif s.person == b:
            out.append(Seat(sa.row, sa.position, b))
        else:
            out.append(s)
    return sorted(out, key=lambda s: (s.row, s.position))


def mirrored(seats: Sequence[Seat], row_lengths: dict[int, int]) -> list[Seat]:
    """The same seats as the leaders see them (主席台视角): positions counted from their left."""
    return sorted(
        (Seat(s.row, row_lengths[s.row] + 1 - s.position, s.person) for s in seats),
        key=lambda s: (s.row, s.position),
    )

"""主席台 seating by the domestic protocol rule, for 1–12 people in both views; rows, swaps, the hall."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.seating import (
    AUDIENCE_VIEW,
    STAGE_VIEW,
    audience,
    mirrored,
    position_of_rank,
    rostrum,
    row_order,
    swap,
)

# read from the audience, left to right (domain.md §6); the leaders' view is the mirror image
EXPECTED = {
    1: [1],
    2: [1, 2],
    3: [3, 1, 2],
    4: [3, 1, 2, 4],
    5: [5, 3, 1, 2, 4],
    6: [5, 3, 1, 2, 4, 6],
    7: [7, 5, 3, 1, 2, 4, 6],
    8: [7, 5, 3, 1, 2, 4, 6, 8],
    9: [9, 7, 5, 3, 1, 2, 4, 6, 8],
    10: [9, 7, 5, 3, 1, 2, 4, 6, 8, 10],
    11: [11, 9, 7, 5, 3, 1, 2, 4, 6, 8, 10],
    12: [11, 9, 7, 5, 3, 1, 2, 4, 6, 8, 10, 12],
}


@pytest.mark.parametrize("n", range(1, 13))
def test_row_order_in_both_views(n):
    assert row_order(n, AUDIENCE_VIEW) == EXPECTED[n]
    assert row_order(n, STAGE_VIEW) == list(reversed(EXPECTED[n]))


@given(st.integers(min_value=1, max_value=60))
def test_no_two_people_share_a_seat_and_two_sits_on_ones_left_as_the_leaders_see_it(n):
    positions = [position_of_rank(r, n) for r in range(1, n + 1)]
    assert sorted(positions) == list(range(1, n + 1))
    if n >= 2:
        # the leaders face the audience: their left is the audience's right
        assert position_of_rank(2, n) == position_of_rank(1, n) + 1


def test_rostrum_fills_front_row_first_and_each_row_by_the_rule():
    people = [f"领导{i}" for i in range(1, 11)]
    seats = rostrum(people, [7, 5])
    front = [s.person for s in seats if s.row == 1]
    back = [s.person for s in seats if s.row == 2]
    assert front == ["领导7", "领导5", "领导3", "领导1", "领导2", "领导4", "领导6"]
    assert back == ["领导10", "领导8", "领导9"]


def test_rostrum_refuses_too_many_people_and_a_person_twice():
    with pytest.raises(ValueError, match="3个座位"):
        rostrum(["甲", "乙", "丙", "丁"], [3])
    with pytest.raises(ValueError, match="两次：甲"):
        rostrum(["甲", "乙", "甲"], [5])


def test_swap_keeps_everyone_else_in_place_and_mirror_view():
    seats = rostrum(["甲", "乙", "丙", "丁", "戊"], [5])
    swapped = swap(seats, "乙", "丙")
    by_person = {s.person: s.position for s in swapped}
    assert by_person["乙"] == 2 and by_person["丙"] == 4 and by_person["甲"] == 3 and by_person["丁"] == 5
    stage = mirrored(seats, {1: 5})
    assert [s.person for s in stage] == ["丁", "乙", "甲", "丙", "戊"]


def test_audience_blocks_in_order_and_not_more_than_the_hall_holds():
    seats = audience([("县委办", ["a", "b", "c"]), ("县政府办", ["d", "e"])], rows=2, per_row=4)
    assert [(s.row, s.position, s.person) for s in seats][3:] == [(1, 4, "d"), (2, 1, "e")]
    with pytest.raises(ValueError, match="座位不够"):
        audience([("x", ["a"] * 9)], rows=2, per_row=4)

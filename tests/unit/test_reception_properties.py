"""Properties of what the 来访接待 area adds: the stored clock is the deadline the domain clock runs (calendar
or working days, across holidays, 调休, month ends and leap years), masking never shows more than the first
three and last four characters, and the meal limits of a reception are refused exactly when broken."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from app.areas.reception import clock
from app.areas.reception.registers import PETITION_REGISTER, reception_check
from app.domain.enums import Role
from app.domain.idnumber import check_char
from app.domain.petition_clock import ClockRules, open_deadline
from app.domain.rules import max_companions
from app.kit.registers.base import Record
from app.kit.registers.service import masked

days = st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31))


@given(days, st.integers(0, 20), st.integers(0, 90), st.integers(0, 30), st.booleans())
def test_stored_clock_is_the_running_deadline(registered, wait, work, ext, working):
    rules = ClockRules(working_days=working)
    accepted = registered + timedelta(days=wait)
    obj = SimpleNamespace(
        registered_on=registered, accepted_on=accepted, extension_days=ext, replied_on=None, state="accepted",
        review_requested_on=None, review_decided_on=None, recheck_requested_on=None, recheck_decided_on=None,
        closed_on=None, handling="交办", due_on=None, due_what="",
    )  # fmt: skip
    clock.refresh(obj, rules)
    expected = open_deadline(clock.case_of(obj), rules, clock.shipped_calendar())
    assert expected is not None and obj.due_on == expected.due and obj.due_what == "办理答复"
    assert obj.due_on >= accepted + timedelta(days=60 + ext)  # working days never finish earlier
    if not working:
        assert obj.due_on == accepted + timedelta(days=60 + ext)
    obj.replied_on = accepted + timedelta(days=work)
    clock.refresh(obj, rules)
    assert obj.due_on is None  # answered: no statutory clock runs until a 复查 is asked for


@given(st.from_regex(r"[1-9][0-9]{16}", fullmatch=True), st.text(min_size=0, max_size=12))
def test_masked_shows_only_the_ends(first17, phone):
    ident = first17 + check_char(first17)
    rec = Record(1, {"id_number": ident, "phone": phone, "petitioner": "甲"})
    leader = SimpleNamespace(has_role=lambda *roles: Role.LEADER in roles)
    shown = masked(PETITION_REGISTER, leader, rec)  # type: ignore[arg-type]
    assert shown["id_number"] == ident[:3] + "*" * 11 + ident[-4:]
    assert shown["petitioner"] == "甲"
    assert len(shown["phone"].replace("*", "")) <= 7  # never more than 3 + 4 characters of a phone
    clerk = SimpleNamespace(has_role=lambda *roles: Role.PETITIONS in roles)
    assert masked(PETITION_REGISTER, clerk, rec)["id_number"] == ident  # type: ignore[arg-type]


@given(st.integers(1, 60), st.integers(0, 30), st.integers(0, 3))
def test_meal_limits_refused_exactly_when_broken(guests, companions, meals):
    errors = reception_check({"persons": guests, "companions": companions, "meals": meals})
    assert ("meals" in errors) == (meals > 1)
    over = companions > max_companions(guests) or (companions > 0 and meals == 0)
    assert ("companions" in errors) == over


maybe_days = st.one_of(st.none(), days)


@given(
    days,
    maybe_days,
    st.integers(0, 30),
    maybe_days,
    maybe_days,
    st.sampled_from(["accepted", "rejected", "closed"]),
    st.booleans(),
)
def test_the_figures_on_time_marks_are_the_clocks_deadlines(
    registered, accepted, ext, replied, closed, state, working
):  # type: ignore[no-untyped-def]
    """按期受理/按期办结 in the figures are the "accept" and "finish" deadlines of the full clock."""
    from app.areas.reception.figures import clock_marks
    from app.domain.petition_clock import deadlines

    rules, cal = ClockRules(working_days=working), clock.shipped_calendar()
    row = {
        "registered_on": registered, "accepted_on": accepted, "extension_days": ext, "replied_on": replied,
        "state": state, "closed_on": closed, "review_requested_on": None, "review_decided_on": None,
        "recheck_requested_on": None, "recheck_decided_on": None,
    }  # fmt: skip
    full = {d.key: d for d in deadlines(clock.case_of(row), rules, cal)}
    want = tuple(
        None if k not in full or full[k].done_on is None else full[k].done_on <= full[k].due
        for k in ("accept", "finish")
    )
    assert clock_marks(row, rules, cal) == want

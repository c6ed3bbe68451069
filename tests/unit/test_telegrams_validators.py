"""Property-based tests of the telegram number validators (部门号, 总号/译传号, 份号) and the field coercion."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.areas.telegrams import REGISTERS_BY_KEY
from app.areas.telegrams.registers import (
    DEPT_NO_EXAMPLE,
    TelegramNumberError,
    normalise_dept_no,
    normalise_serial,
)
from app.kit.copies import normalise_copy_no
from app.kit.registers.values import validate

codes = st.text(alphabet="国办省市县委明密电发厅政府", min_size=1, max_size=8)
years = st.integers(1949, 2100)
seqs = st.integers(1, 999999)
brackets = st.sampled_from([("〔", "〕"), ("[", "]"), ("(", ")"), ("（", "）"), ("【", "】"), ("［", "］")])
to_full_width = str.maketrans("0123456789", "０１２３４５６７８９")


@given(codes, years, seqs, brackets, st.booleans(), st.booleans(), st.booleans())
def test_any_common_spelling_of_a_dept_no_normalises_to_the_standard_form(
    code, year, seq, br, zeros, full, di
):
    number = f"{seq:06d}" if zeros else str(seq)
    text = f"{code}{br[0]}{year}{br[1]}{'第' if di else ''}{number}号"
    if full:
        text = text.translate(to_full_width)
    assert normalise_dept_no(text) == f"{code}〔{year}〕{seq}号"


@given(st.text(max_size=40))
def test_dept_no_never_crashes_and_is_idempotent(text):
    try:
        once = normalise_dept_no(text)
    except TelegramNumberError as e:
        assert "部门号" in str(e)
        return
    assert normalise_dept_no(once) == once


@given(st.text(max_size=20))
def test_serials_are_digits_or_refused(text):
    try:
        out = normalise_serial(text)
    except TelegramNumberError:
        return
    assert out == "" or (out.isdigit() and len(out) <= 10 and out.isascii())


@given(st.integers(1, 999999))
def test_copy_numbers_round_trip(n):
    assert normalise_copy_no(str(n)) == f"{n:06d}" == normalise_copy_no(f"{n:06d}")


@settings(max_examples=150, deadline=None)
@given(
    st.fixed_dictionaries(
        {
            "at": st.one_of(st.text(max_size=20), st.just("2026-03-05 09:30")),
            "dept_no": st.one_of(st.text(max_size=30), st.just(DEPT_NO_EXAMPLE)),
            "priority": st.one_of(st.text(max_size=4), st.sampled_from(["特提", "特急", "加急", "平急"])),
            "counterpart": st.text(max_size=150),
            "title": st.text(max_size=320),
            "pages": st.one_of(st.text(max_size=5), st.integers(-5, 2000)),
            "copies_count": st.one_of(st.text(max_size=5), st.integers(-5, 2000)),
            "total_no": st.text(max_size=12),
            "secret_level": st.sampled_from(["", "非密", "秘密", "机密", "绝密", "内部"]),
            "secret_period": st.text(max_size=8),
        }
    ),
    st.sampled_from(sorted(REGISTERS_BY_KEY)),
)
def test_validation_of_any_input_gives_chinese_messages_and_never_crashes(raw, key):
    values, errors = validate(REGISTERS_BY_KEY[key], raw)
    for field, message in errors.items():
        assert message and any("\u4e00" <= ch <= "\u9fff" for ch in message), (field, message)
    if not errors:
        assert values["title"] and values["counterpart"] and 1 <= values["copies_count"] <= 999


@pytest.mark.parametrize(
    "text", ["八号文", "国办明电2026年8号", "〔2026〕8号", "国办明电〔2026〕0号", "国办明电〔1900〕3号"]
)
def test_bad_dept_numbers_say_what_is_expected(text):
    with pytest.raises(TelegramNumberError, match="部门号"):
        normalise_dept_no(text)

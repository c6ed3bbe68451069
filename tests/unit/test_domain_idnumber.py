"""GB 11643 identity numbers: checksum, dates, masking; phone numbers."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.domain.idnumber import check_char, id_error, is_valid_id, mask_id, mask_phone, phone_error

TODAY = date(2026, 12, 1)


def make_id(region: str, born: date, seq: str) -> str:
    first17 = f"{region}{born:%Y%m%d}{seq}"
    return first17 + check_char(first17)


def test_non_ascii_digits_are_refused():
    assert "数字" in id_error("1101051949123100٠X", TODAY)


def test_published_example_and_x_check_character():
    assert is_valid_id("11010519491231002X", TODAY)  # the standard's own example
    assert is_valid_id("11010519491231002x", TODAY)  # typed in lower case
    assert "校验位" in id_error("110105194912310021", TODAY)


def test_wrong_length_date_and_future_birth_are_named():
    assert "18位" in id_error("11010519491231002", TODAY)
    assert "出生日期" in id_error(make_id("110105", date(2000, 1, 1), "123")[:6] + "20000230" + "1234", TODAY)
    future = make_id("110105", TODAY + timedelta(days=1), "001")
    assert "不合理" in id_error(future, TODAY)


@given(
    region=st.from_regex(r"[1-9][0-9]{5}", fullmatch=True),
    born=st.dates(min_value=date(1900, 1, 1), max_value=TODAY),
    seq=st.from_regex(r"[0-9]{3}", fullmatch=True),
)
def test_every_generated_number_is_valid_and_any_single_digit_change_is_caught(region, born, seq):
    number = make_id(region, born, seq)
    assert is_valid_id(number, TODAY)
    # the mod-11 check detects every single-character substitution
    for i in (0, 5, 9, 16, 17):
        for c in "0123456789X":
            if c != number[i] and not (i < 17 and c == "X"):
                changed = number[:i] + c + number[i + 1 :]
                assert not is_valid_id(changed, TODAY)


@given(st.from_regex(r"[1-9][0-9]{16}[0-9X]", fullmatch=True))
def test_masked_number_shows_only_first_three_and_last_four(number):
    masked = mask_id(number)
    assert masked == number[:3] + "*" * 11 + number[-4:]
    assert len(masked) == 18


def test_phone_numbers():
    assert phone_error("13812345678") == ""
    assert phone_error("0571-88886666") == ""
    assert phone_error("") == ""
    assert "格式" in phone_error("12345")
    assert mask_phone("13812345678") == "138****5678"

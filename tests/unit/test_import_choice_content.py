"""Columns recognised by what they hold, beyond 文号/日期/密级/身份证号: a column of a choice field's words
(来信/来访 → 渠道, 已办结/办理中 → 状态), dates whose cells lost their format (45721) among written dates, and
headers that say 时间 where the register says 日期."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from app.importing.headers import header_index, map_columns, match_header
from app.importing.recognise import content_kind, is_date_serial

EPOCH = date(1899, 12, 30)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 1, 1)))
def test_a_date_serial_of_a_plausible_year_is_a_date(d: date) -> None:
    serial = (d - EPOCH).days
    assert is_date_serial(serial) and is_date_serial(str(serial)) and not is_date_serial(True)


@given(st.integers(min_value=0, max_value=32873) | st.integers(min_value=58442, max_value=10**7))
def test_other_numbers_are_not(n: int) -> None:
    assert not is_date_serial(n)


def test_serials_count_only_among_written_dates() -> None:
    written = ["2025.3.5", "2025年3月6日", "2025/3/7", 45724, 45725]
    assert content_kind(written)[0] == "date"
    assert content_kind([48014, 23486, 40412, 57644, 35997])[0] == ""  # a 总号 column is not dates


def test_choice_words_and_time_headers_map_a_petition_book() -> None:
    from app.areas.reception.registers import PETITION_REGISTER as reg

    index = header_index(reg)
    assert match_header(index, "登记时间") == (True, "registered_on")
    header = ["来信来访", "问题类型", "办理情况", "接访人"]
    sample = [["来信", "土地征收", "已办结", "张三"], ["来访", "劳动社保", "办理中", "李四"]] * 3
    columns = map_columns(reg, header, index, sample=sample)
    assert [c.field for c in columns] == ["channel", "category", "state", None]
    assert "渠道的选项（6/6 个值）" in columns[0].how and columns[3].kept

"""The 文号 parser: every common variant becomes 代字〔2026〕3号; garbage gives a Chinese error, never a crash."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.docnumber import DocNumberError, normalise_doc_number, normalise_optional

PREFIX_CHARS = "县委办发函市政府组织部宣传纪检人社字通知厅局综合"
BRACKETS = [("〔", "〕"), ("[", "]"), ("(", ")"), ("（", "）"), ("【", "】"), ("［", "］")]
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("县委发〔2026〕3号", "县委发〔2026〕3号"),
        ("县委发[2026]3号", "县委发〔2026〕3号"),
        ("县委办发（2026）第03号", "县委办发〔2026〕3号"),
        ("市委办函【２０２６】12号", "市委办函〔2026〕12号"),
        ("  县委发 〔2026〕 3 号 ", "县委发〔2026〕3号"),
        ("国办发(2025)7", "国办发〔2025〕7号"),
    ],
)
def test_variants_are_normalised(typed, expected):
    assert normalise_doc_number(typed) == expected


@pytest.mark.parametrize(
    "typed,fragment",
    [
        ("", "不能为空"),
        ("关于印发通知", "无法识别"),
        ("〔2026〕3号", "缺少机关代字"),
        ("县委发〔1800〕3号", "年份"),
        ("县委发〔2026〕0号", "从1开始"),
        ("县2委〔2026〕3号", "不能有数字"),
    ],
)
def test_garbage_is_refused_in_chinese(typed, fragment):
    with pytest.raises(DocNumberError) as e:
        normalise_doc_number(typed)
    assert fragment in str(e.value)


def test_no_number_stays_as_typed():
    assert normalise_optional("无") == "无"
    assert normalise_optional("") == ""


@settings(max_examples=300, deadline=None)
@given(
    prefix=st.text(alphabet=PREFIX_CHARS, min_size=1, max_size=6),
    year=st.integers(1949, 2100),
    seq=st.integers(1, 99999),
    brackets=st.sampled_from(BRACKETS),
    di=st.booleans(),
    hao=st.booleans(),
    zeros=st.integers(0, 2),
    spaces=st.sampled_from(["", " ", "　", "  "]),
    fullwidth=st.booleans(),
)
def test_any_variant_normalises_to_the_standard_form(
    prefix, year, seq, brackets, di, hao, zeros, spaces, fullwidth
):
    open_, close = brackets
    number = "0" * zeros + str(seq)
    typed = f"{prefix}{spaces}{open_}{year}{close}{spaces}{'第' if di else ''}{number}{spaces}{'号' if hao else ''}"
    if fullwidth:
        typed = typed.translate(FULLWIDTH)
    assert normalise_doc_number(typed) == f"{prefix}〔{year}〕{seq}号"


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=80))
def test_arbitrary_text_parses_or_raises_a_chinese_error(text):
    try:
        result = normalise_doc_number(text)
    except DocNumberError as e:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(e))
    else:
        assert result.endswith("号") and "〔" in result and normalise_doc_number(result) == result


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from app.domain.numberpattern import to_pattern, to_template  # noqa: E402

_LITERAL = st.text(alphabet="收发〔〕-号第县委办 ", max_size=4)


@given(
    st.lists(
        st.one_of(_LITERAL, st.sampled_from(["年", "代字", "序号", "序号(4位)", "序号(2位)"])), max_size=6
    )
)
def test_a_readable_numbering_pattern_round_trips_or_is_refused(parts):  # type: ignore[no-untyped-def]
    pattern = "".join(parts).strip()
    try:
        template = to_template(pattern)
    except ValueError as e:
        assert str(e)  # refused with a message, never a crash
        assert "序号" not in pattern or len(pattern) > 20
        return
    assert "{seq" in template
    assert to_pattern(template) == pattern
    template.format(year=2026, seq=3, series="县委办发")

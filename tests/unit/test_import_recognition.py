"""Property tests of what the importer recognises by content (文号, dates, 密级, ID numbers, 合计 rows) and of
reading back the register numbers an office's book gives (kept numbers)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.docnumber import doc_number_parts
from app.importing.numbers import parse_number
from app.importing.recognise import content_kind, is_id_number, is_secret_word, is_total_row
from app.kit.registers.base import DATE, DOCNO, IDCARD, SECRET, Numbering
from app.kit.registers.numbering import format_number
from tests.support.sample import SAMPLE

FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CHINESE = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
PREFIX = st.text(CHINESE, min_size=2, max_size=6)
YEAR = st.integers(1949, 2100)
SEQ = st.integers(1, 99999)
BRACKETS = [("〔", "〕"), ("[", "]"), ("（", "）"), ("(", ")"), ("【", "】"), ("［", "］")]
BIRTH = st.dates(min_value=date(1930, 1, 1), max_value=date(2020, 12, 31))
_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(region: int, birth: date, seq: int) -> str:
    body = f"{region:06d}{birth:%Y%m%d}{seq:03d}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, _W)) % 11]


@st.composite
def doc_numbers(draw):  # type: ignore[no-untyped-def]
    prefix, year, seq = draw(PREFIX), draw(YEAR), draw(SEQ)
    o, c = draw(st.sampled_from(BRACKETS))
    zeros = "0" * draw(st.integers(0, 2))
    di = draw(st.sampled_from(["", "第"]))
    gap = draw(st.sampled_from(["", " "]))
    return f"{prefix}{gap}{o}{year}{c}{di}{zeros}{seq}号", (prefix, year, seq)


@FAST
@given(st.lists(doc_numbers(), min_size=2, max_size=12))
def test_a_column_of_document_numbers_is_recognised_and_each_keeps_its_parts(numbers):
    assert content_kind([text for text, _ in numbers])[0] == DOCNO
    for text, (prefix, year, seq) in numbers:
        assert doc_number_parts(text) == (prefix, year, seq, f"{prefix}〔{year}〕{seq}号")


@FAST
@given(st.lists(st.tuples(st.integers(110000, 659999), BIRTH, st.integers(0, 999)), min_size=2, max_size=10))
def test_a_column_of_id_numbers_is_recognised_and_a_wrong_check_digit_is_not(ids):
    texts = [id_number(*i) for i in ids]
    assert content_kind(texts)[0] == IDCARD
    for t in texts:
        wrong = t[:17] + ("0" if t[17] != "0" else "1")
        assert is_id_number(t) and not is_id_number(wrong)


DATE_FORMS = [
    lambda d: d,
    lambda d: d.isoformat(),
    lambda d: f"{d.year}年{d.month}月{d.day}日",
    lambda d: f"{d.year}.{d.month:02d}.{d.day:02d}",
    lambda d: f"{d.year}/{d.month}/{d.day}",
]


@FAST
@given(st.lists(st.tuples(st.dates(date(1950, 1, 1), date(2099, 12, 31)), st.integers(0, 4)), min_size=2))
def test_a_column_of_dates_in_any_written_form_is_a_date_column(cells):
    assert content_kind([DATE_FORMS[f](d) for d, f in cells])[0] == DATE


@FAST
@given(
    st.lists(st.sampled_from(["秘密", "机密", "绝密", "非密", "秘密★10年"]), min_size=2).filter(
        lambda v: set(v) - {"非密"}
    )
)
def test_a_column_of_secrecy_words_is_a_secret_level_column(words):
    assert content_kind(words)[0] == SECRET


@FAST
@given(
    # any Chinese text but the few words that are a 密级 (a column of “绝密, 绝密” is rightly a 密级 column)
    st.lists(
        st.text(CHINESE, min_size=1, max_size=30).filter(lambda t: not is_secret_word(t)),
        min_size=2,
        max_size=20,
    )
)
def test_titles_and_names_are_not_taken_for_anything(texts):
    assert content_kind(texts)[0] == ""
    assert not is_total_row([*texts, None]) or texts[0].startswith(("合计", "小计", "总计", "共计", "累计"))


TEMPLATES = ["{year}-{seq:04d}", "明收〔{year}〕{seq}号", "样〔{year}〕{seq}号", "{year}年第{seq}号"]


@FAST
@given(YEAR, st.integers(1, 99999), st.sampled_from(TEMPLATES))
def test_a_number_written_by_the_register_format_is_read_back_to_its_year_and_sequence(year, seq, template):
    reg = replace(SAMPLE, numbering=Numbering("sample", "received_on", template))
    text = format_number(template, year=year, seq=seq)
    kept = parse_number(reg, text, {})
    assert (kept.year, kept.seq, kept.text) == (year, seq, text)
    bare = parse_number(reg, str(seq), {"received_on": date(year, 1, 1)})  # a bare 顺序号 in a dated row
    assert (bare.year, bare.seq, bare.text) == (year, seq, text)

"""Registering from a scan: the fields read from OCR lines (no OCR engine here: the lines are what an
engine returns for a GB/T 9704 first page, with the misreads engines make)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from app.importing.scan import (
    OcrLine,
    doc_number,
    extract,
    form_values,
    header_read,
    issuer_name,
    secrecy,
    written_date,
)


def page(*rows: tuple[str, float, bool]) -> list[OcrLine]:
    """Lines top to bottom: (text, height, red); 30 px apart plus the line's height."""
    out, y = [], 100.0
    for text, height, red in rows:
        out.append(OcrLine(text, (200, y, 200 + 30 * len(text), y + height), red))
        y += height + 30
    return out


FIRST_PAGE = page(
    ("000239", 30, False),
    ("机密★1年", 30, False),
    ("特急", 30, False),
    ("中共南丰县委办公室文件", 70, True),
    ("南办发[2026]12号", 30, False),
    ("关于做好2026年防汛抗旱工作的", 45, False),
    ("通知", 45, False),
    ("各乡镇党委，县直各单位：", 30, False),
    ("为认真贯彻落实上级有关部署，经研究，现将有关事项通知如下。", 30, False),
    ("中共南丰县委办公室", 30, False),
    ("2026年3月5日", 30, False),
)


def test_a_first_page_gives_every_field() -> None:
    f = extract(FIRST_PAGE)
    assert f.issuer == "中共南丰县委办公室"
    assert f.number == "南办发〔2026〕12号"  # [] read for 〔〕 written back the GB/T 9704 way
    assert f.title == "关于做好2026年防汛抗旱工作的通知"  # two lines of the 标题 joined
    assert (f.secret_level, f.secret_period) == ("机密", "1年")
    assert f.urgency == "特急"
    assert f.copy_number == "000239"
    assert f.written_on == date(2026, 3, 5)


def test_lines_in_any_order_and_split_words() -> None:
    shuffled = list(reversed(FIRST_PAGE))
    f = extract(shuffled)
    assert f.number == "南办发〔2026〕12号"
    assert f.title.startswith("关于做好")


def test_no_secrecy_no_urgency_no_copy_number() -> None:
    f = extract(
        page(
            ("临川县财政局文件", 70, True),
            ("临财字〔2025〕3号", 30, False),
            ("关于下达预算的通知", 45, False),
        )
    )
    assert (f.issuer, f.number, f.title) == ("临川县财政局", "临财字〔2025〕3号", "关于下达预算的通知")
    assert (f.secret_level, f.urgency, f.copy_number, f.written_on) == ("", "", "", None)


def test_a_black_line_above_the_red_mark_is_not_the_issuer() -> None:
    f = extract(
        page(
            ("内部资料注意保存", 30, False),
            ("抚州市人民政府办公室", 60, True),
            ("抚府办字〔2024〕7号", 30, False),
        )
    )
    assert f.issuer == "抚州市人民政府办公室"


def test_chinese_numeral_date_and_star_misread() -> None:
    assert written_date("二〇二二年四月二十二日") == date(2022, 4, 22)
    assert written_date("二○二五年十二月十日") == date(2025, 12, 10)
    assert written_date("２０２６年１月９日") == date(2026, 1, 9)
    assert written_date("2026年13月1日") is None  # not a date: left for the clerk
    assert secrecy("秘密女6个月") == ("秘密", "6个月")  # Tesseract reads ★ as 女
    assert secrecy("绝密*30年") == ("绝密", "30年")
    assert secrecy("秘密") == ("秘密", "")
    assert secrecy("各乡镇党委") == ("", "")


def test_a_speck_inside_the_date_is_dropped() -> None:
    # seen where the seal's ring crosses the date: a stroke's remains read as 、
    assert written_date("二〇二一、年四月二十六日") == date(2021, 4, 26)
    assert written_date("2026年3·月5日") == date(2026, 3, 5)


def test_number_forms_ocr_produces() -> None:
    for text in ("临办发〔2026〕3号", "临办发[2026]3号", "临办发(2026)3号", "临办发（2026）3号", "临办发2026 3号",
                 "临办发【2026]3号", "临办发〔２０２６〕３号", "临办发〔2026〕第3号", "临办发〔2026〕03号",
                 "临 办 发 〔 2026 〕 3 号"):  # fmt: skip
        assert doc_number(text) == "临办发〔2026〕3号", text
    assert doc_number("各乡镇党委，县直各单位：") == ""
    assert doc_number("2026年3月5日") == ""


def test_issuer_mark_cleaned() -> None:
    assert issuer_name("中共大余县委办公    \\室文件") == "中共大余县委办公室"
    assert issuer_name("南丰县人民政府") == "南丰县人民政府"  # 信函格式: no 文件
    assert issuer_name("文件") == "文件"  # nothing else on the line: not cut to nothing


def test_telegram_sender_label_and_priority() -> None:
    f = extract(
        page(
            ("明传电报", 60, True),
            ("发电单位：中共抚州市委办公室", 30, False),
            ("等级：特提", 30, False),
            ("抚办明电〔2026〕15号", 30, False),
            ("关于做好强降雨防范应对工作的紧急通知", 45, False),
        )
    )
    assert f.issuer == "中共抚州市委办公室"
    assert f.number == "抚办明电〔2026〕15号"
    assert f.urgency == "特提"
    assert f.title == "关于做好强降雨防范应对工作的紧急通知"


CHOICES = {
    "secret_level": {"秘密": "secret", "机密": "confidential", "绝密": "top_secret"},
    "urgency": {"加急": "urgent", "特急": "extra_urgent"},
    "priority": {"特提": "flash", "特急": "extra_urgent", "加急": "urgent", "平急": "ordinary"},
}


def test_form_values_for_incoming_and_telegram() -> None:
    f = extract(FIRST_PAGE)
    names = ["sender", "sender_number", "title", "urgency", "copy_numbers", "secret_level", "secret_period"]
    incoming = form_values(f, [*names, "written_on", "note"], CHOICES)
    assert incoming == {
        "sender": "中共南丰县委办公室",
        "sender_number": "南办发〔2026〕12号",
        "title": "关于做好2026年防汛抗旱工作的通知",
        "secret_level": "confidential",
        "secret_period": "1年",
        "urgency": "extra_urgent",
        "copy_numbers": "000239",
        "written_on": date(2026, 3, 5),  # into 成文日期, 备注 left to the clerk
    }
    # a register with 备注 but no 成文日期 field keeps the date there rather than losing it
    assert form_values(f, [*names, "note"], CHOICES)["note"] == "成文日期：2026年3月5日"
    telegram = form_values(f, ["counterpart", "dept_no", "title", "priority", "secret_level"], CHOICES)
    assert telegram["counterpart"] == "中共南丰县委办公室" and telegram["dept_no"] == "南办发〔2026〕12号"
    assert telegram["priority"] == "extra_urgent"
    assert "secret_period" not in telegram and "note" not in telegram  # fields it lacks are left out


def test_a_skewed_long_title_line_is_measured_across_the_line() -> None:
    """On a page scanned 1.5° askew the first 标题 line, 150 mm long, has an upright box a third taller
    than its type: measured by its box, the second line looked like smaller type and the 标题 was cut."""
    rows = page(
        ("中共南丰县委办公室文件", 70, True),
        ("南办发〔2026〕12号", 30, False),
        ("黎川县教育体育局关于进一步规范公文处理", 60, False),  # upright box 60 px, type 45 px
        ("工作的请示", 45, False),
        ("各乡镇党委：", 30, False),
    )
    cut = extract(rows)
    assert cut.title == "黎川县教育体育局关于进一步规范公文处理"  # what the box alone gives
    measured = [OcrLine(ln.text, ln.box, ln.red, size=45 if i in (2, 3) else 0) for i, ln in enumerate(rows)]
    assert extract(measured).title == "黎川县教育体育局关于进一步规范公文处理工作的请示"
    assert header_read(measured[:5]) and not header_read(measured[:4])  # reading may stop at 主送


def test_a_label_the_register_does_not_offer_is_left_out() -> None:
    f = extract(page(("特提", 30, False), ("县委办公室", 60, True), ("县办发〔2026〕1号", 30, False)))
    assert "urgency" not in form_values(f, ["urgency"], CHOICES)  # 收文 has no 特提


# --- property tests: 文号 and 机关 through OCR noise -----------------------------------------------------

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5).filter(lambda c: c not in "号年月日第文件")
OPENERS = st.sampled_from(["〔", "[", "(", "（", "【", "［", "", " "])
CLOSERS = st.sampled_from(["〕", "]", ")", "）", "】", "］", "", " "])
FULL = str.maketrans("0123456789", "０１２３４５６７８９")


@settings(max_examples=300, deadline=None)
@given(
    code=st.text(CJK, min_size=1, max_size=6),
    year=st.integers(1990, 2099),
    seq=st.integers(1, 99999),
    opener=OPENERS,
    closer=CLOSERS,
    full_width=st.booleans(),
    zeros=st.integers(0, 2),
    spaces=st.booleans(),
    speck=st.sampled_from(["", "·", ".", "，", "'"]),
)
def test_doc_number_survives_ocr_noise(
    code: str,
    year: int,
    seq: int,
    opener: str,
    closer: str,
    full_width: bool,
    zeros: int,
    spaces: bool,
    speck: str,
) -> None:
    digits = f"{year}", "0" * zeros + f"{seq}"
    if full_width:
        digits = digits[0].translate(FULL), digits[1].translate(FULL)
    # speck: dust after the bracket read as a dot (seen on a scan: 南府办发〔2023］·44号)
    text = f"{code}{opener}{digits[0]}{closer}{speck}{digits[1]}号"
    if spaces:
        text = " ".join(text)
    assert doc_number(text) == f"{code}〔{year}〕{seq}号"


@settings(max_examples=200, deadline=None)
@given(
    name=st.text(CJK, min_size=2, max_size=16),
    with_file=st.booleans(),
    noise=st.lists(st.sampled_from([" ", "\\", "|", "'", ".", "　"]), max_size=3),
    year=st.integers(2000, 2030),
    seq=st.integers(1, 999),
    opener=OPENERS,
    closer=CLOSERS,
)
def test_issuer_and_number_from_a_noisy_head(
    name: str, with_file: bool, noise: list[str], year: int, seq: int, opener: str, closer: str
) -> None:
    mark = name + ("文件" if with_file else "")
    cut = len(mark) // 2
    noisy = mark[:cut] + "".join(noise) + mark[cut:]
    f = extract(
        page(("000012", 30, False), (noisy, 70, True), (f"县办发{opener}{year}{closer}{seq}号", 30, False))
    )
    assert f.issuer == name
    assert f.number == f"县办发〔{year}〕{seq}号"
    assert f.copy_number == "000012"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_text_never_crashes(text: str) -> None:
    f = extract([OcrLine(text, (0, 0, 100, 30))])
    assert f.number == "" or "〔" in f.number

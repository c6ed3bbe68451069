"""Registering from a scan: the fields of a GB/T 9704 first page (or a 明传电报 page) read from OCR lines.
Pure functions: OCR lines (text, box, red or not) in, the register fields out — 来文机关 (the red
发文机关标志 without 文件), 来文字号 (the 〔年〕 number under it), 标题, 密级 and 保密期限, 紧急程度, 份号
(top left) and 成文日期. OCR misreads are tolerated where the page's layout makes the reading certain:
〔〕 read as [] () 【】 or lost, full-width digits, ★ read as * or 女, spaces inside words."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

_FULL = str.maketrans("０１２３４５６７８９ＯｏＯ（）［］：", "0123456789oOO()[]:")
_CN_YEAR = str.maketrans("〇○零ＯOo一二三四五六七八九", "000000123456789")
_CN = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

# 代字〔年〕N号; the brackets as OCR reads them, or none; 第 and leading zeros dropped when written back
_OPEN = r"[〔\[(（【［{｛<《〈「|lI]*"
_CLOSE = r"[〕\])）】］}｝>》〉」|lI]*"
_SPECK = r"[·•.,，、'`‘’:：]*"  # a speck of dust on the scan read as a dot or comma next to the bracket
_DOCNO = re.compile(
    rf"(?P<code>[\u4e00-\u9fff][\u4e00-\u9fffA-Za-z]{{0,14}}?)\s*{_OPEN}\s*(?P<year>(?:19|20)\d\d)\s*{_CLOSE}"
    rf"\s*{_SPECK}\s*第?\s*(?P<seq>\d{{1,7}})\s*[号號]"
)
_LEVEL = re.compile(r"(绝密|机密|秘密)\s*(?:[★*☆✭✩※#女大]\s*)?(?:(\d{1,2})\s*(年|个月|個月|月))?")
_URGENCY = re.compile(r"(特提|特急|加急|平急)")
_COPY_NO = re.compile(r"^(?:份号\s*[:：]?\s*)?[\s]*([0-9oO]{6})$")
_DATE = re.compile(
    r"((?:19|20)\d\d|[〇○零Ｏ0Oo一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)
_SENDER_LABEL = re.compile(r"^(?:发电单位|来电单位|发电机关)\s*[:：]?\s*(.+)$")
_NOT_NAME = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9（）()·]")
_TITLE_END = ("：", ":")


@dataclass(frozen=True)
class OcrLine:
    """One line of text the OCR found: its box in pixels (left, top, right, bottom) and whether its ink
    is red (the 发文机关标志 and the 红头 are)."""

    text: str
    box: tuple[float, float, float, float]
    red: bool = False
    score: float = 1.0
    size: float = 0.0  # the type's height across the line, when the OCR knows it (see height)

    @property
    def height(self) -> float:
        """The line's height: a skewed scan's long line has an upright box taller than its type (156 mm at
        1.5° adds 4 mm, a 2号 line is 8 mm), so the OCR's own measure across the line comes first."""
        return self.size or self.box[3] - self.box[1]

    @property
    def middle(self) -> float:
        return (self.box[1] + self.box[3]) / 2


@dataclass(frozen=True)
class ScanFields:
    """What the page says, as plain values ('' / None when not found)."""

    issuer: str = ""  # 发文机关 / 来电单位
    number: str = ""  # 发文字号 / 电报号, written the GB/T 9704 way: 代字〔年〕N号
    title: str = ""
    secret_level: str = ""  # 秘密 / 机密 / 绝密
    secret_period: str = ""  # 10年 / 6个月
    urgency: str = ""  # 特急 / 加急 (telegrams also 特提 / 平急)
    copy_number: str = ""  # 6 digits
    written_on: date | None = None  # 成文日期
    lines: tuple[str, ...] = field(default=(), compare=False)  # every line read, top to bottom

    @property
    def found(self) -> tuple[str, ...]:
        names = ("issuer", "number", "title", "secret_level", "secret_period", "urgency", "copy_number")
        out = tuple(n for n in names if getattr(self, n))
        return out + (("written_on",) if self.written_on else ())


def normalise(text: str) -> str:
    """Full-width digits and brackets to half width; OCR's spaces between Chinese characters removed."""
    text = text.translate(_FULL).replace("\u3000", " ").strip()
    return re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", text)


def doc_number(text: str) -> str:
    """The 发文字号 in a line as GB/T 9704 writes it (×办发〔2026〕12号), or ''."""
    # spaces carry nothing in a 文号 (the year has four digits, so a lost bracket still separates it)
    m = _DOCNO.search(re.sub(r"\s+", "", normalise(text)).replace("O", "0").replace("o", "0"))
    if not m:
        return ""
    code = m.group("code")
    return f"{code}〔{m.group('year')}〕{int(m.group('seq'))}号"


def issuer_name(text: str) -> str:
    """The organ in a 发文机关标志: stray marks dropped, trailing 文件 removed (信函格式 has none)."""
    name = _NOT_NAME.sub("", normalise(text))
    return name[:-2] if name.endswith("文件") and len(name) > 2 else name


def _cn_int(text: str) -> int:
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN[tens] if tens else 1) * 10 + (_CN[ones] if ones else 0)
    return _CN.get(text, 0)


def written_date(text: str) -> date | None:
    """成文日期 in a line: 2026年3月5日 or 二〇二六年三月五日; specks read as 、 or · inside it (where the
    seal's ring crosses the date: 二〇二一、年) are dropped."""
    m = _DATE.search(re.sub(_SPECK, "", normalise(text)))
    if not m:
        return None
    try:
        return date(int(m.group(1).translate(_CN_YEAR)), _cn_int(m.group(2)), _cn_int(m.group(3)))
    except (ValueError, KeyError):
        return None


def secrecy(text: str) -> tuple[str, str]:
    """(密级, 保密期限) from a marking such as 机密★1年; ('', '') when the line is not one."""
    m = _LEVEL.search(normalise(text))
    if not m:
        return "", ""
    period = f"{int(m.group(2))}{'年' if m.group(3) == '年' else '个月'}" if m.group(2) else ""
    return m.group(1), period


def _head_item(text: str) -> str:
    """Which top-left element a line is: copy / level / urgency / ''."""
    t = normalise(text)
    if _COPY_NO.match(t):
        return "copy"
    if _LEVEL.match(t):
        return "level"
    if _URGENCY.fullmatch(t) or (len(t) <= 6 and _URGENCY.search(t)):
        return "urgency"
    return ""


def extract(lines: Sequence[OcrLine]) -> ScanFields:
    """The fields of a first page from its OCR lines (any order)."""
    ordered = sorted((ln for ln in lines if normalise(ln.text)), key=lambda ln: (ln.middle, ln.box[0]))
    texts = tuple(normalise(ln.text) for ln in ordered)
    numbered = [i for i, t in enumerate(texts) if doc_number(t)]
    anchor = numbered[0] if numbered else None
    head_end = anchor if anchor is not None else min(len(ordered), 6)

    copy_no = level = period = urgency = ""
    for t in texts[:head_end]:
        kind = _head_item(t)
        if kind == "copy" and not copy_no:
            copy_no = _COPY_NO.match(t).group(1).replace("o", "0").replace("O", "0")  # type: ignore[union-attr]
        elif kind == "level" and not level:
            level, period = secrecy(t)
            rest = _URGENCY.search(t[_LEVEL.match(t).end() :])  # type: ignore[union-attr]
            urgency = urgency or (rest.group(1) if rest else "")
        elif kind == "urgency" and not urgency:
            urgency = _URGENCY.search(t).group(1)  # type: ignore[union-attr]

    issuer = _issuer(ordered, texts, head_end, anchored=anchor is not None)
    number = doc_number(texts[anchor]) if anchor is not None else ""
    title = _title(ordered, texts, anchor) if anchor is not None else ""
    dates = [d for t in texts[(anchor or 0) + 1 :] if (d := written_date(t))]
    return ScanFields(
        issuer=issuer,
        number=number,
        title=title,
        secret_level=level,
        secret_period=period,
        urgency=urgency,
        copy_number=copy_no,
        written_on=dates[-1] if dates else None,
        lines=texts,
    )


def _issuer(ordered: Sequence[OcrLine], texts: Sequence[str], head_end: int, anchored: bool) -> str:
    for t in texts:  # a telegram names its sender in a labelled box
        m = _SENDER_LABEL.match(t)
        if m and issuer_name(m.group(1)):
            return issuer_name(m.group(1))
    candidates = [i for i in range(head_end) if not _head_item(texts[i]) and len(issuer_name(texts[i])) >= 2]
    if not candidates:
        return ""
    red = [i for i in candidates if ordered[i].red]
    pool = red or (candidates if anchored else [])  # without a 字号 under it, only red type is a 标志
    if not pool:
        return ""
    # the 标志 is the largest type above the 字号; a joint document's lead issuer comes first
    tallest = max(ordered[i].height for i in pool)
    lines = [i for i in pool if ordered[i].height >= 0.75 * tallest]
    return issuer_name("".join(texts[i] for i in lines[:1]))


def _title_lines(ordered: Sequence[OcrLine], texts: Sequence[str], anchor: int) -> tuple[list[int], bool]:
    """The 标题's lines: those of large type after the 字号 (and the red line), up to the 主送机关 line;
    and whether a line after them was read that ends it (主送 with its colon, smaller type, a gap)."""
    start = anchor + 1
    while start < len(texts) and (doc_number(texts[start]) or _is_rule(texts[start])):
        start += 1
    if start >= len(texts):
        return [], False
    first = previous = ordered[start]
    found = [start]
    for i in range(start + 1, len(texts)):
        line, t = ordered[i], texts[i]
        gap = line.box[1] - previous.box[3]
        if t.endswith(_TITLE_END) or line.height < 0.8 * first.height or gap > 1.2 * first.height:
            return found, True
        found.append(i)
        previous = line
    return found, False


def _title(ordered: Sequence[OcrLine], texts: Sequence[str], anchor: int) -> str:
    found, _ended = _title_lines(ordered, texts, anchor)
    return "".join(texts[i] for i in found).rstrip(":：")


def header_read(lines: Sequence[OcrLine]) -> bool:
    """Whether the lines read so far, top down, already hold the 版头, the 字号 and the whole 标题 (a
    line after it that ends it was read): the OCR stops reading the upper part there, so the 正文 under
    the 标题 is never recognised. Uses the rules extract() applies, so stopping changes no field."""
    ordered = sorted((ln for ln in lines if normalise(ln.text)), key=lambda ln: (ln.middle, ln.box[0]))
    texts = [normalise(ln.text) for ln in ordered]
    anchor = next((i for i, t in enumerate(texts) if doc_number(t)), None)
    return anchor is not None and _title_lines(ordered, texts, anchor)[1]


def _is_rule(text: str) -> bool:
    return not re.search(r"[\u4e00-\u9fff0-9]", text)


# --- onto a register's form --------------------------------------------------------------------------------

# which register field receives which element (fields a register does not have are left out)
TARGETS: Mapping[str, tuple[str, ...]] = {
    "issuer": ("sender", "counterpart"),
    "number": ("sender_number", "dept_no"),
    "title": ("title",),
    "secret_level": ("secret_level",),
    "secret_period": ("secret_period",),
    "urgency": ("urgency", "priority"),
    "copy_number": ("copy_numbers", "first_copy_no"),
    "written_on": ("written_on",),
}


def form_values(
    fields: ScanFields, field_names: Sequence[str], choices: Mapping[str, Mapping[str, str]]
) -> dict[str, object]:
    """The scan's values for a register's form: field name → value. ``choices`` maps a choice field to
    its label → value (密级 秘密 → secret); a label the field does not offer is left out (a 收文 has no
    特提). Without a 成文日期 field the date goes into 备注."""
    names = set(field_names)
    out: dict[str, object] = {}
    for element, targets in TARGETS.items():
        value = getattr(fields, element)
        if not value:
            continue
        target = next((t for t in targets if t in names), None)
        if target is None:
            if element == "written_on" and "note" in names:
                out["note"] = f"成文日期：{value.year}年{value.month}月{value.day}日"
            continue
        if target in choices:
            mapped = choices[target].get(str(value))
            if mapped is None:
                continue
            value = mapped
        out[target] = value
    return out

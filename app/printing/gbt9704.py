"""Official documents (公文) laid out per GB/T 9704-2012 as an editable Word file: plain data in
(OfficialDocument), a .docx out. The layout rules themselves, and the writer, live in gbt9704_docx.

    doc = OfficialDocument(issuer_mark="中共××县委办公室文件", doc_number="×办发〔2026〕12号",
                           title="关于做好2026年防汛工作的通知", main_recipients="各乡镇党委，县直各单位",
                           body=(Para("为切实做好……现将有关事项通知如下。"), Para("总体要求", 1), Para("……")),
                           issuer_signature="中共××县委办公室", date=date(2026, 3, 5),
                           cc=("县人大常委会办公室", "县政府办公室"), printed_by_org="中共××县委办公室",
                           printed_on=date(2026, 3, 6))
    gbt9704_docx.render_official_docx(doc, Path("通知.docx"))   # or layouts.OFFICIAL.write(doc, out)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_Date = date  # the fields below are named ``date``: their annotations need another name for the type

FILE = "文件"  # 文件格式 (红头文件)
LETTER = "信函"  # 信函格式 (函)

_CN_DIGITS = "零一二三四五六七八九"
# numbers an author may already have typed at the start of a heading
_NUMBERED = re.compile(r"^\s*([一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）|\d+[.．]|（\d+）)")


@dataclass(frozen=True)
class Para:
    """One paragraph of 正文. ``level`` 0 = text; 1 一、(黑体) 2（一）(楷体) 3 1. 4（1）(仿宋).
    Headings are numbered automatically unless the text already starts with its number."""

    text: str
    level: int = 0


@dataclass(frozen=True)
class OfficialDocument:
    issuer_mark: str  # 发文机关标志, e.g. 中共××县委办公室文件 (信函: no 文件)
    title: str  # 标题
    body: tuple[Para | str, ...]  # 正文
    doc_number: str = ""  # 发文字号 ×办发〔2026〕12号
    copy_number: str = ""  # 份号 (6 digits; 涉密公文 must carry one)
    secret_level: str = ""  # 密级 label: 秘密/机密/绝密 ('' or 非密 = none)
    secret_period: str = ""  # 保密期限, e.g. 10年
    urgency: str = ""  # 紧急程度: 特急/加急
    signers: tuple[str, ...] = ()  # 签发人 (上行文 only; makes the 字号 line left-indented)
    main_recipients: str = ""  # 主送机关 (the full-width colon is added)
    attachments: tuple[str, ...] = ()  # 附件说明
    issuer_signature: str = ""  # 发文机关署名
    date: _Date | str | None = None  # 成文日期
    sealed: bool = True  # 加盖印章: date right-indented 4 字, 署名 centred over it
    note: str = ""  # 附注 (put in round brackets)
    cc: tuple[str, ...] = ()  # 抄送机关
    printed_by_org: str = ""  # 印发机关
    printed_on: _Date | str | None = None  # 印发日期
    layout: str = FILE  # "文件" or "信函"

    @property
    def marking(self) -> str:
        from app.domain.enums import SecretLevel
        from app.domain.secrecy import marking

        if not self.secret_level or self.secret_level == SecretLevel.NONE.label:
            return ""
        return marking(SecretLevel.from_label(self.secret_level), self.secret_period)


def cn_date(value: date | str | None) -> str:
    """成文日期 in full: 2026年3月5日 (Arabic numerals, no leading zeros)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    return f"{value.year}年{value.month}月{value.day}日"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _CN_DIGITS[tens]
    return f"{head}十{_CN_DIGITS[ones] if ones else ''}"


class HeadingNumbers:
    """Counts headings: a new 一、 restarts （一）, and so on down."""

    def __init__(self) -> None:
        self.counts = [0, 0, 0, 0]

    def number(self, level: int, text: str) -> str:
        if not 1 <= level <= 4:
            return text
        self.counts[level - 1] += 1
        for lower in range(level, 4):
            self.counts[lower] = 0
        if _NUMBERED.match(text):
            return text
        n = self.counts[level - 1]
        prefix = {1: f"{cn_number(n)}、", 2: f"（{cn_number(n)}）", 3: f"{n}.", 4: f"（{n}）"}[level]
        return prefix + text


def copy_number(value: str) -> str:
    """份号 as 6 digits (000123) when it is a number."""
    value = (value or "").strip()
    return value.zfill(6) if value.isdigit() else value

"""发文字号 (document number) parsing and the standard form 代字〔2026〕3号 (GB/T 9704 §7.2.5).

Offices type numbers in many shapes: 县委发[2026]3号, 县委发（2026）第03号, 县委发【２０２６】3号,
县委发 〔2026〕 3 号. They all mean one number; the standard form uses 〔〕 (U+3014/U+3015), the full year,
no leading zeros and no 第.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


class DocNumberError(ValueError):
    """The text is not a document number; the message is Chinese and names the expected form."""


# Every opening/closing bracket an office might use around the year.
_OPEN = "〔[(（【［〖｛{<《〈"
_CLOSE = "〕])）】］〗｝}>》〉"
_PATTERN = re.compile(
    r"^(?P<prefix>.*?)\s*["
    + re.escape(_OPEN)
    + r"]\s*(?P<year>\d{4})\s*(?:年\s*)?["
    + re.escape(_CLOSE)
    + r"]"
    r"\s*第?\s*0*(?P<seq>\d{1,6})\s*号?\s*$"
)
_BAD_PREFIX = re.compile(r"[\d" + re.escape(_OPEN + _CLOSE) + r"〔〕\s]")
MAX_SEQ = 99999


@dataclass(frozen=True)
class DocNumber:
    prefix: str  # 机关代字, e.g. 县委办发
    year: int
    seq: int

    def __str__(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.seq}号"


def _clean(text: str) -> str:
    # NFKC turns full-width digits, letters and spaces into their ASCII forms but leaves 〔〕【】 alone.
    return unicodedata.normalize("NFKC", text or "").strip()


def parse_doc_number(text: str) -> DocNumber:
    """Parse a document number in any common variant; raises DocNumberError with a Chinese message."""
    if not isinstance(text, str):
        raise DocNumberError("文号应为文字，如：县委发〔2026〕3号")
    cleaned = _clean(text)
    if not cleaned:
        raise DocNumberError("文号不能为空")
    if len(cleaned) > 60:
        raise DocNumberError("文号过长，应写成如：县委发〔2026〕3号")
    m = _PATTERN.match(cleaned)
    if not m:
        raise DocNumberError(f"无法识别的文号“{cleaned[:20]}”，应写成如：县委发〔2026〕3号")
    prefix = re.sub(r"\s+", "", m.group("prefix"))
    if not prefix:
        raise DocNumberError("文号缺少机关代字，应写成如：县委发〔2026〕3号")
    if _BAD_PREFIX.search(prefix):
        raise DocNumberError(f"机关代字“{prefix[:20]}”中不能有数字或括号")
    year = int(m.group("year"))
    if not 1949 <= year <= 2100:
        raise DocNumberError(f"文号中的年份{year}不合理")
    seq = int(m.group("seq"))
    if not 1 <= seq <= MAX_SEQ:
        raise DocNumberError(f"文号的顺序号应在1至{MAX_SEQ}之间" if seq else "文号的顺序号应从1开始")
    return DocNumber(prefix, year, seq)


def doc_number_parts(text: str) -> tuple[str, int, int, str]:
    """(代字, year, seq, standard form): how an imported 发文字号 is kept (register numbering)."""
    doc = parse_doc_number(text)
    return doc.prefix, doc.year, doc.seq, str(doc)


def normalise_doc_number(text: str) -> str:
    """The standard form of a document number; raises DocNumberError (a ValueError) when it is not one."""
    return str(parse_doc_number(text))


def normalise_optional(text: str) -> str:
    """Normaliser for a 来文字号 field: empty and “无” (no number, e.g. a letter) stay as typed."""
    cleaned = _clean(text)
    if cleaned in ("", "无", "无文号", "/", "-"):
        return "" if cleaned in ("/", "-") else cleaned
    return normalise_doc_number(cleaned)


def check_prefix(prefix: str) -> str | None:
    """Chinese error message for a 机关代字 typed on its own (发文 series), or None."""
    cleaned = _clean(prefix)
    if not cleaned:
        return "请填写机关代字"
    if _BAD_PREFIX.search(cleaned):
        return "机关代字中不能有数字、空格或括号（年份和顺序号由系统生成）"
    if len(cleaned) > 16:
        return "机关代字不能超过16个字"
    return None

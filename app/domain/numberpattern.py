"""Numbering patterns a clerk can read and edit: "年-序号(4位)", "代字〔年〕序号号", "明收〔年〕序号号".

The words 年 (the year), 序号 (the sequence number), 序号(N位) (padded to N digits) and 代字 (the series, e.g.
县委办发) stand for the parts of a number; everything else is printed as written. The program stores and
uses the equivalent str.format template ("{year}-{seq:04d}"), so numbers already handed out never change."""

from __future__ import annotations

import re

_TOKEN = re.compile(r"序号[(（](\d+)位[)）]|序号|年|代字")
_FORMAT_FIELD = re.compile(r"\{(year|seq|series)(?::0(\d)d)?\}")
MAX_DIGITS = 8
MAX_LENGTH = 60


def to_template(pattern: str) -> str:
    """The str.format template of a readable pattern; ValueError with a Chinese message when it is invalid."""
    text = pattern.strip()
    if not text:
        raise ValueError("编号格式不能为空（留空即恢复默认）")
    if "{" in text or "}" in text:
        raise ValueError("编号格式不能含有 { 或 }；请用“年”“序号”“序号(4位)”“代字”表示编号的各部分")
    parts: list[str] = []
    pos = 0
    has_seq = False
    for m in _TOKEN.finditer(text):
        parts.append(text[pos : m.start()])
        token = m.group(0)
        if m.group(1) is not None:
            digits = int(m.group(1))
            if not 1 <= digits <= MAX_DIGITS:
                raise ValueError(f"“{token}”的位数应在 1 到 {MAX_DIGITS} 之间")
            parts.append(f"{{seq:0{digits}d}}")
            has_seq = True
        elif token == "序号":
            parts.append("{seq}")
            has_seq = True
        elif token == "年":
            parts.append("{year}")
        else:
            parts.append("{series}")
        pos = m.end()
    parts.append(text[pos:])
    if not has_seq:
        raise ValueError("编号格式必须含有“序号”（或“序号(4位)”），否则每条记录的编号都一样")
    template = "".join(parts)
    if len(example(template, year=2026, seq=12345, series="县委办发")) > MAX_LENGTH:
        raise ValueError(f"编号格式太长（编号不能超过 {MAX_LENGTH} 个字）")
    return template


def to_pattern(template: str) -> str:
    """The readable pattern of a stored template (the inverse of to_template)."""

    def word(m: re.Match[str]) -> str:
        name, digits = m.group(1), m.group(2)
        if name == "seq":
            return f"序号({digits}位)" if digits else "序号"
        return "年" if name == "year" else "代字"

    return _FORMAT_FIELD.sub(word, template).replace("{{", "{").replace("}}", "}")


def example(template: str, *, year: int, seq: int, series: str = "") -> str:
    return template.format(year=year, seq=seq, series=series)

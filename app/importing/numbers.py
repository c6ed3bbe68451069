"""Reading the number an office's book gives a record (收文编号 2025-012, 发文字号 县委办发〔2025〕3号,
登记号 明收〔2025〕8号, a bare 顺序号 12) into the register's (series, year, seq) so it is kept."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.domain.docnumber import DocNumberError, parse_doc_number
from app.kit.registers.base import Register

_OPEN = "〔[(（【［〖｛{<《〈"
_CLOSE = "〕])）】］〗｝}>》〉"
_BRACKETS = str.maketrans(_OPEN + _CLOSE, "〔" * len(_OPEN) + "〕" * len(_CLOSE))
_PLACEHOLDER = re.compile(r"\{(year|seq|series)(?::[^}]*)?\}")
_YEAR_SEQ = re.compile(r"^(?P<year>\d{4})\s*[-_./年〔〕第]*\s*0*(?P<seq>\d{1,9})\s*号?$")
MAX_SEQ = 999_999_999


@dataclass(frozen=True)
class KeptNumber:
    series: str
    year: int
    seq: int
    text: str  # the number as the record shows it


def _template_pattern(template: str) -> re.Pattern[str]:
    parts, pos = [], 0
    for m in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[pos : m.start()].translate(_BRACKETS)))
        name = m.group(1)
        parts.append(
            r"(?P<year>\d{4})"
            if name == "year"
            else r"第?0*(?P<seq>\d{1,9})"
            if name == "seq"
            else r"(?P<series>.+?)"
        )
        pos = m.end()
    parts.append(re.escape(template[pos:].translate(_BRACKETS)))
    return re.compile("^" + r"\s*".join(parts) + "$")


def _year_of(register: Register, values: Mapping[str, Any]) -> int | None:
    n = register.numbering
    when = values.get(n.year_field) if n else None
    if isinstance(when, (date, datetime)):
        return when.year
    return None


def parse_number(
    register: Register, raw: Any, values: Mapping[str, Any], template: str | None = None
) -> KeptNumber:
    """The kept number of one row; ValueError with a Chinese message when it cannot be read."""
    n = register.numbering
    assert n is not None
    label = register.number_label
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    fixed = register.series_value or (n.series if isinstance(n.series, str) else "")
    if re.fullmatch(r"第?\s*0*\d{1,9}\s*号?", text):
        seq = int(re.sub(r"\D", "", text))
        year = _year_of(register, values)
        if year is None:
            raise ValueError(f"{label}“{text}”只有顺序号，又没有可确定年份的日期")
        if seq < 1:
            raise ValueError(f"{label}的顺序号应从1开始")
        from app.kit.registers.numbering import format_number

        series = str(values.get(n.series_field) or "") if n.series_field else fixed
        if not series:
            raise ValueError(f"{label}“{text}”只有顺序号，请同时填写机关代字")
        shown = format_number(template or n.default_format, year=year, seq=seq, series=series)
        return KeptNumber(series, year, seq, shown)
    if n.parse is not None:
        series, year, seq, shown = n.parse(text)
        return KeptNumber(series or fixed, year, seq, shown)
    cleaned = text.translate(_BRACKETS)
    for pattern in {_template_pattern(t) for t in (template or n.default_format, n.default_format)}:
        m = pattern.match(cleaned)
        if m:
            return _checked(label, fixed, int(m.group("year")), int(m.group("seq")), text)
    m = _YEAR_SEQ.match(cleaned)
    if m:
        return _checked(label, fixed, int(m.group("year")), int(m.group("seq")), text)
    try:
        doc = parse_doc_number(text)
    except DocNumberError:
        example = (template or n.default_format).format(year=date.today().year, seq=1, series="")
        raise ValueError(f"无法识别的{label}“{text[:30]}”，应写成如：{example}") from None
    return _checked(label, fixed, doc.year, doc.seq, text)


def _checked(label: str, series: str, year: int, seq: int, text: str) -> KeptNumber:
    if not 1949 <= year <= 2100:
        raise ValueError(f"{label}中的年份{year}不合理")
    if not 1 <= seq <= MAX_SEQ:
        raise ValueError(f"{label}的顺序号应在1至{MAX_SEQ}之间")
    return KeptNumber(series, year, seq, text)

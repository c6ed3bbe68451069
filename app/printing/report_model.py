"""The plain data of a report of figures (app.printing.report writes it as Word, app.printing.report_pdf as
PDF): sections of paragraphs, tables (a rate's definition in the note or a column) and charts, and the
small text rules both writers share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from app.printing.charts import ReportChart
from app.printing.meta import PrintMeta


@dataclass(frozen=True)
class ReportTable:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""  # e.g. how a rate is defined
    weights: tuple[float, ...] = ()  # relative column widths (default: the first column wider)


@dataclass(frozen=True)
class ReportSection:
    heading: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[ReportTable, ...] = ()
    charts: tuple[ReportChart, ...] = ()  # after the tables


@dataclass(frozen=True)
class Report:
    title: str
    meta: PrintMeta
    subtitle: str = ""  # e.g. 统计期间 and 统计范围
    intro: tuple[str, ...] = ()
    sections: tuple[ReportSection, ...] = field(default_factory=tuple)
    signature: tuple[str, ...] = ()  # organ and date at the end, right-aligned


_CN = "〇一二三四五六七八九十"


def heading_number(n: int) -> str:
    """一 … 十, 十一 … 十九: how the office numbers the parts of a report."""
    if n <= 10:
        return _CN[n]
    return ("" if n < 20 else _CN[n // 10]) + "十" + (_CN[n % 10] if n % 10 else "")


UNITS = "件次份篇个人批元条天号百分点"


def is_figure(text: str) -> bool:
    """A cell that holds a number, a rate or a change (+12, -3.5%, —): right-aligned in tables."""
    t = (text or "").split("（")[0].strip().rstrip(UNITS)  # 12件, 3人次: still a figure
    t = t.replace(".", "").replace("%", "").replace(",", "").lstrip("+-−").strip()
    return bool(t) and (t.isdigit() or t == "—")


def percent(part: int, whole: int) -> str:
    """A rate as the office writes it (92.3%), or — when there is nothing to divide by."""
    return f"{part * 100 / whole:.1f}%" if whole else "—"


def rows_of(pairs: Sequence[tuple[str, int]]) -> tuple[tuple[str, ...], ...]:
    return tuple((k, str(v)) for k, v in pairs)

"""Text that is safe to store and to hand to spreadsheets: control characters refused at input (they break
.xlsx files and terminals), and CSV cells that Excel/WPS would run as formulas neutralised on output."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_FORMULA_START = re.compile(r"^[\t\r\n ]*[=+\-@]")


def control_character(text: str) -> str | None:
    """The first control character in ``text`` other than tab and line breaks (which cells may hold)."""
    m = _CONTROL.search(text)
    return m.group(0) if m else None


def starts_like_formula(text: str) -> bool:
    return bool(_FORMULA_START.match(text))


def describe(ch: str) -> str:
    names = {"\x00": "空字符", "\x07": "响铃符", "\x1b": "转义符", "\n": "换行", "\r": "回车"}
    return f"{names.get(ch, '控制字符')}（\\x{ord(ch):02x}）"


def clean_text(text: str) -> str:
    """Stored text as a spreadsheet cell may hold it: control characters (older data, other programs)
    are dropped instead of failing the whole export."""
    return _ILLEGAL_XLSX.sub("", text)


def csv_safe(value: object) -> str:
    """A CSV cell Excel/WPS will not run as a formula: text starting with = + - @ (also after tabs, line
    breaks or spaces) gets a leading apostrophe, as Excel shows quoted text. The importer removes it."""
    text = clean_text("" if value is None else str(value))
    return "'" + text if _FORMULA_START.match(text) else text


def from_csv_cell(text: str) -> str:
    """Undo csv_safe on import: the apostrophe before a would-be formula goes, nothing else is touched."""
    if text.startswith("'") and _FORMULA_START.match(text[1:]):
        return text[1:]
    return text

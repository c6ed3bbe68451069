"""Reading a spreadsheet file into rows of cell values: .xlsx (openpyxl, read-only) and .csv (encoding and
delimiter detected). Anything unreadable becomes an ImportFileError with a Chinese reason."""

from __future__ import annotations

import codecs
import csv
import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from app.importing.errors import ImportFileError

log = logging.getLogger(__name__)

XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
_ZIP_MAGIC = b"PK\x03\x04"
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: old .xls, or an encrypted .xlsx
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
_MAX_XML_BYTES = 512 * 1024 * 1024  # refuse zip bombs before decompressing the sheet
_MAX_CSV_BYTES = 256 * 1024 * 1024
_MERGE_REF = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?\"")


@dataclass
class Table:
    """One sheet: its non-empty rows as (spreadsheet row number, cell values)."""

    file: str
    sheet: str
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)


def cell_text(value: Any) -> str:
    """What a cell shows, as text (preview, header matching, text fields)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d") if value.time() == time() else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _is_empty(values: list[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def read_tables(path: Path) -> Iterator[Table]:
    """Every sheet of the file in order (a .csv has one)."""
    path = Path(path)
    if not path.exists():
        raise ImportFileError(f"找不到文件：{path}")
    if not path.is_file():
        raise ImportFileError(f"“{path.name}”不是文件")
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as e:
        raise ImportFileError(f"无法打开文件“{path.name}”：{e.strerror or e}") from None
    if not head:
        raise ImportFileError(f"文件“{path.name}”是空的")
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        if head.startswith(_ZIP_MAGIC):
            yield from _read_xlsx(path)
            return
        if head.startswith(_CFB_MAGIC):
            raise ImportFileError(_cfb_reason(path))
        raise ImportFileError(
            f"文件“{path.name}”的扩展名是 {suffix}，但内容不是 Excel 工作簿"
            "（可能是改了扩展名的文本文件或其他文件）。请在 Excel 中打开后另存为 .xlsx 再导入"
        )
    if suffix == ".xls":
        raise ImportFileError(
            _cfb_reason(path) if head.startswith(_CFB_MAGIC) else f"文件“{path.name}”不是有效的 Excel 文件"
        )
    if suffix in CSV_SUFFIXES:
        if head.startswith(_ZIP_MAGIC) or head.startswith(_CFB_MAGIC):
            raise ImportFileError(
                f"文件“{path.name}”的扩展名是 {suffix}，但内容是 Excel 工作簿。请把扩展名改为 .xlsx 后再导入"
            )
        yield _read_csv(path)
        return
    raise ImportFileError(
        f"不支持的文件类型“{suffix or '无扩展名'}”：请使用 Excel 工作簿（.xlsx）或 CSV 文件（.csv）"
    )


def _cfb_reason(path: Path) -> str:
    try:
        data = path.read_bytes()[: 64 * 1024 * 1024]
    except OSError:
        data = b""
    if _ENCRYPTED_MARK in data:
        return (
            f"文件“{path.name}”设置了打开密码，无法读取。请在 Excel 中取消密码"
            "（文件→信息→保护工作簿→用密码进行加密，清空密码）后另存再导入"
        )
    return f"文件“{path.name}”是旧版 Excel 97-2003 格式（.xls），请在 Excel 中另存为 .xlsx 后再导入"


# --- xlsx --------------------------------------------------------------------------------------------
def _read_xlsx(path: Path) -> Iterator[Table]:
    import zipfile

    import openpyxl

    corrupt = f"文件“{path.name}”已损坏或不是有效的 Excel 工作簿，无法读取。请在 Excel 中打开并另存后再试"
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except zipfile.BadZipFile:
        raise ImportFileError(corrupt) from None
    except Exception:  # openpyxl raises many kinds (KeyError, ValueError, XML errors) for a broken package
        log.warning("cannot open workbook %s", path, exc_info=True)
        raise ImportFileError(corrupt) from None
    try:
        for ws in wb.worksheets:
            if not hasattr(ws, "iter_rows"):
                continue  # a chart sheet
            try:
                table = _read_sheet(wb, ws, path.name)
            except ImportFileError:
                raise
            except Exception:
                log.warning("cannot read sheet %s of %s", ws.title, path, exc_info=True)
                raise ImportFileError(f"{corrupt}（工作表“{ws.title}”）") from None
            yield table
    finally:
        wb.close()


def _read_sheet(wb: Any, ws: Any, file_name: str) -> Table:
    # The stored dimension is often wrong in files written by other programs: read every row.
    ws.reset_dimensions()
    table = Table(file_name, ws.title)
    for number, values in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1):
        cells = list(values)
        if not _is_empty(cells):
            table.rows.append((number, cells))
    width = max((len(c) for _, c in table.rows), default=0)
    for _, cells in table.rows:
        cells.extend([None] * (width - len(cells)))
    _fill_merged(table, _merged_ranges(wb, ws), width)
    return table


def _merged_ranges(wb: Any, ws: Any) -> list[tuple[int, int, int, int]]:
    """(min_row, min_col, max_row, max_col) of merged cells; read-only mode does not parse them."""
    from openpyxl.utils import column_index_from_string

    archive = getattr(wb, "_archive", None)
    member = getattr(ws, "_worksheet_path", None)
    if archive is None or member is None:
        return []
    if archive.getinfo(member).file_size > _MAX_XML_BYTES:
        raise ImportFileError("工作表过大，无法导入")
    data = archive.read(member)
    ranges = []
    for m in _MERGE_REF.finditer(data):
        c1, r1 = column_index_from_string(m.group(1).decode()), int(m.group(2))
        if m.group(3):
            c2, r2 = column_index_from_string(m.group(3).decode()), int(m.group(4))
        else:
            c2, r2 = c1, r1
        ranges.append((r1, c1, r2, c2))
    return ranges


def _fill_merged(table: Table, ranges: list[tuple[int, int, int, int]], width: int) -> None:
    """Give every cell of a merged range the top-left value (offices merge 日期 or 来文单位 down
    several rows); only rows that hold something else are touched, so a huge range costs nothing."""
    if not ranges:
        return
    import bisect

    numbers = [n for n, _ in table.rows]  # ascending
    by_number = dict(table.rows)
    for r1, c1, r2, c2 in ranges:
        top = by_number.get(r1)
        if top is None or c1 > width:
            continue
        value = top[c1 - 1]
        start, end = bisect.bisect_left(numbers, r1), bisect.bisect_right(numbers, r2)
        for n in numbers[start:end]:
            cells = by_number[n]
            for c in range(c1, min(c2, width) + 1):
                cells[c - 1] = value


# --- csv ---------------------------------------------------------------------------------------------
def decode_text(data: bytes, name: str) -> str:
    """utf-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), or gb18030 (GBK)."""
    if data.startswith(codecs.BOM_UTF8):
        candidates: tuple[str, ...] = ("utf-8-sig",)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ("utf-16",)
    else:
        if b"\x00" in data[:65536]:
            raise ImportFileError(f"文件“{name}”不是文本文件，也不是 Excel 工作簿，无法导入")
        candidates = ("utf-8", "gb18030")
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(f"无法识别文件“{name}”的文字编码。请在 Excel 中另存为“CSV UTF-8”或 .xlsx 后再导入")


def sniff_delimiter(text: str) -> str:
    """Comma, tab or semicolon: the one that splits most lines into the same number (>1) of columns."""
    lines = [ln for ln in text.splitlines()[:60] if ln.strip()]
    best, best_score = ",", (0, 0)
    for delimiter in (",", "\t", ";"):
        widths = [len(r) for r in csv.reader(lines, delimiter=delimiter)]
        counts: dict[int, int] = {}
        for w in widths:
            if w > 1:
                counts[w] = counts.get(w, 0) + 1
        if not counts:
            continue
        width, freq = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        if (freq, width) > best_score:
            best, best_score = delimiter, (freq, width)
    return best


def _read_csv(path: Path) -> Table:
    size = path.stat().st_size
    if size > _MAX_CSV_BYTES:
        raise ImportFileError(f"文件“{path.name}”过大（{size // (1024 * 1024)} MB），无法导入")
    text = decode_text(path.read_bytes(), path.name)
    if not text.strip():
        raise ImportFileError(f"文件“{path.name}”是空的")
    # A huge cell must reach the row checks (and become a row error), not stop the csv module.
    csv.field_size_limit(max(csv.field_size_limit(), _MAX_CSV_BYTES))
    table = Table(path.name, "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        for number, cells in enumerate(reader, start=1):
            if not _is_empty(cells):
                table.rows.append((number, list(cells)))
    except csv.Error as e:
        raise ImportFileError(f"文件“{path.name}”第 {reader.line_num} 行格式有误：{e}") from None
    width = max((len(c) for _, c in table.rows), default=0)
    for _, cells in table.rows:
        cells.extend([None] * (width - len(cells)))
    return table

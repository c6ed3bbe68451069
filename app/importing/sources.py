"""Reading a spreadsheet file into rows of cell values, streamed: .xlsx/.xlsm/.xls/.ods (python-calamine)
and .csv (encoding and delimiter detected). Anything unreadable becomes an ImportFileError with a Chinese
reason. Only the first rows of a sheet are held (to find the header); the rest is read as it is used."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from app.importing.errors import ImportFileError
from app.importing.formulas import formula_cells

log = logging.getLogger(__name__)

XLSX_SUFFIXES = (".xlsx", ".xlsm")
BOOK_SUFFIXES = (*XLSX_SUFFIXES, ".xls", ".ods")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
_ZIP_MAGIC = b"PK\x03\x04"
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: .xls, or an encrypted .xlsx
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
_MAX_CSV_BYTES = 256 * 1024 * 1024
HEAD_ROWS = 130  # rows held in memory per sheet: header search (30) + content recognition (100)
FORMULA = "\x00formula"  # marker value: a formula cell saved without its computed value


@dataclass
class Table:
    """One sheet: its first non-empty rows as (spreadsheet row number, cell values) in ``rows``, the
    remaining ones in ``rest`` (an iterator, read once)."""

    file: str
    sheet: str
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    rest: Iterable[tuple[int, list[Any]]] = ()
    hidden_columns: frozenset[int] = frozenset()

    def all_rows(self) -> Iterator[tuple[int, list[Any]]]:
        return itertools.chain(self.rows, self.rest)


def cell_text(value: Any) -> str:
    """What a cell shows, as text (preview, header matching, text fields)."""
    if value is None or value is FORMULA:
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


def _split_head(file: str, sheet: str, rows: Iterator[tuple[int, list[Any]]], **kw: Any) -> Table:
    head = list(itertools.islice(rows, HEAD_ROWS))
    return Table(file, sheet, head, rows, **kw)


def sheet_names(path: Path) -> list[str]:
    """The worksheet names of a workbook (the wizard offers them); [] for a .csv."""
    return [t.sheet for t in read_tables(path) if t.sheet]


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
    if suffix in BOOK_SUFFIXES:
        if head.startswith(_CFB_MAGIC) and _encrypted(path):
            raise ImportFileError(
                f"文件“{path.name}”设置了打开密码，无法读取。请在 Excel 中取消密码"
                "（文件→信息→保护工作簿→用密码进行加密，清空密码）后另存再导入"
            )
        expected = _CFB_MAGIC if suffix == ".xls" else _ZIP_MAGIC
        if not head.startswith(expected) and not head.startswith((_ZIP_MAGIC, _CFB_MAGIC)):
            raise ImportFileError(
                f"文件“{path.name}”的扩展名是 {suffix}，但内容不是 Excel 工作簿"
                "（可能是改了扩展名的文本文件或其他文件）。请在 Excel 中打开后另存为 .xlsx 再导入"
            )
        yield from _read_book(path)
        return
    if suffix in CSV_SUFFIXES:
        if head.startswith(_ZIP_MAGIC) or head.startswith(_CFB_MAGIC):
            raise ImportFileError(
                f"文件“{path.name}”的扩展名是 {suffix}，但内容是 Excel 工作簿。请把扩展名改为 .xlsx 后再导入"
            )
        yield _read_csv(path)
        return
    raise ImportFileError(
        f"不支持的文件类型“{suffix or '无扩展名'}”：请使用 Excel 工作簿（.xlsx、.xls）、"
        "WPS/LibreOffice 表格（.ods）或 CSV 文件（.csv）"
    )


def _encrypted(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return _ENCRYPTED_MARK in fh.read(4 * 1024 * 1024)
    except OSError:
        return False


# --- workbooks (calamine) ------------------------------------------------------------------------
def _corrupt(path: Path) -> str:
    return (
        f"文件“{path.name}”已损坏或不是有效的 Excel 工作簿，无法读取。"
        "请在 Excel 或 WPS 中打开并另存为 .xlsx 后再试"
    )


def _value(v: Any) -> Any:
    """calamine cell → what the importer expects: None for empty, time of day for a bare time."""
    if v == "" or v is None:
        return None
    if isinstance(v, timedelta):  # a duration cell (e.g. 9:30 typed as a time) has no date
        return (datetime.min + v).time() if v < timedelta(days=1) else None
    return v


def _read_book(path: Path) -> Iterator[Table]:
    import python_calamine as pc

    try:
        wb = pc.load_workbook(str(path))
        names = list(wb.sheet_names)
        visible = {m.name: str(m.visible).endswith("Visible") for m in wb.sheets_metadata}
    except Exception:  # calamine raises CalamineError, ZipError, XmlError … for a broken file
        log.warning("cannot open workbook %s", path, exc_info=True)
        raise ImportFileError(_corrupt(path)) from None
    formulas = formula_cells(path) if path.suffix.lower() in XLSX_SUFFIXES else {}
    try:
        for index, name in enumerate(names):
            if not visible.get(name, True):
                continue  # a hidden helper sheet (lists for drop-downs) is not a register
            try:
                sheet = wb.get_sheet_by_index(index)
                yield _read_sheet(path.name, sheet, formulas.get(name, {}))
            except ImportFileError:
                raise
            except Exception:
                log.warning("cannot read sheet %s of %s", name, path, exc_info=True)
                raise ImportFileError(f"{_corrupt(path)}（工作表“{name}”）") from None
    finally:
        wb.close()


def _read_sheet(file_name: str, sheet: Any, formulas: dict[int, list[int]]) -> Table:
    start = sheet.start or (0, 0)
    row0, col0 = start
    merged: dict[int, list[tuple[int, int, int, int]]] = {}
    for (r1, c1), (r2, c2) in sheet.merged_cell_ranges or ():
        if r2 > r1 or c2 > c1:
            merged.setdefault(r1, []).append((r1, c1, r2, c2))

    def rows() -> Iterator[tuple[int, list[Any]]]:
        active: list[tuple[int, int, int, Any]] = []  # (last row, first col, last col, value)
        for i, raw in enumerate(sheet.iter_rows()):
            r = row0 + i  # 0-based absolute row
            cells = [None] * col0 + [_value(v) for v in raw]
            for c in formulas.get(r, ()):
                if c < len(cells) and cells[c] is None:
                    cells[c] = FORMULA
            for _r1, c1, r2, c2 in merged.get(r, ()):
                active.append((r2, c1, c2, cells[c1] if c1 < len(cells) else None))
            if active:
                active = [a for a in active if a[0] >= r]
                for _, c1, c2, value in active:
                    if len(cells) <= c2:
                        cells.extend([None] * (c2 + 1 - len(cells)))
                    for c in range(c1, c2 + 1):
                        cells[c] = value
            if not _is_empty(cells):
                yield r + 1, cells

    return _split_head(file_name, sheet.name, rows(), hidden_columns=frozenset(formulas.get(-1, ())))


# --- csv ---------------------------------------------------------------------------------------------
def decode_text(data: bytes, name: str) -> str:
    """utf-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), or gb18030 (GBK)."""
    return data.decode(_encoding(data[:65536], [data], name))


def _encoding(head: bytes, chunks: Iterable[bytes], name: str) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head:
        raise ImportFileError(f"文件“{name}”不是文本文件，也不是 Excel 工作簿，无法导入")
    for encoding in ("utf-8", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            for chunk in chunks if encoding == "utf-8" else ():
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError:
            continue
    return "gb18030"  # every byte sequence decodes, but a few odd ones may not be text


def _file_chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as fh:
        while chunk := fh.read(1024 * 1024):
            yield chunk


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
    with path.open("rb") as fh:
        head = fh.read(65536)
    # GB18030 decodes almost anything: UTF-8 is tried over the whole file first (streamed, no copy)
    encoding = _encoding(head, _file_chunks(path), path.name)
    with path.open("r", encoding=encoding, errors="replace", newline="") as text:
        sample = text.read(65536)
    if not sample.strip():
        raise ImportFileError(f"文件“{path.name}”是空的")
    delimiter = sniff_delimiter(sample)
    # A huge cell must reach the row checks (and become a row error), not stop the csv module.
    csv.field_size_limit(max(csv.field_size_limit(), _MAX_CSV_BYTES))

    def rows() -> Iterator[tuple[int, list[Any]]]:
        with path.open("r", encoding=encoding, newline="") as fh:
            reader = csv.reader(fh, delimiter=delimiter)
            try:
                for number, cells in enumerate(reader, start=1):
                    if not _is_empty(cells):
                        yield number, list(cells)
            except csv.Error as e:
                raise ImportFileError(f"文件“{path.name}”第 {reader.line_num} 行格式有误：{e}") from None
            except UnicodeDecodeError:
                raise ImportFileError(
                    f"无法识别文件“{path.name}”的文字编码。请在 Excel 中另存为“CSV UTF-8”或 .xlsx 后再导入"
                ) from None

    return _split_head(path.name, "", rows())


def read_text_rows(text: str) -> list[list[str]]:
    """Rows of a CSV text (tests and the refused-rows file)."""
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text)))

"""Writing a register's records to .xlsx (bold frozen header, column widths, real dates) or .csv
(UTF-8 with BOM so that Excel shows Chinese correctly). The file appears whole or not at all."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.domain.text import clean_text, csv_safe
from app.importing.errors import ExportFileError
from app.kit.registers.base import BOOL, CHOICE, DATE, DATETIME, INT, Field, Record, Register
from app.kit.registers.values import display

EXPORT_SUFFIXES = (".xlsx", ".csv")
VOID_HEADER = "作废情况"
EXTRA_HEADER = "原表其他列"


def _extra_text(record: Record) -> str:
    return record["extra_columns"] or ""


def export_fields(register: Register) -> list[Field]:
    """编号, then every declared field (list order): all of them, so that a re-import loses nothing."""
    return list(register.all_fields)


def _void_text(record: Record) -> str:
    if not record.voided:
        return ""
    reason = record["void_reason"] or ""
    return f"已作废：{reason}" if reason else "已作废"


def _cell(f: Field, value: Any) -> Any:
    if value is None or value == "":
        return None
    if f.kind == DATE and isinstance(value, (date, datetime)):
        return value if not isinstance(value, datetime) else value.date()
    if f.kind == DATETIME and isinstance(value, datetime):
        return value
    if f.kind == INT and isinstance(value, int):
        return value
    if f.kind in (CHOICE, BOOL):
        return display(f, value)
    return str(value)


def write_export(register: Register, records: Iterable[Record], path: Path) -> int:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise ExportFileError(f"不支持导出为“{suffix or '无扩展名'}”：请使用 .xlsx 或 .csv")
    if not path.parent.exists():
        raise ExportFileError(f"文件夹不存在：{path.parent}")
    tmp = path.with_name(f".{path.name}.part")
    try:
        count = (_write_xlsx if suffix == ".xlsx" else _write_csv)(register, records, tmp)
        os.replace(tmp, path)
    except PermissionError:
        raise ExportFileError(
            f"无法写入“{path.name}”：文件可能正在 Excel 等程序中打开，或没有写入权限"
        ) from None
    except OSError as e:  # a full or read-only disk in the user's terms (never the system's English text)
        from db.errors import from_os_error

        problem = from_os_error(e, f"导出文件“{path.name}”")
        if problem is not None:
            raise problem from None
        raise ExportFileError(
            f"无法写入“{path.name}”：磁盘或 U 盘读写出错（系统错误号 {e.errno}），没有导出任何内容；"
            "请检查磁盘后重试，或导出到其他文件夹"
        ) from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return count


def _write_csv(register: Register, records: Iterable[Record], path: Path) -> int:
    fields = export_fields(register)
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([f.label for f in fields] + [VOID_HEADER, EXTRA_HEADER])
        for record in records:
            cells = [display(f, record[f.name]) for f in fields] + [_void_text(record), _extra_text(record)]
            writer.writerow([csv_safe(c) for c in cells])
            count += 1
    return count


def _write_xlsx(register: Register, records: Iterable[Record], path: Path) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    fields = export_fields(register)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(register.title[:31])
    # Widths and the frozen header must be set before the first row is written (write-only mode).
    for i, f in enumerate(fields, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(8, min(60, f.list_width / 7))
    ws.column_dimensions[get_column_letter(len(fields) + 1)].width = 20
    ws.column_dimensions[get_column_letter(len(fields) + 2)].width = 30
    ws.freeze_panes = "A2"
    bold, centre = Font(bold=True), Alignment(horizontal="center", vertical="center", wrap_text=True)
    header = []
    for text in [f.label for f in fields] + [VOID_HEADER, EXTRA_HEADER]:
        cell = WriteOnlyCell(ws, value=text)
        cell.font, cell.alignment = bold, centre
        header.append(cell)
    ws.append(header)
    formats = {DATE: "yyyy-mm-dd", DATETIME: "yyyy-mm-dd hh:mm"}
    count = 0
    for record in records:
        row = []
        for f in fields:
            value = _cell(f, record[f.name])
            if isinstance(value, str):
                value = clean_text(value)
            cell = WriteOnlyCell(ws, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text that looks like a formula stays text
            elif f.kind in formats and value is not None:
                cell.number_format = formats[f.kind]
            row.append(cell)
        row.append(WriteOnlyCell(ws, value=clean_text(_void_text(record)) or None))
        extra = WriteOnlyCell(ws, value=clean_text(_extra_text(record)) or None)
        extra.data_type = "s"
        row.append(extra)
        ws.append(row)
        count += 1
    wb.save(path)
    return count

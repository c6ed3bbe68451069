"""The refused rows of an import with “skip invalid rows”, written as a workbook the clerk corrects and
imports again: the original header and cells, plus a 未导入原因 column the importer itself ignores."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.importing.errors import ExportFileError
from app.importing.headers import REASON_HEADER
from app.importing.sources import FORMULA, cell_text


def write_rejects(refused: Sequence[tuple[Any, list[Any]]], path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from app.domain.text import clean_text

    path = Path(path)
    wb = Workbook(write_only=True)
    sheets: dict[str, Any] = {}
    for row, header in refused:
        name = (row.sheet or "未导入的行")[:31]
        if name not in sheets:
            ws = wb.create_sheet(name)
            ws.append([clean_text(cell_text(v)) for v in header] + [REASON_HEADER])
            sheets[name] = ws
        ws = sheets[name]
        cells = []
        for v in row.cells[: max(len(header), len(row.cells))]:
            v = None if v is FORMULA else v
            cell = WriteOnlyCell(ws, value=clean_text(v) if isinstance(v, str) else v)
            if isinstance(v, str) and v.startswith("="):
                cell.data_type = "s"
            cells.append(cell)
        cells.extend([None] * (len(header) - len(cells)))
        reasons = "；".join(f"{e.column}：{e.message}" if e.column else e.message for e in row.errors)
        cells.append(WriteOnlyCell(ws, value=f"第{row.number}行 {reasons}"))
        ws.append(cells)
    tmp = path.with_name(f".{path.name}.part")
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    except OSError as e:
        raise ExportFileError(f"无法写入未导入的行“{path.name}”：{e.strerror or e}") from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return path

"""The plain results of an import: how columns map to fields, which rows are wrong, what was imported.
(Re-exported by app.kit.import_service, which is the API the GUI uses.)"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ColumnMapping:
    index: int  # 0-based column index in the sheet
    letter: str  # A, B, … AA
    header: str  # the header text as written in the sheet
    field: str | None  # field name, or None when the column is ignored (忽略)
    note: str = ""  # why a column is ignored when that is not obvious (编号 is renumbered …)


@dataclass(frozen=True)
class RowError:
    row: int  # spreadsheet row number (1-based, as Excel shows it); the header row for sheet-wide errors
    column: str  # the column's header text ("" when the error concerns the whole row)
    message: str  # Chinese reason


@dataclass(frozen=True)
class ImportPlan:
    register: str
    file: str
    header_row: int
    columns: tuple[ColumnMapping, ...]
    total_rows: int
    valid_rows: int
    errors: tuple[RowError, ...]
    preview: tuple[tuple[str, ...], ...]  # first 20 data rows as text, in column order
    sheet: str = ""  # worksheet read (xlsx)

    @property
    def importable(self) -> bool:
        return self.total_rows > 0 and not self.errors

    @property
    def invalid_rows(self) -> int:
        return self.total_rows - self.valid_rows


@dataclass(frozen=True)
class ImportResult:
    imported: int
    skipped: int
    errors: tuple[RowError, ...]
    record_ids: tuple[int, ...] = ()

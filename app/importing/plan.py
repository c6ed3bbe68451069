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
    how: str = ""  # how it was recognised: 表头名称, 表头近义词, 按内容识别…, 指定, 保留为原表其他列
    kept: bool = False  # maps to no field: its cells are kept with each record as 原表其他列


@dataclass(frozen=True)
class RowError:
    row: int  # spreadsheet row number (1-based, as Excel shows it); the header row for sheet-wide errors
    column: str  # the column's header text ("" when the error concerns the whole row)
    message: str  # Chinese reason
    sheet: str = ""  # worksheet of a workbook read sheet by sheet ("" for a .csv or a single sheet)


@dataclass(frozen=True)
class RowWarning:
    """Not an error: the row is imported, but the clerk should know (份号待补, number assigned …)."""

    row: int
    column: str
    message: str
    sheet: str = ""


@dataclass(frozen=True)
class NewTerms:
    """Values the book uses that an editable table (会议类型) does not have yet: the import adds them."""

    field: str
    label: str  # 会议类型
    terms: tuple[str, ...]
    message: str  # 将新增会议类型：常委会议、茶话会（不计入大型会议，可在系统设置中修改）


@dataclass(frozen=True)
class SheetPlan:
    name: str
    header_row: int
    columns: tuple[ColumnMapping, ...]
    total_rows: int


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
    sheet: str = ""  # worksheet read (xlsx); several are joined with 、
    warnings: tuple[RowWarning, ...] = ()
    sheets: tuple[SheetPlan, ...] = ()  # every sheet imported, with its own header and mapping
    kept_numbers: int = 0  # rows whose number from the book is kept
    new_numbers: int = 0  # rows numbered by the system (no number in the book, or renumbering chosen)
    flagged: int = 0  # rows imported with 份号待补
    history: int = 0  # rows marked as imported history with fields missing
    new_terms: tuple[NewTerms, ...] = ()  # values the import adds to the office's tables (会议类型)
    marked: int = 0  # rows imported although they break a live approval rule, marked on the record

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
    warnings: tuple[RowWarning, ...] = ()
    rejects_file: str = ""  # the refused rows, written for the clerk to fix and import again
    added_terms: tuple[NewTerms, ...] = ()  # what the import added to the office's tables
    marked: int = 0  # rows imported and marked 不符合现行规则

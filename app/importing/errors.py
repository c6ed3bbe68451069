"""Typed errors of import and export: a file that cannot be read, rows that refuse to import."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.domain.errors import AppError, ValidationFailed

if TYPE_CHECKING:
    from app.importing.plan import ImportPlan


class ImportFileError(AppError):
    """The file is not a readable spreadsheet (wrong type, empty, corrupt, encrypted, no header)."""

    code = "import_file"


class ExportFileError(AppError):
    """The export file could not be written (folder missing, file open in another program …)."""

    code = "export_file"


class ImportRefused(ValidationFailed):
    """Some rows are invalid and "skip invalid rows" was not chosen: nothing was written.

    ``errors`` maps ``row:N:列名`` to the Chinese reason; ``plan`` is the full dry-run report.
    """

    code = "import_refused"

    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        errors = {f"row:{e.row}:{e.column}": e.message for e in plan.errors}
        bad_rows = len({e.row for e in plan.errors})
        super().__init__(errors, f"有 {bad_rows} 行数据有误，未导入任何记录（共 {len(plan.errors)} 处错误）")

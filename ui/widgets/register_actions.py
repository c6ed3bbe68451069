"""What the buttons of a register view do: open/create/edit/void a record, print a form or the register
book, export, import. Kept apart from the layout code in register_view.py."""

from __future__ import annotations

import logging
import shutil
import tempfile
import weakref
from datetime import datetime
from pathlib import Path
from typing import Any

from app.domain.errors import AppError
from ui import messages
from ui.i18n import tr
from ui.widgets.files import ask_save_path

log = logging.getLogger(__name__)


class RegisterActionsMixin:
    """Mixed into RegisterView; uses its services, actor, register, model, tasks and selection."""

    services: Any
    actor: Any
    register: Any
    last_preview: Any = None
    last_wizard: Any = None
    _print_dir: Path | None = None

    # --- records -------------------------------------------------------------------------------
    def new_record(self) -> None:
        record = self.form_class.ask(self, self.services, self.actor, self.register.key)  # type: ignore[attr-defined]
        if record is not None:
            self.refresh()  # type: ignore[attr-defined]
            self.select_record(record.id)  # type: ignore[attr-defined]
            self.changed.emit()  # type: ignore[attr-defined]

    def scanned_record_saved(self, record: Any, path: Path) -> None:
        """从扫描件登记 saved a record: show it like a new one."""
        self.refresh()  # type: ignore[attr-defined]
        self.select_record(record.id)  # type: ignore[attr-defined]
        self.changed.emit()  # type: ignore[attr-defined]

    def edit_selected(self) -> None:
        """修改: always the edit form (an area's detail dialog only shows; it has its own 修改 button)."""
        record_id = self.current_record_id()  # type: ignore[attr-defined]
        if record_id is not None:
            self.edit_record(record_id)

    def open_record(self, record_id: int) -> None:
        """Double-click or the home tab: the area's own dialog when set, else the generic form."""
        if self.record_opener is not None:  # type: ignore[attr-defined]
            self.record_opener(record_id)  # type: ignore[attr-defined]
            return
        self.edit_record(record_id)

    def edit_record(self, record_id: int) -> None:
        saved = self.form_class.ask(
            self,
            self.services,
            self.actor,
            self.register.key,  # type: ignore[attr-defined]
            record_id,
        )
        if saved is not None:
            self.refresh(saved.id)  # type: ignore[attr-defined]
            self.changed.emit()  # type: ignore[attr-defined]

    def void_selected(self) -> None:
        records = self.selected_records()  # type: ignore[attr-defined]
        if len(records) != 1 or records[0].voided:
            return
        record = records[0]
        label = record["number"] or record["title"] or ""
        reason = messages.ask_text(
            self,
            tr("RegisterView", "作废{0}").format(self.register.record_label),  # type: ignore[arg-type]
            tr("RegisterView", "作废“{0}”的原因（必填）：").format(label),
        )
        if reason is None:
            return
        if not reason.strip():
            messages.warn(self, tr("RegisterView", "未作废"), tr("RegisterView", "请填写作废原因。"))  # type: ignore[arg-type]
            return
        try:
            self.services.registers.void(
                self.actor,
                self.register.key,  # type: ignore[attr-defined]
                record.id,
                reason.strip(),
                expected_version=record["version"],  # refused if someone saved it since the list showed it
            )
        except AppError as e:
            messages.app_error(self, e)  # type: ignore[arg-type]
            return
        hidden = self.model.filters.get("voided") is False  # type: ignore[attr-defined]
        # Voided rows hidden: the row leaves the list, so count and pages change; else repaint its page.
        self.refresh(None if hidden else record.id)  # type: ignore[attr-defined]
        self.changed.emit()  # type: ignore[attr-defined]

    # --- files ---------------------------------------------------------------------------------
    def files_dialog(self, record_id: int) -> Any:
        from ui.widgets.record_files import FilesDialog

        return FilesDialog(self.services, self.actor, self.register.key, record_id, self)  # type: ignore[attr-defined, arg-type]

    def show_files(self) -> None:
        """文件…: the selected record's files (any register; the detail dialogs show them too)."""
        record_id = self.current_record_id()  # type: ignore[attr-defined]
        if record_id is None:
            return
        try:
            dialog = self.files_dialog(record_id)
        except AppError as e:
            messages.app_error(self, e)  # type: ignore[arg-type]
            return
        dialog.exec()
        dialog.deleteLater()

    def import_folder(self) -> None:
        """A folder of scans named by this register's numbers, attached after a dry run."""
        from ui.widgets.folder_import import FolderImportDialog

        dialog = FolderImportDialog(self.services, self.actor, self.register.key, self)  # type: ignore[attr-defined, arg-type]
        dialog.exec()
        dialog.deleteLater()

    # --- printing ------------------------------------------------------------------------------
    def _temp_pdf(self, stem: str) -> Path:
        # Rendered files of classified records live only in a private temporary folder of this view,
        # deleted with it; "另存为…" in the preview is the deliberate way to keep one. Removed when the Qt
        # object is destroyed, or when the Python side is collected / the program exits at the latest
        # (TemporaryDirectory would leave it to its finalizer, which warns: a ResourceWarning).
        if self._print_dir is None:
            folder = Path(tempfile.mkdtemp(prefix="county-office-print-"))
            remove = weakref.finalize(self, shutil.rmtree, folder, ignore_errors=True)
            self.destroyed.connect(lambda *_: remove())  # type: ignore[attr-defined]
            self._print_dir = folder
        return self._print_dir / f"{stem}-{datetime.now():%H%M%S%f}.pdf"

    def _fill_print_menu(self) -> None:
        self.print_menu.clear()  # type: ignore[attr-defined]
        for form in self.services.forms(self.register.key):
            action = self.print_menu.addAction(form.title)  # type: ignore[attr-defined]
            action.triggered.connect(lambda _c=False, key=form.key: self.print_form(key))

    def _print_first_form(self) -> None:
        forms = self.services.forms(self.register.key)
        if forms:
            self.print_form(forms[0].key)

    def _report_year(self) -> int | None:
        """The year a year report (归档文件目录) is for: the year filter, or asked (default this year)."""
        from datetime import date

        bar = getattr(self, "filter_bar", None)
        chosen = (
            bar.year.currentData() if bar is not None and getattr(bar, "year", None) is not None else None
        )
        text = messages.ask_text(
            self,
            tr("RegisterView", "年度"),
            tr("RegisterView", "打印哪一年度："),  # type: ignore[arg-type]
            str(chosen or date.today().year),
        )
        if text is None:
            return None
        text = text.strip().rstrip("年")
        if not (text.isdigit() and 1949 <= int(text) <= 2100):
            messages.warn(self, tr("RegisterView", "年度"), tr("RegisterView", "年度应为四位数年份，如 2026"))  # type: ignore[arg-type]
            return None
        return int(text)

    def _report_month(self) -> int | None:
        """The month (as YYYYMM) a month report (值班表) is for: asked, this month by default."""
        from datetime import date

        text = messages.ask_text(
            self,
            tr("RegisterView", "月份"),
            tr("RegisterView", "打印哪个月（如 2026-03）："),  # type: ignore[arg-type]
            f"{date.today():%Y-%m}",
        )
        if text is None:
            return None
        digits = text.strip().rstrip("月").replace("年", "-").replace("/", "-").split("-")
        if len(digits) == 2 and all(d.strip().isdigit() for d in digits):
            year, month = int(digits[0]), int(digits[1])
            if 1949 <= year <= 2100 and 1 <= month <= 12:
                return year * 100 + month
        messages.warn(self, tr("RegisterView", "月份"), tr("RegisterView", "月份应写成 2026-03 的形式"))  # type: ignore[arg-type]
        return None

    def print_form(self, form_key: str) -> None:
        form = self.services.form(self.register.key, form_key)
        if form.scope == "year":
            record_id = self._report_year()
        elif form.scope == "month":
            record_id = self._report_month()
        else:
            record_id = self.current_record_id()  # type: ignore[attr-defined]
        if record_id is None or self.printing is None:  # type: ignore[attr-defined]
            return
        if "pdf" not in form.formats:
            self._save_form_file(form, record_id)
            return
        try:
            path = self.printing.render_form(
                self.actor,
                self.register.key,
                form_key,
                record_id,  # type: ignore[attr-defined]
                self._temp_pdf(form_key),
            )
        except AppError as e:
            messages.app_error(self, e)  # type: ignore[arg-type]
            return
        record = self.model.record_at(self.model.row_of(record_id) or 0)  # type: ignore[attr-defined]
        number = record["number"] if record is not None and record.id == record_id else ""
        if form.scope == "year":
            number = f"{record_id}年度"
        elif form.scope == "month":
            number = f"{record_id // 100}年{record_id % 100}月"
        self.show_preview(Path(path), f"{form.title} {number}".strip())

    def _save_form_file(self, form: Any, record_id: int) -> None:
        # A form made only as an editable Word file (公文正本) is saved where the user chooses, not previewed.
        fmt = form.formats[0]
        path = ask_save_path(
            self,
            tr("RegisterView", "保存{0}").format(form.title),  # type: ignore[arg-type]
            f"{form.title}.{fmt}",
            tr("RegisterView", "Word 文档 (*.{0})").format(fmt),
        )
        if path is None:
            return
        try:
            self.printing.render_form(
                self.actor,
                self.register.key,
                form.key,
                record_id,
                path,  # type: ignore[attr-defined]
                fmt=fmt,
            )
        except AppError as e:
            messages.app_error(self, e)  # type: ignore[arg-type]
            return
        messages.info(self, form.title, tr("RegisterView", "已保存：{0}").format(path))  # type: ignore[arg-type]

    def print_book(self, screen_order: bool = False) -> None:
        """The register book of what the list shows, in register order (number ascending, as on paper)
        unless ``screen_order``: then sorted as on screen."""
        if self.printing is None:  # type: ignore[attr-defined]
            return
        model = self.model  # type: ignore[attr-defined]
        search, filters = model.search, model.filters
        sort = model.sort_key if screen_order else None
        out = self._temp_pdf("book")
        register, actor, printing = self.register.key, self.actor, self.printing  # type: ignore[attr-defined]

        def work() -> Path:  # on a pool thread: only plain values captured
            return Path(
                printing.render_book(
                    actor, register, out, search=search, filters=filters, sort=sort, fmt="pdf"
                )
            )

        self.tasks.start(
            work,
            lambda path: self.show_preview(path, self.register.book_title),  # type: ignore[attr-defined]
            lambda e: self._task_failed(e),
        )

    def show_preview(self, path: Path, what: str) -> Any:
        from ui.widgets.print_preview import PrintPreviewDialog

        dialog = PrintPreviewDialog(path, services=self.services, actor=self.actor, what=what, parent=self)  # type: ignore[arg-type]
        self.last_preview = dialog
        dialog.open()
        return dialog

    # --- export and import ---------------------------------------------------------------------
    def export(self) -> None:
        if self.importer is None:  # type: ignore[attr-defined]
            return
        name = f"{self.register.book_title}-{datetime.now():%Y%m%d}.xlsx"
        path = ask_save_path(
            self,
            tr("RegisterView", "导出 Excel"),
            name,  # type: ignore[arg-type]
            tr("RegisterView", "Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)"),
        )
        if path is None:
            return
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_suffix(".xlsx")
        model = self.model  # type: ignore[attr-defined]
        search, filters, sort = model.search, model.filters, model.sort_key

        register, actor, importer = self.register.key, self.actor, self.importer  # type: ignore[attr-defined]

        def work() -> int:
            return int(importer.export(actor, register, path, search=search, filters=filters, sort=sort))

        def done(count: int) -> None:
            self.last_export = (path, count)
            messages.info(
                self,
                tr("RegisterView", "导出完成"),  # type: ignore[arg-type]
                tr("RegisterView", "已导出 {0} 条到\n{1}").format(count, str(path)),
            )

        self.tasks.start(work, done, self._task_failed)  # type: ignore[attr-defined]

    def import_file(self) -> None:
        if self.importer is None:  # type: ignore[attr-defined]
            return
        from ui.widgets.import_wizard import ImportWizard

        wizard = ImportWizard(self.services, self.actor, self.register.key, parent=self)  # type: ignore[arg-type]
        wizard.imported.connect(lambda _n: (self.refresh(), self.changed.emit()))  # type: ignore[attr-defined]
        self.last_wizard = wizard
        wizard.open()

    def _task_failed(self, error: Exception) -> None:
        if isinstance(error, AppError):
            messages.app_error(self, error)  # type: ignore[arg-type]
        else:
            messages.error(
                self,
                tr("RegisterView", "操作未完成"),  # type: ignore[arg-type]
                tr("RegisterView", "出现意外错误：{0}").format(error),
            )

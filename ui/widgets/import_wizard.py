"""Import of a .xlsx/.csv file into a register in three steps: choose the file → check the column mapping,
the first rows and every row error (dry run of services.importer.plan) → import, then the result."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError
from ui import messages
from ui.i18n import tr
from ui.widgets.files import ask_open_path
from ui.widgets.import_texts import plan_summary, result_text
from ui.widgets.screen import resize_to_fit
from ui.widgets.workers import TaskRunner

log = logging.getLogger(__name__)
_KEPT = "\x00kept"  # combo data: the column is kept with the records (原表其他列)


def _table(headers: list[str], parent: QWidget) -> QTableWidget:
    t = QTableWidget(0, len(headers), parent)
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def _item(text: Any) -> QTableWidgetItem:
    item = QTableWidgetItem("" if text is None else str(text))
    item.setToolTip(item.text())
    return item


class ImportWizard(QDialog):
    imported = Signal(int)  # number of records created
    plan_ready = Signal(object)  # the ImportPlan shown (tests wait on it)
    finished_import = Signal(object)  # the ImportResult

    def __init__(self, services: Any, actor: Any, register_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.register = services.catalog.get(register_key)
        self.plan: Any = None
        self.result_value: Any = None
        self.tasks = TaskRunner(self)
        self.setWindowTitle(tr("ImportWizard", "导入{0}").format(self.register.title))
        resize_to_fit(self, 900, 640)
        self.stack = QStackedWidget(self)

        # step 1: the file
        first = QWidget()
        self.path_edit = QLineEdit(first)
        self.path_edit.setPlaceholderText(
            tr("ImportWizard", "选择 Excel（.xlsx、.xls）、WPS/LibreOffice（.ods）或 CSV 文件")
        )
        browse = QPushButton(tr("ImportWizard", "浏览…"), first)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        hint = QLabel(
            tr(
                "ImportWizard",
                "第一行（或前几行中的表头行）应为列名，如“{0}”。下一步会先检查全部数据，"
                "检查通过前不会写入任何记录。",
            ).format("、".join(f.label for f in self.register.form_fields[:5])),
            first,
        )
        hint.setWordWrap(True)
        v1 = QVBoxLayout(first)
        v1.addWidget(hint)
        v1.addLayout(row)
        v1.addStretch(1)

        # step 2: mapping, preview, errors
        second = QWidget()
        self.summary = QLabel(second)
        self.summary.setWordWrap(True)
        self.mapping_table = _table(
            [
                tr("ImportWizard", "列"),
                tr("ImportWizard", "表头"),
                tr("ImportWizard", "导入为"),
                tr("ImportWizard", "识别方式"),
                tr("ImportWizard", "说明"),
            ],
            second,
        )
        self.preview_table = _table([], second)
        self.errors_table = _table(
            [tr("ImportWizard", "行"), tr("ImportWizard", "列"), tr("ImportWizard", "原因")], second
        )
        self.recheck = QPushButton(tr("ImportWizard", "按此对应重新检查"), second)
        self.recheck.clicked.connect(self.check)
        self.warnings_table = _table(
            [tr("ImportWizard", "行"), tr("ImportWizard", "列"), tr("ImportWizard", "提示")], second
        )
        self.sheet_list = QListWidget(second)
        self.sheet_list.setFlow(QListWidget.Flow.LeftToRight)
        self.sheet_list.setMaximumHeight(34)
        self.sheet_list.itemChanged.connect(self._sheets_changed)
        self.sheet_label = QLabel(tr("ImportWizard", "导入的工作表："), second)
        self.sheet_choice: list[str] | None = None
        self.renumber = QCheckBox(tr("ImportWizard", "不用表中的编号，由系统重新编号"), second)
        self.renumber.toggled.connect(lambda _on: self.plan is not None and self.check())
        self.skip_invalid = QCheckBox(
            tr("ImportWizard", "跳过错误行，只导入正确的行（错误行另存为文件，改正后可再导入）"), second
        )
        self.skip_invalid.toggled.connect(self._update_buttons)
        v2 = QVBoxLayout(second)
        v2.addWidget(self.summary)
        sheets_row = QHBoxLayout()
        sheets_row.addWidget(self.sheet_label)
        sheets_row.addWidget(self.sheet_list, 1)
        v2.addLayout(sheets_row)
        v2.addWidget(QLabel(tr("ImportWizard", "列的对应（可修改）："), second))
        v2.addWidget(self.mapping_table, 3)
        recheck_row = QHBoxLayout()
        recheck_row.addWidget(self.recheck)
        recheck_row.addWidget(self.renumber)
        recheck_row.addStretch(1)
        v2.addLayout(recheck_row)
        v2.addWidget(QLabel(tr("ImportWizard", "前几行数据："), second))
        v2.addWidget(self.preview_table, 2)
        v2.addWidget(QLabel(tr("ImportWizard", "有误的数据："), second))
        v2.addWidget(self.errors_table, 2)
        v2.addWidget(QLabel(tr("ImportWizard", "提示（份号待补、保留的列、由系统编号等）："), second))
        v2.addWidget(self.warnings_table, 2)
        v2.addWidget(self.skip_invalid)

        # step 3: result
        third = QWidget()
        self.result_label = QLabel(third)
        self.result_label.setWordWrap(True)
        v3 = QVBoxLayout(third)
        v3.addWidget(self.result_label)
        v3.addStretch(1)

        for page in (first, second, third):
            self.stack.addWidget(page)

        self.busy = QLabel(self)
        self.back_button = QPushButton(tr("ImportWizard", "上一步"), self)
        self.next_button = QPushButton(tr("ImportWizard", "下一步"), self)
        self.import_button = QPushButton(tr("ImportWizard", "导入"), self)
        self.close_button = QPushButton(tr("ImportWizard", "取消"), self)
        self.back_button.clicked.connect(lambda: self._go(0))
        self.next_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.run_import)
        self.close_button.clicked.connect(self.reject)
        self.next_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.busy)
        buttons.addStretch(1)
        for b in (self.back_button, self.next_button, self.import_button, self.close_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.path_edit.textChanged.connect(self._update_buttons)
        self.tasks.busy_changed.connect(self._busy)
        self._go(0)

    # --- steps ---------------------------------------------------------------------------------
    def _go(self, step: int) -> None:
        self.stack.setCurrentIndex(step)
        self._update_buttons()

    def _update_buttons(self) -> None:
        step, idle = self.stack.currentIndex(), not self.tasks.busy
        self.back_button.setVisible(step == 1)
        self.next_button.setVisible(step == 0)
        self.next_button.setEnabled(idle and bool(self.path_edit.text().strip()))
        self.import_button.setVisible(step == 1)
        ok = (
            self.plan is not None
            and self.plan.valid_rows > 0
            and (not self.plan.errors or self.skip_invalid.isChecked())
        )
        self.import_button.setEnabled(idle and ok)
        self.recheck.setEnabled(idle)
        self.close_button.setText(tr("ImportWizard", "完成") if step == 2 else tr("ImportWizard", "取消"))

    def _busy(self, busy: bool) -> None:
        self.busy.setText(tr("ImportWizard", "正在处理，请稍候…") if busy else "")
        self._update_buttons()

    def _browse(self) -> None:
        path = ask_open_path(
            self,
            tr("ImportWizard", "选择要导入的文件"),
            tr("ImportWizard", "表格文件 (*.xlsx *.xls *.ods *.csv);;所有文件 (*)"),
        )
        if path is not None:
            self.path_edit.setText(str(path))

    def mapping(self) -> dict[int, str | None] | None:
        """Column index → field name (None = 忽略) as chosen in the mapping table; None before a plan."""
        if self.plan is None or self.stack.currentIndex() != 1:
            return None
        result: dict[int, str | None] = {}
        for row, col in enumerate(self.plan.columns):
            combo = self.mapping_table.cellWidget(row, 2)
            data = combo.currentData() if isinstance(combo, QComboBox) else col.field
            if data == _KEPT:
                continue  # left to the importer: kept with the records as 原表其他列
            result[col.index] = data
        return result

    def check(self) -> None:
        """Dry run (first time from step 1, again after changing the mapping)."""
        path = Path(self.path_edit.text().strip())
        mapping = self.mapping()
        importer, actor, key = self.services.importer, self.actor, self.register.key
        renumber, sheets = self.renumber.isChecked(), self.sheet_choice
        self.tasks.start(
            lambda: importer.plan(actor, key, path, mapping, renumber=renumber, sheets=sheets),
            self.show_plan,
            self._failed,
        )

    def show_plan(self, plan: Any) -> None:
        self.plan = plan
        from app.importing.headers import import_fields, target_label

        fields = [f for f in import_fields(self.register)]
        text = plan_summary(plan, self.register)
        self.summary.setText(text)
        self.mapping_table.setRowCount(len(plan.columns))
        for row, col in enumerate(plan.columns):
            self.mapping_table.setItem(row, 0, _item(col.letter))
            self.mapping_table.setItem(row, 1, _item(col.header))
            combo = QComboBox()
            combo.addItem(tr("ImportWizard", "（忽略）"), None)
            combo.addItem(tr("ImportWizard", "（保留为原表其他列）"), _KEPT)
            if self.register.numbering is not None:
                combo.addItem(self.register.number_label, "number")
            for f in fields:
                combo.addItem(f.label, f.name)
            for special in ("voided", "extra_columns"):
                combo.addItem(target_label(self.register, special), special)
            if col.kept:
                combo.setCurrentIndex(1)
            else:
                combo.setCurrentIndex(max(0, combo.findData(col.field)) if col.field else 0)
            self.mapping_table.setCellWidget(row, 2, combo)
            self.mapping_table.setItem(row, 3, _item(col.how))
            self.mapping_table.setItem(row, 4, _item(col.note))
        self.mapping_table.resizeColumnsToContents()
        headers = [f"{c.letter} {c.header}" for c in plan.columns]
        self.preview_table.clear()
        self.preview_table.setColumnCount(len(headers))
        self.preview_table.setHorizontalHeaderLabels(headers)
        self.preview_table.setRowCount(len(plan.preview))
        for r, values in enumerate(plan.preview):
            for c, value in enumerate(values[: len(headers)]):
                self.preview_table.setItem(r, c, _item(value))
        self.preview_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.preview_table.resizeColumnsToContents()  # 课题〔2024〕12号 readable, a long title cut at 240px
        for c in range(self.preview_table.columnCount()):
            self.preview_table.setColumnWidth(c, min(self.preview_table.columnWidth(c), 240))
        self.errors_table.setRowCount(len(plan.errors))
        for r, e in enumerate(plan.errors):
            self.errors_table.setItem(r, 0, _item(f"{e.sheet} {e.row}" if e.sheet else e.row))
            self.errors_table.setItem(r, 1, _item(e.column))
            self.errors_table.setItem(r, 2, _item(e.message))
        self.errors_table.resizeColumnToContents(0)
        self._show_sheets(plan)
        self.warnings_table.setRowCount(len(plan.warnings))
        for r, w in enumerate(plan.warnings):
            sheet = f"{w.sheet} " if w.sheet else ""
            self.warnings_table.setItem(r, 0, _item(f"{sheet}{w.row}" if w.row else sheet))
            self.warnings_table.setItem(r, 1, _item(w.column))
            self.warnings_table.setItem(r, 2, _item(w.message))
        self.warnings_table.resizeColumnToContents(0)
        self._go(1)
        self.plan_ready.emit(plan)

    def _show_sheets(self, plan: Any) -> None:
        """Every worksheet of the book, ticked when imported: month sheets can be chosen one by one."""
        used = [sh.name for sh in plan.sheets if sh.name]
        skipped = [w.sheet for w in plan.warnings if w.row == 0 and w.sheet and w.sheet not in used]
        known = [self.sheet_list.item(i).text() for i in range(self.sheet_list.count())]
        names = known if set(used + skipped) <= set(known) and known else used + skipped
        self.sheet_list.blockSignals(True)
        self.sheet_list.clear()
        for name in names:
            item = QListWidgetItem(name, self.sheet_list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in used else Qt.CheckState.Unchecked)
        self.sheet_list.blockSignals(False)
        visible = len(names) > 1
        self.sheet_list.setVisible(visible)
        self.sheet_label.setVisible(visible)

    def _sheets_changed(self, _item: Any) -> None:
        chosen = [
            self.sheet_list.item(i).text()
            for i in range(self.sheet_list.count())
            if self.sheet_list.item(i).checkState() == Qt.CheckState.Checked
        ]
        if chosen:
            self.sheet_choice = chosen
            self.check()

    def run_import(self) -> None:
        path = Path(self.path_edit.text().strip())
        mapping, skip, sheets = self.mapping(), self.skip_invalid.isChecked(), self.sheet_choice
        importer, actor, key, renumber = (
            self.services.importer,
            self.actor,
            self.register.key,
            self.renumber.isChecked(),
        )
        self.tasks.start(
            lambda: importer.run(actor, key, path, mapping, skip, renumber=renumber, sheets=sheets),
            self._imported,
            self._failed,
        )

    def _imported(self, result: Any) -> None:
        self.result_value = result
        text = result_text(result, self.register)
        self.result_label.setText(text)
        self._go(2)
        if result.imported:
            self.imported.emit(result.imported)
        self.finished_import.emit(result)

    def _failed(self, error: Exception) -> None:
        plan = getattr(error, "plan", None)
        if plan is not None:  # ImportRefused: show what is wrong, nothing was written
            self.show_plan(plan)
        if isinstance(error, AppError):
            messages.app_error(self, error, tr("ImportWizard", "未导入"))
        else:
            messages.error(
                self, tr("ImportWizard", "未导入"), tr("ImportWizard", "出现意外错误：{0}").format(error)
            )

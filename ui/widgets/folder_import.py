"""导入扫描件文件夹: a folder of scans named by the office's numbers ("2025-0123.pdf") attached to their
records in one action. The dry run comes first and lists each file with its record, the files without
a record and the files refused with why; 添加 then attaches every match in one transaction, or none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.kit.files.data import ROLES
from ui import messages
from ui.i18n import tr
from ui.widgets.files import ask_folder
from ui.widgets.record_files import default_role
from ui.widgets.screen import resize_to_fit
from ui.widgets.workers import TaskRunner

HEADERS = ("文件", "对应记录", "说明")


class FolderImportDialog(QDialog):
    planned = Signal(object)  # the dry run's FolderPlan
    imported = Signal(object)  # the plan carried out

    def __init__(self, services: Any, actor: Any, register: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor, self.register_key = services, actor, register
        reg = services.catalog.get(register)
        self.setWindowTitle(tr("FolderImport", "按编号导入扫描件 · {0}").format(reg.title))
        resize_to_fit(self, 860, 560)
        self.plan: Any = None
        self.tasks = TaskRunner(self)
        self.folder = QLineEdit(self)
        self.folder.setObjectName("folder")
        self.folder.setPlaceholderText(
            tr("FolderImport", "存放扫描件的文件夹，文件名为编号，如 2025-0123.pdf")
        )
        choose = QPushButton(tr("FolderImport", "选择文件夹…"), self)
        choose.clicked.connect(self._choose)
        self.role = QComboBox(self)
        self.role.addItems(list(ROLES))
        self.role.setCurrentText(default_role(register))
        self.check_button = QPushButton(tr("FolderImport", "试运行（只列出，不添加）"), self)
        self.check_button.setObjectName("dry_run")
        self.check_button.clicked.connect(self.dry_run)
        self.import_button = QPushButton(tr("FolderImport", "添加"), self)
        self.import_button.setObjectName("import")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.run_import)
        close = QPushButton(tr("FolderImport", "关闭"), self)
        close.clicked.connect(self.reject)
        self.summary = QLabel(tr("FolderImport", "选择文件夹后先试运行，核对对应关系再添加。"), self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setObjectName("plan")
        self.table.setHorizontalHeaderLabels([tr("FolderImport", h) for h in HEADERS])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.folder, 1)
        top.addWidget(choose)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("FolderImport", "用途"), self))
        row.addWidget(self.role)
        row.addStretch(1)
        row.addWidget(self.check_button)
        row.addWidget(self.import_button)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.folder.textChanged.connect(lambda *_: self._invalidate())
        self.role.currentTextChanged.connect(lambda *_: self._invalidate())

    def _choose(self) -> None:
        folder = ask_folder(self, tr("FolderImport", "选择扫描件所在的文件夹"))
        if folder is not None:
            self.folder.setText(str(folder))

    def _invalidate(self) -> None:
        # what was checked no longer matches what would be imported: check again first
        self.plan = None
        self.import_button.setEnabled(False)

    def _args(self) -> tuple[Any, Any, str, Path, str]:
        return (
            self.services.files,
            self.actor,
            self.register_key,
            Path(self.folder.text().strip()),
            self.role.currentText(),
        )

    def dry_run(self) -> None:
        from app.kit.files.folder import import_folder

        files, actor, register, folder, role = self._args()
        self._busy(True)
        self.tasks.start(
            lambda: import_folder(files, actor, register, folder, role, dry_run=True),
            self._planned,
            self._failed,
        )

    def run_import(self) -> None:
        from app.kit.files.folder import import_folder

        if self.plan is None or not self.plan.matches:
            return
        files, actor, register, folder, role = self._args()
        self._busy(True)
        self.tasks.start(
            lambda: import_folder(files, actor, register, folder, role), self._imported, self._failed
        )

    def _busy(self, busy: bool) -> None:
        self.check_button.setEnabled(not busy)
        self.import_button.setEnabled(False)
        if busy:
            self.summary.setText(tr("FolderImport", "正在核对文件…"))

    def _failed(self, error: Exception) -> None:
        self._busy(False)
        self.summary.setText(tr("FolderImport", "未完成：{0}").format(error))
        messages.app_error(self, error, tr("FolderImport", "未导入"))

    def _planned(self, plan: Any) -> None:
        self._busy(False)
        self.plan = plan
        self._show(plan)
        self.summary.setText(
            tr(
                "FolderImport",
                "可添加 {0} 个；没有对应记录 {1} 个；不能添加 {2} 个。核对无误后点“添加 {0} 个文件”。",
            ).format(len(plan.matches), len(plan.unmatched), len(plan.refused))
        )
        self.import_button.setText(tr("FolderImport", "添加 {0} 个文件").format(len(plan.matches)))
        self.import_button.setEnabled(bool(plan.matches))
        self.planned.emit(plan)

    def _imported(self, plan: Any) -> None:
        self._busy(False)
        self.plan = None
        self._show(plan)
        self.summary.setText(
            tr("FolderImport", "已添加 {0} 个文件（作为{1}）。").format(plan.attached, plan.role)
        )
        self.imported.emit(plan)

    def _show(self, plan: Any) -> None:
        rows = [
            (m.path.name, f"{m.number} {m.title}".strip(), tr("FolderImport", "将添加"), "")
            for m in plan.matches
        ]
        rows += [(p.name, "", tr("FolderImport", "没有编号相符的记录"), "#a05a00") for p in plan.unmatched]
        rows += [(r.path.name, r.number, r.reason, "#b00020") for r in plan.refused]
        self.table.setRowCount(len(rows))
        for r, (name, record, note, colour) in enumerate(rows):
            for c, text in enumerate((name, record, note)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if colour:
                    item.setForeground(QColor(colour))
                self.table.setItem(r, c, item)
        for c in (0, 1):
            self.table.resizeColumnToContents(c)
        self.table.resizeRowsToContents()  # a long reason wraps inside its row instead of running off

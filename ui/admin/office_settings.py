"""系统设置: the 系统管理员 sees every office setting with its current value and changes one at a time;
a refused value is explained under the table and nothing is saved."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError, ValidationFailed
from ui import messages
from ui.admin.form import ERROR_STYLE
from ui.i18n import tr


class OfficeSettingsTab(QWidget):
    def __init__(self, services: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(
            [tr("OfficeSettings", "设置项"), tr("OfficeSettings", "当前值"), tr("OfficeSettings", "说明")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.edit_current())
        self.edit_button = QPushButton(tr("OfficeSettings", "修改…"), self)
        self.edit_button.clicked.connect(self.edit_current)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        note = QLabel(
            tr("OfficeSettings", "系统设置由系统管理员维护，每次修改都记入审计日志；值留空即恢复默认。"), self
        )
        note.setStyleSheet("color: #666;")
        bar = QHBoxLayout()
        bar.addWidget(self.edit_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(bar)
        self.items: list[Any] = []
        self.load()

    def load(self) -> None:
        try:
            self.items = self.services.office_settings.list(self.actor)
        except AppError as e:
            messages.app_error(self, e)
            return
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            for col, text in enumerate((item.spec.label, item.shown, item.spec.help)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(item.spec.key)
                self.table.setItem(row, col, cell)

    def edit_current(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            messages.info(self, tr("OfficeSettings", "系统设置"), tr("OfficeSettings", "请先选中一项设置"))
            return
        item = self.items[row]
        dialog = SettingDialog(self.services, self.actor, item, self)
        if dialog.exec() == SettingDialog.DialogCode.Accepted:
            self.save(item.spec.key, dialog.text())

    def save(self, key: str, value: str) -> bool:
        self.error_label.clear()
        try:
            self.services.office_settings.set(self.actor, key, value)
        except ValidationFailed as e:
            self.error_label.setText("；".join(e.errors.values()))
            return False
        except AppError as e:
            messages.app_error(self, e)
            return False
        self.load()
        return True


class SettingDialog(QDialog):
    """One setting: its value, what it means, and for a numbering format the next number it would give,
    updated as the administrator types; 保存 stays grey while the value would be refused."""

    def __init__(self, services: Any, actor: Any, item: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor, self.item = services, actor, item
        self.setWindowTitle(tr("OfficeSettings", "修改系统设置"))
        self.setMinimumWidth(520)
        self.edit = QLineEdit(item.text, self)
        self.edit.setObjectName("value")
        if item.spec.default not in (None, ""):
            self.edit.setPlaceholderText(
                tr("OfficeSettings", "留空 = 默认：{0}").format(item.spec.show(item.spec.default))
            )
        help_label = QLabel(item.spec.help, self)
        help_label.setWordWrap(True)
        help_label.setStyleSheet("color: #555;")
        self.example = QLabel(self)
        self.example.setObjectName("example")
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("OfficeSettings", "保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("OfficeSettings", "取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(item.spec.label + "：", self))
        layout.addWidget(self.edit)
        layout.addWidget(help_label)
        layout.addWidget(self.example)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.edit.textChanged.connect(self.update_preview)
        self.update_preview()

    def text(self) -> str:
        return self.edit.text()

    def update_preview(self) -> None:
        try:
            shown = self.services.office_settings.preview(self.actor, self.item.spec.key, self.text())
        except ValidationFailed as e:
            self.example.clear()
            self.error.setText("；".join(e.errors.values()))
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return
        except AppError as e:
            self.example.clear()
            self.error.setText(e.message)
            return
        self.error.clear()
        self.example.setText(shown)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)

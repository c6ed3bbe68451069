"""The 销毁造册 dialog (a batch over the returned copies of many telegrams; the per-copy steps 签收, 送阅,
收回, 清退 use the generic step dialog). ``values()`` returns plain data, ``ask`` is the entry point."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import tr
from ui.widgets.screen import resize_to_fit


class _Base(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(380)  # room for the hints in the fields
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        self.extra = QVBoxLayout()
        layout.addLayout(self.extra)
        layout.addWidget(self.buttons)

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    @classmethod
    def ask(cls, parent: QWidget | None, *args: Any) -> dict[str, Any] | None:
        dlg = cls(*args, parent=parent)
        return dlg.values() if dlg.exec() == QDialog.DialogCode.Accepted else None


class DestructionDialog(_Base):
    """销毁造册: tick returned copies, name the approver, two 监销人, the date and the method."""

    def __init__(self, candidates: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(tr("Telegrams", "销毁造册"), parent)
        resize_to_fit(self, 640, 520)
        self.copies = QListWidget(self)
        for c in candidates:
            item = QListWidgetItem(f"{c.record_number}　第{c.copy_no}份　{c.record_title}", self.copies)
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        self.approver = QLineEdit(self)
        self.witness1 = QLineEdit(self)
        self.witness2 = QLineEdit(self)
        self.day = QDateEdit(QDate.currentDate(), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.method = QComboBox(self)
        self.method.setEditable(True)
        self.method.addItems(
            [tr("Telegrams", "碎纸机粉碎"), tr("Telegrams", "送销毁中心"), tr("Telegrams", "焚毁")]
        )
        self.form.addRow(tr("Telegrams", "已清退的文件份"), self.copies)
        self.form.addRow(tr("Telegrams", "批准人"), self.approver)
        self.form.addRow(tr("Telegrams", "监销人一"), self.witness1)
        self.form.addRow(tr("Telegrams", "监销人二"), self.witness2)
        self.form.addRow(tr("Telegrams", "销毁日期"), self.day)
        self.form.addRow(tr("Telegrams", "销毁方式"), self.method)

    def values(self) -> dict[str, Any]:
        ids = [
            self.copies.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.copies.count())
            if self.copies.item(i).checkState() == Qt.CheckState.Checked
        ]
        d = self.day.date()
        return {
            "copy_ids": ids,
            "approver": self.approver.text().strip(),
            "witnesses": [self.witness1.text().strip(), self.witness2.text().strip()],
            "destroyed_on": date(d.year(), d.month(), d.day()),
            "method": self.method.currentText().strip(),
        }

"""Dialogs of the copy workflow: 收回 (圈阅/批示), 清退 and 销毁造册. Each has ``values()`` returning plain
data and a classmethod ``ask`` entry point; tests fill the widgets without exec()."""

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
    QPlainTextEdit,
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


class TakeBackDialog(_Base):
    """收回阅件: how the reader marked it (圈阅 or a 批示 text)."""

    def __init__(self, reader: str, parent: QWidget | None = None) -> None:
        super().__init__(tr("Telegrams", "收回阅件（{0}）").format(reader), parent)
        self.kind = QComboBox(self)
        self.kind.addItem(tr("Telegrams", "圈阅"), "circle")
        self.kind.addItem(tr("Telegrams", "批示"), "instruction")
        self.remark = QPlainTextEdit(self)
        self.remark.setPlaceholderText(tr("Telegrams", "批示内容（圈阅可不填）"))
        self.form.addRow(tr("Telegrams", "阅批方式"), self.kind)
        self.form.addRow(tr("Telegrams", "批示"), self.remark)

    def values(self) -> dict[str, Any]:
        return {"remark_kind": self.kind.currentData(), "remark": self.remark.toPlainText().strip()}


class ReturnDialog(_Base):
    """清退: who returns the copy and who receives it."""

    def __init__(self, copy_no: str, returned_by: str, parent: QWidget | None = None) -> None:
        super().__init__(tr("Telegrams", "清退第{0}份").format(copy_no), parent)
        self.returned_by = QLineEdit(returned_by, self)
        self.received_by = QLineEdit(self)
        self.received_by.setPlaceholderText(tr("Telegrams", "如：市委机要局 张某"))
        self.form.addRow(tr("Telegrams", "清退人"), self.returned_by)
        self.form.addRow(tr("Telegrams", "接收人"), self.received_by)

    def values(self) -> dict[str, Any]:
        return {
            "returned_by": self.returned_by.text().strip(),
            "received_by": self.received_by.text().strip(),
        }


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

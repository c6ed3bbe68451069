"""Small dialogs of 备份与恢复: the backup password (entered twice when it is set), the restore report."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.admin.form import ERROR_STYLE
from ui.i18n import tr


class BackupPasswordDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, new: bool = True) -> None:
        super().__init__(parent)
        self.new = new
        self.setWindowTitle(tr("Backup", "设置备份密码") if new else tr("Backup", "输入备份密码"))
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.again_edit = QLineEdit(self)
        self.again_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet(ERROR_STYLE)
        form = QFormLayout()
        form.addRow(tr("Backup", "备份密码"), self.password_edit)
        if new:
            form.addRow(tr("Backup", "再输入一次"), self.again_edit)
        note = QLabel(
            tr("Backup", "加密备份用于在涉密计算机之间携带数据；忘记密码将无法恢复，请另行妥善保管。")
            if new
            else tr("Backup", "这是加密备份，请输入备份时设置的密码。"),
            self,
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def check(self) -> None:
        pw = self.password_edit.text()
        if not pw:
            self.error_label.setText(tr("Backup", "请输入密码"))
        elif self.new and len(pw) < 8:
            self.error_label.setText(tr("Backup", "备份密码至少8位"))
        elif self.new and self.again_edit.text() != pw:
            self.error_label.setText(tr("Backup", "两次输入的密码不一致"))
        else:
            self.accept()

    @property
    def password(self) -> str:
        return self.password_edit.text()

    @classmethod
    def ask(cls, parent: QWidget | None, new: bool = True) -> str | None:
        dialog = cls(parent, new)
        return dialog.password if dialog.exec() == QDialog.DialogCode.Accepted else None


class ReportDialog(QDialog):
    """A longer text the user should read (and may copy): the restore report, what may be missing."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text_edit = QPlainTextEdit(text, self)
        self.text_edit.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text_edit)
        layout.addWidget(buttons)
        self.resize(760, 420)

    @classmethod
    def show_text(cls, parent: QWidget | None, title: str, text: str) -> None:
        cls(title, text, parent).exec()

"""Changing one's own password; forced after the first login, a reset or when the password expired."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.admin.form import ErrorForm
from ui.i18n import tr


def password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class ChangePasswordDialog(QDialog):
    def __init__(
        self, services: Any, actor: Any, reason: str = "", forced: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.changed = False
        self.setWindowTitle(tr("ChangePasswordDialog", "修改密码"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        if reason:
            note = QLabel(reason)
            note.setWordWrap(True)
            layout.addWidget(note)
        policy = services.settings.policy()
        hint = QLabel(
            tr(
                "ChangePasswordDialog",
                "新密码至少{n}个字符，包含大写字母、小写字母、数字、符号中的至少{k}种，不能包含登录名。",
            ).format(n=policy.min_password_length, k=policy.min_character_kinds)
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        layout.addWidget(hint)

        form = QFormLayout()
        self.errors = ErrorForm(form)
        self.old_edit = self.errors.add(
            "old_password", tr("ChangePasswordDialog", "原密码"), password_edit("old_password")
        )
        self.new_edit = self.errors.add(
            "new_password", tr("ChangePasswordDialog", "新密码"), password_edit("new_password")
        )
        self.confirm_edit = self.errors.add(
            "confirm", tr("ChangePasswordDialog", "再次输入新密码"), password_edit("confirm")
        )
        self.errors.add_general()
        layout.addLayout(form)

        buttons = QDialogButtonBox()
        buttons.addButton(tr("ChangePasswordDialog", "确定"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(
            tr("ChangePasswordDialog", "退出") if forced else tr("ChangePasswordDialog", "取消"),
            QDialogButtonBox.ButtonRole.RejectRole,
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def submit(self) -> None:
        self.errors.clear()
        if self.new_edit.text() != self.confirm_edit.text():
            self.errors.show({"confirm": tr("ChangePasswordDialog", "两次输入的新密码不一致")})
            return
        ok, _ = self.errors.attempt(
            self,
            lambda: self.services.auth.change_password(
                self.actor, self.old_edit.text(), self.new_edit.text()
            ),
        )
        if ok:
            self.changed = True
            self.accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, services: Any, actor: Any, reason: str = "", forced: bool = False
    ) -> bool:
        dialog = cls(services, actor, reason, forced, parent)
        return dialog.exec() == QDialog.DialogCode.Accepted and dialog.changed

"""Dialogs of the account screen: new account, password reset (系统管理员), roles and clearance
(安全保密管理员). Each has an ``ask`` classmethod returning plain data."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import Role, SecretLevel
from app.domain.errors import AppError, ValidationFailed
from ui import messages
from ui.admin.form import ErrorForm
from ui.i18n import tr
from ui.password import password_edit


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox()
    buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton(tr("AdminDialogs", "取消"), QDialogButtonBox.ButtonRole.RejectRole)
    buttons.rejected.connect(dialog.reject)
    return buttons


class NewAccountDialog(QDialog):
    def __init__(self, services: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.result_info: Any = None
        self.setWindowTitle(tr("NewAccountDialog", "新建账户"))
        self.setMinimumWidth(420)
        form = QFormLayout()
        self.errors = ErrorForm(form)
        self.login_edit = self.errors.add("login", tr("NewAccountDialog", "登录名"), QLineEdit())
        self.name_edit = self.errors.add("name", tr("NewAccountDialog", "姓名"), QLineEdit())
        self.department_edit = self.errors.add("department", tr("NewAccountDialog", "部门"), QLineEdit())
        self.password_edit = self.errors.add(
            "password", tr("NewAccountDialog", "初始密码"), password_edit("password")
        )
        self.confirm_edit = self.errors.add(
            "confirm", tr("NewAccountDialog", "再次输入"), password_edit("confirm")
        )
        self.errors.add_general()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        buttons = _buttons(self, tr("NewAccountDialog", "新建"))
        buttons.accepted.connect(self.submit)
        layout.addWidget(buttons)

    def submit(self) -> None:
        if self.password_edit.text() != self.confirm_edit.text():
            self.errors.show({"confirm": tr("NewAccountDialog", "两次输入的密码不一致")})
            return
        ok, self.result_info = self.errors.attempt(
            self,
            lambda: self.services.accounts.create_user(
                self.actor,
                self.login_edit.text(),
                self.name_edit.text(),
                self.password_edit.text(),
                self.department_edit.text(),
            ),
        )
        if ok:
            self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, services: Any, actor: Any) -> Any:
        dialog = cls(services, actor, parent)
        return dialog.result_info if dialog.exec() == QDialog.DialogCode.Accepted else None


class ResetPasswordDialog(QDialog):
    def __init__(self, services: Any, actor: Any, login: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor, self.login = services, actor, login
        self.result_info: Any = None
        self.setWindowTitle(tr("ResetPasswordDialog", "重置密码：{login}").format(login=login))
        self.setMinimumWidth(400)
        form = QFormLayout()
        self.errors = ErrorForm(form)
        self.password_edit = self.errors.add(
            "password", tr("ResetPasswordDialog", "新密码"), password_edit("password")
        )
        self.confirm_edit = self.errors.add(
            "confirm", tr("ResetPasswordDialog", "再次输入"), password_edit("confirm")
        )
        self.errors.add_general()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        buttons = _buttons(self, tr("ResetPasswordDialog", "重置"))
        buttons.accepted.connect(self.submit)
        layout.addWidget(buttons)

    def submit(self) -> None:
        if self.password_edit.text() != self.confirm_edit.text():
            self.errors.show({"confirm": tr("ResetPasswordDialog", "两次输入的密码不一致")})
            return
        ok, self.result_info = self.errors.attempt(
            self,
            lambda: self.services.accounts.reset_password(self.actor, self.login, self.password_edit.text()),
        )
        if ok:
            self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, services: Any, actor: Any, login: str) -> Any:
        dialog = cls(services, actor, login, parent)
        return dialog.result_info if dialog.exec() == QDialog.DialogCode.Accepted else None


class RolesDialog(QDialog):
    """Business roles (岗位) and clearance (涉密等级) of one account; only the differences are applied."""

    def __init__(self, services: Any, actor: Any, user: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor, self.user = services, actor, user
        self.result_info: Any = None
        self.setWindowTitle(
            tr("RolesDialog", "岗位与涉密等级：{name}（{login}）").format(name=user.name, login=user.login)
        )
        box = QGroupBox(tr("RolesDialog", "岗位"))
        grid = QGridLayout(box)
        self.role_checks: dict[Role, QCheckBox] = {}
        for i, role in enumerate(Role):
            check = QCheckBox(role.label)
            check.setChecked(role in user.roles)
            self.role_checks[role] = check
            grid.addWidget(check, i // 3, i % 3)
        form = QFormLayout()
        self.errors = ErrorForm(form)
        self.clearance_combo = QComboBox()
        for level in SecretLevel:
            self.clearance_combo.addItem(level.label, level.value)
        self.clearance_combo.setCurrentIndex(list(SecretLevel).index(user.clearance))
        self.errors.add("clearance", tr("RolesDialog", "涉密等级"), self.clearance_combo)
        self.errors.add_general()
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addLayout(form)
        buttons = _buttons(self, tr("RolesDialog", "保存"))
        buttons.accepted.connect(self.submit)
        layout.addWidget(buttons)

    def set_roles(self, roles: set[Role]) -> None:
        for role, check in self.role_checks.items():
            check.setChecked(role in roles)

    def submit(self) -> None:
        accounts, login = self.services.accounts, self.user.login
        wanted = {r for r, c in self.role_checks.items() if c.isChecked()}
        level = SecretLevel(self.clearance_combo.currentData())
        try:
            info = self.user
            # Each change is its own audited action, as the 安全保密管理员 would do them one by one.
            for role in Role:
                if role in wanted and role not in self.user.roles:
                    info = accounts.grant_role(self.actor, login, role)
                elif role not in wanted and role in self.user.roles:
                    info = accounts.revoke_role(self.actor, login, role)
            if level is not self.user.clearance:
                info = accounts.set_clearance(self.actor, login, level)
        except ValidationFailed as e:
            self.errors.show(e.errors)
            return
        except AppError as e:
            messages.app_error(self, e)
            return
        self.result_info = info
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, services: Any, actor: Any, user: Any) -> Any:
        dialog = cls(services, actor, user, parent)
        return dialog.result_info if dialog.exec() == QDialog.DialogCode.Accepted else None

"""First run on an empty database: create the three administrators (三员) and set the machine's
classification (本机密级), the same as `python -m app init`."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import AdminRole, SecretLevel
from app.domain.errors import AppError, ValidationFailed
from app.domain.policy import password_problem
from ui import messages
from ui.admin.form import ErrorForm
from ui.i18n import tr
from ui.password import password_edit

DEFAULT_LOGINS = {AdminRole.SYSTEM: "sysadmin", AdminRole.SECURITY: "secadmin", AdminRole.AUDIT: "auditor"}


class FirstRunDialog(QDialog):
    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.created: list[Any] = []
        self.setWindowTitle(tr("FirstRunDialog", "首次使用：创建管理员账户"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            tr(
                "FirstRunDialog",
                "本系统实行三员分立：系统管理员管理账户，安全保密管理员授予岗位和涉密等级、"
                "设置安全策略，安全审计员查阅审计日志。请为三位管理员设置登录名和初始密码"
                "（首次登录时须修改）。",
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.login_edits: dict[AdminRole, QLineEdit] = {}
        self.password_edits: dict[AdminRole, QLineEdit] = {}
        self.confirm_edits: dict[AdminRole, QLineEdit] = {}
        self.forms: list[ErrorForm] = []
        self.errors: dict[str, ErrorForm] = {}
        for role in AdminRole:
            box = QGroupBox(role.label)
            form = QFormLayout(box)
            ef = ErrorForm(form)
            self.login_edits[role] = ef.add(
                f"{role.value}_login", tr("FirstRunDialog", "登录名"), QLineEdit(DEFAULT_LOGINS[role])
            )
            self.password_edits[role] = ef.add(
                f"{role.value}_password",
                tr("FirstRunDialog", "初始密码"),
                password_edit(f"{role.value}_password"),
            )
            self.confirm_edits[role] = ef.add(
                f"{role.value}_confirm",
                tr("FirstRunDialog", "再次输入"),
                password_edit(f"{role.value}_confirm"),
            )
            self.forms.append(ef)
            layout.addWidget(box)

        level_form = QFormLayout()
        self.general = ErrorForm(level_form)
        self.level_combo = QComboBox()
        for level in SecretLevel:
            self.level_combo.addItem(level.label, level.value)
        self.general.add("machine_level", tr("FirstRunDialog", "本机密级"), self.level_combo)
        self.general.add_general()
        layout.addLayout(level_form)

        buttons = QDialogButtonBox()
        buttons.addButton(tr("FirstRunDialog", "创建"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("FirstRunDialog", "退出"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message next to its field; what no field claims (e.g. "logins") in the general label."""
        rest = dict(errors)
        for ef in self.forms:
            mine = {k: v for k, v in errors.items() if k in ef.labels}
            ef.show(mine)
            for k in mine:
                rest.pop(k)
        self.general.show(rest)

    def error(self, key: str) -> str:
        for ef in (*self.forms, self.general):
            if key in ef.labels:
                return ef.error(key)
        return self.general.general.text()

    def submit(self) -> None:
        # Checked here too so that every problem shows at once; the service checks again when creating.
        policy = self.services.settings.policy()
        errors: dict[str, str] = {}
        for r in AdminRole:
            problem = password_problem(
                self.password_edits[r].text(), self.login_edits[r].text().strip(), policy
            )
            if problem:
                errors[f"{r.value}_password"] = f"{r.label}：{problem}"
            if self.password_edits[r].text() != self.confirm_edits[r].text():
                errors[f"{r.value}_confirm"] = tr("FirstRunDialog", "两次输入的密码不一致")
        if errors:
            self.show_errors(errors)
            return
        try:
            self.created = self.services.accounts.initialise(
                {r: self.password_edits[r].text() for r in AdminRole},
                {r: self.login_edits[r].text().strip() for r in AdminRole},
                machine_level=SecretLevel(self.level_combo.currentData()),
            )
        except ValidationFailed as e:
            self.show_errors(e.errors)
            return
        except AppError as e:
            messages.app_error(self, e)
            return
        self.show_errors({})
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, services: Any) -> list[Any]:
        """The administrators created (UserInfo list), or [] when the user gave up."""
        dialog = cls(services, parent)
        return dialog.created if dialog.exec() == QDialog.DialogCode.Accepted else []

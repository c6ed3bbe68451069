"""The login dialog. It is shown before the database is open (that happens in a background thread), so
it accepts input at once and logs in as soon as the services arrive."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from app import APP_TITLE
from app.domain.errors import AppError
from ui import messages
from ui.admin.form import ERROR_STYLE
from ui.i18n import tr

if TYPE_CHECKING:
    from app.services.actor import Actor


class LoginDialog(QDialog):
    def __init__(self, services: Any = None, parent: QWidget | None = None, login: str = "") -> None:
        super().__init__(parent)
        self.services = services
        self.actor: Actor | None = None
        self.notice = ""  # last login, failed attempts and resets since: shown at every login
        self._pending = False
        self.setWindowTitle(tr("LoginDialog", "登录") + " — " + APP_TITLE)
        self.setMinimumWidth(380)

        title = QLabel(APP_TITLE)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)

        self.login_edit = QLineEdit(login)
        self.login_edit.setObjectName("login")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(tr("LoginDialog", "登录名"), self.login_edit)
        form.addRow(tr("LoginDialog", "密码"), self.password_edit)

        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setStyleSheet("color: #666;")
        self.status_label.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy indicator: demo generation and migrations report no steps
        self.progress.setTextVisible(False)
        self.progress.setVisible(False)

        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(
            tr("LoginDialog", "登录"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(tr("LoginDialog", "退出"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        (self.password_edit if login else self.login_edit).setFocus()

    # --- the database arrives from the background thread ------------------------------------------
    def set_status(self, text: str, busy: bool = False) -> None:
        self.status_label.setText(text)
        self.progress.setVisible(busy)

    def set_error(self, text: str) -> None:
        self.error_label.setText(text)

    def set_services(self, services: Any) -> None:
        self.services = services
        self.set_status("")
        if self._pending:
            self._pending = False
            self.submit()

    # --- logging in -------------------------------------------------------------------------------
    def submit(self) -> None:
        login = self.login_edit.text().strip()
        if not login:
            self.error_label.setText(tr("LoginDialog", "请输入登录名"))
            self.login_edit.setFocus()
            return
        if self.services is None:
            # The user was faster than the database: log in the moment it is open.
            self._pending = True
            self.ok_button.setEnabled(False)
            self.set_status(tr("LoginDialog", "正在打开数据库，请稍候…"), busy=True)
            return
        self.ok_button.setEnabled(True)
        try:
            actor = self.services.auth.login(login, self.password_edit.text())
        except AppError as e:  # NotAuthenticated, AccountLocked, …: shown in the dialog itself
            self.error_label.setText(e.message)
            self.password_edit.clear()
            self.password_edit.setFocus()
            return
        self.error_label.clear()
        self.actor = actor
        try:
            notice = self.services.auth.login_notice(actor)
        except AppError:
            notice = None
        if notice is not None:
            self.notice = notice.text
            if notice.alarming:  # someone tried the password, or it was reset: the user must notice
                messages.warn(self, tr("LoginDialog", "登录提示"), notice.text)
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, services: Any, login: str = "") -> Actor | None:
        dialog = cls(services, parent, login)
        return dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None

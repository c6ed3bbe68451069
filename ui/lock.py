"""The idle lock: an application-wide event filter restarts a timer on every keyboard or mouse input; when
it runs out the window's content is replaced by this lock page until the password is given again."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AccountLocked, AppError
from ui.admin.form import ERROR_STYLE
from ui.i18n import tr

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleWatcher(QObject):
    """Emits ``idle`` after ``interval_ms`` without user input anywhere in the application."""

    idle = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(1, interval_ms))
        self.timer.timeout.connect(self.idle)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def set_interval(self, interval_ms: int) -> None:
        self.timer.setInterval(max(1, interval_ms))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and self.timer.isActive():
            self.timer.start()  # restart the countdown
        return False

    def uninstall(self) -> None:
        self.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class LockPage(QWidget):
    """Covers the window while locked. Failures count toward the account lockout; a locked account
    logs out (``logout_requested``)."""

    unlocked = Signal()
    logout_requested = Signal(str)  # the reason shown at the login dialog

    def __init__(self, services: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.setAutoFillBackground(True)

        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setMaximumWidth(460)
        inner = QVBoxLayout(box)
        title = QLabel(tr("LockPage", "已锁定"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        who = QLabel(
            tr("LockPage", "{name}（{login}）的会话已锁定，请输入密码解锁。").format(
                name=actor.name, login=actor.login
            )
        )
        who.setWordWrap(True)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("unlock_password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.returnPressed.connect(self.submit)
        form = QFormLayout()
        form.addRow(tr("LockPage", "密码"), self.password_edit)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.unlock_button = QPushButton(tr("LockPage", "解锁"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.submit)
        self.logout_button = QPushButton(tr("LockPage", "退出登录"))
        self.logout_button.clicked.connect(lambda: self.logout_requested.emit(""))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.logout_button)
        buttons.addWidget(self.unlock_button)
        inner.addWidget(title)
        inner.addWidget(who)
        inner.addLayout(form)
        inner.addWidget(self.error_label)
        inner.addLayout(buttons)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 2)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def reset(self) -> None:
        self.password_edit.clear()
        self.error_label.clear()
        self.password_edit.setFocus()

    def submit(self) -> None:
        try:
            fresh = self.services.auth.unlock(self.actor, self.password_edit.text())
        except AccountLocked as e:
            self.logout_requested.emit(e.message)
            return
        except AppError as e:
            self.error_label.setText(e.message)
            self.password_edit.clear()
            self.password_edit.setFocus()
            return
        self.reset()
        if (fresh.roles, fresh.clearance, fresh.admin_role) != (
            self.actor.roles,
            self.actor.clearance,
            self.actor.admin_role,
        ):
            # The security administrator changed this account while the session was locked: the open
            # window reflects the old rights, so the user must log in again.
            self.logout_requested.emit(tr("LockPage", "您的岗位或涉密等级已被调整，请重新登录"))
            return
        self.unlocked.emit()

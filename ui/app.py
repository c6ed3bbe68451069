"""Start-up: the login dialog shows at once while the database opens (migrations, demo data) in a
background thread; then first run or login, a forced password change, and the main window."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QApplication

from app import APP_TITLE
from ui import messages
from ui.i18n import install_qt_translations, tr
from ui.login import LoginDialog


class DatabaseOpener(QObject):
    """Opens the services off the GUI thread; the signals arrive queued on the GUI thread."""

    opened = Signal(object, bool)  # services, initialised
    failed = Signal(object)  # the exception
    progress = Signal(str)

    def __init__(self, url: str, open_services: Callable[[str], Any], demo: bool = False) -> None:
        super().__init__()
        self.url, self.demo = url, demo
        self.open_services = open_services  # app.bootstrap.open_services, handed in by the composition root
        # not ``self.thread``: that would hide QObject.thread()
        self.worker: threading.Thread | None = None

    def start(self) -> None:
        self.worker = threading.Thread(target=self._run, name="open-database", daemon=True)
        self.worker.start()

    def _run(self) -> None:
        try:
            services = self.open_services(self.url)
            initialised = services.accounts.is_initialised()
            if self.demo and not initialised:
                self.progress.emit(tr("Startup", "正在生成演示数据，首次使用需要一点时间…"))
                from app.demo import fill_demo

                summary = fill_demo(services)
                print(summary.text(), flush=True)  # the demo accounts, for whoever started the demo
                initialised = True
        except Exception as e:  # noqa: BLE001 — every failure is shown to the user, not lost in a thread
            self.failed.emit(e)
            return
        self.opened.emit(services, initialised)
        # While the user is still typing: load the main window's modules (class definitions only, no widgets
        # are created off the GUI thread) so that the password is followed by the window, not by imports.
        try:
            import ui.main_window  # noqa: F401
        except Exception:  # noqa: BLE001 — the GUI thread will import it again and report the error
            pass


class Startup(QObject):
    """The sequence of windows for one run; tests drive it without exec()."""

    finished = Signal(int)  # exit code

    def __init__(
        self,
        url: str,
        demo: bool = False,
        idle_ms: int | None = None,
        *,
        open_services: Callable[[str], Any],
    ) -> None:
        super().__init__()
        self.url, self.demo, self.idle_ms = url, demo, idle_ms
        self.services: Any = None
        self.login: LoginDialog | None = None
        self.first_run: Any = None
        self.window: Any = None
        self.auto_backup: Any = None  # daily while a window is open, and once on exit
        self.damaged: Any = None
        self.open_services = open_services
        self.opener = DatabaseOpener(url, open_services, demo)
        self.opener.opened.connect(self._opened)
        self.opener.failed.connect(self._failed)
        self.opener.progress.connect(lambda text: self.login and self.login.set_status(text, busy=True))

    def start(self) -> None:
        self.show_login()
        assert self.login is not None
        self.login.set_status(tr("Startup", "正在打开数据库…"), busy=True)  # cleared when it is open
        self.opener.start()

    def show_login(self, message: str = "") -> None:
        self.login = LoginDialog(self.services)
        self.login.accepted.connect(self._logged_in)
        self.login.rejected.connect(lambda: self.finish(0))
        if message:
            self.login.set_error(message)
        self.login.show()

    # --- the database ------------------------------------------------------------------------------
    def _opened(self, services: Any, initialised: bool) -> None:
        self.services = services
        if initialised:
            assert self.login is not None
            self.login.set_services(services)
            return
        from ui.first_run import FirstRunDialog

        if self.login is not None:
            self.login.hide()
        self.first_run = FirstRunDialog(services)
        self.first_run.accepted.connect(self._first_run_done)
        self.first_run.rejected.connect(lambda: self.finish(0))
        self.first_run.show()

    def _first_run_done(self) -> None:
        first_login = self.first_run.created[0].login if self.first_run.created else ""
        self.first_run = None
        assert self.login is not None
        self.login.login_edit.setText(first_login)
        self.login.password_edit.setFocus()
        self.login.set_services(self.services)
        self.login.set_status(tr("Startup", "管理员账户已创建，请用刚设置的密码登录（首次登录须修改密码）。"))
        self.login.show()

    def _failed(self, error: Exception) -> None:
        from app.domain.errors import AppError, DatabaseDamaged, DatabaseTooNew

        if self.login is not None:
            self.login.hide()
        if isinstance(error, DatabaseDamaged):
            self._offer_restore(error)
            return
        if isinstance(error, DatabaseTooNew):
            messages.error(None, tr("Startup", "无法打开数据库"), error.message)
            self.finish(3)
            return
        text = error.message if isinstance(error, AppError) else f"{type(error).__name__}: {error}"
        messages.error(
            None,
            tr("Startup", "无法打开数据库"),
            tr("Startup", "打开数据库时出错：{text}\n数据库：{url}").format(text=text, url=self.url),
        )
        self.finish(2)

    def _offer_restore(self, error: Any) -> None:
        """A damaged file: the dialog with the newest verified backup; after a restore, open it again."""
        from pathlib import Path

        from ui.admin.damaged import DamagedDatabaseDialog

        self.damaged = DamagedDatabaseDialog(Path(error.path), error.message)
        self.damaged.accepted.connect(self._reopen)
        self.damaged.rejected.connect(lambda: self.finish(2))
        self.damaged.show()
        self.damaged.find_backup()

    def _reopen(self) -> None:
        self.damaged = None
        self.opener = DatabaseOpener(self.url, self.open_services, self.demo)
        self.opener.opened.connect(self._opened)
        self.opener.failed.connect(self._failed)
        self.start()

    # --- after the password ---------------------------------------------------------------------------
    def _logged_in(self) -> None:
        assert self.login is not None
        actor = self.login.actor
        self.login_notice = self.login.notice
        self.login.deleteLater()
        self.login = None
        reason = self.services.auth.needs_password_change(actor)
        if reason:
            from ui.password import ChangePasswordDialog

            dialog = ChangePasswordDialog(self.services, actor, reason, forced=True)
            dialog.accepted.connect(lambda: self.open_main_window(actor))
            dialog.rejected.connect(lambda: self._give_up(actor))
            dialog.show()
            self.password_dialog = dialog
            return
        self.open_main_window(actor)

    def _give_up(self, actor: Any) -> None:
        self.services.auth.logout(actor)
        self.show_login()

    def open_main_window(self, actor: Any) -> None:
        from ui.main_window import MainWindow

        self.window = MainWindow(self.services, actor, self.idle_ms)
        self.window.closed.connect(self._window_closed)
        self.window.show()
        if getattr(self, "login_notice", ""):
            self.window.statusBar().showMessage(self.login_notice)  # until the next status message
        if self.auto_backup is None:
            from ui.admin.backup_schedule import AutoBackup

            self.auto_backup = AutoBackup(self.services, self)
            self.auto_backup.start()

    def _window_closed(self, back_to_login: bool, reason: str) -> None:
        self.window.deleteLater()
        self.window = None
        if back_to_login:
            self.show_login(reason)
        else:
            self.finish(0)

    def finish(self, code: int) -> None:
        if self.auto_backup is not None:  # someone worked in this run: the backup on exit
            self.auto_backup.on_exit()
            self.auto_backup = None
        if self.services is not None:
            # background reads (home-tab refresh, previews) finish before the engine goes away
            QThreadPool.globalInstance().waitForDone(30_000)
            self.services.close()
            self.services = None
        self.finished.emit(code)


def run(url: str, open_services: Callable[[str], Any], demo: bool = False) -> int:
    """The GUI for the database at ``url``; ``open_services`` opens and migrates it (app.bootstrap)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(APP_TITLE)
    install_qt_translations(app)
    app.setQuitOnLastWindowClosed(False)  # the startup sequence decides when the run is over
    startup = Startup(url, demo, open_services=open_services)
    startup.finished.connect(app.exit)
    startup.start()
    return int(app.exec())

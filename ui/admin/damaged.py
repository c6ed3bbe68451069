"""The dialog shown instead of the login when the database file fails its start-up check: what is wrong,
the newest verified backup, and a restore by the 系统管理员 (whose password is checked against that backup,
since the damaged file cannot be trusted). Never a new empty database, never a traceback."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError
from ui import messages
from ui.admin.backup_dialogs import BackupPasswordDialog, ReportDialog
from ui.admin.form import ERROR_STYLE
from ui.i18n import tr
from ui.widgets.files import ask_open_path


def _t(s: str) -> str:
    return tr("DamagedDatabase", s)


class _Signals(QObject):
    found = Signal(object)
    restored = Signal(object)
    failed = Signal(object)


class DamagedDatabaseDialog(QDialog):
    def __init__(self, db_path: Path, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.report: Any = None
        self.backup: Path | None = None
        self.signals = _Signals()
        self.signals.found.connect(self._found, Qt.ConnectionType.QueuedConnection)
        self.signals.restored.connect(self._restored, Qt.ConnectionType.QueuedConnection)
        self.signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self.setWindowTitle(_t("数据库已损坏"))
        intro = QLabel(message + "\n\n" + _t("程序不会在该文件上继续工作，也不会另建空数据库。"), self)
        intro.setWordWrap(True)
        self.backup_label = QLabel(_t("正在查找最近一次经校验的备份…"), self)
        self.backup_label.setWordWrap(True)
        self.login_edit = QLineEdit(self)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_t("系统管理员登录名"), self.login_edit)
        form.addRow(_t("密码"), self.password_edit)
        self.restore_button = QPushButton(_t("从该备份恢复"), self)
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(lambda: self.restore())
        self.other_button = QPushButton(_t("选择其他备份文件…"), self)
        self.other_button.clicked.connect(self.choose_file)
        self.quit_button = QPushButton(_t("退出"), self)
        self.quit_button.clicked.connect(self.reject)
        bar = QHBoxLayout()
        bar.addWidget(self.restore_button)
        bar.addWidget(self.other_button)
        bar.addStretch(1)
        bar.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.backup_label)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addLayout(bar)
        self.resize(640, 360)

    def find_backup(self) -> threading.Thread:
        """Look for the newest verified backup off the GUI thread (verifying reads every backup tried)."""

        def run() -> None:
            from app import paths
            from app.services.backup.store import newest_verified

            try:
                folders = list(dict.fromkeys([paths.backup_dir(), self.db_path.parent / "backups"]))
                self.signals.found.emit(newest_verified(folders, self.db_path))
            except Exception as e:  # noqa: BLE001 — shown in the dialog
                self.signals.failed.emit(e)

        thread = threading.Thread(target=run, name="find-backup", daemon=True)
        thread.start()
        return thread

    def _found(self, path: Path | None) -> None:
        self.use(path)

    def use(self, path: Path | None) -> None:
        from app.services.backup.store import read_entry

        self.backup = path
        entry = read_entry(path) if path else None
        if entry is None:
            self.backup_label.setText(_t("没有找到经校验的备份。可选择其他备份文件（如移动介质上的备份）。"))
            self.restore_button.setEnabled(False)
            return
        m = entry.manifest
        detail = m.counts_text() if m else _t("加密备份，恢复时校验")
        self.backup_label.setText(
            _t("最近一次经校验的备份：{time}\n{path}\n{detail}").format(
                time=entry.created_at.replace("T", " "), path=path, detail=detail
            )
        )
        self.restore_button.setEnabled(True)

    def choose_file(self) -> None:
        path = ask_open_path(self, _t("选择备份文件"), "备份文件 (*.sqlite *.cobak);;所有文件 (*)")
        if path is not None:
            self.use(path)

    def restore(self, wait: bool = False) -> threading.Thread | None:
        from app.services.backup.crypto import is_encrypted

        if self.backup is None:
            return None
        if not self.login_edit.text().strip():
            self.error_label.setText(_t("请输入系统管理员的登录名和密码（按备份中的账户核对）"))
            return None
        password = BackupPasswordDialog.ask(self, new=False) if is_encrypted(self.backup) else None
        if is_encrypted(self.backup) and password is None:
            return None
        self.error_label.clear()
        self.restore_button.setEnabled(False)
        login, user_password, backup = self.login_edit.text().strip(), self.password_edit.text(), self.backup

        def run() -> None:
            from app import paths
            from app.services.backup.restore import authorize_in, restore_database
            from app.services.backup.store import default_registers

            try:
                report = restore_database(
                    self.db_path,
                    backup,
                    password=password,
                    registers=default_registers(),
                    backup_dir=paths.backup_dir(),
                    authorize=lambda staged: authorize_in(staged, login, user_password),
                    live_is_sound=False,
                )
            except Exception as e:  # noqa: BLE001 — every failure is shown in the dialog
                self.signals.failed.emit(e)
                return
            self.signals.restored.emit(report)

        thread = threading.Thread(target=run, name="restore", daemon=True)
        thread.start()
        return thread

    def _restored(self, report: Any) -> None:
        self.report = report
        ReportDialog.show_text(self, _t("恢复完成"), report.text())
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.restore_button.setEnabled(self.backup is not None)
        if isinstance(error, AppError):
            self.error_label.setText(error.message)
        else:
            messages.error(self, _t("恢复未完成"), f"{type(error).__name__}: {error}")

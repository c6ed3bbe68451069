"""备份与恢复: the 系统管理员 backs up now (to the backup folder or any file, optionally encrypted) and
restores a selected backup or a file; the 安全审计员 sees the same list read-only. Backups and restores run
off the GUI thread; the folder and rotation are set in 系统设置."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import AdminRole
from app.domain.errors import AppError
from app.services.backup.manifest import KIND_LABELS
from ui import messages
from ui.admin.backup_dialogs import BackupPasswordDialog, ReportDialog
from ui.i18n import tr
from ui.widgets.files import ask_open_path, ask_save_path
from ui.widgets.workers import TaskRunner

COLUMNS = ("时间", "类型", "创建人", "加密", "记录数", "审计日志至", "大小", "文件")
BACKUP_FILTER = "备份文件 (*.sqlite *.cobak);;所有文件 (*)"


def _t(s: str) -> str:
    return tr("BackupTab", s)


class BackupTab(QWidget):
    def __init__(self, services: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.can_write = actor.admin_role is AdminRole.SYSTEM
        self.entries: list[Any] = []
        self.runner = TaskRunner(self)
        self.settings_label = QLabel(self)
        self.settings_label.setWordWrap(True)
        self.settings_label.setStyleSheet("color: #555;")
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([_t(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for col in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._show_detail)
        self.detail_label = QLabel(self)
        self.detail_label.setWordWrap(True)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)

        bar = QHBoxLayout()
        self.backup_button = QPushButton(_t("立即备份"), self)
        self.backup_button.clicked.connect(lambda: self.backup_now())
        self.backup_to_button = QPushButton(_t("备份到文件…"), self)
        self.backup_to_button.clicked.connect(self.backup_to_file)
        self.restore_button = QPushButton(_t("从所选备份恢复…"), self)
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button = QPushButton(_t("从文件恢复…"), self)
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.refresh_button = QPushButton(_t("刷新"), self)
        self.refresh_button.clicked.connect(self.load)
        writers = (self.backup_button, self.backup_to_button, self.restore_button, self.restore_file_button)
        for b in writers:
            b.setVisible(self.can_write)
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        self.writers = writers
        self.runner.busy_changed.connect(self._set_busy)

        layout = QVBoxLayout(self)
        layout.addWidget(self.settings_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.status_label)
        layout.addLayout(bar)
        self.load()

    def _set_busy(self, busy: bool) -> None:
        for button in self.writers:
            button.setEnabled(not busy)

    # --- the list -----------------------------------------------------------------------------------------
    def load(self) -> None:
        try:
            cfg = self.services.backup.settings()
            self.entries = self.services.backup.list(self.actor)
        except AppError as e:
            messages.app_error(self, e)
            return
        self.settings_label.setText(
            _t(
                "自动备份目录：{folder}；退出程序时及运行中每天自动备份，保留每日 {d} 份、每周 {w} 份、每月 {m} 份。"
            ).format(folder=cfg.folder, d=cfg.keep_daily, w=cfg.keep_weekly, m=cfg.keep_monthly)
            + (_t("（在“系统设置”中修改）") if self.can_write else "")
        )
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            m = entry.manifest
            cells = (
                entry.created_at.replace("T", " "),
                KIND_LABELS.get(entry.kind, entry.kind or "—"),
                entry.created_by or "—",
                _t("加密") if entry.encrypted else _t("否"),
                str(m.total_records) if m else "—",
                str(m.audit_head_id) if m else "—",
                f"{entry.size / 2**20:.1f} MB",
                str(entry.path),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(entry.problem or str(entry.path))
                self.table.setItem(row, col, item)
        self.detail_label.setText(
            _t("共 {n} 份备份。").format(n=len(self.entries)) if self.entries else _t("尚无备份。")
        )

    def selected(self) -> Any:
        row = self.table.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def _show_detail(self) -> None:
        e = self.selected()
        if e is None:
            return
        m = e.manifest
        if m:
            text = _t("记录：{counts}\n数据库版本：{rev}；校验和（{kind}）：{sha}").format(
                counts=m.counts_text(), rev=", ".join(m.revisions), kind=m.checksum_label, sha=m.sha256
            )
        elif e.encrypted:
            text = _t("加密备份：清单在密文中，恢复时输入备份密码后校验。")
        else:
            text = ""
        self.detail_label.setText(text + (("\n" + e.problem) if e.problem else ""))

    # --- backing up -------------------------------------------------------------------------------------
    def backup_now(self, out: Path | None = None, password: str | None = None) -> None:
        self.status_label.setText(_t("正在备份…"))
        self.runner.start(
            lambda: self.services.backup.backup(self.actor, out, password), self._backed_up, self._failed
        )

    def backup_to_file(self) -> None:
        encrypt = messages.confirm(
            self,
            _t("备份到文件"),
            _t("是否加密该备份？\n（携带到其他涉密计算机时应加密；加密后须凭密码恢复）"),
        )
        password = BackupPasswordDialog.ask(self, new=True) if encrypt else None
        if encrypt and password is None:
            return
        suffix = ".cobak" if encrypt else ".sqlite"
        path = ask_save_path(self, _t("备份到文件"), f"备份{suffix}", BACKUP_FILTER)
        if path is not None:
            self.backup_now(path, password)

    def _backed_up(self, entry: Any) -> None:
        self.status_label.setText(_t("备份完成：{path}").format(path=entry.path))
        self.load()

    def _failed(self, error: Exception) -> None:
        self.status_label.setText(_t("操作未完成：{e}").format(e=getattr(error, "message", error)))
        messages.app_error(self, error)

    # --- restoring ----------------------------------------------------------------------------------------
    def restore_selected(self) -> None:
        e = self.selected()
        if e is None:
            messages.info(self, _t("恢复"), _t("请先在列表中选中一份备份"))
            return
        self.restore(e.path)

    def restore_from_file(self) -> None:
        path = ask_open_path(self, _t("选择备份文件"), BACKUP_FILTER)
        if path is not None:
            self.restore(path)

    def restore(self, path: Path) -> None:
        from app.services.backup.crypto import is_encrypted

        if not messages.confirm(
            self,
            _t("恢复数据库"),
            _t(
                "用该备份替换当前数据库？\n{path}\n\n恢复前会先校验备份，并自动另存当前数据库；恢复后需重新登录。"
            ).format(path=path),
        ):
            return
        password = BackupPasswordDialog.ask(self, new=False) if is_encrypted(path) else None
        if is_encrypted(path) and password is None:
            return
        self.status_label.setText(_t("正在校验并恢复…"))
        self.runner.start(
            lambda: self.services.backup.restore(self.actor, path, password), self._restored, self._failed
        )

    def _restored(self, report: Any) -> None:
        self.status_label.setText(_t("恢复完成"))
        ReportDialog.show_text(self, _t("恢复完成"), report.text() + _t("\n\n请重新登录。"))
        window = self.window()
        if hasattr(window, "end_session"):
            window.end_session(_t("数据库已从备份恢复，请重新登录。"))
        else:
            self.load()

"""审计日志: the 安全审计员 searches the log (text, user, action, date range), pages through it, exports
CSV and verifies the hash chain."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError
from app.services.audit import ACTION_LABELS
from ui import messages
from ui.i18n import tr

COLUMNS = ("序号", "时间", "用户", "操作", "对象类型", "对象", "结果", "详情", "主机")
PAGE_SIZE = 200


def _date_edit(default: QDate) -> QDateEdit:
    edit = QDateEdit(default)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class AuditTab(QWidget):
    def __init__(
        self, services: Any, actor: Any, parent: QWidget | None = None, page_size: int = PAGE_SIZE
    ) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.page_size = page_size
        self.page = 0
        self.total = 0
        self.rows: list[Any] = []

        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText(tr("AuditTab", "对象、详情中的文字"))
        self.text_edit.returnPressed.connect(self.search)
        # the user: any login that appears in the log, or typed
        self.user_combo = QComboBox()
        self.user_combo.setEditable(True)
        self.user_combo.setMinimumWidth(110)
        self.user_combo.addItem("")
        try:
            self.user_combo.addItems(services.audit.logins(actor))
        except AppError:
            pass
        line = self.user_combo.lineEdit()
        assert line is not None
        line.setPlaceholderText(tr("AuditTab", "全部用户"))
        line.returnPressed.connect(self.search)
        self.user_edit = line  # the typed login (kept under this name for callers)
        self.action_combo = QComboBox()
        self.action_combo.addItem(tr("AuditTab", "全部操作"), "")
        for key, label in ACTION_LABELS.items():
            self.action_combo.addItem(label, key)
        self.type_combo = QComboBox()
        self.type_combo.setObjectName("object_type")
        self.type_combo.addItem(tr("AuditTab", "全部对象"), "")
        for key, label in services.audit.object_types():
            self.type_combo.addItem(label, key)
        today = QDate.currentDate()
        self.range_check = QCheckBox(tr("AuditTab", "日期"))
        self.since_edit = _date_edit(today.addDays(-30))
        self.until_edit = _date_edit(today)
        for w in (self.since_edit, self.until_edit):
            w.setEnabled(False)
        self.range_check.toggled.connect(self.since_edit.setEnabled)
        self.range_check.toggled.connect(self.until_edit.setEnabled)
        self.search_button = QPushButton(tr("AuditTab", "查询"))
        self.search_button.clicked.connect(self.search)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(tr("AuditTab", "查找")))
        filters.addWidget(self.text_edit, 2)
        filters.addWidget(QLabel(tr("AuditTab", "用户")))
        filters.addWidget(self.user_combo)
        filters.addWidget(self.action_combo)
        filters.addWidget(self.type_combo)
        filters.addWidget(self.range_check)
        filters.addWidget(self.since_edit)
        filters.addWidget(QLabel("—"))
        filters.addWidget(self.until_edit)
        filters.addWidget(self.search_button)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("audit_table")
        self.table.setHorizontalHeaderLabels([tr("AuditTab", c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(7, QHeaderView.ResizeMode.Stretch)

        self.prev_button = QPushButton(tr("AuditTab", "上一页"))
        self.prev_button.clicked.connect(lambda: self.go(self.page - 1))
        self.next_button = QPushButton(tr("AuditTab", "下一页"))
        self.next_button.clicked.connect(lambda: self.go(self.page + 1))
        self.page_label = QLabel()
        self.export_button = QPushButton(tr("AuditTab", "导出 CSV…"))
        self.export_button.clicked.connect(self.export)
        self.verify_button = QPushButton(tr("AuditTab", "校验完整性"))
        self.verify_button.clicked.connect(self.verify)
        self.checkpoint_button = QPushButton(tr("AuditTab", "导出校验点…"))
        self.checkpoint_button.setToolTip(
            tr(
                "AuditTab",
                "记下当前的记录数和末条校验值（带密钥签名），保存到移动介质或打印；日后用 check --against 核对",
            )
        )
        self.checkpoint_button.clicked.connect(self.export_checkpoint)
        bottom = QHBoxLayout()
        bottom.addWidget(self.page_label)
        bottom.addWidget(self.prev_button)
        bottom.addWidget(self.next_button)
        bottom.addStretch(1)
        bottom.addWidget(self.verify_button)
        bottom.addWidget(self.checkpoint_button)
        bottom.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.search()

    def filters(self) -> dict[str, Any]:
        f: dict[str, Any] = {
            "text": self.text_edit.text().strip(),
            "user": self.user_edit.text().strip(),
            "action": self.action_combo.currentData() or "",
            "object_type": self.type_combo.currentData() or "",
        }
        if self.range_check.isChecked():
            since, until = self.since_edit.date(), self.until_edit.date()
            f["since"] = datetime(since.year(), since.month(), since.day())
            f["until"] = datetime.combine(date(until.year(), until.month(), until.day()), time.max)
        return f

    def search(self) -> None:
        self.go(0)

    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    def go(self, page: int) -> None:
        page = max(0, page)
        try:
            self.total, self.rows = self.services.audit.search(
                self.actor, limit=self.page_size, offset=page * self.page_size, **self.filters()
            )
        except AppError as e:
            messages.app_error(self, e)
            return
        self.page = page
        self.table.setRowCount(len(self.rows))
        for row, r in enumerate(self.rows):
            result = tr("AuditTab", "成功") if r.result == "success" else tr("AuditTab", "失败")
            values = (
                str(r.id),
                r.ts.strftime("%Y-%m-%d %H:%M:%S"),
                r.user_login,
                r.action_label,
                r.object_type_label,
                r.object_label,
                result,
                r.detail_text,
                r.host,
            )
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                # the whole detail, one "字段：旧值 → 新值" a line
                item.setToolTip("\n".join(r.detail_lines) if col == 7 else text)
                if r.result != "success":
                    item.setForeground(QBrush(QColor("#c0392b")))
                self.table.setItem(row, col, item)
        self.page_label.setText(
            tr("AuditTab", "共 {n} 条，第 {p}/{pages} 页").format(
                n=self.total, p=self.page + 1, pages=self.pages()
            )
        )
        self.prev_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page + 1 < self.pages())

    def choose_export_path(self) -> Path | None:
        """Asked separately so tests can patch it."""
        name = f"审计日志-{datetime.now():%Y%m%d-%H%M}.csv"
        path, _ = QFileDialog.getSaveFileName(self, tr("AuditTab", "导出审计日志"), name, "CSV (*.csv)")
        return Path(path) if path else None

    def choose_checkpoint_path(self) -> Path | None:
        name = f"审计校验点-{datetime.now():%Y%m%d-%H%M}.txt"
        path, _ = QFileDialog.getSaveFileName(self, tr("AuditTab", "导出校验点"), name, "文本 (*.txt)")
        return Path(path) if path else None

    def export_checkpoint(self) -> None:
        path = self.choose_checkpoint_path()
        if path is None:
            return
        try:
            cp = self.services.audit.export_checkpoint(self.actor, path)
        except AppError as e:
            messages.app_error(self, e)
            return
        except OSError as e:
            messages.error(self, tr("AuditTab", "导出失败"), tr("AuditTab", "无法写入文件：{e}").format(e=e))
            return
        messages.info(
            self,
            tr("AuditTab", "导出校验点"),
            tr("AuditTab", "已导出校验点（{n} 条，末条校验值 {head}…）到 {path}。请保存在本机以外。").format(
                n=cp["head_id"], head=cp["head"][:16], path=path
            ),
        )
        self.go(self.page)

    def export(self) -> None:
        path = self.choose_export_path()
        if path is None:
            return
        try:
            count = self.services.audit.export_csv(self.actor, path, **self.filters())
        except AppError as e:
            messages.app_error(self, e)
            return
        except OSError as e:
            messages.error(self, tr("AuditTab", "导出失败"), tr("AuditTab", "无法写入文件：{e}").format(e=e))
            return
        messages.info(
            self,
            tr("AuditTab", "导出审计日志"),
            tr("AuditTab", "已导出 {n} 条记录到 {path}").format(n=count, path=path),
        )
        self.go(self.page)

    def verify(self) -> None:
        report = self.services.audit.verify()
        if report.ok:
            messages.info(
                self,
                tr("AuditTab", "校验完整性"),
                tr("AuditTab", "审计日志完整：共 {n} 条，校验链无误。").format(n=report.entries)
                + "".join(f"\n注意：{w}" for w in report.warnings),
            )
        else:
            messages.warn(
                self,
                tr("AuditTab", "校验完整性"),
                tr("AuditTab", "审计日志被篡改：{reason}（首个异常记录：第 {id} 条）").format(
                    reason=report.reason, id=report.first_bad_id
                ),
            )

"""The home tab (工作台): what needs attention now — alerts to acknowledge first, then overdue and
soon-due items of every area the user works in. Double-click opens the record in its area's tab."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
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

from app.domain.errors import AppError
from ui import messages
from ui.i18n import tr

AUTO_REFRESH_MS = 3 * 60 * 1000
COLUMNS = ("类别", "业务", "事项", "说明", "期限")
KIND_COLOURS = {"alert": "#fdecea", "overdue": "#fdecea", "due_soon": "#fff4dc"}


class HomeTab(QWidget):
    record_requested = Signal(str, str, int)  # area key, register key, record id

    def __init__(
        self, services: Any, actor: Any, parent: QWidget | None = None, refresh_ms: int = AUTO_REFRESH_MS
    ) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.items: list[Any] = []

        self.summary = QLabel()
        self.refresh_button = QPushButton(tr("HomeTab", "刷新"))
        self.refresh_button.clicked.connect(self.refresh)
        self.ack_button = QPushButton(tr("HomeTab", "确认收到"))
        self.ack_button.setEnabled(False)
        self.ack_button.clicked.connect(self.acknowledge_selected)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.ack_button)
        top.addWidget(self.refresh_button)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr("HomeTab", c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.cellDoubleClicked.connect(lambda row, _col: self.open_row(row))

        self.empty_label = QLabel(tr("HomeTab", "目前没有需要处理的事项。"))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #666; padding: 24px;")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)

        # Posts that no area of this version serves (信访接待 before the 信访 area exists): say so plainly,
        # rather than an empty table and greyed buttons.
        self.unserved_label = QLabel(self)
        self.unserved_label.setObjectName("unserved")
        self.unserved_label.setWordWrap(True)
        self.unserved_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.unserved_label.setStyleSheet("font-size: 15px; padding: 48px;")
        layout.addWidget(self.unserved_label, 1)
        self.unserved_label.hide()
        self.has_areas = bool(services.visible_areas(actor))
        if not self.has_areas:
            posts = getattr(actor, "role_labels", "") or tr("HomeTab", "（未授予岗位）")
            self.unserved_label.setText(
                tr(
                    "HomeTab",
                    "您的岗位：{posts}。\n本版本还没有这些岗位的业务模块，所以这里暂时没有可办理的事项。\n"
                    "这些模块将在后续版本中提供；如需办理收发文、电报等业务，请联系安全保密管理员授予相应岗位。",
                ).format(posts=posts)
            )

        self.timer = QTimer(self)
        self.timer.setInterval(refresh_ms)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    def _area_title(self, key: str) -> str:
        try:
            return self.services.area(key).title
        except AppError:
            return key

    def refresh(self) -> None:
        try:
            self.items = list(self.services.dashboard(self.actor))
        except AppError as e:
            self.items = []
            self.summary.setText(e.message)
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            due = item.due.strftime("%Y-%m-%d %H:%M") if item.due else ""
            due = due.removesuffix(" 00:00")
            values = (item.kind_label, self._area_title(item.area), item.title, item.detail, due)
            colour = KIND_COLOURS.get(item.kind)
            for col, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if colour:
                    cell.setBackground(QBrush(QColor(colour)))
                if item.kind == "alert":  # must be acknowledged: stands out from the overdue rows
                    cell.setForeground(QBrush(QColor("#c0392b")))
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                self.table.setItem(row, col, cell)
        counts = {k: sum(1 for i in self.items if i.kind == k) for k in ("alert", "overdue", "due_soon")}
        self.summary.setText(
            tr("HomeTab", "紧急提醒 {a} 项，已超期 {o} 项，即将到期 {d} 项").format(
                a=counts["alert"], o=counts["overdue"], d=counts["due_soon"]
            )
        )
        self.table.setVisible(bool(self.items))
        self.empty_label.setVisible(not self.items and self.has_areas)
        if not self.has_areas:
            self.unserved_label.show()
            self.summary.setText("")
            for button in (self.ack_button, self.refresh_button):
                button.hide()
        self._update_buttons()

    def selected_item(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

    def _can_acknowledge(self, item: Any) -> bool:
        if item is None or item.alert_id is None:
            return False
        service = self.services.area_services.get(item.area)
        return service is not None and hasattr(service, "acknowledge_alert")

    def _update_buttons(self) -> None:
        self.ack_button.setEnabled(self._can_acknowledge(self.selected_item()))

    def acknowledge_selected(self) -> None:
        item = self.selected_item()
        if not self._can_acknowledge(item):
            return
        try:
            self.services.service(item.area).acknowledge_alert(self.actor, item.alert_id)
        except AppError as e:
            messages.app_error(self, e)
        self.refresh()

    def open_row(self, row: int) -> None:
        if 0 <= row < len(self.items):
            item = self.items[row]
            if item.record_id is not None:
                self.record_requested.emit(item.area, item.register, item.record_id)

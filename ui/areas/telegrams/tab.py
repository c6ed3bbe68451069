"""TelegramsTab: one sub-tab per telegram register the user may read (register view + copies panel) and a
statistics sub-tab (counts by register × 密级 × 等级 for a period)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.areas.telegrams import SERVICE as TELEGRAMS_SERVICE
from ui import messages
from ui.areas.telegrams.copies_panel import CopiesPanel
from ui.i18n import tr
from ui.widgets.register_view import RegisterView
from ui.widgets.workflow_page import show_record_detail


def copies_section(services: Any, actor: Any, register: str, record_id: int) -> list[Any]:
    """The telegram's copies for its details: 份号, 状态, 持有人, 阅电记录 (the panel below the list keeps the
    copy actions)."""
    rows = [
        (
            c.copy_no,
            c.status + ("（超期）" if c.overdue else ""),
            c.holder,
            "；".join(f"{st.reader}{'（在阅）' if st.is_open else st.remark_label}" for st in c.steps),
        )
        for c in services.copies.copies(actor, register, record_id)
    ]
    return [("文件份", ("份号", "状态", "持有人", "阅电记录"), rows)] if rows else []


class RegisterPage(QSplitter):
    """A register view with the copies of its selected telegram underneath; double-click or 详情 opens the
    shared details (every field, the imported-history marks and kept columns, copies, 办理经过) with 修改."""

    def __init__(self, services: Any, actor: Any, register_key: str, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.services, self.actor, self.register_key = services, actor, register_key
        self.view = RegisterView(services, actor, register_key, self)
        self.view.record_opener = self.show_detail
        self.copies = CopiesPanel(services, actor, register_key, self)
        detail = QPushButton(tr("RecordDetail", "详情与办理经过"), self.copies)
        detail.setObjectName("detail")
        detail.clicked.connect(lambda: self.show_detail(self.view.current_record_id()))
        self.copies.button_row.insertWidget(0, detail)
        self.addWidget(self.view)
        self.addWidget(self.copies)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)
        self.view.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.view.changed.connect(self._selected)

    def _selected(self) -> None:
        records = self.view.selected_records()
        rec = records[0] if records else None
        self.copies.show_record(rec.id if rec else None, f"{rec['number']}" if rec else "")

    def show_detail(self, record_id: int | None) -> None:
        def copies(services: Any, actor: Any, rid: int) -> list[Any]:
            return copies_section(services, actor, self.register_key, rid)

        show_record_detail(self, self.view, self.services, self.actor, self.register_key, record_id, copies)
        self._selected()  # a copy step or 修改 may have changed what the panel shows


class StatisticsPanel(QWidget):
    def __init__(self, services: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        today = date.today()
        self.start = QDateEdit(QDate(today.year, 1, 1), self)
        self.end = QDateEdit(QDate(today.year, 12, 31), self)
        for w in (self.start, self.end):
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy-MM-dd")
        run = QPushButton(tr("Telegrams", "统计"), self)
        run.clicked.connect(self.refresh)
        top = QHBoxLayout()
        for w in (
            QLabel(tr("Telegrams", "起"), self),
            self.start,
            QLabel(tr("Telegrams", "止"), self),
            self.end,
            run,
        ):
            top.addWidget(w)
        top.addStretch(1)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("stats_table")
        self.table.setHorizontalHeaderLabels([tr("Telegrams", h) for h in ("登记簿", "密级", "等级", "件数")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 160)
        self.summary = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self.refresh()

    def refresh(self) -> None:
        s, e = self.start.date(), self.end.date()
        try:
            stats = self.services.service(TELEGRAMS_SERVICE).statistics(
                self.actor, date(s.year(), s.month(), s.day()), date(e.year(), e.month(), e.day())
            )
        except Exception as exc:  # noqa: BLE001 — typed errors in Chinese
            messages.app_error(self, exc)
            return
        self.table.setRowCount(len(stats.rows))
        for row, r in enumerate(stats.rows):
            for col, text in enumerate((r.register_title, r.secret_level, r.priority, str(r.count))):
                item = QTableWidgetItem(text)
                if col == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        parts = "，".join(f"{k} {v} 件" for k, v in stats.by_register.items())
        self.summary.setText(tr("Telegrams", "合计 {0} 件：{1}").format(stats.total, parts))


class TelegramsTab(QTabWidget):
    def __init__(self, services: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("telegrams_tab")
        self.pages: dict[str, RegisterPage] = {}
        for key in services.service(TELEGRAMS_SERVICE).visible_registers(actor):
            page = RegisterPage(services, actor, key, self)
            self.pages[key] = page
            self.addTab(page, services.catalog.get(key).title)
        self.stats = StatisticsPanel(services, actor, self)
        self.addTab(self.stats, tr("Telegrams", "统计"))

    def current_view(self) -> Any:
        page = self.currentWidget()
        return page.view if isinstance(page, RegisterPage) else None

    def open_record(self, register: str, record_id: int) -> None:
        """From the home tab: the register opened, the telegram selected (its copies underneath) and its details shown."""
        page = self.pages.get(register)
        if page is None:
            return
        self.setCurrentWidget(page)
        page.view.reveal_and_open(record_id)

    show_record = open_record


TAB = TelegramsTab

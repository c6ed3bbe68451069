"""日程 page: the meetings of a week or a month as a calendar, of all rooms or of one room (its use)."""

from __future__ import annotations

import calendar as months
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.areas.meetings.service import SERVICE as MEETINGS_SERVICE
from app.domain.errors import AppError
from ui.i18n import tr

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
TODAY_BG = "#fff4dc"


class CalendarPage(QWidget):
    def __init__(self, services: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.svc = services.service(MEETINGS_SERVICE)
        self.mode = QComboBox(self)
        self.mode.addItems([tr("Meetings", "周"), tr("Meetings", "月")])
        self.mode.setObjectName("calendar_mode")
        self.day = QDateEdit(QDate.currentDate(), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy年M月d日")
        self.room = QComboBox(self)
        self.room.setObjectName("calendar_room")
        self.room.addItem(tr("Meetings", "全部会场"), "")
        try:
            for name in services.registers.distinct_values(actor, "meeting_rooms", "name"):
                self.room.addItem(name, name)
        except AppError:
            pass
        prev_btn, next_btn = QPushButton("◀", self), QPushButton("▶", self)
        prev_btn.setFixedWidth(32)
        next_btn.setFixedWidth(32)
        prev_btn.clicked.connect(lambda: self.step(-1))
        next_btn.clicked.connect(lambda: self.step(1))
        for w in (self.mode, self.room):
            w.currentIndexChanged.connect(lambda *_: self.refresh())
        self.day.dateChanged.connect(lambda *_: self.refresh())
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        top = QHBoxLayout()
        for w in (self.mode, prev_btn, self.day, next_btn, self.room, self.title):
            top.addWidget(w)
        top.addStretch(1)
        self.grid = QTableWidget(1, 7, self)
        self.grid.setObjectName("meeting_calendar")
        self.grid.setHorizontalHeaderLabels([tr("Meetings", d) for d in WEEKDAYS])
        self.grid.verticalHeader().setVisible(False)
        self.grid.setWordWrap(True)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.grid, 1)
        self.refresh()

    def step(self, n: int) -> None:
        d = self.day.date()
        self.day.setDate(d.addDays(7 * n) if self.mode.currentIndex() == 0 else d.addMonths(n))

    def span(self) -> tuple[date, date]:
        d = self.day.date().toPython()
        if self.mode.currentIndex() == 0:
            monday = d - timedelta(days=d.weekday())
            return monday, monday + timedelta(days=6)
        first = d.replace(day=1)
        return first, first.replace(day=months.monthrange(d.year, d.month)[1])

    def refresh(self) -> None:
        start, end = self.span()
        room = self.room.currentData() or ""
        try:
            entries = self.svc.calendar(self.actor, start, end, room)
        except AppError as e:
            self.title.setText(str(e))
            return
        week = self.mode.currentIndex() == 0
        what = room or tr("Meetings", "会议")
        self.title.setText(
            f"{start:%Y年%m月%d日}—{end:%m月%d日} {what}安排" if week else f"{start:%Y年%m月} {what}安排"
        )
        first_cell = start.weekday()
        rows = 1 if week else (first_cell + (end - start).days + 7) // 7
        self.grid.clearContents()
        self.grid.setRowCount(rows)
        day = start
        today = date.today()
        while day <= end:
            index = first_cell + (day - start).days if not week else day.weekday()
            lines = [
                f"{e.starts_at:%H:%M} {e.name}" + ("" if room else f"（{e.room}）")
                for e in entries
                if e.starts_at.date() <= day <= e.ends_at.date()
            ]
            item = QTableWidgetItem(
                "\n".join([f"{day.month}月{day.day}日" if week else str(day.day), *lines])
            )
            item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            if day == today:
                item.setBackground(QBrush(QColor(TODAY_BG)))
            self.grid.setItem(index // 7, index % 7, item)
            day += timedelta(days=1)

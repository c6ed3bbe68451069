"""日程 page: the meetings of a week or a month as a calendar, of all rooms or of one room (its use); the
rooms come from the 会议室 register, and double-clicking a day opens its meeting (a menu when several)."""

from __future__ import annotations

import calendar as months
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
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
IDS = Qt.ItemDataRole.UserRole  # the ids and names of a day's meetings, for double-click


def entry_line(e: Any, day: date, with_room: bool) -> str:
    """One meeting on one day: its hours (a multi-day meeting: 起 / 全天 / 至), name and room."""
    a, b = e.starts_at, e.ends_at
    if a.date() == b.date():
        hours = f"{a:%H:%M}—{b:%H:%M}"
    elif day == a.date():
        hours = f"{a:%H:%M}起"
    elif day == b.date():
        hours = f"至{b:%H:%M}"
    else:
        hours = tr("Meetings", "全天")
    return f"{hours} {e.name}" + (f"（{e.room}）" if with_room and e.room else "")


class CalendarPage(QWidget):
    meeting_chosen = Signal(int)  # a meeting double-clicked in the calendar

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
        self.room.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.load_rooms()
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
        self.grid.cellDoubleClicked.connect(self._open_cell)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.grid, 1)
        self.refresh()

    def load_rooms(self) -> None:
        """全部会场 and the register's rooms, keeping the one chosen (a room added since shows up)."""
        chosen = self.room.currentData() or ""
        try:
            names = self.svc.room_names(self.actor)
        except AppError:
            names = []
        self.room.blockSignals(True)
        self.room.clear()
        self.room.addItem(tr("Meetings", "全部会场"), "")
        for name in names:
            self.room.addItem(name, name)
        self.room.setCurrentIndex(max(self.room.findData(chosen), 0))
        self.room.blockSignals(False)

    def _open_cell(self, row: int, column: int) -> None:
        item = self.grid.item(row, column)
        meetings = item.data(IDS) if item is not None else None
        if not meetings:
            return
        if len(meetings) == 1:
            self.meeting_chosen.emit(meetings[0][0])
            return
        menu = QMenu(self)
        for mid, text in meetings:
            menu.addAction(text, lambda m=mid: self.meeting_chosen.emit(m))
        rect = self.grid.visualItemRect(item)
        menu.popup(
            self.grid.viewport().mapToGlobal(rect.topLeft() + QPoint(8, 8))
            if rect.isValid()
            else QCursor.pos()
        )

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
        self.load_rooms()
        start, end = self.span()
        room = self.room.currentData() or ""
        try:
            entries = self.svc.calendar(self.actor, start, end, room)
        except AppError as e:
            self.title.setText(str(e))
            return
        week = self.mode.currentIndex() == 0
        what = tr("Meetings", "{0}使用安排").format(room) if room else tr("Meetings", "会议安排")
        when = (
            f"{start.year}年{start.month}月{start.day}日—{end.month}月{end.day}日"
            if week
            else f"{start.year}年{start.month}月"
        )
        count = (
            tr("Meetings", "（共{0}场）").format(len(entries)) if entries else tr("Meetings", "（无会议）")
        )
        self.title.setText(f"{when} {what}{count}")
        first_cell = start.weekday()
        rows = 1 if week else (first_cell + (end - start).days + 7) // 7
        self.grid.clearContents()
        self.grid.setRowCount(rows)
        day = start
        today = date.today()
        while day <= end:
            index = first_cell + (day - start).days if not week else day.weekday()
            todays = [e for e in entries if e.starts_at.date() <= day <= e.ends_at.date()]
            lines = [entry_line(e, day, not room) for e in todays]
            item = QTableWidgetItem(
                "\n".join([f"{day.month}月{day.day}日" if week else str(day.day), *lines])
            )
            item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            item.setData(IDS, [(e.id, line) for e, line in zip(todays, lines, strict=True)])
            if todays:
                item.setToolTip(
                    "\n".join(f"{e.number}　{line}" for e, line in zip(todays, lines, strict=True))
                )
            if day == today:
                item.setBackground(QBrush(QColor(TODAY_BG)))
            self.grid.setItem(index // 7, index % 7, item)
            day += timedelta(days=1)

"""签到 page: pick a meeting, type two characters or the pinyin initials of a name and press Enter; the
person is marked arrived with the time (迟到 flagged), and 应到/实到/请假/缺席/参会率 update at once. The
meeting's printouts (座次图 in either view, 桌签, 签到表, 会议通知, 会议纪要) are one click away, and so are
the list's own actions (从名录添加, 催报回执, a row's 请假/缺席/回执 by right-click: people_actions)."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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

from app.areas.meetings.service import SERVICE as MEETINGS_SERVICE
from app.domain.enums import Role
from app.domain.errors import AppError
from ui import messages
from ui.areas.meetings.people_actions import AddFromDirectory, chase_text, person_menu
from ui.i18n import tr

COLUMNS = ("姓名", "单位", "职务", "身份", "主席台", "出勤", "签到时间", "回执", "备注")
PRINTS = (
    ("seating", "座次图（面向主席台）", "pdf"),
    ("seating_stage", "座次图（主席台视角）", "pdf"),
    ("cards", "桌签", "pdf"),
    ("signin", "签到表", "pdf"),
    ("notice", "会议通知", "docx"),
    ("minutes", "会议纪要", "docx"),
)


def _reply_label(value: str) -> str:
    from app.areas.meetings.registers import Reply

    try:
        return Reply(value or Reply.NONE.value).label
    except ValueError:
        return value


class SignInPage(QWidget):
    def __init__(self, services: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.svc = services.service(MEETINGS_SERVICE)
        self.meeting = QComboBox(self)
        self.meeting.setObjectName("meeting_picker")
        self.meeting.setMinimumWidth(420)
        self.meeting.currentIndexChanged.connect(lambda *_: self.refresh())
        self.query = QLineEdit(self)
        self.query.setObjectName("signin_query")
        self.query.setPlaceholderText(tr("Meetings", "输入姓名中的两个字或拼音首字母，回车签到"))
        self.query.returnPressed.connect(self.sign_in)
        self.query.setEnabled(actor.has_role(Role.MEETINGS))
        self.result = QLabel(self)
        self.result.setObjectName("signin_result")
        self.counts = QLabel(self)
        self.counts.setObjectName("signin_counts")
        self.counts.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #b26a00;")
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Meetings", "会议："), self))
        top.addWidget(self.meeting, 1)
        self.print_buttons: dict[str, QPushButton] = {}
        prints = QHBoxLayout()
        for key, label, fmt in PRINTS:
            b = QPushButton(tr("Meetings", label), self)
            b.clicked.connect(lambda _=False, k=key, t=label, f=fmt: self.print_form(k, t, f))
            self.print_buttons[key] = b
            prints.addWidget(b)
        prints.addStretch(1)
        self.add_button = QPushButton(tr("Meetings", "从名录添加…"), self)
        self.add_button.setObjectName("add_from_directory")
        self.add_button.clicked.connect(self.add_people)
        self.chase_button = QPushButton(tr("Meetings", "催报回执"), self)
        self.chase_button.setObjectName("chase_replies")
        self.chase_button.clicked.connect(self.chase)
        self.writer = actor.has_role(Role.MEETINGS)
        for b in (self.add_button, self.chase_button):
            b.setVisible(self.writer)
            prints.addWidget(b)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("signin_table")
        self.table.setHorizontalHeaderLabels([tr("Meetings", c) for c in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._row_menu)
        self.table.setToolTip(tr("Meetings", "右键单击一行：请假、缺席、回执"))
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addLayout(prints)
        box.addWidget(self.query)
        box.addWidget(self.result)
        box.addWidget(self.counts)
        box.addWidget(self.warnings)
        box.addWidget(self.table, 1)
        self.load_meetings()

    def load_meetings(self) -> None:
        """Meetings of the last month and the next two, the one nearest now chosen."""
        today = date.today()
        try:
            entries = self.svc.calendar(self.actor, today - timedelta(days=31), today + timedelta(days=62))
        except AppError as e:
            self.result.setText(str(e))
            return
        self.meeting.blockSignals(True)
        self.meeting.clear()
        best, best_gap = -1, None
        for i, e in enumerate(entries):
            self.meeting.addItem(f"{e.starts_at:%m-%d %H:%M}  {e.name}（{e.room or '未定会场'}）", e.id)
            # the nearest meeting that has its participant list (else simply the nearest)
            gap = abs((e.starts_at.date() - today).days) + (0 if e.people else 1000)
            if best_gap is None or gap < best_gap:
                best, best_gap = i, gap
        self.meeting.setCurrentIndex(best)
        self.meeting.blockSignals(False)
        self.refresh()

    def meeting_id(self) -> int | None:
        value = self.meeting.currentData()
        return int(value) if value is not None else None

    def show_meeting(self, meeting_id: int) -> None:
        index = self.meeting.findData(meeting_id)
        if index < 0:
            info = self.svc.meeting(self.actor, meeting_id)
            self.meeting.addItem(f"{info.starts_at:%m-%d %H:%M}  {info.name}", meeting_id)
            index = self.meeting.count() - 1
        self.meeting.setCurrentIndex(index)

    def refresh(self) -> None:
        mid = self.meeting_id()
        for b in (*self.print_buttons.values(), self.add_button, self.chase_button):
            b.setEnabled(mid is not None)
        if mid is None:
            self.table.setRowCount(0)
            self.counts.setText(tr("Meetings", "近期没有会议"))
            return
        try:
            people = self.svc.participants(self.actor, mid)
            overlaps = self.svc.overlaps(self.actor, mid)
        except AppError as e:
            self.result.setText(str(e))
            return
        c = self.svc.counts(self.actor, mid)
        self.counts.setText(
            f"应到 {c.expected}　实到 {c.present}　请假 {c.leave}　缺席 {c.absent}　迟到 {c.late}　"
            f"未到 {c.waiting}　参会率 {c.rate_text}"
        )
        # who is also expected elsewhere at this time: the other meeting named with its number and start,
        # so the clerk can ring the right office before the day
        said = [
            f"{o.name}同一时间另有“{o.other_name}”（{o.other_number}"
            + (
                f"，{o.other_start.month}月{o.other_start.day}日{o.other_start:%H:%M}"
                if o.other_start
                else ""
            )
            + "）"
            for o in overlaps[:6]
        ]
        self.warnings.setText(
            tr("Meetings", "⚠ 时间冲突：") + "；".join(said) + ("……" if len(overlaps) > 6 else "")
            if overlaps
            else ""
        )
        self.table.setRowCount(len(people))
        for r, p in enumerate(people):
            note = (
                p.leave_reason if p.attendance == "请假" else (f"{p.substitute}代会" if p.substitute else "")
            )
            cells = (
                p.name,
                p.unit,
                p.title,
                p.role,
                "是" if p.rostrum else "",
                p.attendance + ("（迟到）" if p.late else ""),
                f"{p.arrived_at:%H:%M}" if p.arrived_at else "",
                _reply_label(p.reply),
                note,
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, p.id)
                if p.attendance == "实到":
                    item.setBackground(QBrush(QColor("#fdecea" if p.late else "#e8f5e9")))
                elif p.attendance in ("请假", "缺席"):
                    item.setForeground(QBrush(QColor("#888888")))
                self.table.setItem(r, col, item)

    def _row_menu(self, pos: QPoint) -> None:
        item = self.table.itemAt(pos)
        if item is None or not self.writer:
            return
        name = self.table.item(item.row(), 0).text()
        menu = person_menu(self, int(item.data(Qt.ItemDataRole.UserRole)), name)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def add_people(self) -> None:
        mid = self.meeting_id()
        if mid is None:
            return
        try:
            dialog = AddFromDirectory(self.services, self.actor, mid, self)
        except AppError as e:
            messages.app_error(self, e)
            return
        if dialog.exec():
            self.refresh()
        dialog.deleteLater()

    def chase(self) -> None:
        mid = self.meeting_id()
        if mid is None:
            return
        try:
            people = self.svc.chase(self.actor, mid)
        except AppError as e:
            messages.app_error(self, e)
            return
        messages.info(self, tr("Meetings", "催报回执"), chase_text(people))

    def sign_in(self) -> None:
        mid = self.meeting_id()
        text = self.query.text().strip()
        if mid is None or not text:
            return
        try:
            r = self.svc.sign_in(self.actor, mid, text)
        except AppError as e:
            self.result.setStyleSheet("color: #c62828;")
            self.result.setText(str(e))
            return
        self.query.clear()
        self.result.setStyleSheet("color: #c62828;" if r.late else "color: #2e7d32;")
        late = tr("Meetings", "，迟到") if r.late else ""
        self.result.setText(f"{r.participant.name}（{r.participant.unit}）{r.arrived_at:%H:%M} 已签到{late}")
        self.refresh()

    def print_form(self, key: str, title: str, fmt: str) -> None:
        mid = self.meeting_id()
        if mid is None:
            return
        name = self.meeting.currentText().split("  ", 1)[-1].split("（")[0]
        if fmt == "docx":
            target, _ = QFileDialog.getSaveFileName(self, title, f"{name}{title}.docx", "Word 文件 (*.docx)")
            if not target:
                return
            try:
                self.services.printing.render_form(self.actor, "meetings", key, mid, Path(target))
            except AppError as e:
                messages.app_error(self, e)
                return
            messages.info(self, title, f"已生成：{target}")
            return
        from ui.widgets.print_preview import PrintPreviewDialog

        out = Path(tempfile.mkdtemp(prefix="meeting-")) / f"{name}{title}.pdf"
        try:
            path = self.services.printing.render_form(self.actor, "meetings", key, mid, out)
        except AppError as e:
            messages.app_error(self, e)
            return
        self.preview = PrintPreviewDialog(
            Path(path), services=self.services, actor=self.actor, what=f"{name}{title}", parent=self
        )
        self.preview.open()

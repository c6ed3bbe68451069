"""值班 tab: the month's roster as a calendar (编排, 调班 and its approval, 打印本月), the duty log, the roster as a
list and the absences — each list a shared register view."""

from __future__ import annotations

import calendar as months
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.areas.duty.registers import ABSENCES, LOG, SHIFTS
from app.areas.duty.service import SERVICE as DUTY_SERVICE
from app.domain.enums import Role
from app.domain.errors import AppError
from ui import messages
from ui.areas.duty.dialogs import GenerateDialog, SwapDecisionDialog, SwapDialog
from ui.i18n import tr
from ui.widgets.register_view import RegisterView

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
HOLIDAY_BG, MAKEUP_BG, TODAY_BG = "#fdecea", "#e8f0fb", "#fff4dc"


class RosterPage(QWidget):
    """One month of the roster as a calendar; the buttons act on the month shown."""

    def __init__(self, services: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.svc = services.service(DUTY_SERVICE)
        today = date.today()
        self.month = QDateEdit(QDate(today.year, today.month, 1), self)
        self.month.setDisplayFormat("yyyy年M月")
        self.month.setCalendarPopup(True)
        self.month.dateChanged.connect(lambda *_: self.refresh())
        prev_btn, next_btn = QPushButton("◀", self), QPushButton("▶", self)
        prev_btn.setFixedWidth(32)
        next_btn.setFixedWidth(32)
        prev_btn.clicked.connect(lambda: self.month.setDate(self.month.date().addMonths(-1)))
        next_btn.clicked.connect(lambda: self.month.setDate(self.month.date().addMonths(1)))
        can_write = actor.has_role(Role.DUTY)
        self.generate_button = QPushButton(tr("Duty", "编排值班表…"), self)
        self.swap_button = QPushButton(tr("Duty", "申请调班…"), self)
        self.decide_button = QPushButton(tr("Duty", "调班审批…"), self)
        self.print_button = QPushButton(tr("Duty", "打印本月"), self)
        self.generate_button.setEnabled(can_write)
        self.swap_button.setEnabled(can_write)
        self.decide_button.setVisible(actor.has_role(Role.LEADER))
        self.generate_button.clicked.connect(self.generate)
        self.swap_button.clicked.connect(self.request_swap)
        self.decide_button.clicked.connect(self.decide_swaps)
        self.print_button.clicked.connect(self.print_month)
        top = QHBoxLayout()
        for w in (prev_btn, self.month, next_btn):
            top.addWidget(w)
        top.addStretch(1)
        for w in (self.generate_button, self.swap_button, self.decide_button, self.print_button):
            top.addWidget(w)
        self.grid = QTableWidget(6, 7, self)
        self.grid.setObjectName("roster_grid")
        self.grid.setHorizontalHeaderLabels([tr("Duty", d) for d in WEEKDAYS])
        self.grid.verticalHeader().setVisible(False)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setWordWrap(True)
        self.counts = QLabel(self)
        self.counts.setWordWrap(True)
        self.counts.setObjectName("roster_counts")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.counts)
        self.shifts: list[Any] = []
        self.refresh()

    def shown_month(self) -> tuple[date, date]:
        d = self.month.date()
        first = date(d.year(), d.month(), 1)
        return first, date(first.year, first.month, months.monthrange(first.year, first.month)[1])

    def refresh(self) -> None:
        first, last = self.shown_month()
        try:
            self.shifts = self.svc.shifts(self.actor, first, last)
            counts = self.svc.fairness(self.actor, first, last)
        except AppError as e:
            messages.app_error(self, e)
            return
        cal = self.svc.calendar
        by_day: dict[date, list[Any]] = {}
        for sh in self.shifts:
            by_day.setdefault(sh.day, []).append(sh)
        weeks = (first.weekday() + last.day + 6) // 7
        self.grid.clearContents()
        self.grid.setRowCount(weeks)
        for day_no in range(1, last.day + 1):
            day = date(first.year, first.month, day_no)
            index = first.weekday() + day_no - 1
            mark = "（班）" if day in cal.makeup_workdays else ("（休）" if day in cal.holidays else "")
            lines = [f"{day_no}{mark}"]
            for sh in by_day.get(day, []):
                slot = "" if sh.slot == "全天" else sh.slot
                lines.append(f"{slot}带班：{sh.leader}")
                lines.append(f"值班：{'、'.join(sh.staff)}")
            if len(lines) == 1:
                lines.append(tr("Duty", "（未排班）"))
            item = QTableWidgetItem("\n".join(lines))
            item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            colour = (
                TODAY_BG if day == date.today() else HOLIDAY_BG if "休" in mark else MAKEUP_BG if mark else ""
            )
            if colour:
                item.setBackground(QBrush(QColor(colour)))
            self.grid.setItem(index // 7, index % 7, item)
        parts = [
            f"{p} {sum(c.values())}（休息日{c['weekend']}、节假日{c['holiday']}）" for p, c in counts.items()
        ]
        self.counts.setText(
            tr("Duty", "本月班次：") + ("；".join(parts) if parts else tr("Duty", "本月尚未排班"))
        )

    def generate(self) -> None:
        first, last = self.shown_month()
        leaders, staff = self.svc.base_order()
        if GenerateDialog.ask(self, self.services, self.actor, first, last, leaders, staff) is not None:
            self.refresh()

    def request_swap(self) -> None:
        if SwapDialog.ask(self, self.services, self.actor, self.shifts) is not None:
            self.refresh()

    def decide_swaps(self) -> None:
        SwapDecisionDialog.ask(self, self.services, self.actor)
        self.refresh()

    def print_month(self) -> None:
        import tempfile

        from ui.widgets.print_preview import PrintPreviewDialog

        first, _ = self.shown_month()
        out = Path(tempfile.mkdtemp(prefix="roster-")) / f"值班表-{first:%Y-%m}.pdf"
        try:
            path = self.services.printing.render_form(
                self.actor, SHIFTS, "month", first.year * 100 + first.month, out
            )
        except AppError as e:
            messages.app_error(self, e)
            return
        self.preview = PrintPreviewDialog(
            Path(path), services=self.services, actor=self.actor, what=f"值班表 {first:%Y年%m月}", parent=self
        )
        self.preview.open()


class DutyTab(QTabWidget):
    def __init__(self, services: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duty_tab")
        self.roster = RosterPage(services, actor, self)
        self.addTab(self.roster, tr("Duty", "值班表"))
        self.views: dict[str, RegisterView] = {}
        for key in (LOG, SHIFTS, ABSENCES):
            view = RegisterView(services, actor, key, self)
            self.views[key] = view
            title = services.catalog.get(key).title
            self.addTab(view, title if key != SHIFTS else tr("Duty", "值班安排明细"))
            view.changed.connect(self.roster.refresh)

    def current_view(self) -> Any:
        page = self.currentWidget()
        return page if isinstance(page, RegisterView) else None

    def open_record(self, register: str, record_id: int) -> None:
        if register == SHIFTS:
            self.setCurrentWidget(self.roster)
            return
        view = self.views.get(register)
        if view is not None:
            self.setCurrentWidget(view)
            view.reveal_and_open(record_id)


TAB = DutyTab

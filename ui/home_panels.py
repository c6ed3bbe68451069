"""The home tab's side column: today's duty (值班), today's and this week's meetings (会议), the year's key
figures with their small charts. Each panel shows plain data from app.services.workbench."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.areas.duty.registers import SHIFTS
from app.services.workbench import WEEKDAYS, DutyLine, MeetingLine
from app.services.workbench_figures import YearFigures
from ui.i18n import tr
from ui.widgets.mini_charts import MonthChart, RateChart

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1


def chinese_when(when: datetime | date | None, today: date, with_time: bool = True) -> str:
    """12月3日 周四 15:30 (with the year when it is not this year's); empty for no date."""
    if when is None:
        return ""
    d = when.date() if isinstance(when, datetime) else when
    text = f"{d.month}月{d.day}日 周{WEEKDAYS[d.weekday()]}"
    if d.year != today.year:
        text = f"{d.year}年" + text
    near = {0: tr("HomeTab", "今天"), 1: tr("HomeTab", "明天")}.get((d - today).days)
    if near:
        text = near + " " + text.split(" ")[-1]
    # 00:00 / 17:30 / 23:59 only say "that day" (a date's deadline, the end of the working day)
    if (
        with_time
        and isinstance(when, datetime)
        and (when.hour, when.minute) not in ((0, 0), (17, 30), (23, 59))
    ):
        text += f" {when:%H:%M}"
    return text


def _box(title: str) -> tuple[QGroupBox, QVBoxLayout]:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(8, 6, 8, 6)
    layout.setSpacing(4)
    return box, layout


class DutyPanel(QGroupBox):
    """今日值班: the duty leader and staff of each shift today, with the duty phone."""

    record_requested = Signal(str, int)  # register, record id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("HomeTab", "今日值班"), parent)
        self.label = QLabel()
        self.label.setObjectName("duty_text")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.label)
        self.lines: tuple[DutyLine, ...] = ()

    def show_duty(self, lines: Sequence[DutyLine]) -> None:
        self.lines = tuple(lines)
        if not lines:
            self.label.setText(tr("HomeTab", "今天还没有排班。请在“值班”中排定值班表。"))
            return
        rows = []
        for line in lines:
            staff = "、".join(line.staff) or tr("HomeTab", "未排")
            phone = f"　☎ {line.phone}" if line.phone else ""
            rows.append(
                tr("HomeTab", "<b>{slot}</b>　带班领导 <b>{leader}</b>　值班 <b>{staff}</b>{phone}").format(
                    slot=line.slot, leader=line.leader or tr("HomeTab", "未排"), staff=staff, phone=phone
                )
            )
        self.label.setText("<br>".join(rows))

    def mouseDoubleClickEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        if self.lines:
            self.record_requested.emit(SHIFTS, self.lines[0].shift_id)


class MeetingsPanel(QGroupBox):
    """会议: today's meetings, then the rest of this week; double-click opens the meeting."""

    record_requested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("HomeTab", "会议"), parent)
        self.list = QListWidget()
        self.list.setObjectName("meetings_list")
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemActivated.connect(self._open)
        self.list.itemDoubleClicked.connect(self._open)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.list)

    def show_meetings(
        self, today: date, on_today: Sequence[MeetingLine], week: Sequence[MeetingLine]
    ) -> None:
        self.list.clear()
        self.setTitle(
            tr("HomeTab", "会议　今天 {a} 个 · 本周其余 {b} 个").format(a=len(on_today), b=len(week))
        )
        for heading, lines in ((tr("HomeTab", "今天"), on_today), (tr("HomeTab", "本周"), week)):
            for m in lines:
                when = (
                    f"{m.starts_at:%H:%M}"
                    if heading == tr("HomeTab", "今天")
                    else chinese_when(m.starts_at, today)
                )
                item = QListWidgetItem(f"{when}　{m.name}")
                room = f"　{m.room}" if m.room else ""
                item.setToolTip(f"{m.number}　{m.kind}{room}　{m.people} 人")
                item.setData(RECORD_ROLE, (m.register, m.meeting_id))
                self.list.addItem(item)
        if self.list.count() == 0:
            item = QListWidgetItem(tr("HomeTab", "今天和本周其余日子没有安排会议。"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)
        # as tall as its lines (up to six), not a box of white space
        row = max(18, self.list.sizeHintForRow(0))
        self.list.setFixedHeight(min(6, self.list.count()) * row + 8)

    def _open(self, item: QListWidgetItem) -> None:
        data = item.data(RECORD_ROLE)
        if data:
            self.record_requested.emit(*data)


class FiguresPanel(QWidget):
    """The year's key figures (a two-column grid, the annual report's summary figures) and the small charts
    drawn from the same numbers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box, self._layout = _box(tr("HomeTab", "本年主要数字"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.box)
        self.status = QLabel(tr("HomeTab", "正在统计…"))
        self.status.setStyleSheet("color: #666;")
        self._layout.addWidget(self.status)
        self.figures: YearFigures | None = None
        self.month_chart: MonthChart | None = None
        self.rate_chart: RateChart | None = None
        self._content: list[QWidget] = []

    def show_failure(self, message: str) -> None:
        self.status.setText(message)
        self.status.show()

    def show_figures(self, figures: YearFigures) -> None:
        self.figures = figures
        for w in self._content:
            self._layout.removeWidget(w)
            w.deleteLater()
        self._content = []
        self.box.setTitle(tr("HomeTab", "{year}年主要数字").format(year=figures.year))
        self.status.setVisible(not figures.figures)
        self.status.setText(tr("HomeTab", "您的岗位没有可统计的登记簿。"))
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        for n, f in enumerate(figures.figures):
            label = QLabel(f"{f.label} <b style='font-size:15px'>{f.value:,}</b> {f.unit}")
            label.setObjectName("figure")
            label.setToolTip(tr("HomeTab", "与年度统计报告的数字相同"))
            label.setWordWrap(True)
            grid.addWidget(label, n // 2, n % 2)
        self._add(grid_host)
        series = sorted(figures.series, key=lambda s: -s.total)[:3]
        if series:
            self.month_chart = MonthChart(tr("HomeTab", "各月登记数"), series)
            self._add(self.month_chart)
        if figures.rates:
            self.rate_chart = RateChart(tr("HomeTab", "各项比率"), figures.rates)
            self.rate_chart.setToolTip("\n".join(f"{r.label}：{r.definition}" for r in figures.rates))
            self._add(self.rate_chart)

    def _add(self, widget: QWidget) -> None:
        self._layout.addWidget(widget)
        self._content.append(widget)

"""督办通报 dialog: a period (a year, a quarter, a month or any from–to dates) and optionally one 主办单位;
预览 renders the 通报 as PDF through the print service (audited) and opens the print preview, 保存为 Word
writes the editable .docx. Bad input is told next to its field and nothing is written."""

from __future__ import annotations

import calendar
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.areas.supervision.forms import period_label, write_bulletin
from app.areas.supervision.service import SERVICE as SUPERVISION_SERVICE
from app.domain.errors import AppError, ValidationFailed
from ui import messages
from ui.i18n import tr
from ui.widgets.files import ask_save_path

ALL_UNITS = "全部单位"
KINDS = (("year", "年度"), ("quarter", "季度"), ("month", "月份"), ("range", "起止日期"))
QUARTER_NAMES = ("第一季度", "第二季度", "第三季度", "第四季度")


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


class BulletinDialog(QDialog):
    """The choice of period and unit; ``period()`` is the plain answer (start, end, unit)."""

    def __init__(self, services: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.setWindowTitle(tr("Supervision", "督办通报"))
        self.preview: Any = None
        today = date.today()
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        for key, label in KINDS:
            self.kind.addItem(tr("Supervision", label), key)
        self.year = QSpinBox(self)
        self.year.setObjectName("year")
        self.year.setRange(1949, 2100)
        self.year.setValue(today.year)
        self.quarter = QComboBox(self)
        self.quarter.setObjectName("quarter")
        self.quarter.addItems([tr("Supervision", q) for q in QUARTER_NAMES])
        self.quarter.setCurrentIndex((today.month - 1) // 3)
        self.month = QSpinBox(self)
        self.month.setObjectName("month")
        self.month.setRange(1, 12)
        self.month.setValue(today.month)
        self.month.setSuffix(tr("Supervision", "月"))
        self.start = QDateEdit(_qdate(date(today.year, 1, 1)), self)
        self.end = QDateEdit(_qdate(today), self)
        for edit, name in ((self.start, "start"), (self.end, "end")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        # the second control of the period line changes with the kind: nothing, 季度, 月份, 起止日期
        self.detail = QStackedWidget(self)
        self.detail.addWidget(QWidget(self))
        self.detail.addWidget(self.quarter)
        self.detail.addWidget(self.month)
        dates = QWidget(self)
        row = QHBoxLayout(dates)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.start)
        row.addWidget(QLabel(tr("Supervision", "至"), dates))
        row.addWidget(self.end)
        self.detail.addWidget(dates)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.unit = QComboBox(self)
        self.unit.setObjectName("unit")
        self.unit.setEditable(True)  # a long list: typing filters it
        self.unit.addItem(tr("Supervision", ALL_UNITS), "")
        for u in services.service(SUPERVISION_SERVICE).units(actor):
            self.unit.addItem(u, u)
        self.period_error = self._error_label("period_error")
        self.unit_error = self._error_label("unit_error")
        self.shown = QLabel(self)
        self.shown.setObjectName("shown")
        for w in (self.kind, self.year, self.quarter, self.month, self.start, self.end, self.unit):
            signal = getattr(w, "currentIndexChanged", None) or getattr(w, "valueChanged", None)
            if signal is None:
                signal = w.dateChanged  # type: ignore[attr-defined]
            signal.connect(self._update_shown)
        self.unit.editTextChanged.connect(self._update_shown)

        form = QFormLayout()
        period = QHBoxLayout()
        period.addWidget(self.kind)
        period.addWidget(self.year)
        period.addWidget(self.detail, 1)
        form.addRow(tr("Supervision", "统计期间"), period)
        form.addRow("", self.period_error)
        form.addRow(tr("Supervision", "主办单位"), self.unit)
        form.addRow("", self.unit_error)
        self.preview_button = QPushButton(tr("Supervision", "预览并打印…"), self)
        self.preview_button.setObjectName("preview")
        self.word_button = QPushButton(tr("Supervision", "保存为 Word…"), self)
        self.word_button.setObjectName("word")
        close = QPushButton(tr("Supervision", "关闭"), self)
        self.preview_button.clicked.connect(self.show_preview)
        self.word_button.clicked.connect(self.save_word)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.preview_button, self.word_button, close):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.shown)
        layout.addLayout(buttons)
        self._kind_changed()

    def _error_label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setStyleSheet("color:#b00020")
        label.setVisible(False)
        return label

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.year.setVisible(kind != "range")
        self.detail.setCurrentIndex([k for k, _ in KINDS].index(kind))
        self._update_shown()

    def _update_shown(self, *_: Any) -> None:
        for label in (self.period_error, self.unit_error):
            label.setVisible(False)
        try:
            start, end, unit = self.period()
        except ValidationFailed as e:
            self._show_errors(e)
            self.shown.setText("")
            return
        self.shown.setText(
            tr("Supervision", "将生成：{0}，{1}").format(period_label(start, end), unit or ALL_UNITS)
        )

    def period(self) -> tuple[date, date, str]:
        """(start, end, unit) as chosen; "" = every unit. Raises ValidationFailed for dates out of order."""
        kind, year = self.kind.currentData(), self.year.value()
        if kind == "year":
            start, end = date(year, 1, 1), date(year, 12, 31)
        elif kind == "quarter":
            q = self.quarter.currentIndex() + 1
            start = date(year, 3 * q - 2, 1)
            end = date(year, 3 * q, calendar.monthrange(year, 3 * q)[1])
        elif kind == "month":
            m = self.month.value()
            start, end = date(year, m, 1), date(year, m, calendar.monthrange(year, m)[1])
        else:
            start, end = self.start.date().toPython(), self.end.date().toPython()
            if end < start:
                raise ValidationFailed({"period": "结束日期不能早于开始日期"})
        text = self.unit.currentText().strip()
        unit = "" if text in ("", ALL_UNITS, tr("Supervision", ALL_UNITS)) else text
        return start, end, unit

    def _show_errors(self, e: ValidationFailed) -> None:
        errors = dict(e.errors)
        unit = errors.pop("unit", "")
        self.unit_error.setText(unit)
        self.unit_error.setVisible(bool(unit))
        rest = "；".join(errors.values())
        self.period_error.setText(rest)
        self.period_error.setVisible(bool(rest))

    def _write(self, out: Path, fmt: str) -> Path | None:
        try:
            start, end, unit = self.period()
            return write_bulletin(self.services, self.actor, start, end, out, unit=unit, fmt=fmt)
        except ValidationFailed as e:
            self._show_errors(e)
        except AppError as e:
            messages.app_error(self, e)
        return None

    def _title(self) -> str:
        start, end, unit = self.period()
        return f"{unit}{period_label(start, end)}督办通报"

    def show_preview(self) -> None:
        """The 通报 as PDF through the print service (audited), in the print preview (打印… audited too)."""
        from ui.widgets.print_preview import PrintPreviewDialog

        try:
            title = self._title()
        except ValidationFailed as e:
            self._show_errors(e)
            return
        out = Path(tempfile.mkdtemp(prefix="bulletin-")) / f"{title}.pdf"
        path = self._write(out, "pdf")
        if path is None:
            return
        self.preview = PrintPreviewDialog(
            path, services=self.services, actor=self.actor, what=title, parent=self
        )
        self.preview.open()

    def save_word(self) -> Path | None:
        try:
            title = self._title()
        except ValidationFailed as e:
            self._show_errors(e)
            return None
        target = ask_save_path(self, tr("Supervision", "保存督办通报"), f"{title}.docx", "Word (*.docx)")
        if target is None:
            return None
        path = self._write(target, "docx")
        if path is not None:
            messages.info(self, tr("Supervision", "督办通报"), tr("Supervision", "已保存：{0}").format(path))
        return path

    @classmethod
    def ask(cls, parent: QWidget | None, services: Any, actor: Any) -> None:
        cls(services, actor, parent).exec()

"""One editor per field kind for the form dialog and the filter bar. Editors hand back the RAW text the
user typed (app.kit.registers.values does the coercion), so bad input gets a message instead of being
impossible to type."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from app.domain.dates import DateParseError, parse_datetime
from app.kit.registers.base import BOOL, CHOICE, DATE, DATETIME, INT, MULTILINE, Field
from ui.i18n import tr


class DateLineEdit(QWidget):
    """A line edit taking 2026-3-5, 2026.03.05 or 2026年3月5日, with a calendar button; may be empty."""

    editingFinished = Signal()

    def __init__(self, with_time: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.with_time = with_time
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(
            tr("DateLineEdit", "如 2026-03-05")
            if not with_time
            else tr("DateLineEdit", "如 2026-03-05 09:30")
        )
        self.line.setClearButtonEnabled(True)
        self.button = QToolButton(self)
        self.button.setText("▾")
        self.button.setToolTip(tr("DateLineEdit", "从日历中选择"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        menu = QMenu(self.button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._sync_calendar)
        self.button.setMenu(menu)
        self.calendar.clicked.connect(self._picked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)
        self.line.editingFinished.connect(self.editingFinished)

    def text(self) -> str:
        return self.line.text()

    def setText(self, text: str) -> None:
        self.line.setText(text)

    def set_value(self, value: date | datetime | None) -> None:
        if value is None:
            self.line.clear()
        elif isinstance(value, datetime) and self.with_time:
            self.line.setText(value.strftime("%Y-%m-%d %H:%M"))
        else:
            self.line.setText(value.strftime("%Y-%m-%d"))

    def value(self) -> date | None:
        """The typed date, None when empty or not a date (the validators report why)."""
        try:
            return parse_datetime(self.line.text()).date() if self.line.text().strip() else None
        except DateParseError:
            return None

    def setReadOnly(self, read_only: bool) -> None:
        self.line.setReadOnly(read_only)
        self.button.setEnabled(not read_only)

    def _sync_calendar(self) -> None:
        current = self.value() or date.today()
        self.calendar.setSelectedDate(QDate(current.year, current.month, current.day))

    def _picked(self, qdate: QDate) -> None:
        time_part = ""
        if self.with_time:
            try:
                time_part = parse_datetime(self.line.text()).strftime(" %H:%M")
            except DateParseError:
                time_part = " 00:00"
        self.line.setText(qdate.toString("yyyy-MM-dd") + time_part)
        self.button.menu().hide()
        self.editingFinished.emit()


class FieldEditor(QObject):
    """Wraps the widget of one field: raw() for validation, set_value() from a stored value, and a
    ``left`` signal when focus leaves it (validation on leaving the field)."""

    left = Signal(str)

    def __init__(self, field: Field, widget: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.widget = widget
        focus = widget.focusProxy() or widget
        focus.installEventFilter(self)
        if isinstance(widget, DateLineEdit):
            widget.editingFinished.connect(lambda: self.left.emit(self.field.name))
        elif isinstance(widget, (QComboBox, QCheckBox)):
            signal = widget.currentIndexChanged if isinstance(widget, QComboBox) else widget.toggled
            signal.connect(lambda *_: self.left.emit(self.field.name))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and not isinstance(self.widget, DateLineEdit):
            self.left.emit(self.field.name)
        return False

    def raw(self) -> Any:
        w = self.widget
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QComboBox):
            return w.currentData() or ""
        if isinstance(w, QCheckBox):
            return w.isChecked()
        return w.text()  # QLineEdit, DateLineEdit

    def set_value(self, value: Any) -> None:
        w = self.widget
        if isinstance(w, QPlainTextEdit):
            w.setPlainText("" if value is None else str(value))
        elif isinstance(w, QComboBox):
            i = w.findData(value if value is not None else "")
            w.setCurrentIndex(max(i, 0))
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, DateLineEdit):
            w.set_value(value)
        else:
            w.setText("" if value is None else str(value))

    def set_read_only(self, read_only: bool) -> None:
        w = self.widget
        if isinstance(w, (QLineEdit, QPlainTextEdit, DateLineEdit)):
            w.setReadOnly(read_only)
        else:
            w.setEnabled(not read_only)


def make_editor(
    field: Field,
    parent: QWidget | None = None,
    completions: list[str] | Callable[[], list[str]] | None = None,
) -> FieldEditor:
    """The widget for one field kind (the form dialog adds labels and error lines around it)."""
    widget: QWidget
    if field.kind == MULTILINE:
        box = QPlainTextEdit(parent)
        box.setTabChangesFocus(True)
        box.setFixedHeight(72)
        box.setPlaceholderText(field.placeholder)
        widget = box
    elif field.kind in (DATE, DATETIME):
        widget = DateLineEdit(field.kind == DATETIME, parent)
        if field.placeholder:
            widget.line.setPlaceholderText(field.placeholder)
    elif field.kind == CHOICE:
        combo = QComboBox(parent)
        if not field.required:
            combo.addItem("", "")
        for member in field.choices or ():
            combo.addItem(member.label, member.value)
        widget = combo
    elif field.kind == BOOL:
        widget = QCheckBox(parent)
    else:
        line = QLineEdit(parent)
        line.setPlaceholderText(field.placeholder or (tr("FieldEditor", "整数") if field.kind == INT else ""))
        if field.max_length and field.kind != INT:
            line.setMaxLength(field.max_length + 50)  # over-long text still gets the validator's message
        if field.autocomplete and completions:
            from ui.widgets.completer import PinyinCompleter

            PinyinCompleter(completions, line)
        widget = line
    widget.setObjectName(f"field_{field.name}")
    return FieldEditor(field, widget, widget)

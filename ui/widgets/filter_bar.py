"""The filter bar of a register view, built from register.filter_fields and register.filters: choice
fields → combobox with 全部; the date field → year and from–to range; autocomplete text → line edit;
custom filters → checkable buttons; plus 显示作废. ``filters()`` is the dict RegisterService.page takes."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from app.domain.dates import DateParseError, parse_datetime
from app.kit.registers.base import BOOL, CHOICE, DATE, DATETIME, Register
from ui.i18n import tr
from ui.widgets.editors import DateLineEdit
from ui.widgets.flow_layout import FlowLayout

YEARS_BACK = 15


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, register: Register, completions: Any = None, parent: QWidget | None = None) -> None:
        """``completions(field_name) -> list[str]`` gives earlier values for text filters."""
        super().__init__(parent)
        self.register = register
        self.combos: dict[str, QComboBox] = {}
        self.ranges: dict[str, tuple[DateLineEdit, DateLineEdit]] = {}
        self.texts: dict[str, QLineEdit] = {}
        self.custom: dict[str, QPushButton] = {}
        self.year: QComboBox | None = None
        # Wraps onto a second line rather than forcing the window wider than a 1366-pixel screen.
        layout = FlowLayout(self, spacing=6)

        if register.numbering is not None:
            # The year of the number (编号年度): what offices mean by "this year's register".
            self.year = QComboBox(self)
            self.year.setObjectName("filter_year")
            self.year.addItem(tr("FilterBar", "全部年度"), None)
            this_year = date.today().year
            for y in range(this_year + 1, this_year - YEARS_BACK, -1):
                self.year.addItem(tr("FilterBar", "{0}年").format(y), y)
            self.year.currentIndexChanged.connect(self.changed)
            layout.addWidget(self.year)

        for f in register.filter_fields:
            if f.kind in (CHOICE, BOOL):
                combo = QComboBox(self)
                combo.setObjectName(f"filter_{f.name}")
                combo.addItem(tr("FilterBar", "{0}：全部").format(f.label), None)
                if f.kind == BOOL:
                    combo.addItem(tr("FilterBar", "{0}：是").format(f.label), True)
                    combo.addItem(tr("FilterBar", "{0}：否").format(f.label), False)
                else:
                    for member in f.choices or ():
                        combo.addItem(member.label, member.value)
                combo.currentIndexChanged.connect(self.changed)
                self.combos[f.name] = combo
                layout.addWidget(combo)
            elif f.kind in (DATE, DATETIME):
                # Label and both bounds in one box: a wrap never separates "起" from "止".
                box = QWidget(self)
                row = QHBoxLayout(box)
                row.setContentsMargins(0, 0, 0, 0)
                row.setSpacing(4)
                start, end = DateLineEdit(parent=box), DateLineEdit(parent=box)
                for w, hint in ((start, "起"), (end, "止")):
                    w.line.setPlaceholderText(tr("FilterBar", hint))
                    w.setToolTip(tr("FilterBar", "{0}{1}，如 2026-03-05").format(f.label, hint))
                    w.setFixedWidth(w.fontMetrics().horizontalAdvance("2026-03-05") + 46)
                    w.editingFinished.connect(self.changed)
                    w.line.textChanged.connect(self._maybe_cleared)
                start.setObjectName(f"filter_{f.name}_from")
                end.setObjectName(f"filter_{f.name}_to")
                row.addWidget(QLabel(f.label + "：", box))
                row.addWidget(start)
                row.addWidget(QLabel("—", box))
                row.addWidget(end)
                layout.addWidget(box)
                self.ranges[f.name] = (start, end)
            else:
                line = QLineEdit(self)
                line.setObjectName(f"filter_{f.name}")
                line.setPlaceholderText(f.label)
                line.setToolTip(f.label)
                line.setClearButtonEnabled(True)
                line.setFixedWidth(max(110, line.fontMetrics().horizontalAdvance(f.label) + 40))
                if f.autocomplete and completions is not None:
                    from ui.widgets.completer import PinyinCompleter

                    completer = PinyinCompleter(lambda name=f.name: completions(name), line)
                    completer.activated[str].connect(lambda _t: self.changed.emit())
                line.editingFinished.connect(self.changed)
                line.textChanged.connect(self._maybe_cleared)
                self.texts[f.name] = line
                layout.addWidget(line)

        for c in register.filters:
            button = _compact(QPushButton(c.label, self))
            button.setObjectName(f"filter_{c.name}")
            button.setCheckable(True)
            button.toggled.connect(self.changed)
            self.custom[c.name] = button
            layout.addWidget(button)

        self.show_voided = QCheckBox(tr("FilterBar", "显示作废"), self)
        self.show_voided.setObjectName("filter_show_voided")
        self.show_voided.toggled.connect(self.changed)
        layout.addWidget(self.show_voided)
        self.clear_button = _compact(QPushButton(tr("FilterBar", "清除筛选"), self))
        self.clear_button.clicked.connect(self.clear)
        layout.addWidget(self.clear_button)

    def _maybe_cleared(self, text: str) -> None:
        if not text:  # the clear button: apply at once, nobody presses Enter on an empty box
            self.changed.emit()

    def filters(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        if self.year is not None and self.year.currentData() is not None:
            result["year"] = self.year.currentData()
        for name, combo in self.combos.items():
            if combo.currentData() is not None:
                result[name] = combo.currentData()
        for name, (start, end) in self.ranges.items():
            low, high = _date_or_none(start.text()), _date_or_none(end.text())
            if low or high:
                if self.register.field(name).kind == DATETIME:
                    from datetime import datetime, time

                    low = datetime.combine(low, time.min) if low else None
                    high = datetime.combine(high, time.max) if high else None
                result[name] = (low, high)
        for name, line in self.texts.items():
            if line.text().strip():
                result[name] = line.text().strip()
        for name, button in self.custom.items():
            if button.isChecked():
                result[name] = True
        if not self.show_voided.isChecked():
            result["voided"] = False
        return result

    def clear(self) -> None:
        self.blockSignals(True)
        try:
            if self.year is not None:
                self.year.setCurrentIndex(0)
            for combo in self.combos.values():
                combo.setCurrentIndex(0)
            for start, end in self.ranges.values():
                start.line.clear()
                end.line.clear()
            for line in self.texts.values():
                line.clear()
            for button in self.custom.values():
                button.setChecked(False)
            self.show_voided.setChecked(False)
        finally:
            self.blockSignals(False)
        self.changed.emit()


def _compact(button: QPushButton) -> QPushButton:
    """As wide as its text: the style's 80-pixel minimum for push buttons would push the bar onto more lines."""
    button.setFixedWidth(button.fontMetrics().horizontalAdvance(button.text()) + 24)
    return button


def _date_or_none(text: str) -> date | None:
    try:
        return parse_datetime(text).date() if text.strip() else None
    except DateParseError:
        return None  # an unreadable bound is ignored rather than filtering everything away

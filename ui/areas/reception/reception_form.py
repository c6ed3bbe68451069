"""The 公务接待 form: the declared fields, and the 接待对象 and 行程 as tables (a row per guest, a row per
itinerary item), saved with the reception in one transaction; a bad row is named under its table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.areas.reception.service import SERVICE as RECEPTION_SERVICE
from app.areas.reception.vocab import GuestLevel
from ui.i18n import tr
from ui.widgets.form_dialog import ERROR_STYLE, FormDialog

GUEST_COLUMNS = (("name", "姓名"), ("unit", "单位"), ("title", "职务"), ("level", "级别"))
STOP_COLUMNS = (
    ("day", "日期"),
    ("time", "时间"),
    ("place", "地点"),
    ("activity", "活动"),
    ("escort", "陪同"),
)


class RowsEditor(QGroupBox):
    """A small table the clerk fills row by row (增加一行 / 删除所选行); ``rows()`` gives plain dicts."""

    def __init__(
        self,
        title: str,
        columns: Sequence[tuple[str, str]],
        name: str,
        parent: QWidget | None = None,
        *,
        choices: Mapping[str, Sequence[str]] | None = None,
        placeholder: str = "",
    ) -> None:
        super().__init__(tr("Reception", title), parent)
        self.setObjectName(f"rows_{name}")
        self.columns = tuple(columns)
        self.choices = dict(choices or {})
        self.table = QTableWidget(0, len(self.columns), self)
        self.table.setObjectName(f"table_{name}")
        self.table.setHorizontalHeaderLabels([tr("Reception", label) for _, label in self.columns])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(150)
        self.table.setToolTip(tr("Reception", placeholder))
        add = QPushButton(tr("Reception", "增加一行"), self)
        add.setObjectName(f"add_{name}")
        add.clicked.connect(lambda: self.add_row())
        remove = QPushButton(tr("Reception", "删除所选行"), self)
        remove.clicked.connect(self.remove_selected)
        self.error = QLabel(self)
        self.error.setObjectName(f"error_{name}")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(tr("Reception", placeholder), self), 1)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.error)

    def add_row(self, values: Mapping[str, Any] | None = None) -> int:
        values = values or {}
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, (name, _label) in enumerate(self.columns):
            value = values.get(name)
            text = "" if value in (None, "") else str(value)
            if name in self.choices:
                box = QComboBox(self.table)
                box.addItems(["", *self.choices[name]])
                box.setCurrentText(text)
                self.table.setCellWidget(row, col, box)
            else:
                self.table.setItem(row, col, QTableWidgetItem(text))
        return row

    def set_rows(self, rows: Sequence[Mapping[str, Any]]) -> None:
        self.table.setRowCount(0)
        for r in rows:
            self.add_row(r)

    def remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def cell(self, row: int, col: int) -> str:
        widget = self.table.cellWidget(row, col)
        if isinstance(widget, QComboBox):
            return widget.currentText()
        item = self.table.item(row, col)
        return item.text().strip() if item is not None else ""

    def rows(self) -> list[dict[str, str]]:
        return [
            {name: self.cell(row, col) for col, (name, _label) in enumerate(self.columns)}
            for row in range(self.table.rowCount())
        ]

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))


class ReceptionFormDialog(FormDialog):
    """登记/修改公务接待 with the 接待对象 and 行程 tables under the declared fields."""

    def __init__(self, services: Any, actor: Any, register_key: str, record: Any = None, parent: Any = None):
        super().__init__(services, actor, register_key, record, parent)
        levels = [lv.label for lv in GuestLevel]
        self.guests = RowsEditor(
            "接待对象（来宾名单）", GUEST_COLUMNS, "guests", self, choices={"level": levels},
            placeholder="一行一人；级别不填即按接待对象级别",
        )  # fmt: skip
        self.itinerary = RowsEditor(
            "行程安排", STOP_COLUMNS, "itinerary", self, placeholder="日期如 2026-04-10；时间如 上午 9:00"
        )
        self.add_extra(self.guests)
        self.add_extra(self.itinerary)
        self.resize(max(self.width(), 760), self.height())
        if record is not None:
            arr = services.service(RECEPTION_SERVICE).arrangements(actor, record.id)
            self.guests.set_rows([g.__dict__ for g in arr.guests])
            self.itinerary.set_rows(
                [{**t.__dict__, "day": t.day.isoformat() if t.day else ""} for t in arr.itinerary]
            )
        else:
            self.guests.add_row()
            self.itinerary.add_row()

    def show_errors(self, errors: Mapping[str, str], only: set[str] | None = None) -> None:
        rest = {k: v for k, v in errors.items() if k not in ("guests", "itinerary")}
        super().show_errors(rest, only)
        if only is None:
            self.guests.show_error(errors.get("guests", ""))
            self.itinerary.show_error(errors.get("itinerary", ""))

    def save(self, raw: Mapping[str, Any]) -> Any:
        svc = self.services.service(RECEPTION_SERVICE)
        self.guests.show_error("")  # a refusal puts the messages back (show_errors)
        self.itinerary.show_error("")
        return svc.save_reception(
            self.actor,
            None if self.record is None else self.record.id,
            raw,
            self.guests.rows(),
            self.itinerary.rows(),
            expected_version=self.expected_version,
        )

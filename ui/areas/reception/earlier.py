"""A petitioner's earlier cases (重复信访) where a clerk decides on a case: in the case's details and on its
受理/不予受理 step, each row opening that earlier case's own details."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from app.areas.reception.service import SERVICE as RECEPTION_SERVICE
from app.domain.errors import AppError
from ui import messages
from ui.i18n import tr
from ui.widgets.step_dialog import StepDialog
from ui.widgets.workflow_page import RecordDetailDialog

HEADERS = ("编号", "登记日期", "信访人", "反映问题", "状态", "相同")


class EarlierCases(QWidget):
    """The table of earlier cases; ``opened`` carries the id of the case double-clicked (or Enter)."""

    opened = Signal(int)

    def __init__(self, services: Any, actor: Any, record_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("earlier_cases")
        try:
            self.cases = services.service(RECEPTION_SERVICE).earlier_cases_of(actor, record_id)
        except AppError:
            self.cases = []  # a reader without the 信访接待 role sees no other cases of the person
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self)
        if self.cases:
            self.title.setText(
                tr("Reception", "<b>该信访人既往信访 {n} 件</b>（双击打开）").format(n=len(self.cases))
            )
        else:
            self.title.setText(tr("Reception", "该信访人没有其他信访件在册"))
        layout.addWidget(self.title)
        self.table = QTableWidget(len(self.cases), len(HEADERS), self)
        self.table.setObjectName("earlier_table")
        self.table.setHorizontalHeaderLabels([tr("Reception", h) for h in HEADERS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        for row, c in enumerate(self.cases):
            cells = (c.number, f"{c.registered_on or ''}", c.petitioner, c.summary, c.state, c.matched_by)
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        rows = min(max(len(self.cases), 1), 4)
        self.table.setMaximumHeight(
            self.table.horizontalHeader().sizeHint().height()
            + self.table.verticalHeader().defaultSectionSize() * rows
            + 6
        )
        self.table.setVisible(bool(self.cases))
        self.table.cellDoubleClicked.connect(lambda row, _col: self.open_row(row))
        self.table.itemActivated.connect(lambda item: self.open_row(item.row()))
        layout.addWidget(self.table)

    def open_row(self, row: int) -> None:
        if 0 <= row < len(self.cases):
            self.opened.emit(self.cases[row].id)


def open_case(services: Any, actor: Any, record_id: int, parent: QWidget | None) -> None:
    try:
        PetitionDetailDialog(services, actor, record_id, parent).exec()
    except AppError as e:
        messages.app_error(parent, e)


class PetitionDetailDialog(RecordDetailDialog):
    """详情与办理经过 of a 信访件, with the petitioner's earlier cases above the history."""

    def __init__(self, services: Any, actor: Any, record_id: int, parent: QWidget | None = None) -> None:
        super().__init__(services, actor, "petitions", record_id, None, parent)
        self.earlier = EarlierCases(services, actor, record_id, self)
        self.earlier.opened.connect(lambda rid: open_case(services, actor, rid, self))
        layout = self.layout()
        layout.insertWidget(layout.count() - 3, self.earlier)  # before 办理经过, its table and Close


class PetitionStepDialog(StepDialog):
    """受理 / 不予受理 with the petitioner's earlier cases shown while deciding."""

    def __init__(self, services: Any, actor: Any, register: str, record_id: int, step: str, **kw: Any):
        super().__init__(services, actor, register, record_id, step, **kw)
        self.earlier = EarlierCases(services, actor, record_id, self)
        self.earlier.opened.connect(lambda rid: open_case(services, actor, rid, self))
        self.layout().insertWidget(0, self.earlier)
        if self.earlier.cases:
            self.resize(max(self.width(), 720), self.height() + self.earlier.sizeHint().height())

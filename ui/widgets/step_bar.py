"""The generic step bar of a workflow register: one button per declared step, enabled when this user may
take it on the selected record in its current state (the tooltip says why not), each opening the step
dialog; and the history table (步骤, 时间, 办理人, 内容) every workflow register shows."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableWidget, QTableWidgetItem, QWidget

from app.domain.errors import AppError
from ui import messages
from ui.i18n import tr
from ui.widgets.step_dialog import StepDialog


class StepBar(QWidget):
    """``record()`` gives the selected record (plain data) or None; ``stepped`` carries the StepResult."""

    stepped = Signal(object)

    def __init__(
        self,
        services: Any,
        actor: Any,
        register: str,
        record: Callable[[], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.actor, self.register = services, actor, register
        self.record = record
        self.buttons: dict[str, QPushButton] = {}  # by step key
        # an area's own dialog for a step (a StepDialog subclass showing more, e.g. a petitioner's earlier
        # cases on 受理), by step key
        self.dialogs: dict[str, type[StepDialog]] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for info in services.workflow.steps_for(actor, register, None):
            b = QPushButton(tr("StepBar", info.label), self)
            b.setObjectName(f"step_{info.key}")
            b.clicked.connect(lambda _=False, key=info.key: self.run(key))
            self.buttons[info.key] = b
            row.addWidget(b)
        self.layout_row = row
        self.refresh()

    def refresh(self) -> None:
        """Enable the steps allowed now (call when the selection or the record changes)."""
        try:
            infos = self.services.workflow.steps_for(self.actor, self.register, self.record())
        except AppError:
            infos = []
        for info in infos:
            b = self.buttons[info.key]
            b.setEnabled(info.allowed)
            b.setToolTip("" if info.allowed else info.why)

    def button(self, label: str) -> QPushButton:
        """The button of a step by its Chinese label (拟办 …)."""
        return next(b for b in self.buttons.values() if b.text() == label)

    def run(self, step: str, values: Mapping[str, Any] | None = None) -> Any:
        """Take the step on the selected record: ask for its fields (or take ``values``, as scripts and
        tests do); refusals are shown in Chinese. Returns the StepResult or None."""
        record = self.record()
        if record is None:
            messages.info(self, tr("StepBar", "办理"), tr("StepBar", "请先选中一条记录"))
            return None
        if values is None:
            result = self.dialogs.get(step, StepDialog).ask(
                self,
                self.services,
                self.actor,
                self.register,
                record.id,
                step,
                expected_version=record["version"],
            )
        else:
            try:
                result = self.services.workflow.run(
                    self.actor, self.register, record.id, step, values, expected_version=record["version"]
                )
            except AppError as e:
                messages.app_error(self, e)
                return None
        if result is not None:
            self.stepped.emit(result)
        return result


HISTORY_HEADERS = ("步骤", "时间", "办理人", "内容")


def history_rows(entries: Sequence[Any]) -> list[tuple[str, str, str, str]]:
    return [
        (
            h.label,
            f"{h.at:%Y-%m-%d %H:%M}" if h.at else "",
            h.actor_name,
            "；".join(f"{label}：{text}" for label, text in h.items),
        )
        for h in entries
    ]


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], name: str, parent: QWidget) -> QTableWidget:
    """A read-only table of short rows; the last column takes the spare width, long texts as tooltips."""
    t = QTableWidget(len(rows), len(headers), parent)
    t.setObjectName(name)
    t.setHorizontalHeaderLabels([tr("StepBar", h) for h in headers])
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setStretchLastSection(True)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.setWordWrap(False)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(str(text))
            item.setToolTip(str(text))
            t.setItem(r, c, item)
    t.resizeColumnsToContents()
    for c in range(len(headers) - 1):
        t.setColumnWidth(c, max(t.columnWidth(c), 72))
    return t


def history_table(entries: Sequence[Any], parent: QWidget) -> QTableWidget:
    return table(HISTORY_HEADERS, history_rows(entries), "history", parent)

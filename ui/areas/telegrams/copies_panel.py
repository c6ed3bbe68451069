"""The copies (份号) of the selected telegram: status, holder, due time and reading steps, with the
签收 / 送阅 / 收回 / 清退 steps of the telegram's declared workflow (generic step dialog, shared history)
and 销毁造册 (a batch over many telegrams, through services.copies)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import messages
from ui.areas.telegrams.dialogs import DestructionDialog
from ui.i18n import tr
from ui.widgets.step_dialog import StepDialog

HEADERS = ("份号", "状态", "持有人", "签收", "应退时间", "阅电记录", "清退")


def _t(v: Any) -> str:
    return f"{v:%m-%d %H:%M}" if v else ""


class CopiesPanel(QWidget):
    def __init__(self, services: Any, actor: Any, register_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor, self.register_key = services, actor, register_key
        self.record_id: int | None = None
        self.label = ""
        self.copies: list[Any] = []
        self.title = QLabel(tr("Telegrams", "文件份（选中一份电报后显示）"), self)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setObjectName("copies_table")
        self.table.setHorizontalHeaderLabels([tr("Telegrams", h) for h in HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        for i, w in enumerate((70, 110, 80, 120, 95, 360, 260)):
            self.table.setColumnWidth(i, w)
        # The reading record (who read it, 圈阅/批示) is what the 机要 clerk reads here: it takes the spare width.
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        buttons = self.button_row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        can_write = actor.has_role(*services.catalog.get(register_key).write_roles)
        for key, text, slot in (
            ("sign", "签收", self.sign),
            ("send", "送阅…", self.send),
            ("take_back", "收回…", self.take_back),
            ("return", "清退…", self.return_copy),
            ("destroy", "销毁造册…", self.destroy),
        ):
            b = QPushButton(tr("Telegrams", text), self)
            b.setObjectName(f"copy_{key}")
            b.clicked.connect(slot)
            b.setEnabled(can_write)
            buttons.addWidget(b)
            self.buttons[key] = b
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def show_record(self, record_id: int | None, label: str = "") -> None:
        self.record_id, self.label = record_id, label
        self.copies = []
        if record_id is not None:
            try:
                self.copies = self.services.copies.copies(self.actor, self.register_key, record_id)
            except Exception as e:  # noqa: BLE001 — shown to the user, the panel stays usable
                messages.app_error(self, e)
        self.title.setText(
            tr("Telegrams", "{0} 的文件份：共{1}份").format(label, len(self.copies))
            if label
            else tr("Telegrams", "文件份（选中一份电报后显示）")
        )
        self.table.setRowCount(len(self.copies))
        red = QBrush(QColor("#b00020"))
        for row, c in enumerate(self.copies):
            reads = "；".join(
                f"{s.reader}{'（在阅）' if s.is_open else s.remark_label}"
                + (f"：{s.remark}" if s.remark else "")
                for s in c.steps
            )
            ret = f"{c.returned_by}→{c.received_by} {_t(c.returned_at)}" if c.returned_at else ""
            if c.destruction_number:
                ret += f"；{c.destruction_number}销毁"
            status = c.status + (tr("Telegrams", "（超期）") if c.overdue else "")
            for col, text in enumerate(
                (
                    c.copy_no,
                    status,
                    c.holder,
                    f"{c.signed_by} {_t(c.signed_at)}".strip(),
                    _t(c.due_back),
                    reads,
                    ret,
                )
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if c.overdue:
                    item.setForeground(red)
                self.table.setItem(row, col, item)

    def _current(self) -> Any:
        row = self.table.currentRow()
        if 0 <= row < len(self.copies):
            return self.copies[row]
        messages.info(self, tr("Telegrams", "文件份"), tr("Telegrams", "请先选中一份（份号）"))
        return None

    def _run(self, action: Callable[[], Any]) -> None:
        try:
            action()
        except Exception as e:  # noqa: BLE001 — typed domain errors shown in Chinese
            messages.app_error(self, e)
        row = self.table.currentRow()
        self.show_record(self.record_id, self.label)
        if row >= 0:
            self.table.selectRow(row)

    def _step(self, step: str, *, hidden: tuple[str, ...] = ("copy_no",)) -> None:
        """A copy step of the telegram's declared workflow on the selected copy (the generic dialog)."""
        c = self._current()
        if not c:
            return
        subtitle = tr("Telegrams", "{0} 第{1}份").format(self.label, c.copy_no)
        self._run(
            lambda: StepDialog.ask(
                self,
                self.services,
                self.actor,
                self.register_key,
                c.record_id,
                step,
                extra={"copy_id": c.id},
                hidden=hidden,
                subtitle=subtitle,
            )
        )

    def sign(self) -> None:
        """签收 by the clerk at the desk: no questions, the step's defaults (who, now)."""
        c = self._current()
        if c:
            self._run(
                lambda: self.services.workflow.run(
                    self.actor, self.register_key, c.record_id, "sign_copy", {}, extra={"copy_id": c.id}
                )
            )

    def send(self) -> None:
        self._step("send_copy")

    def take_back(self) -> None:
        self._step("take_back", hidden=("copy_no", "reader"))

    def return_copy(self) -> None:
        self._step("return_copy")

    def destroy(self) -> None:
        try:
            candidates = self.services.copies.destroyable(self.actor, self.register_key)
        except Exception as e:  # noqa: BLE001
            messages.app_error(self, e)
            return
        if not candidates:
            messages.info(self, tr("Telegrams", "销毁造册"), tr("Telegrams", "没有已清退待销毁的文件份"))
            return
        values = DestructionDialog.ask(self, candidates)
        if values is not None:

            def run() -> None:
                batch = self.services.copies.destroy_batch(self.actor, **values)
                messages.info(
                    self,
                    tr("Telegrams", "销毁造册"),
                    tr("Telegrams", "已登记{0}，共{1}份。可在“打印→销毁清册”中打印。").format(
                        batch.number, len(batch.copies)
                    ),
                )

            self._run(run)

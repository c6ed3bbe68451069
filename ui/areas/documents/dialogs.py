"""收发文 dialogs: registration forms that go through the workflow services and the detail dialog with the
批示 and the whole history (the step dialogs are the generic ones of ui.widgets.step_dialog)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ui import messages
from ui.i18n import tr
from ui.widgets.form_dialog import FormDialog
from ui.widgets.screen import resize_to_fit
from ui.widgets.step_bar import history_table
from ui.widgets.step_bar import table as small_table


class IncomingFormDialog(FormDialog):
    """收文 registration: saved through 签收+登记 so state, history and the duplicate warning apply."""

    def save(self, raw: Mapping[str, Any]) -> Any:
        docs = self.services.service("documents").incoming
        result = (
            docs.receive(self.actor, raw, then=self.in_transaction)
            if self.record is None
            else docs.register(self.actor, self.record.id, raw, expected_version=self.expected_version)
        )
        for w in result.warnings:
            messages.warn(self, tr("Documents", "请核对"), w)
        return result.record


class OutgoingFormDialog(FormDialog):
    """发文稿纸: new drafts through 拟稿; edits through update_draft (refused once signed)."""

    def save(self, raw: Mapping[str, Any]) -> Any:
        docs = self.services.service("documents").outgoing
        result = (
            docs.draft(self.actor, raw)
            if self.record is None
            else docs.update_draft(self.actor, self.record.id, raw, expected_version=self.expected_version)
        )
        return result.record


class DetailDialog(QDialog):
    """The whole record: its particulars, the 批示 and 催办 of a 收文, and every step with who and when."""

    def __init__(
        self,
        services: Any,
        actor: Any,
        register: str,
        record_id: int,
        parent: QWidget | None = None,
        on_edit: Any = None,
    ) -> None:
        super().__init__(parent)
        self.edit_wanted = False
        reg = services.catalog.get(register)
        rec = services.registers.get(actor, register, record_id)
        self.setWindowTitle(
            tr("Documents", "{0} {1}").format(reg.record_label, rec["number"] or rec["draft_no"] or "")
        )
        resize_to_fit(self, 820, 640)
        layout = QVBoxLayout(self)
        shown = [f for f in reg.all_fields if rec[f.name] not in (None, "")]
        from app.kit.import_service import imported_lines
        from app.kit.registers.values import display

        lines = [(f.label, display(f, rec[f.name])) for f in shown] + imported_lines(rec)
        from ui.widgets.supervise import can_supervise, linked_items, supervise_record

        supervised = linked_items(services, actor, register, record_id) if register == "incoming" else []
        if supervised:
            lines.append(("督办", "已立项督办：" + "、".join(supervised)))
        summary = QLabel("<br>".join(f"<b>{_esc(label)}</b>：{_esc(text)}" for label, text in lines), self)
        summary.setWordWrap(True)
        summary.setObjectName("summary")
        layout.addWidget(summary)
        if rec.voided:
            layout.addWidget(QLabel(tr("Documents", "已作废：{0}").format(rec["void_reason"]), self))
        if register == "incoming":
            rows = [
                (i.leader, f"{i.given_on:%Y-%m-%d}", i.text)
                for i in services.workflow.instructions(actor, register, record_id)
            ]
            layout.addWidget(QLabel(tr("Documents", "领导批示"), self))
            table = small_table(("领导", "日期", "批示"), rows, "instructions", self)
            # A few 批示 at most: no empty table taking the room of the history below.
            table.setMaximumHeight(
                table.horizontalHeader().sizeHint().height()
                + table.verticalHeader().defaultSectionSize() * min(max(len(rows), 1), 4)
                + 6
            )
            layout.addWidget(table)
        from ui.widgets.record_files import FilesPanel

        self.files_panel = FilesPanel(services, actor, register, record_id, self)
        layout.addWidget(self.files_panel)
        self.history = services.workflow.history(actor, register, record_id)
        layout.addWidget(QLabel(tr("Documents", "办理经过"), self))
        layout.addWidget(history_table(self.history, self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Documents", "关闭"))
        buttons.rejected.connect(self.reject)
        self.edit_button = None
        self.supervise_button = None
        if register == "incoming" and not rec.voided and can_supervise(services, actor):
            # 收文 → 督办 in one action, linked both ways (the item names this 收文 as its source)
            self.supervise_button = buttons.addButton(
                tr("Documents", "立项督办"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.supervise_button.setObjectName("supervise")
            self.supervise_button.setEnabled(not supervised)
            self.supervise_button.clicked.connect(
                lambda: self.supervise_button.setEnabled(  # type: ignore[union-attr]
                    supervise_record(self, services, actor, register, record_id) is None
                )
            )
        if on_edit is not None and not rec.voided:
            # 修改 closes the details and opens the edit form of the same record (the caller does that)
            self.edit_button = buttons.addButton(
                tr("Documents", "修改"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.edit_button.setObjectName("edit")
            self.edit_button.clicked.connect(lambda: (setattr(self, "edit_wanted", True), self.accept()))
        layout.addWidget(buttons)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")

"""收发文 dialogs: registration forms that go through the workflow services and the detail dialog with the
批示 and the whole history (the step dialogs are the generic ones of ui.widgets.step_dialog)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QWidget

from app.areas.documents.service import SERVICE as DOCUMENTS_SERVICE
from app.kit.registers.base import Record, Register
from ui import messages
from ui.i18n import tr
from ui.widgets.form_dialog import FormDialog
from ui.widgets.workflow_page import RecordDetailDialog, Section


class IncomingFormDialog(FormDialog):
    """收文 registration: saved through 签收+登记 so state, history and the duplicate warning apply."""

    def save(self, raw: Mapping[str, Any]) -> Any:
        docs = self.services.service(DOCUMENTS_SERVICE).incoming
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
        docs = self.services.service(DOCUMENTS_SERVICE).outgoing
        result = (
            docs.draft(self.actor, raw)
            if self.record is None
            else docs.update_draft(self.actor, self.record.id, raw, expected_version=self.expected_version)
        )
        return result.record


class DetailDialog(RecordDetailDialog):
    """The shared detail dialog as 收发文 shows it: titled by 收文编号 (or the 发文's 拟稿号), the imported
    history's lines, the 批示 table of a 收文 even while empty, and 修改 (``on_edit``) beside 关闭."""

    section_names = {"领导批示": "instructions"}

    def __init__(
        self,
        services: Any,
        actor: Any,
        register: str,
        record_id: int,
        parent: QWidget | None = None,
        on_edit: Any = None,
    ) -> None:
        self.edit_wanted = False
        self.edit_button: QPushButton | None = None
        self._on_edit = on_edit
        super().__init__(services, actor, register, record_id, None, parent)

    def title_for(self, reg: Register, rec: Record) -> str:
        return tr("Documents", "{0} {1}").format(reg.record_label, rec["number"] or rec["draft_no"] or "")

    def summary_lines(self, reg: Register, rec: Record) -> list[tuple[str, str]]:
        from ui.widgets.supervise import linked_items

        lines = super().summary_lines(reg, rec)
        # a 收文 taken up as 督办 items says so (linked both ways)
        self._supervised = (
            linked_items(self.services, self.actor, reg.key, rec.id) if reg.key == "incoming" else []
        )
        if self._supervised:
            lines.append(("督办", "已立项督办：" + "、".join(self._supervised)))
        return lines

    def sections(self, reg: Register, rec: Record) -> list[Section]:
        if reg.key != "incoming":
            return []
        return [self.instruction_section(self.services.workflow.instructions(self.actor, reg.key, rec.id))]

    def add_buttons(self, buttons: QDialogButtonBox, rec: Record) -> None:
        from ui.widgets.supervise import can_supervise, supervise_record

        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(tr("Documents", "关闭"))
        self.supervise_button: QPushButton | None = None
        if self.register_key == "incoming" and not rec.voided and can_supervise(self.services, self.actor):
            # 收文 → 督办 in one action, linked both ways (the item names this 收文 as its source)
            button = buttons.addButton(tr("Documents", "立项督办"), QDialogButtonBox.ButtonRole.ActionRole)
            button.setObjectName("supervise")
            button.setEnabled(not self._supervised)
            button.clicked.connect(
                lambda: button.setEnabled(
                    supervise_record(self, self.services, self.actor, self.register_key, self.record_id)
                    is None
                )
            )
            self.supervise_button = button
        if self._on_edit is not None and not rec.voided:
            # 修改 closes the details and opens the edit form of the same record (the caller does that)
            self.edit_button = buttons.addButton(
                tr("Documents", "修改"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.edit_button.setObjectName("edit")
            self.edit_button.clicked.connect(self._edit)

    def _edit(self) -> None:
        self.edit_wanted = True
        self.accept()

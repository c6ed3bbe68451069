"""DocumentsTab: sub-tabs 收文 and 发文, each the shared register view, the generic step bar of its declared
workflow (拟办, 批示, 承办, 传阅 … / 核稿, 会签, 签发 …) and a detail dialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTabWidget, QWidget

from ui import messages
from ui.areas.documents.dialogs import DetailDialog, IncomingFormDialog, OutgoingFormDialog
from ui.widgets.workflow_page import WorkflowPage


class DocumentsPage(WorkflowPage):
    """One register (收文 or 发文): the generic workflow page with the documents' own form and detail dialog
    (which offers 修改)."""

    def __init__(
        self, services: Any, actor: Any, register: str, form_class: type, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, actor, register, parent=parent, form_class=form_class)

    def show_detail(self, record_id: int | None) -> None:
        if record_id is None:
            return
        try:
            dialog = DetailDialog(
                self.services,
                self.actor,
                self.register_key,
                record_id,
                self,
                on_edit=self.view.edit_record if self.view.can_write else None,
            )
            self.last_detail = dialog
            dialog.exec()
        except Exception as e:  # noqa: BLE001
            messages.app_error(self, e)
            return
        if dialog.edit_wanted:
            self.view.edit_record(record_id)


class DocumentsTab(QTabWidget):
    def __init__(self, services: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documents_tab")
        self.pages: dict[str, DocumentsPage] = {}
        for key, form in (("incoming", IncomingFormDialog), ("outgoing", OutgoingFormDialog)):
            reg = services.catalog.get(key)
            if actor.has_role(*reg.read_roles):
                self.pages[key] = DocumentsPage(services, actor, key, form, self)
                self.addTab(self.pages[key], reg.title)

    def current_view(self) -> Any:
        page = self.currentWidget()
        return page.view if isinstance(page, DocumentsPage) else None

    def open_record(self, register: str, record_id: int) -> None:
        page = self.pages.get(register)
        if page is not None:
            self.setCurrentWidget(page)
            page.view.reveal_and_open(record_id)

    show_record = open_record


TAB = DocumentsTab

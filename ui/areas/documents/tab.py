"""DocumentsTab: sub-tabs 收文 and 发文, each the shared register view, the generic step bar of its declared
workflow (拟办, 批示, 承办, 传阅 … / 核稿, 会签, 签发 …) and a detail dialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from ui import messages
from ui.areas.documents.dialogs import DetailDialog, IncomingFormDialog, OutgoingFormDialog
from ui.i18n import tr
from ui.widgets.register_view import RegisterView
from ui.widgets.step_bar import StepBar


class DocumentsPage(QWidget):
    """One register (收文 or 发文): the shared view, the generic step bar of its workflow, the detail."""

    def __init__(
        self, services: Any, actor: Any, register: str, form_class: type, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services, self.actor, self.register_key = services, actor, register
        self.view = RegisterView(services, actor, register, self)
        self.view.form_class = form_class
        self.view.record_opener = self.show_detail
        self.bar = StepBar(services, actor, register, self._selected, self)
        self.bar.stepped.connect(self._stepped)
        self.buttons: dict[str, QPushButton] = {b.text(): b for b in self.bar.buttons.values()}
        row = QHBoxLayout()
        row.addWidget(self.bar)
        detail = QPushButton(tr("Documents", "详情与办理经过"), self)
        detail.setObjectName("detail")
        detail.clicked.connect(lambda: self.show_detail(self.view.current_record_id()))
        row.addWidget(detail)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        self.view.table.selectionModel().selectionChanged.connect(lambda *_: self.bar.refresh())
        self.view.changed.connect(self.bar.refresh)

    def _selected(self) -> Any:
        records = self.view.selected_records()
        return records[0] if len(records) == 1 else None

    def _stepped(self, result: Any) -> None:
        self.view.refresh(result.record.id)
        self.view.changed.emit()

    def run_step(self, step: str, values: dict | None = None) -> Any:  # type: ignore[type-arg]
        """Take a step (by key or label) on the selected document: the step dialog, or ``values``."""
        key = self.services.workflow.catalog.get(self.register_key).step(step).key
        return self.bar.run(key, values)

    def show_detail(self, record_id: int | None) -> None:
        if record_id is None:
            return
        try:
            DetailDialog(self.services, self.actor, self.register_key, record_id, self).exec()
        except Exception as e:  # noqa: BLE001
            messages.app_error(self, e)


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
            page.view.reveal_record(record_id)

    show_record = open_record


TAB = DocumentsTab

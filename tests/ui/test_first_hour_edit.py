"""修改 on 收文/发文 opens the edit form (audited with before and after values); fields a workflow step fixed
stay read-only with a note; double-click opens the details, which have a 修改 button."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from app.domain.errors import ValidationFailed


@pytest.fixture
def page(qtbot, services, actors):  # type: ignore[no-untyped-def]
    from ui.areas.documents.tab import DocumentsTab

    services.service("documents").incoming.receive(
        actors["clerk"],
        {"received_at": "2026-03-05 09:30", "sender": "县教育局", "title": "关于做好春季开学工作的通知"},
    )
    tab = DocumentsTab(services, actors["clerk"])
    qtbot.addWidget(tab)
    p = tab.pages["incoming"]
    qtbot.waitUntil(lambda: p.view.model.rowCount() == 1)
    p.view.table.selectRow(0)
    yield p  # the tab stays alive (it owns the page) until the test ends
    tab.close()


def _capture(monkeypatch, cls):  # type: ignore[no-untyped-def]
    """Record the dialogs of ``cls`` that would be shown, instead of blocking in exec()."""
    shown: list = []

    def fake_exec(self):  # type: ignore[no-untyped-def]
        shown.append(self)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(cls, "exec", fake_exec)
    return shown


def test_edit_opens_the_form_and_double_click_the_details(page, monkeypatch):  # type: ignore[no-untyped-def]
    from ui.areas.documents.dialogs import DetailDialog, IncomingFormDialog

    forms = _capture(monkeypatch, IncomingFormDialog)
    details = _capture(monkeypatch, DetailDialog)
    page.view.action_edit.trigger()
    assert len(forms) == 1 and not details
    assert forms[0].record is not None and forms[0].windowTitle().startswith("修改 · 收文登记 · ")
    page.view.open_record(page.view.current_record_id())  # what a double-click does
    assert len(details) == 1 and details[0].edit_button is not None


def test_the_details_edit_button_opens_the_form(page, monkeypatch):  # type: ignore[no-untyped-def]
    from ui.areas.documents.dialogs import DetailDialog, IncomingFormDialog

    forms = _capture(monkeypatch, IncomingFormDialog)

    def press_edit(self):  # type: ignore[no-untyped-def]
        self.edit_button.click()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DetailDialog, "exec", press_edit)
    page.show_detail(page.view.current_record_id())
    assert len(forms) == 1 and forms[0].record.id == page.view.current_record_id()


def test_an_edit_is_saved_and_audited_with_before_and_after(qtbot, page, services, actors):  # type: ignore[no-untyped-def]
    from ui.areas.documents.dialogs import IncomingFormDialog

    record_id = page.view.current_record_id()
    record = services.registers.get(actors["clerk"], "incoming", record_id)
    form = IncomingFormDialog(services, actors["clerk"], "incoming", record)
    qtbot.addWidget(form)
    form.editors["sender"].set_value("县教育体育局")
    form.accept_form()
    assert form.result() == QDialog.DialogCode.Accepted
    assert services.registers.get(actors["clerk"], "incoming", record_id)["sender"] == "县教育体育局"
    _, rows = services.audit.search(actors["auditor"], action="update")
    assert rows and rows[0].object_id == str(record_id)


def test_fields_fixed_by_a_step_are_read_only_with_a_note_and_refused(qtbot, page, services, actors):  # type: ignore[no-untyped-def]
    from ui.areas.documents.dialogs import IncomingFormDialog

    docs = services.service("documents")
    record_id = page.view.current_record_id()
    docs.incoming.propose(
        actors["clerk"], record_id, "请县教育局办理", lead_unit="县教育局", due_on="2026-03-20"
    )
    record = services.registers.get(actors["clerk"], "incoming", record_id)
    form = IncomingFormDialog(services, actors["clerk"], "incoming", record)
    qtbot.addWidget(form)
    form.show()
    due = form.editors["due_on"].widget
    assert due.line.isReadOnly() and "承办" in form.lock_labels["due_on"].text()
    assert not form.editors["title"].widget.isReadOnly()
    assert form.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    with pytest.raises(ValidationFailed, match="承办"):
        docs.incoming.register(actors["clerk"], record_id, {"due_on": "2026-04-30"})


def test_a_signed_outgoing_document_cannot_be_edited_and_says_why(qtbot, services, actors):  # type: ignore[no-untyped-def]
    from ui.areas.documents.dialogs import OutgoingFormDialog

    docs = services.service("documents").outgoing
    draft = docs.draft(
        actors["clerk"],
        {
            "prefix": "县委办发",
            "doc_type": "通知",
            "title": "关于测试的通知",
            "drafter": "王芳",
            "drafted_on": "2026-03-02",
            "public_attr": "主动公开",
        },
    ).record
    signed = docs.approve(actors["leader"], draft.id, signer="周振荣", signed_on="2026-03-03").record
    form = OutgoingFormDialog(services, actors["clerk"], "outgoing", signed)
    qtbot.addWidget(form)
    assert not form.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert "退回签发人" in form.general_error.text()

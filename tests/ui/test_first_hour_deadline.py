"""拟办 and 承办 offer a deadline only where one belongs: none for a 阅件, today + the configured working days
for a 办件; the clerk may leave it empty and the step saves no deadline."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.workdays import default_calendar


@pytest.fixture
def page(qtbot, services, actors):  # type: ignore[no-untyped-def]
    from ui.areas.documents.tab import DocumentsTab

    docs = services.service("documents").incoming
    docs.receive(
        actors["clerk"],
        {"received_at": "2026-03-05 09:30", "sender": "县教育局", "title": "阅件", "handling_kind": "read"},
    )
    tab = DocumentsTab(services, actors["clerk"])
    qtbot.addWidget(tab)
    p = tab.pages["incoming"]
    qtbot.waitUntil(lambda: p.view.model.rowCount() == 1)
    p.view.table.selectRow(0)
    yield p
    tab.close()


def _asked(page, monkeypatch, label: str, answer: dict | None):  # type: ignore[no-untyped-def]
    from ui.areas.documents import tab as tab_module

    seen: dict = {}

    def ask(cls, parent, title, fields):  # type: ignore[no-untyped-def]
        seen.update({f.name: f for f in fields})
        return answer

    monkeypatch.setattr(tab_module.StepDialog, "ask", classmethod(ask))
    page.buttons[label].click()
    return seen


def test_a_read_document_gets_no_deadline_and_none_is_saved(page, services, actors, monkeypatch):  # type: ignore[no-untyped-def]
    fields = _asked(page, monkeypatch, "拟办", {"text": "请周书记阅", "lead_unit": "", "due_on": ""})
    assert fields["due_on"].kind == "optional_date" and fields["due_on"].default == ""
    record = services.registers.get(actors["clerk"], "incoming", page.view.current_record_id())
    assert record["state"] == "proposed" and record["due_on"] is None


def test_an_act_document_is_offered_the_configured_working_days(page, services, actors, monkeypatch):  # type: ignore[no-untyped-def]
    services.office_settings.set(actors["sysadmin"], "documents.act_due_workdays", "5")
    fields = _asked(page, monkeypatch, "承办", None)  # 承办 makes it a 办件
    expected = default_calendar().add_workdays(date.today(), 5)
    assert fields["due_on"].default == f"{expected:%Y-%m-%d}"


def test_the_working_days_setting_is_checked(services, actors):  # type: ignore[no-untyped-def]
    from app.domain.errors import ValidationFailed

    with pytest.raises(ValidationFailed, match="工作日"):
        services.office_settings.set(actors["sysadmin"], "documents.act_due_workdays", "0")


def test_the_step_dialog_leaves_an_optional_date_empty(qtbot):  # type: ignore[no-untyped-def]
    from ui.areas.documents.dialogs import StepDialog, StepField

    dialog = StepDialog("拟办", (StepField("due_on", "办理期限（可不填）", "optional_date"),))
    qtbot.addWidget(dialog)
    assert dialog.values() == {"due_on": ""}
    dialog.widgets["due_on"].setText("2026-03-20")
    assert dialog.values() == {"due_on": "2026-03-20"}

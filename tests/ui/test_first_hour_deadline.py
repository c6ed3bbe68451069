"""拟办 and 承办 ask for a deadline only where one belongs: none for a 阅件 (and none saved when left blank),
today + the configured working days for a 办件; the step dialog's date field may stay empty."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.workdays import default_calendar


def _receive(services, actors, kind: str):  # type: ignore[no-untyped-def]
    values = {"received_at": "2026-03-05 09:30", "sender": "县教育局", "title": "文件", "handling_kind": kind}
    return services.service("documents").incoming.receive(actors["clerk"], values).record


def _offered(services, actor, record_id: int, step: str):  # type: ignore[no-untyped-def]
    form = services.workflow.form(actor, "incoming", record_id, step)
    return next(f.value for f in form.fields if f.field.name == "due_on")


def test_a_read_document_gets_no_deadline_and_none_is_saved(services, actors):  # type: ignore[no-untyped-def]
    rec = _receive(services, actors, "read")
    assert _offered(services, actors["clerk"], rec.id, "propose") is None
    services.service("documents").incoming.propose(actors["clerk"], rec.id, "请周书记阅")
    record = services.registers.get(actors["clerk"], "incoming", rec.id)
    assert record["state"] == "proposed" and record["due_on"] is None


def test_an_act_document_is_given_the_configured_working_days(services, actors):  # type: ignore[no-untyped-def]
    services.office_settings.set(actors["sysadmin"], "documents.act_due_workdays", "5")
    expected = default_calendar().add_workdays(date.today(), 5)
    act = _receive(services, actors, "act")
    assert _offered(services, actors["clerk"], act.id, "propose") == expected
    read = _receive(services, actors, "read")
    assert _offered(services, actors["clerk"], read.id, "assign") == expected  # 承办 makes it a 办件
    services.service("documents").incoming.propose(actors["clerk"], act.id, "请县教育局办理")
    assert services.registers.get(actors["clerk"], "incoming", act.id)["due_on"] == expected


def test_the_working_days_setting_is_checked(services, actors):  # type: ignore[no-untyped-def]
    from app.domain.errors import ValidationFailed

    with pytest.raises(ValidationFailed, match="工作日"):
        services.office_settings.set(actors["sysadmin"], "documents.act_due_workdays", "0")

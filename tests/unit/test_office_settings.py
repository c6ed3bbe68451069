"""系统设置: every setting the program reads can be listed and changed by the 系统管理员, checked first."""

from __future__ import annotations

import pytest

from app.domain.errors import PermissionDenied, ValidationFailed


def test_only_the_system_administrator_keeps_the_office_settings(services, actors):
    keys = {v.spec.key for v in services.office_settings.list(actors["sysadmin"])}
    assert {
        "documents.organ_name",
        "documents.incoming_number_format",
        "numbering.cipher_in",
        "copies.due_days.incoming",
    } <= keys
    for login in ("secadmin", "auditor", "clerk"):
        with pytest.raises(PermissionDenied):
            services.office_settings.set(actors[login], "documents.organ_name", "某某")


def test_a_new_number_format_applies_to_the_next_registration(services, actors):
    office = services.office_settings
    with pytest.raises(ValidationFailed, match="序号"):
        office.set(actors["sysadmin"], "documents.incoming_number_format", "收文年")
    with pytest.raises(ValidationFailed, match="位数"):
        office.set(actors["sysadmin"], "documents.incoming_number_format", "收年〔序号(0位)〕")
    with pytest.raises(ValidationFailed):  # a Python format string is not what a clerk types
        office.set(actors["sysadmin"], "documents.incoming_number_format", "收〔{year}〕{seq}号")
    saved = office.set(actors["sysadmin"], "documents.incoming_number_format", "收〔年〕序号号")
    assert saved.text == "收〔年〕序号号"
    rec = (
        services.service("documents")
        .incoming.receive(
            actors["clerk"],
            {"received_at": "2026-03-05 09:30", "sender": "县委组织部", "title": "关于报送干部信息的通知"},
        )
        .record
    )
    assert rec["number"] == "收〔2026〕1号"
    _, rows = services.audit.search(actors["auditor"], action="setting_change")
    assert rows and "编号格式" in rows[0].detail


def test_clearing_a_setting_restores_its_default(services, actors, tmp_path):
    office = services.office_settings
    office.set(actors["sysadmin"], "documents.organ_name", "中共平安县委办公室")
    from app.services.office_settings import organ_name

    assert organ_name(services) == "中共平安县委办公室"
    office.set(actors["sysadmin"], "documents.organ_name", "")
    assert organ_name(services) == "中共××县委办公室"
    with pytest.raises(ValidationFailed):
        office.set(actors["sysadmin"], "copies.due_days.incoming", "明天")


def test_number_formats_read_as_patterns_with_the_next_number(services, actors):
    office = services.office_settings
    shown = {v.spec.key: v for v in office.list(actors["sysadmin"])}
    incoming = shown["documents.incoming_number_format"]
    assert incoming.shown == "（默认：年-序号(4位)）"
    assert "{" not in shown["documents.outgoing_number_format"].shown
    assert "序号(4位)" in incoming.spec.help
    from datetime import date

    year = date.today().year
    assert (
        office.preview(actors["sysadmin"], "documents.incoming_number_format", "")
        == f"下一个编号：{year}-0001"
    )
    assert (
        office.preview(actors["sysadmin"], "documents.incoming_number_format", "收〔年〕第序号(3位)号")
        == f"下一个编号：收〔{year}〕第001号"
    )
    with pytest.raises(ValidationFailed, match="序号"):
        office.preview(actors["sysadmin"], "documents.incoming_number_format", "收文年")

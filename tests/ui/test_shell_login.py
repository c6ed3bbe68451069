"""Login, forced password change, first run: what the user sees in the dialogs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from tests.conftest import PASSWORD
from ui.first_run import FirstRunDialog
from ui.login import LoginDialog
from ui.password import ChangePasswordDialog


def _login(qtbot, services, login: str, password: str) -> LoginDialog:  # type: ignore[no-untyped-def]
    dialog = LoginDialog(services)
    qtbot.addWidget(dialog)
    dialog.login_edit.setText(login)
    dialog.password_edit.setText(password)
    dialog.submit()
    return dialog


def test_login_success_returns_the_actor(qtbot, services):  # type: ignore[no-untyped-def]
    dialog = _login(qtbot, services, "clerk", PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.name == "王芳"


def test_wrong_password_message_in_dialog_then_lockout(qtbot, services):  # type: ignore[no-untyped-def]
    dialog = _login(qtbot, services, "clerk", "wrong")
    assert dialog.actor is None
    assert "登录名或密码错误" in dialog.error_label.text()
    assert "再错4次" in dialog.error_label.text()
    assert dialog.password_edit.text() == ""  # the wrong password is cleared for the next try
    for _ in range(4):
        dialog.password_edit.setText("wrong")
        dialog.submit()
    assert "账户已锁定" in dialog.error_label.text()
    dialog.password_edit.setText(PASSWORD)  # even the right password is refused while locked
    dialog.submit()
    assert dialog.actor is None and "锁定" in dialog.error_label.text()


def test_unknown_login_and_empty_login(qtbot, services):  # type: ignore[no-untyped-def]
    dialog = _login(qtbot, services, "", "x")
    assert dialog.error_label.text() == "请输入登录名"
    dialog.login_edit.setText("nobody")
    dialog.submit()
    assert "登录名或密码错误" in dialog.error_label.text()


def test_login_typed_before_the_database_is_open(qtbot, services):  # type: ignore[no-untyped-def]
    dialog = _login(qtbot, None, "clerk", PASSWORD)
    assert "正在打开数据库" in dialog.status_label.text()
    assert not dialog.ok_button.isEnabled()
    dialog.set_services(services)
    assert dialog.actor is not None and dialog.actor.login == "clerk"


def test_forced_password_change(qtbot, services, actors):  # type: ignore[no-untyped-def]
    services.accounts.reset_password(actors["sysadmin"], "clerk", "Reset@2026")
    services.accounts.approve_password_reset(actors["secadmin"], "clerk")
    actor = services.auth.login("clerk", "Reset@2026")
    reason = services.auth.needs_password_change(actor)
    assert reason and "修改密码" in reason
    dialog = ChangePasswordDialog(services, actor, reason, forced=True)
    qtbot.addWidget(dialog)
    dialog.old_edit.setText("Reset@2026")
    dialog.new_edit.setText("short")
    dialog.confirm_edit.setText("short")
    dialog.submit()
    assert "至少需要8个字符" in dialog.errors.error("new_password")
    dialog.new_edit.setText("Better@2026")
    dialog.submit()
    assert dialog.errors.error("confirm") == "两次输入的新密码不一致"
    dialog.old_edit.setText("not-the-old")
    dialog.confirm_edit.setText("Better@2026")
    dialog.submit()
    assert dialog.errors.error("old_password") == "原密码不正确"
    dialog.old_edit.setText("Reset@2026")
    dialog.submit()
    assert dialog.changed and dialog.result() == QDialog.DialogCode.Accepted
    assert services.auth.needs_password_change(actor) is None
    assert services.auth.login("clerk", "Better@2026").login == "clerk"


@pytest.fixture
def empty_services(tmp_path: Path):  # type: ignore[no-untyped-def]
    from app.bootstrap import open_services

    s = open_services(str(tmp_path / "empty.sqlite"))
    yield s
    s.close()


def test_first_run_creates_the_three_administrators(qtbot, empty_services):  # type: ignore[no-untyped-def]
    from app.domain.enums import AdminRole, SecretLevel

    assert not empty_services.accounts.is_initialised()
    dialog = FirstRunDialog(empty_services)
    qtbot.addWidget(dialog)
    for role in AdminRole:
        dialog.password_edits[role].setText("Admin@2026x")
        dialog.confirm_edits[role].setText("Admin@2026x")
    dialog.password_edits[AdminRole.AUDIT].setText("weak")
    dialog.confirm_edits[AdminRole.AUDIT].setText("weak")
    dialog.confirm_edits[AdminRole.SECURITY].setText("Other@2026x")
    dialog.submit()
    assert dialog.error("security_confirm") == "两次输入的密码不一致"
    assert "至少需要8个字符" in dialog.error("audit_password")  # every problem at once
    assert dialog.error("system_password") == ""
    assert not empty_services.accounts.is_initialised()

    dialog.confirm_edits[AdminRole.SECURITY].setText("Admin@2026x")
    dialog.submit()
    assert "安全审计员" in dialog.error("audit_password")  # the service's message, next to the field
    assert dialog.error("security_confirm") == ""
    assert not empty_services.accounts.is_initialised()

    dialog.password_edits[AdminRole.AUDIT].setText("Audit@2026x")
    dialog.confirm_edits[AdminRole.AUDIT].setText("Audit@2026x")
    dialog.login_edits[AdminRole.SYSTEM].setText("admin1")
    dialog.level_combo.setCurrentIndex(dialog.level_combo.findData(SecretLevel.SECRET.value))
    dialog.submit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [u.login for u in dialog.created] == ["admin1", "secadmin", "auditor"]
    assert empty_services.settings.policy().machine_secret_level is SecretLevel.SECRET
    actor = empty_services.auth.login("auditor", "Audit@2026x")
    assert empty_services.auth.needs_password_change(actor)  # initial passwords must be changed


def test_first_run_duplicate_logins_message(qtbot, empty_services):  # type: ignore[no-untyped-def]
    from app.domain.enums import AdminRole

    dialog = FirstRunDialog(empty_services)
    qtbot.addWidget(dialog)
    for role in AdminRole:
        dialog.login_edits[role].setText("same")
        dialog.password_edits[role].setText("Admin@2026x")
        dialog.confirm_edits[role].setText("Admin@2026x")
    dialog.submit()
    assert "不能相同" in dialog.general.general.text()
    assert not empty_services.accounts.is_initialised()


def test_login_shows_failed_attempts_and_resets_since_the_last_login(qtbot, services, actors, monkeypatch):  # type: ignore[no-untyped-def]
    from ui import messages

    warned: list[str] = []
    monkeypatch.setattr(messages, "warn", lambda parent, title, text: warned.append(text))
    assert _login(qtbot, services, "clerk", PASSWORD).notice.startswith("该账户此前没有成功登录的记录")
    calm = _login(qtbot, services, "clerk", PASSWORD)
    assert "上次登录" in calm.notice and not warned  # nothing alarming: no box, the status bar shows it
    _login(qtbot, services, "clerk", "wrong")
    _login(qtbot, services, "clerk", PASSWORD)
    assert len(warned) == 1 and "1 次密码错误" in warned[0] and "如非本人所为" in warned[0]

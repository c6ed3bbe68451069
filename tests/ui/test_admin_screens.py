"""The administrators' screens call the services and show their messages next to the fields."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from app.domain.enums import Role, SecretLevel
from ui.admin.accounts import AccountsTab
from ui.admin.audit import AuditTab
from ui.admin.dialogs import NewAccountDialog, ResetPasswordDialog, RolesDialog
from ui.admin.policy import PolicyTab


@pytest.fixture
def shown(monkeypatch):  # type: ignore[no-untyped-def]
    """Message boxes replaced by a recorder: (kind, title, text)."""
    from ui import messages

    calls: list[tuple[str, str, str]] = []
    for kind in ("info", "warn", "error"):
        monkeypatch.setattr(
            messages, kind, lambda parent, title, text, kind=kind: calls.append((kind, title, text))
        )
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text: True)
    return calls


def test_sysadmin_creates_an_account(qtbot, services, actors):  # type: ignore[no-untyped-def]
    tab = AccountsTab(services, actors["sysadmin"])
    qtbot.addWidget(tab)
    assert set(tab.buttons) == {"new", "toggle", "reset", "refresh"}
    rows_before = tab.table.rowCount()
    dialog = NewAccountDialog(services, actors["sysadmin"])
    qtbot.addWidget(dialog)
    dialog.login_edit.setText("clerk")
    dialog.name_edit.setText("")
    dialog.password_edit.setText("abc")
    dialog.confirm_edit.setText("abc")
    dialog.submit()
    assert "已被使用" in dialog.errors.error("login")
    assert dialog.errors.error("name") == "请填写姓名"
    assert "至少需要8个字符" in dialog.errors.error("password")
    dialog.login_edit.setText("zhangsan")
    dialog.name_edit.setText("张三")
    dialog.department_edit.setText("秘书科")
    dialog.password_edit.setText("Zhang@2026")
    dialog.confirm_edit.setText("Zhang@2026")
    dialog.submit()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.result_info.login == "zhangsan"
    tab.refresh("zhangsan")
    assert tab.table.rowCount() == rows_before + 1
    assert tab.selected_user().name == "张三"


def test_sysadmin_disables_and_resets(qtbot, services, actors, shown):  # type: ignore[no-untyped-def]
    tab = AccountsTab(services, actors["sysadmin"])
    qtbot.addWidget(tab)
    tab.select_login("clerk")
    assert tab.buttons["toggle"].text() == "停用"
    tab.toggle_active()
    assert not services.accounts.get(actors["sysadmin"], "clerk").is_active
    assert tab.selected_user().login == "clerk" and tab.buttons["toggle"].text() == "启用"
    tab.select_login("sysadmin")
    assert not tab.buttons["toggle"].isEnabled()  # one cannot disable oneself
    dialog = ResetPasswordDialog(services, actors["sysadmin"], "petition")
    qtbot.addWidget(dialog)
    dialog.password_edit.setText("petition@2026X")
    dialog.confirm_edit.setText("petition@2026X")
    dialog.submit()
    assert dialog.errors.error("password") == "密码不能包含登录名"
    dialog.password_edit.setText("Fresh@2026")
    dialog.confirm_edit.setText("Fresh@2026")
    dialog.submit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    # two-person rule: the 安全保密管理员 sees the pending reset and approves it before it works
    sec = AccountsTab(services, actors["secadmin"])
    qtbot.addWidget(sec)
    sec.select_login("clerk")
    assert not sec.buttons["approve"].isEnabled()
    sec.select_login("petition")
    assert "待批准" in sec.table.item(sec.table.currentRow(), 5).text() and sec.buttons["approve"].isEnabled()
    sec.buttons["approve"].click()
    assert "待批准" not in sec.table.item(sec.table.currentRow(), 5).text()
    assert services.auth.needs_password_change(services.auth.login("petition", "Fresh@2026"))


def test_secadmin_grants_roles_and_clearance(qtbot, services, actors):  # type: ignore[no-untyped-def]
    tab = AccountsTab(services, actors["secadmin"])
    qtbot.addWidget(tab)
    assert set(tab.buttons) == {"roles", "approve", "reject", "refresh"}
    tab.select_login("sysadmin")
    assert not tab.buttons["roles"].isEnabled()  # 三员分立: no business roles for administrators
    tab.select_login("petition")
    assert tab.buttons["roles"].isEnabled()
    user = tab.selected_user()
    dialog = RolesDialog(services, actors["secadmin"], user)
    qtbot.addWidget(dialog)
    dialog.set_roles({Role.DOCUMENTS})
    dialog.clearance_combo.setCurrentIndex(dialog.clearance_combo.findData(SecretLevel.SECRET.value))
    dialog.submit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    info = services.accounts.get(actors["secadmin"], "petition")
    assert info.roles == frozenset({Role.DOCUMENTS}) and info.clearance is SecretLevel.SECRET
    _, rows = services.audit.search(actors["auditor"], user="secadmin")
    assert {"role_grant", "role_revoke", "clearance_change"} <= {r.action for r in rows}


def test_policy_invalid_value_message_next_to_field(qtbot, services, actors):  # type: ignore[no-untyped-def]
    tab = PolicyTab(services, actors["secadmin"])
    qtbot.addWidget(tab)
    tab.editors["min_password_length"].setValue(4)
    tab.editors["idle_lock_minutes"].setValue(20)
    tab.save()
    assert tab.errors.error("min_password_length") == "密码最短长度不能小于8"
    assert services.settings.policy().idle_lock_minutes == 10  # nothing saved while anything is wrong
    tab.editors["min_password_length"].setValue(10)
    tab.save()
    assert tab.errors.error("min_password_length") == ""
    policy = services.settings.policy()
    assert (policy.min_password_length, policy.idle_lock_minutes) == (10, 20)
    assert "已保存 2 项修改" == tab.status.text()


def test_auditor_searches_pages_exports_and_verifies(qtbot, services, actors, shown, tmp_path: Path):  # type: ignore[no-untyped-def]
    for _ in range(3):
        try:
            services.auth.login("clerk", "bad")
        except Exception:  # noqa: BLE001 — the failures are what we want in the log
            pass
    tab = AuditTab(services, actors["auditor"], page_size=2)
    qtbot.addWidget(tab)
    assert tab.total >= 4 and tab.table.rowCount() == 2
    assert tab.next_button.isEnabled() and not tab.prev_button.isEnabled()
    tab.next_button.click()
    assert tab.page == 1 and tab.prev_button.isEnabled()
    tab.user_edit.setText("clerk")
    tab.action_combo.setCurrentIndex(tab.action_combo.findData("login_failed"))
    tab.search()
    assert tab.total == 3 and "共 3 条，第 1/2 页" == tab.page_label.text()
    assert tab.table.item(0, 3).text() == "登录失败" and tab.table.item(0, 6).text() == "失败"

    out = tmp_path / "audit.csv"
    tab.choose_export_path = lambda: out  # type: ignore[method-assign]
    tab.export()
    assert out.read_text(encoding="utf-8-sig").count("登录失败") == 3
    assert shown[-1][0] == "info" and "已导出 3 条" in shown[-1][2]

    tab.verify()
    assert shown[-1][0] == "info" and "审计日志完整" in shown[-1][2]
    cp = tmp_path / "校验点.txt"
    tab.choose_checkpoint_path = lambda: cp  # type: ignore[method-assign]
    tab.export_checkpoint()
    assert (
        shown[-1][0] == "info"
        and "已导出校验点" in shown[-1][2]
        and "审计日志校验点" in cp.read_text("utf-8")
    )
    _tamper(services.db.url.split("///", 1)[1])
    tab.verify()
    assert shown[-1][0] == "warn" and "第 2 条" in shown[-1][2]


def _tamper(path: str) -> None:
    """Change one entry behind the program's back, as someone with the file and sqlite3 could."""
    import sqlite3

    with sqlite3.connect(path) as conn:
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='audit_log'"
        ):
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute("UPDATE audit_log SET detail='x' WHERE id=2")


def test_office_settings_screen_shows_refusals_under_the_table(qtbot, services, actors):  # type: ignore[no-untyped-def]
    from ui.admin.office_settings import OfficeSettingsTab

    tab = OfficeSettingsTab(services, actors["sysadmin"])
    qtbot.addWidget(tab)
    labels = [tab.table.item(r, 0).text() for r in range(tab.table.rowCount())]
    assert "本机关名称（印发机关、表头）" in labels and "收文登记：编号格式" in labels
    assert not tab.save("documents.incoming_number_format", "收文{year}")
    assert "{seq}" in tab.error_label.text()
    assert tab.save("documents.organ_name", "中共平安县委办公室")
    row = labels.index("本机关名称（印发机关、表头）")
    assert tab.table.item(row, 1).text() == "中共平安县委办公室" and tab.error_label.text() == ""

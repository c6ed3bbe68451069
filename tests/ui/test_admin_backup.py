"""备份与恢复 in the GUI: the 系统管理员 backs up and restores from the tab (and the menu), the 安全审计员
sees the list only; a damaged database shows the restore dialog instead of the login; a backup on exit."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.bootstrap import open_services
from tests.conftest import PASSWORD
from tests.support.writer import doc
from ui.admin.backup import BackupTab


def _tab(qtbot, services, actor):  # type: ignore[no-untyped-def]
    tab = BackupTab(services, actor)
    qtbot.addWidget(tab)
    return tab


def test_system_administrator_backs_up_now_and_restores_the_selected_backup(
    qtbot, services, actors, monkeypatch
):
    from ui import messages
    from ui.admin import backup_dialogs

    incoming = services.service("documents").incoming
    incoming.receive(actors["clerk"], doc(1))
    tab = _tab(qtbot, services, actors["sysadmin"])
    assert tab.table.rowCount() == 0 and "尚无备份" in tab.detail_label.text()
    tab.backup_button.click()
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=20000)
    assert "备份完成" in tab.status_label.text()
    assert [tab.table.item(0, c).text() for c in (1, 2, 3, 4)] == ["手动备份", "sysadmin", "否", "1"]
    tab.table.selectRow(0)
    assert "收文登记 1 条" in tab.detail_label.text()

    incoming.receive(actors["clerk"], doc(2))  # saved after the backup: the report names it
    shown: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text: True)
    monkeypatch.setattr(
        backup_dialogs.ReportDialog, "show_text", classmethod(lambda cls, p, t, text: shown.append(text))
    )
    tab.restore_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert "可能已丢失" in shown[0] and "2026-0002" in shown[0]
    assert services.registers.count(actors["clerk"], "incoming")[0] == 1
    kinds = {tab.table.item(r, 1).text() for r in range(tab.table.rowCount())}
    assert kinds == {"手动备份", "恢复前备份"}  # the replaced database was kept


def test_security_auditor_sees_the_backups_but_cannot_back_up_or_restore(qtbot, services, actors):
    services.backup.backup(actors["sysadmin"])
    tab = _tab(qtbot, services, actors["auditor"])
    tab.show()
    assert tab.table.rowCount() == 1
    for button in (tab.backup_button, tab.backup_to_button, tab.restore_button, tab.restore_file_button):
        assert not button.isVisible()
    assert tab.refresh_button.isVisible()


def test_the_file_menu_leads_the_system_administrator_to_the_backup_tab(qtbot, services, actors):
    from ui.main_window import MainWindow

    window = MainWindow(services, actors["sysadmin"], idle_ms=600_000)
    qtbot.addWidget(window)
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "备份与恢复…")
    action.trigger()
    assert window.tabs.tabText(window.tabs.currentIndex()) == "备份与恢复"
    clerk = MainWindow(services, actors["clerk"], idle_ms=600_000)
    qtbot.addWidget(clerk)
    assert "备份与恢复…" not in [a.text() for a in clerk.menuBar().actions()[0].menu().actions()]


def test_a_damaged_database_shows_the_restore_dialog_and_restores_the_newest_verified_backup(
    qtbot, services, actors, monkeypatch
):
    from ui.admin import backup_dialogs
    from ui.app import Startup

    services.service("documents").incoming.receive(actors["clerk"], doc(1))
    services.backup.backup(actors["sysadmin"])  # into the per-user backup folder
    db = Path(services.db.url.split("///", 1)[1])
    services.close()
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = con.execute("SELECT pageno FROM dbstat WHERE name = 'audit_log' LIMIT 1").fetchone()[0]
    con.close()
    with open(db, "r+b") as f:
        f.seek((page - 1) * 4096)
        f.write(b"\x00\xff" * 2048)
    startup = Startup(f"sqlite:///{db}", open_services=open_services)
    codes: list[int] = []
    startup.finished.connect(codes.append)
    startup.start()
    qtbot.waitUntil(lambda: startup.damaged is not None, timeout=20000)
    dialog = startup.damaged
    assert dialog.isVisible() and not startup.login.isVisible()
    qtbot.waitUntil(lambda: dialog.restore_button.isEnabled(), timeout=20000)
    assert "最近一次经校验的备份" in dialog.backup_label.text()
    dialog.restore()
    assert "请输入系统管理员" in dialog.error_label.text()
    dialog.login_edit.setText("clerk")
    dialog.password_edit.setText(PASSWORD)
    dialog.restore()
    qtbot.waitUntil(lambda: bool(dialog.error_label.text()), timeout=20000)
    assert "只有系统管理员" in dialog.error_label.text()
    shown: list[str] = []
    monkeypatch.setattr(
        backup_dialogs.ReportDialog, "show_text", classmethod(lambda cls, p, t, text: shown.append(text))
    )
    dialog.login_edit.setText("sysadmin")
    dialog.restore()
    qtbot.waitUntil(
        lambda: bool(startup.login is not None and startup.login.isVisible() and startup.services),
        timeout=20000,
    )
    assert "已从备份恢复" in shown[0] and "已损坏，原样留存" in shown[0]
    startup.login.reject()
    assert codes == [0]
    import threading

    for t in threading.enumerate():  # no opener of this test may run on into the next one's home folder
        if t.name == "open-database":
            t.join(20)


def test_leaving_the_program_takes_an_automatic_backup(qtbot, db_path: Path):
    from ui.app import Startup

    startup = Startup(f"sqlite:///{db_path}", idle_ms=600_000, open_services=open_services)
    startup.start()
    startup.login.login_edit.setText("clerk")
    startup.login.password_edit.setText(PASSWORD)
    startup.login.submit()
    qtbot.waitUntil(lambda: startup.window is not None, timeout=20000)
    services = startup.services
    startup.window.close()
    from app import paths

    autos = [p for p in paths.backup_dir().iterdir() if p.name.endswith("-auto.sqlite")]
    assert len(autos) == 1
    con = sqlite3.connect(f"file:{autos[0]}?mode=ro&immutable=1", uri=True)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    assert services is not None and startup.services is None

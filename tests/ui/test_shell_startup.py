"""The start-up sequence: login shown at once, database opened in the background, first run on an empty
database, forced password change, main window; a database from a newer version is refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.conftest import PASSWORD
from ui.app import Startup


def _startup(qtbot, url: str, **kw):  # type: ignore[no-untyped-def]
    from app.bootstrap import open_services

    startup = Startup(url, open_services=open_services, **kw)
    codes: list[int] = []
    startup.finished.connect(codes.append)
    startup.start()
    assert startup.login is not None and startup.login.isVisible()  # shown before the database is open
    return startup, codes


def test_first_run_then_forced_change_then_main_window(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    from app.domain.enums import AdminRole

    startup, codes = _startup(qtbot, f"sqlite:///{tmp_path / 'new.sqlite'}")
    qtbot.waitUntil(lambda: startup.first_run is not None, timeout=20000)
    dialog = startup.first_run
    assert not startup.login.isVisible()
    for role in AdminRole:
        dialog.password_edits[role].setText("Admin@2026x")
        dialog.confirm_edits[role].setText("Admin@2026x")
    dialog.submit()
    login = startup.login
    assert login.isVisible() and login.login_edit.text() == "sysadmin"
    login.password_edit.setText("Admin@2026x")
    login.submit()
    change = startup.password_dialog
    assert change.isVisible() and startup.window is None  # no main window before the new password
    change.old_edit.setText("Admin@2026x")
    change.new_edit.setText("Admin@2027y")
    change.confirm_edit.setText("Admin@2027y")
    change.submit()
    window = startup.window
    assert window is not None and window.tab_titles() == ["账户管理", "系统设置"]
    window.close()
    assert codes == [0]


def test_existing_database_logs_in(qtbot, db_path: Path):  # type: ignore[no-untyped-def]
    startup, codes = _startup(qtbot, f"sqlite:///{db_path}", idle_ms=60_000)
    startup.login.login_edit.setText("auditor")
    startup.login.password_edit.setText(PASSWORD)
    startup.login.submit()  # possibly before the database is open: it logs in when it is
    qtbot.waitUntil(lambda: startup.window is not None, timeout=20000)
    assert startup.window.tab_titles() == ["审计日志"]
    startup.window.end_session("")  # 退出登录 from the lock screen: back to the login dialog
    assert startup.window is None and startup.login.isVisible() and codes == []
    startup.login.reject()
    assert codes == [0]


def test_database_too_new_is_refused_with_a_message(qtbot, db_path: Path, monkeypatch):  # type: ignore[no-untyped-def]
    from ui import messages

    shown: list[str] = []
    monkeypatch.setattr(messages, "error", lambda parent, title, text: shown.append(text))
    with sqlite3.connect(db_path) as conn:
        conn.execute("INSERT INTO alembic_version (version_num) VALUES ('9999_future')")
    startup, codes = _startup(qtbot, f"sqlite:///{db_path}")
    qtbot.waitUntil(lambda: codes != [], timeout=20000)
    assert codes == [3]
    assert shown and "更新版本" in shown[0]


def test_start_up_path_loads_no_database_or_document_libraries():  # type: ignore[no-untyped-def]
    """`python -m app` reaches the login window without SQLAlchemy, Alembic or the office-file libraries:
    they load in the background thread, after the dialog is on screen."""
    import subprocess
    import sys

    code = (
        "import sys, app.cli, app.bootstrap, ui.app, ui.login; "
        "print(','.join(m for m in ('sqlalchemy', 'alembic', 'reportlab', 'openpyxl', 'docx', 'pypdfium2', "
        "'db.engine', 'app.services.container') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert out.stdout.strip() == ""


def test_enter_in_the_password_field_logs_in(qtbot, services):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from ui.login import LoginDialog

    dialog = LoginDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.login_edit, "leader")
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.actor is not None and dialog.actor.login == "leader"

"""No network, ever: a whole GUI session — start-up as ``python -m app --demo`` does it (database opened and
demo data generated in the background, login), every tab of the 收发文 clerk, the 机要 clerk and the leader,
a record opened, a form and the register book printed to PDF, an export, lock and unlock, log out — with
every socket connection made to fail, and not one attempted."""

from __future__ import annotations

import socket
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QPushButton, QTabWidget

from app.demo import DEMO_PASSWORD

BLOCKED = "network use is forbidden in this application"


@pytest.fixture
def attempts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every way Python code opens a connection or resolves a name raises, and is recorded."""
    seen: list[str] = []

    def refuse(name: str):  # type: ignore[no-untyped-def]
        def _refuse(*args: Any, **kwargs: Any) -> Any:
            seen.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise OSError(BLOCKED)

        return _refuse

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("gethostbyname"))
    return seen


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes would block the run: information is let through, errors are recorded (the test fails
    on them), a question to the user fails at once."""
    from ui import messages

    seen: list[str] = []

    def ask(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"unexpected question: {args[1:]}")

    monkeypatch.setattr(messages, "info", lambda parent, title, text: None)
    monkeypatch.setattr(messages, "warn", lambda parent, title, text: None)
    monkeypatch.setattr(messages, "error", lambda parent, title, text: seen.append(f"{title}: {text}"))
    monkeypatch.setattr(messages, "confirm", ask)
    monkeypatch.setattr(messages, "ask_text", ask)
    return seen


def _log_in(qtbot, startup, login: str):  # type: ignore[no-untyped-def]
    dialog = startup.login
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.services is not None, timeout=120_000)  # demo data is generated first
    dialog.login_edit.setText(login)
    dialog.password_edit.setText(DEMO_PASSWORD)
    dialog.submit()
    assert dialog.error_label.text() == ""
    qtbot.waitUntil(lambda: startup.window is not None and startup.window.isVisible())
    return startup.window


def _visit_every_tab(qtbot, window) -> list[str]:  # type: ignore[no-untyped-def]
    """Every tab and sub-tab made current (built on first view); what the user saw, by title."""
    seen = []
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        seen.append(window.tabs.tabText(i))
        content = getattr(window.tabs.widget(i), "content", None)
        if isinstance(content, QTabWidget):
            for j in range(content.count()):
                content.setCurrentIndex(j)
                qtbot.waitUntil(content.currentWidget().isVisible)
                seen.append(f"{window.tabs.tabText(i)}/{content.tabText(j)}")
    return seen


def _log_out(qtbot, startup, window) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.closed):
        window.lock()
        window.lock_page.logout_requested.emit("")  # 退出登录 on the lock screen
    qtbot.waitUntil(lambda: startup.login is not None and startup.login.isVisible())


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_whole_session_makes_no_network_connection(qtbot, tmp_path, monkeypatch, attempts, errors):  # type: ignore[no-untyped-def]
    from app.bootstrap import open_services
    from ui.app import Startup
    from ui.areas.documents.dialogs import DetailDialog

    with pytest.raises(OSError):  # the guard itself works
        socket.create_connection(("127.0.0.1", 9))
    assert attempts
    attempts.clear()

    startup = Startup(
        f"sqlite:///{tmp_path / 'office.sqlite'}", demo=True, idle_ms=3_600_000, open_services=open_services
    )
    codes: list[int] = []
    startup.finished.connect(codes.append)
    startup.start()

    # --- 收发文 clerk: every tab, a record, a form and the register book printed, an export, lock/unlock
    window = _log_in(qtbot, startup, "wangfang")
    assert "王芳（wangfang）" in window.status_label.text()
    assert _visit_every_tab(qtbot, window) == [
        "工作台",
        "收发文登记",
        "收发文登记/收文登记",
        "收发文登记/发文登记",
        "督查督办",  # 王芳 holds 督查 too: 立项督办 on a 收文 in the demo
        "督查督办/督办事项",
        "督查督办/统计",
    ]
    home = window.home
    qtbot.waitUntil(lambda: home.attention is not None and home.figures is not None, timeout=60_000)
    assert home.item_rows(), "the demo year leaves overdue items on the home tab"

    window.tabs.setCurrentWidget(window.area_tabs["documents"])
    docs = window.area_tabs["documents"].content
    docs.setCurrentWidget(docs.pages["incoming"])
    page = docs.pages["incoming"]
    view = page.view
    qtbot.waitUntil(lambda: view.model.rowCount() > 100)
    view.table.selectRow(0)
    record = view.selected_records()[0]
    opened: list[DetailDialog] = []
    monkeypatch.setattr(
        DetailDialog, "exec", lambda self: (opened.append(self), self.show(), self.close(), 0)[-1]
    )
    page.findChild(QPushButton, "detail").click()
    assert opened and record["title"] in opened[0].findChild(QLabel, "summary").text()

    view.print_form(window.services.forms("incoming")[0].key)
    preview = view.last_preview
    qtbot.waitUntil(lambda: bool(preview.images) or bool(errors), timeout=30_000)
    assert not errors
    assert record["title"] in _pdf_text(preview.pdf_path)
    preview.close()

    view.print_book()
    qtbot.waitUntil(
        lambda: errors or (view.last_preview is not preview and bool(view.last_preview.images)),
        timeout=60_000,
    )
    assert not errors
    assert "收文" in _pdf_text(view.last_preview.pdf_path)
    view.last_preview.close()

    target = tmp_path / "收文登记.xlsx"
    monkeypatch.setattr("ui.widgets.register_actions.ask_save_path", lambda *a, **k: target)
    view.export()
    qtbot.waitUntil(lambda: errors or getattr(view, "last_export", None) is not None, timeout=60_000)
    assert not errors
    assert target.stat().st_size > 0 and view.last_export[1] == view.model.total

    window.action_lock.trigger()
    assert window.locked
    window.lock_page.password_edit.setText(DEMO_PASSWORD)
    window.lock_page.submit()
    assert not window.locked
    _log_out(qtbot, startup, window)

    # --- 机要: the telegram registers and the copies of a telegram
    window = _log_in(qtbot, startup, "lijun")
    seen = _visit_every_tab(qtbot, window)
    assert {"电报登记/密码电报收电", "电报登记/统计", "收发文登记/收文登记"} <= set(seen)
    telegrams = window.area_tabs["telegrams"].content
    cipher = telegrams.pages["cipher_in"]
    telegrams.setCurrentWidget(cipher)
    qtbot.waitUntil(lambda: cipher.view.model.rowCount() > 0)
    cipher.view.table.selectRow(0)
    qtbot.waitUntil(lambda: cipher.copies.table.rowCount() > 0)
    _log_out(qtbot, startup, window)

    # --- the leader: home, documents and the plain telegrams, then quit from the login dialog
    window = _log_in(qtbot, startup, "zhouzr")
    seen = _visit_every_tab(qtbot, window)
    assert "电报登记/明传电报收电" in seen and "电报登记/密码电报收电" not in seen
    _log_out(qtbot, startup, window)
    startup.login.reject()
    assert codes == [0]

    assert attempts == [], f"network connections were attempted: {attempts}"
    assert errors == []
    assert "PySide6.QtNetwork" not in sys.modules  # nor any connection from Qt's side

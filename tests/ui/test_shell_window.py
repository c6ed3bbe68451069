"""The main window: tabs per role, status bar, idle lock, menus, layout remembered between runs."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget, QWidget

from tests.conftest import PASSWORD
from ui.main_window import MainWindow


def _window(qtbot, services, actor, **kw):  # type: ignore[no-untyped-def]
    window = MainWindow(services, actor, **kw)
    qtbot.addWidget(window)
    return window


def _audit_actions(services, actors):  # type: ignore[no-untyped-def]
    _, rows = services.audit.search(actors["auditor"], limit=50)
    return [r.action for r in rows]


def test_administrators_see_only_their_screens(qtbot, services, actors):  # type: ignore[no-untyped-def]
    assert _window(qtbot, services, actors["sysadmin"]).tab_titles() == ["账户管理", "系统设置", "备份与恢复"]
    assert _window(qtbot, services, actors["secadmin"]).tab_titles() == ["账户管理", "安全策略"]
    assert _window(qtbot, services, actors["auditor"]).tab_titles() == ["审计日志", "备份记录"]


def test_business_user_sees_home_and_her_areas(qtbot, sample_services, actor_factory):  # type: ignore[no-untyped-def]
    clerk = _window(qtbot, sample_services, actor_factory(sample_services, "clerk"))
    assert clerk.tab_titles() == ["工作台", "样例"]
    petition = _window(qtbot, sample_services, actor_factory(sample_services, "petition"))
    assert petition.tab_titles() == ["工作台"]  # no role for the sample area: no tab, no placeholder


def test_area_tab_is_built_when_opened_and_menus_delegate(qtbot, sample_services, actor_factory):  # type: ignore[no-untyped-def]
    window = _window(qtbot, sample_services, actor_factory(sample_services, "clerk"))
    window.show()
    tab = window.area_tabs["sample"]
    assert tab.content is None  # nothing built before the user opens it
    assert not window.action_new.isEnabled()  # the home tab has no register
    window.tabs.setCurrentWidget(tab)
    assert tab.content is not None
    view = window.current_register_view()
    assert view is not None and view is tab.content.views["sample"]
    assert window.action_new.isEnabled() and window.action_find.isEnabled()
    triggered = []
    view.action_new.triggered.disconnect()
    view.action_new.triggered.connect(lambda: triggered.append(True))
    window.action_new.trigger()
    assert triggered == [True]


def test_status_bar_shows_user_roles_and_machine_level(qtbot, services, actors):  # type: ignore[no-untyped-def]
    from app.domain.enums import SecretLevel

    services.settings.update_policy(actors["secadmin"], machine_level=SecretLevel.CONFIDENTIAL.value)
    text = _window(qtbot, services, actors["jiyao"]).status_label.text()
    assert "李军（jiyao）" in text and "收发文、机要" in text and "本机密级：机密" in text
    assert "安全审计员" in _window(qtbot, services, actors["auditor"]).status_label.text()


def test_idle_lock_and_unlock(qtbot, services, actors):  # type: ignore[no-untyped-def]
    window = _window(qtbot, services, actors["clerk"], idle_ms=200)
    window.show()
    qtbot.waitUntil(lambda: window.locked, timeout=3000)
    assert window.stack.currentWidget() is window.lock_page
    assert not window.menuBar().isEnabled() and not window.action_new.isEnabled()
    window.lock_page.password_edit.setText("wrong")
    window.lock_page.submit()
    assert window.locked and "登录名或密码错误" in window.lock_page.error_label.text()
    qtbot.keyClicks(window.lock_page.password_edit, PASSWORD)
    qtbot.keyClick(window.lock_page.password_edit, Qt.Key.Key_Return)
    assert not window.locked and window.stack.currentWidget() is window.tabs
    assert window.menuBar().isEnabled()
    assert {"lock", "unlock", "unlock_failed"} <= set(_audit_actions(services, actors))


def test_ctrl_l_locks_and_failures_lock_out_and_log_out(qtbot, services, actors):  # type: ignore[no-untyped-def]
    window = _window(qtbot, services, actors["clerk"])
    window.show()
    window.action_lock.trigger()
    assert window.locked
    assert window.action_lock.shortcut().toString() == "Ctrl+L"
    with qtbot.waitSignal(window.closed) as blocker:
        for _ in range(5):
            window.lock_page.password_edit.setText("wrong")
            window.lock_page.submit()
    back_to_login, reason = blocker.args
    assert back_to_login and "锁定" in reason
    assert "logout" in _audit_actions(services, actors)


def test_rights_changed_while_locked_send_the_user_back_to_login(qtbot, services, actors):  # type: ignore[no-untyped-def]
    from app.domain.enums import SecretLevel

    window = _window(qtbot, services, actors["clerk"])
    window.show()
    window.action_lock.trigger()
    services.accounts.set_clearance(actors["secadmin"], "clerk", SecretLevel.NONE)
    with qtbot.waitSignal(window.closed) as blocker:
        window.lock_page.password_edit.setText(PASSWORD)
        window.lock_page.submit()
    back_to_login, reason = blocker.args
    assert back_to_login and "重新登录" in reason


def test_close_logs_out_and_layout_is_remembered(qtbot, services, actors):  # type: ignore[no-untyped-def]
    window = _window(qtbot, services, actors["sysadmin"])
    window.show()
    window.resize(700, 500)
    qtbot.waitUntil(lambda: window.width() == 700)
    window.close()
    assert _audit_actions(services, actors)[0] == "logout"
    again = _window(qtbot, services, actors["sysadmin"])
    assert (again.width(), again.height()) == (700, 500)


def test_header_layout_saved_and_restored(qtbot):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QTableWidget

    from ui.settings_store import restore_header, save_header

    table = QTableWidget(2, 3)
    qtbot.addWidget(table)
    table.horizontalHeader().resizeSection(1, 222)
    table.horizontalHeader().moveSection(2, 0)
    save_header("register/test", table.horizontalHeader())
    other = QTableWidget(2, 3)
    qtbot.addWidget(other)
    assert restore_header("register/test", other.horizontalHeader())
    assert other.horizontalHeader().sectionSize(1) == 222
    assert other.horizontalHeader().logicalIndex(0) == 2
    assert not restore_header("register/never-saved", other.horizontalHeader())


@pytest.fixture
def actor_factory():  # type: ignore[no-untyped-def]
    from tests.conftest import actor_for

    return actor_for


def test_home_lists_overdue_and_opens_the_record(qtbot, sample_services, actor_factory):  # type: ignore[no-untyped-def]
    clerk = actor_factory(sample_services, "clerk")
    late = date.today() - timedelta(days=3)
    rec = sample_services.registers.create(
        clerk,
        "sample",
        {
            "received_on": date.today().isoformat(),
            "sender": "市委办公室",
            "title": "关于报送材料的通知",
            "due_on": late.isoformat(),
        },
    )
    window = _window(qtbot, sample_services, clerk)
    window.show()
    home = window.home
    qtbot.waitUntil(lambda: home.attention is not None)
    head = home.tree.topLevelItem(0)
    assert home.tree.topLevelItemCount() == 1 and head.text(0) == "已超期（1）"
    row = head.child(0)
    assert row.text(4) == "样例" and row.text(2) == "关于报送材料的通知"
    assert row.text(5) == f"{late.month}月{late.day}日 周{'一二三四五六日'[late.weekday()]}（超3天）"
    opened = []
    tab = window.area_tabs["sample"]
    tab.ensure_built()
    view = tab.content.views["sample"]
    view.open_record = lambda record_id: opened.append(record_id)  # the view's hook, observed
    home.tree.itemActivated.emit(row, 2)  # double-click / Enter
    assert window.tabs.currentWidget() is tab
    assert opened == [rec.id]


def test_keyboard_shortcuts_reach_the_register_view(qtbot, sample_services, actor_factory):  # type: ignore[no-untyped-def]
    window = _window(qtbot, sample_services, actor_factory(sample_services, "clerk"))
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.tabs.setCurrentWidget(window.area_tabs["sample"])
    view = window.current_register_view()
    assert view.isVisible()
    created = []
    view.action_new.triggered.disconnect()
    view.action_new.triggered.connect(lambda: created.append(True))
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # no ambiguous shortcut
    assert created == [True]
    locked = []
    window.action_lock.triggered.connect(lambda: locked.append(True))
    qtbot.keyClick(view.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert locked == [True] and window.locked


class CustomSampleTab(QTabWidget):
    """An area's own tab (an AreaTab): a page of its own first, then the register view."""

    def __init__(self, services, actor, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        from ui.widgets.register_view import RegisterView

        self.addTab(QWidget(), "统计")
        self.view = RegisterView(services, actor, "sample", self)
        self.addTab(self.view, "样例登记")

    def current_view(self):  # type: ignore[no-untyped-def]
        return self.view if self.currentWidget() is self.view else None

    def open_record(self, register: str, record_id: int) -> None:
        self.setCurrentWidget(self.view)
        self.view.open_record(record_id)


def test_custom_area_tab_and_record_opened_from_home(qtbot, sample_services, actor_factory, monkeypatch):  # type: ignore[no-untyped-def]
    from ui import area_tabs

    real = area_tabs.area_tab_spec
    monkeypatch.setattr(
        area_tabs,
        "area_tab_spec",
        lambda key: f"{__name__}:CustomSampleTab" if key == "sample" else real(key),
    )
    clerk = actor_factory(sample_services, "clerk")
    rec = sample_services.registers.create(
        clerk,
        "sample",
        {
            "received_on": date.today().isoformat(),
            "sender": "县政府办",
            "title": "逾期的来信",
            "due_on": (date.today() - timedelta(days=1)).isoformat(),
        },
    )
    window = _window(qtbot, sample_services, clerk)
    window.show()
    tab = window.area_tabs["sample"]
    custom = tab.ensure_built()
    assert isinstance(custom, CustomSampleTab)
    opened = []
    custom.view.open_record = lambda record_id: opened.append(record_id)
    qtbot.waitUntil(lambda: window.home.attention is not None)
    (item,) = window.home.item_rows()
    window.home.open_item(item)
    assert window.tabs.currentWidget() is tab and custom.currentWidget() is custom.view
    assert opened == [rec.id]


def test_lock_closes_open_dialogs_and_input_postpones_it(qtbot, services, actors):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialog

    window = _window(qtbot, services, actors["clerk"], idle_ms=300)
    window.show()
    dialog = QDialog(window)  # e.g. a record form left open with a secret record on it
    dialog.show()
    restarts = []
    timer = window.idle.timer
    real_start = timer.start
    timer.start = lambda *a: (restarts.append(1), real_start(*a))  # observe the countdown restarting
    qtbot.keyClick(window.tabs, Qt.Key.Key_Shift)
    qtbot.mouseClick(window.tabs.tabBar(), Qt.MouseButton.LeftButton)
    assert len(restarts) >= 2  # every key press and click starts the idle countdown again
    qtbot.waitUntil(lambda: window.locked, timeout=3000)
    assert not dialog.isVisible()


def test_a_save_waiting_for_another_writer_says_busy_while_it_waits(qtbot, services, actors, db_path):
    """数据库正忙 appears in the status bar during the wait (not only in the refusal at its end)."""
    import sqlite3

    from app.domain.errors import DatabaseBusy

    window = _window(qtbot, services, actors["clerk"])
    seen: list[str] = []
    window.statusBar().messageChanged.connect(seen.append)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseBusy):
            with services.db.write():
                pass
    finally:
        holder.rollback()
        holder.close()
    busy = [m for m in seen if m.startswith("数据库正忙")]
    assert busy  # told while it waited (from 0.3 s, then every half second: fewer on a loaded machine)
    assert all("排队等待" in m for m in busy)
    window.close()
    assert services.db.on_wait is None  # a closed window is no longer told

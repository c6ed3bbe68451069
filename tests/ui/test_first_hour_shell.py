"""What a clerk meets in the first hour in the main window: the first window fits the screen, the one 打印
follows the selection, and a user whose posts have no area is told so on 工作台."""

from __future__ import annotations

from unittest import mock

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

from ui.main_window import MainWindow


def _window(qtbot, services, actor):  # type: ignore[no-untyped-def]
    window = MainWindow(services, actor)
    qtbot.addWidget(window)
    return window


def test_first_window_fits_a_1366x768_screen(qtbot, services, actors):  # type: ignore[no-untyped-def]
    small = QRect(0, 0, 1366, 728)  # 1366×768 minus a 40-pixel taskbar
    with mock.patch("PySide6.QtGui.QScreen.availableGeometry", return_value=small):
        window = _window(qtbot, services, actors["clerk"])
    frame_bottom = window.y() + window.height() + 48  # title bar and frame the window manager adds
    assert window.width() <= 1366 - 16 and frame_bottom <= 728
    assert window.x() >= 0 and window.y() >= 0


def test_main_print_follows_the_selection_and_prints_the_book_without_one(qtbot, services, actors):  # type: ignore[no-untyped-def]
    docs = services.service("documents")
    clerk = actors["clerk"]
    docs.incoming.receive(
        clerk, {"received_at": "2026-03-02 09:00", "sender": "县教育局", "title": "关于测试的通知"}
    )
    window = _window(qtbot, services, clerk)
    window.show()
    window.tabs.setCurrentIndex(1)  # 收发文登记
    view = window.current_register_view()
    assert view is not None and view.register.key == "incoming"
    assert window.action_print.isEnabled()  # the register book is always printable
    view.table.selectRow(0)
    assert view.action_print.isEnabled() and window.action_print.isEnabled()
    printed: list[str] = []
    view.action_print.triggered.disconnect()
    view.action_print.triggered.connect(lambda: printed.append("form"))
    view.action_print_book.triggered.disconnect()
    view.action_print_book.triggered.connect(lambda: printed.append("book"))
    window.action_print.trigger()
    view.table.clearSelection()
    window.action_print.trigger()
    assert printed == ["form", "book"]


def test_user_without_an_area_is_told_which_posts_she_has(qtbot, services, actors, monkeypatch):  # type: ignore[no-untyped-def]
    # every post has its area now: a build without the 来访接待 area shows what such a user sees
    monkeypatch.setattr(services, "areas", [a for a in services.areas if a.key != "reception"])
    window = _window(qtbot, services, actors["petition"])
    window.show()
    home = window.home
    assert home is not None
    assert home.unserved_label.isVisible()
    assert "信访接待" in home.unserved_label.text() and "还没有" in home.unserved_label.text()
    assert not home.ack_button.isVisible() and not home.empty_label.isVisible()
    assert not home.refresh_button.isVisible()


def test_user_with_an_area_sees_no_such_message(qtbot, services, actors):  # type: ignore[no-untyped-def]
    window = _window(qtbot, services, actors["clerk"])
    window.show()
    assert window.home is not None and not window.home.unserved_label.isVisible()


def test_the_register_book_prints_in_register_order_unless_asked(qtbot, services, actors, monkeypatch):  # type: ignore[no-untyped-def]
    from ui.widgets.register_view import RegisterView

    view = RegisterView(services, actors["clerk"], "incoming")
    qtbot.addWidget(view)
    sorts: list = []
    monkeypatch.setattr(services.printing, "render_book", lambda *a, **k: sorts.append(k.get("sort")) or a[2])
    monkeypatch.setattr(view.tasks, "start", lambda work, done, failed: work())  # run it here, no preview
    view.table.sortByColumn(3, view.table.horizontalHeader().sortIndicatorOrder())
    screen = view.model.sort_key
    assert screen is not None
    view.print_book()
    view.print_book(screen_order=True)
    assert sorts == [None, screen]  # None = the register's order (number ascending)


def test_no_greyed_register_actions_for_a_user_without_an_area(qtbot, services, actors, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(services, "areas", [a for a in services.areas if a.key != "reception"])
    window = _window(qtbot, services, actors["petition"])
    menus = [a.text() for a in window.menuBar().actions()]
    assert not any(t.startswith("编辑") for t in menus)
    assert window.action_print not in window.toolbar.actions()
    clerk = _window(qtbot, services, actors["clerk"])
    assert clerk.action_print in clerk.toolbar.actions()


def test_main_print_follows_a_sub_tab_switch_from_a_page_without_a_register(qtbot, services, actors):  # type: ignore[no-untyped-def]
    window = _window(qtbot, services, actors["clerk"])
    window.show()
    tab = window.area_tabs["documents"]
    documents = tab.ensure_built()
    documents.insertTab(0, QWidget(), "说明")  # a first sub-tab with nothing to print (like 值班表)
    documents.setCurrentIndex(0)
    window.tabs.setCurrentWidget(tab)
    assert not window.action_print.isEnabled()
    documents.setCurrentIndex(1)
    assert window.action_print.isEnabled()

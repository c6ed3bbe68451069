"""The window as the office's clerks see it: registers fit a 1366×768 screen (the filter bar wraps instead of
widening the window), the home tab's double-click finds a telegram that the list was not showing."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QWidget

from ui.main_window import MainWindow


def _register_pages(window):  # type: ignore[no-untyped-def]
    """(name, register view) of every register sub-tab, each made current in turn."""
    for key in ("documents", "telegrams"):
        tab = window.area_tabs[key]
        window.tabs.setCurrentWidget(tab)
        content = tab.content
        for register, page in content.pages.items():
            content.setCurrentWidget(page)
            yield register, page.view


def test_every_register_fits_a_1366_pixel_screen(qtbot, services, actors):  # type: ignore[no-untyped-def]
    window = MainWindow(services, actors["jiyao"])
    qtbot.addWidget(window)
    window.resize(1366, 738)
    window.show()
    seen = []
    for register, view in _register_pages(window):
        qtbot.waitUntil(lambda v=view: v.filter_bar.isVisible() and v.filter_bar.height() > 0)
        assert window.minimumSizeHint().width() <= 1366, register
        assert window.width() == 1366, register
        # Every filter stays on screen: the bar wraps onto a second line instead.
        for child in view.filter_bar.findChildren(QWidget):
            if child.isVisible():
                right = child.mapTo(window, QPoint(child.width(), 0)).x()
                assert right <= window.width(), (register, child.objectName())
        assert view.filter_bar.clear_button.isVisible()
        if register == "incoming":  # the longest bar: wrapped onto a second line
            assert view.filter_bar.height() > view.filter_bar.clear_button.height() * 1.5
        seen.append(register)
    assert {"incoming", "outgoing", "plain_in", "cipher_in"} <= set(seen)


def test_home_double_click_selects_the_overdue_telegram_even_when_filtered_out(
    qtbot, services, actors, monkeypatch
):  # type: ignore[no-untyped-def]
    jiyao = actors["jiyao"]
    long_ago = (datetime.now() - timedelta(days=20)).strftime("%Y-%m-%d %H:%M")
    rec = services.registers.create(
        jiyao,
        "cipher_in",
        {
            "at": long_ago,
            "dept_no": "省委密电〔2026〕7号",
            "priority": "加急",
            "counterpart": "省委办公厅",
            "title": "关于汛期值班的电报",
            "copies_count": "1",
            "secret_level": "机密",
        },
    )
    (copy,) = services.copies.copies(jiyao, "cipher_in", rec.id)
    window = MainWindow(services, jiyao)
    qtbot.addWidget(window)
    window.show()
    home = window.home
    qtbot.waitUntil(lambda: home.attention is not None)
    rows = [item for item in home.item_rows() if item.area == "telegrams" and item.record_id == rec.id]
    assert rows, "the unreturned telegram is on the home tab"
    # The clerk had been searching for something else in that register.
    tab = window.area_tabs["telegrams"]
    window.tabs.setCurrentWidget(tab)
    page = tab.content.pages["cipher_in"]
    page.view.search_box.setText("没有这样的电报")
    page.view.apply_query()
    assert page.view.model.rowCount() == 0
    window.tabs.setCurrentWidget(home)

    from ui.widgets.workflow_page import RecordDetailDialog

    shown = []
    monkeypatch.setattr(RecordDetailDialog, "exec", lambda d: shown.append(d.record_id) or 0)
    home.open_item(rows[0])

    assert window.tabs.currentWidget() is tab and tab.content.currentWidget() is page
    assert page.view.current_record_id() == rec.id
    assert shown == [rec.id]  # and its details opened
    assert "1份" in page.copies.title.text() and page.copies.table.item(0, 0).text() == copy.copy_no


def test_number_columns_show_whole_numbers_and_copies_show_the_reading_record(qtbot, services, actors):  # type: ignore[no-untyped-def]
    from ui.areas.telegrams.tab import TelegramsTab

    jiyao = actors["jiyao"]
    services.registers.create(
        jiyao,
        "plain_in",
        {
            "at": datetime.now().strftime("%Y-%m-%d %H:%M"),
            "dept_no": "省应急明电〔2026〕154号",
            "priority": "平急",
            "counterpart": "省应急管理厅",
            "title": "关于做好防汛工作的通知",
            "copies_count": "1",
        },
    )
    tab = TelegramsTab(services, jiyao)
    qtbot.addWidget(tab)
    tab.resize(1300, 700)
    tab.show()
    view = tab.pages["plain_in"].view
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    metrics = view.table.fontMetrics()
    for col, f in enumerate(view.model.columns):
        if f.name in ("number", "dept_no"):
            text = view.model.data(view.model.index(0, col))
            assert view.table.columnWidth(col) >= metrics.horizontalAdvance(text), f.name  # not cut to “…”
    view.table.selectRow(0)
    copies = tab.pages["plain_in"].copies.table
    qtbot.waitUntil(lambda: copies.rowCount() == 1)
    widths = [copies.columnWidth(c) for c in range(copies.columnCount())]
    assert widths[5] == max(widths)  # 阅电记录 gets the spare width


def test_dialogs_fit_a_768_pixel_screen_and_speak_chinese(qtbot, services, actors):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from ui.areas.documents.dialogs import IncomingFormDialog
    from ui.i18n import install_qt_translations
    from ui.widgets import screen

    available = QApplication.primaryScreen().availableGeometry()
    form = IncomingFormDialog(services, actors["clerk"], "incoming")
    qtbot.addWidget(form)
    assert form.height() <= available.height() - screen.FRAME_H
    app = QApplication.instance()
    assert install_qt_translations(app)
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close | QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        assert sorted(b.text() for b in box.buttons()) == sorted(["关闭", "取消"])
    finally:
        for translator in app.findChildren(QTranslator):
            app.removeTranslator(translator)
            translator.deleteLater()


def test_a_dialog_is_never_taller_than_the_screen(qtbot):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication, QDialog

    from ui.widgets.screen import FRAME_H, FRAME_W, resize_to_fit

    area = QApplication.primaryScreen().availableGeometry()
    dialog = QDialog()
    qtbot.addWidget(dialog)
    resize_to_fit(dialog, area.width() + 500, area.height() + 500)
    assert dialog.width() == area.width() - FRAME_W and dialog.height() == area.height() - FRAME_H
    resize_to_fit(dialog, 400, 300)
    assert (dialog.width(), dialog.height()) == (400, 300)

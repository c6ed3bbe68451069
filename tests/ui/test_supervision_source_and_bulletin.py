"""督办 in the window: an item's 来源记录 opens the 收文 it was made from in the 收发文 tab (button or
double-click), refused in Chinese when the user may not see it (no 收发文 post, or the 收文's 密级 above her
clearance); the 督办通报 dialog picks a period and a unit, says what is wrong next to the field, previews."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QLabel, QTableWidget

from ui.main_window import MainWindow

ITEMS = "supervision_items"


def _source(services, actors):  # type: ignore[no-untyped-def]
    """A 收文 registered and made into a 督办 item by 吴晓 (收发文 and 督查)."""
    office = actors["office"]
    doc = (
        services.service("documents")
        .incoming.receive(
            office,
            {"received_at": "2026-03-05 09:30", "sender": "市委督查室", "title": "关于抓好秋粮收购的通知"},
        )
        .record
    )
    item = services.service("supervision").from_record(office, "incoming", doc.id)
    return doc, item


def _capture(monkeypatch, cls, then=None):  # type: ignore[no-untyped-def]
    shown: list = []

    def fake_exec(self):  # type: ignore[no-untyped-def]
        shown.append(self)
        if then is not None:
            then(self)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(cls, "exec", fake_exec)
    return shown


def _supervision_page(qtbot, window):  # type: ignore[no-untyped-def]
    from ui.area_tabs import area_tab_of

    tab = window.area_tabs["supervision"]
    window.tabs.setCurrentWidget(tab)
    page = area_tab_of(tab).page
    qtbot.waitUntil(lambda: page.view.model.rowCount() == 1)
    page.view.table.selectRow(0)
    return page


def test_the_source_opens_in_the_documents_tab_by_button_and_double_click(
    qtbot, services, actors, monkeypatch
):  # type: ignore[no-untyped-def]
    from ui.area_tabs import area_tab_of
    from ui.areas.documents.dialogs import DetailDialog
    from ui.areas.supervision.tab import ItemDetailDialog

    doc, item = _source(services, actors)
    window = MainWindow(services, actors["office"])
    qtbot.addWidget(window)
    window.show()
    page = _supervision_page(qtbot, window)
    opened = _capture(monkeypatch, DetailDialog)
    items = _capture(monkeypatch, ItemDetailDialog, lambda d: d.source_button.click())
    page.show_detail(page.view.current_record_id())
    assert items[0].source_wanted == ("documents", "incoming", doc.id)
    assert window.tabs.currentWidget() is window.area_tabs["documents"]
    assert len(opened) == 1 and opened[0].record_id == doc.id
    assert "关于抓好秋粮收购的通知" in opened[0].windowTitle() + opened[0].findChild(QLabel, "summary").text()
    assert "已立项督办：" + item["number"] in opened[0].findChild(QLabel, "summary").text()
    docs = area_tab_of(window.area_tabs["documents"])
    assert docs.pages["incoming"].view.current_record_id() == doc.id  # the 收文 selected in its list

    page = _supervision_page(qtbot, window)
    double = _capture(
        monkeypatch,
        ItemDetailDialog,
        lambda d: d.findChild(QTableWidget, "来源记录").cellDoubleClicked.emit(0, 1),
    )
    page.show_detail(page.view.current_record_id())
    assert double and len(opened) == 2 and opened[1].record_id == doc.id


def test_a_user_who_may_not_see_the_source_is_told_why(qtbot, services, actors, monkeypatch):  # type: ignore[no-untyped-def]
    from ui.areas.documents.dialogs import DetailDialog
    from ui.areas.supervision.tab import ItemDetailDialog

    doc, item = _source(services, actors)
    warned: list[str] = []
    monkeypatch.setattr("ui.messages.warn", lambda parent, title, text: warned.append(text))
    opened = _capture(monkeypatch, DetailDialog)

    # 督查 without 收发文: the item names its source but does not open it
    window = MainWindow(services, actors["supervisor"])
    qtbot.addWidget(window)
    page = _supervision_page(qtbot, window)
    items = _capture(monkeypatch, ItemDetailDialog, lambda d: d.source_button.click())
    page.show_detail(page.view.current_record_id())
    assert items[0].source_wanted is None and not opened
    assert warned and warned[0].startswith("您无权查看来源记录（收文登记") and "收发文" in warned[0]

    # the 收文 raised to 机密 afterwards: 吴晓 (秘密) still sees the item, never the 收文
    services.registers.update(
        actors["leader"], "incoming", doc.id, {"secret_level": "confidential", "copy_numbers": "001"}
    )
    window = MainWindow(services, actors["office"])
    qtbot.addWidget(window)
    page = _supervision_page(qtbot, window)
    page.show_detail(page.view.current_record_id())
    assert items[-1].source_wanted is None and not opened
    assert len(warned) == 2 and warned[1].startswith("您无权查看来源记录") and "密级" in warned[1]
    table = items[-1].findChild(QTableWidget, "来源记录")
    assert table.item(0, 2).text() == ""  # its title is not shown either


def test_bulletin_dialog_period_unit_errors_and_preview(qtbot, services, actors, monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    from tests.unit.test_printing_support import docx_text
    from tests.unit.test_supervision_bulletin import Y, _item
    from ui.areas.supervision.bulletin import BulletinDialog

    s = actors["supervisor"]
    _item(services, s, date(Y, 4, 1), "县财政局", date(Y, 4, 20), date(Y, 4, 18), "落实秋粮收购")
    _item(services, s, date(Y, 6, 30), "县财政局", date(Y, 7, 20), None, "整治人居环境")
    _item(services, s, date(Y, 5, 5), "县住建局", date(Y, 5, 20), None, "其他单位事项")
    dialog = BulletinDialog(services, s)
    qtbot.addWidget(dialog)
    assert [dialog.unit.itemText(i) for i in range(dialog.unit.count())] == [
        "全部单位",
        "县住建局",
        "县财政局",
    ]
    dialog.kind.setCurrentIndex(1)  # 季度
    dialog.year.setValue(Y)
    dialog.quarter.setCurrentIndex(1)
    dialog.unit.setCurrentIndex(2)
    assert dialog.period() == (date(Y, 4, 1), date(Y, 6, 30), "县财政局")
    assert dialog.shown.text() == f"将生成：{Y}年第二季度，县财政局"

    dialog.kind.setCurrentIndex(3)  # 起止日期, out of order: said next to the period, nothing written
    dialog.start.setDate(date(Y, 6, 1))
    dialog.end.setDate(date(Y, 5, 1))
    assert not dialog.period_error.isHidden() and dialog.period_error.text() == "结束日期不能早于开始日期"
    dialog.end.setDate(date(Y, 6, 30))
    assert dialog.period_error.isHidden()
    dialog.unit.setEditText("县财政")  # a unit no item names
    monkeypatch.setattr("ui.areas.supervision.bulletin.ask_save_path", lambda *a: tmp_path / "t.docx")
    monkeypatch.setattr("ui.messages.info", lambda *a: None)
    assert dialog.save_word() is None and not (tmp_path / "t.docx").exists()
    assert "没有主办单位为“县财政”的督办事项" in dialog.unit_error.text() and not dialog.unit_error.isHidden()
    dialog.unit.setCurrentIndex(2)
    out = dialog.save_word()
    text = docx_text(out)
    assert f"关于县财政局{Y}年6月督查督办工作情况的通报" in text  # a whole month is named as one
    assert "整治人居环境" in text and "落实秋粮收购" not in text and "其他单位事项" not in text

    dialog.preview_button.click()
    preview = dialog.preview  # a child of the dialog: closed with it
    qtbot.waitUntil(lambda: preview.images != [], timeout=30000)
    assert preview.pdf_path.suffix == ".pdf" and "县财政局" in preview.windowTitle()
    _, rows = services.audit.search(actors["auditor"], action="print")
    assert len([r for r in rows if r.object_type == ITEMS]) == 2  # the Word file and the preview's PDF


def test_a_meetings_decision_opens_its_meeting_for_supervision_without_the_meetings_tab(
    qtbot, services, actors, monkeypatch
):  # type: ignore[no-untyped-def]
    from datetime import datetime

    from ui.areas.supervision.tab import ItemDetailDialog
    from ui.widgets.workflow_page import RecordDetailDialog

    meeting = services.registers.create(
        actors["huiwu"],
        "meetings",
        {"name": "县委常委会第5次会议", "kind": "常委会", "starts_at": datetime(2026, 3, 5, 9, 0),
         "decisions": "要求各单位月底前报送进展"},
    )  # fmt: skip
    services.service("meetings").supervise(actors["supervisor"], meeting.id)
    window = MainWindow(services, actors["supervisor"])  # 督查 reads meetings, has no 会议 tab
    qtbot.addWidget(window)
    assert "meetings" not in window.area_tabs
    page = _supervision_page(qtbot, window)
    items = _capture(monkeypatch, ItemDetailDialog, lambda d: d.source_button.click())
    details: list = []
    monkeypatch.setattr(
        RecordDetailDialog,
        "exec",
        lambda self: details.append(self) or QDialog.DialogCode.Rejected,
    )
    page.show_detail(page.view.current_record_id())
    assert items[0].source_wanted == ("meetings", "meetings", meeting.id)
    shown = [d for d in details if d.register_key == "meetings"]
    assert shown and "县委常委会第5次会议" in shown[0].findChild(QLabel, "summary").text()

"""A 收文 (from its details) or a meeting's 议定事项 (from the meetings page) becomes a 督办 item in one action,
and both sides show the link: the 收文's details list the item, the item's details name the 收文."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QTableWidget


def _capture(monkeypatch, cls):  # type: ignore[no-untyped-def]
    shown: list = []

    def fake_exec(self):  # type: ignore[no-untyped-def]
        shown.append(self)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(cls, "exec", fake_exec)
    return shown


def test_incoming_becomes_a_supervision_item_linked_both_ways(qtbot, services, actors, monkeypatch):  # type: ignore[no-untyped-def]
    from ui.areas.documents.dialogs import DetailDialog
    from ui.areas.documents.tab import DocumentsTab
    from ui.areas.supervision.tab import SupervisionTab
    from ui.widgets.workflow_page import RecordDetailDialog

    office = actors["office"]  # 收发文 and 督查
    services.service("documents").incoming.receive(
        office, {"received_at": "2026-03-05 09:30", "sender": "市委督查室", "title": "关于抓好秋粮收购的通知"}
    )
    monkeypatch.setattr("ui.messages.info", lambda *a: None)
    tab = DocumentsTab(services, office)
    qtbot.addWidget(tab)
    page = tab.pages["incoming"]
    qtbot.waitUntil(lambda: page.view.model.rowCount() == 1)
    page.view.table.selectRow(0)
    details = _capture(monkeypatch, DetailDialog)
    page.show_detail(page.view.current_record_id())
    button = details[0].supervise_button
    assert button is not None and button.isEnabled()
    button.click()
    assert not button.isEnabled()  # one item per 收文
    page.show_detail(page.view.current_record_id())
    assert "已立项督办：督〔2026〕1号" in details[1].findChild(QLabel, "summary").text()
    assert not details[1].supervise_button.isEnabled()

    sup = SupervisionTab(services, office)
    qtbot.addWidget(sup)
    qtbot.waitUntil(lambda: sup.page.view.model.rowCount() == 1)
    sup.page.view.table.selectRow(0)
    shown = _capture(monkeypatch, RecordDetailDialog)
    sup.page.show_detail(sup.page.view.current_record_id())
    tables = [t for t in shown[0].findChildren(QTableWidget) if t.objectName() == "来源记录"]
    assert tables and tables[0].item(0, 0).text() == "收文登记"
    assert tables[0].item(0, 2).text() == "关于抓好秋粮收购的通知"


def test_meeting_decisions_become_items_from_the_meetings_page(qtbot, services, actors, monkeypatch):  # type: ignore[no-untyped-def]
    from ui.areas.meetings.tab import MeetingsTab
    from ui.widgets.workflow_page import RecordDetailDialog

    services.registers.create(
        actors["huiwu"],
        "meetings",
        {
            "name": "县委常委会第5次会议",
            "kind": "常委会",
            "starts_at": datetime(2026, 3, 5, 9, 0),
            "decisions": "同意年度工作要点\n要求各单位月底前报送进展",
        },
    )
    monkeypatch.setattr("ui.messages.info", lambda *a: None)
    boss = actors["supervisor"]
    tab = MeetingsTab(services, boss)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.meetings.model.rowCount() == 1)
    tab.meetings.table.selectRow(0)
    tab.meeting_page.findChild(QPushButton, "supervise_decisions").click()
    shown = _capture(monkeypatch, RecordDetailDialog)
    tab.meeting_page.show_detail(tab.meetings.current_record_id())
    decisions = [t for t in shown[0].findChildren(QTableWidget) if t.objectName() == "议定事项"][0]
    assert decisions.rowCount() == 2 and decisions.item(0, 2).text().startswith("已立项督办（督〔2026〕")
    # the 会务 clerk has no 督查 post: no button
    clerk_tab = MeetingsTab(services, actors["huiwu"])
    qtbot.addWidget(clerk_tab)
    assert clerk_tab.meeting_page.findChild(QPushButton, "supervise_decisions") is None

"""Opening a line of the 工作台 shows that record's details, as a double-click on its row in its own register
does: the area's tab comes up with the record selected and its details dialog (the area's own) opens."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtWidgets import QDialog

from ui.main_window import MainWindow
from ui.widgets.workflow_page import RecordDetailDialog

TODAY = date.today()


@pytest.fixture
def shown(monkeypatch):  # type: ignore[no-untyped-def]
    """The details dialogs that would be shown (register, record id, dialog class), instead of blocking."""
    seen: list[tuple[str, int, str]] = []

    def fake_exec(self):  # type: ignore[no-untyped-def]
        seen.append((self.register_key, self.record_id, type(self).__name__))
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(RecordDetailDialog, "exec", fake_exec)
    return seen


def _records(services, actors):  # type: ignore[no-untyped-def]
    """One due or alerting record in each of four areas the leader reads."""
    clerk, sup, jiyao = actors["clerk"], actors["supervisor"], actors["jiyao"]
    doc = (
        services.service("documents")
        .incoming.receive(
            clerk,
            {
                "received_at": f"{TODAY - timedelta(days=5):%Y-%m-%d} 09:30",
                "sender": "中共××市委办公室",
                "title": "超期未办的通知",
                "doc_type": "通知",
                "copies": "1",
                "pages": "4",
                "due_on": TODAY - timedelta(days=2),
            },
        )
        .record
    )
    item = services.registers.create(
        sup,
        "supervision_items",
        {
            "received_on": (TODAY - timedelta(days=10)).isoformat(),
            "source": "市委督办",
            "content": "红色事项",
        },
    )
    services.workflow.run(
        sup,
        "supervision_items",
        item.id,
        "assign",
        {"lead_unit": "县财政局", "deadline": (TODAY - timedelta(days=2)).isoformat(), "cycle": "once"},
    )
    flash = services.registers.create(
        jiyao,
        "plain_in",
        {
            "at": datetime.now().strftime("%Y-%m-%d %H:%M"),
            "dept_no": "省应急明电〔2026〕154号",
            "priority": "特提",
            "counterpart": "省应急管理厅",
            "title": "关于寒潮的特提电报",
        },
    )
    return {"incoming": doc.id, "supervision_items": item.id, "plain_in": flash.id}


def test_a_home_line_opens_the_records_details_in_its_area(qtbot, services, actors, shown):  # type: ignore[no-untyped-def]
    ids = _records(services, actors)
    window = MainWindow(services, actors["leader"])
    qtbot.addWidget(window)
    window.show()
    home = window.home
    assert home is not None
    qtbot.waitUntil(lambda: home.attention is not None and len(home.item_rows()) >= 2)
    items = {i.register: i for i in (*home.item_rows(), *home.attention.alerts) if i.register in ids}
    assert set(items) == set(ids)
    for register, area, dialog in (
        ("incoming", "documents", "DetailDialog"),
        ("supervision_items", "supervision", "ItemDetailDialog"),
        ("plain_in", "telegrams", "RecordDetailDialog"),
    ):
        home.open_item(items[register])
        assert window.tabs.currentWidget() is window.area_tabs[area]
        assert shown[-1] == (register, ids[register], dialog)
    assert len(shown) == 3


def test_a_record_the_user_may_no_longer_read_opens_no_dialog(qtbot, services, actors, shown, monkeypatch):  # type: ignore[no-untyped-def]
    from ui import messages

    ids = _records(services, actors)
    window = MainWindow(services, actors["clerk"])
    qtbot.addWidget(window)
    window.show()
    said: list[str] = []
    monkeypatch.setattr(messages, "app_error", lambda _w, e: said.append(e.message))
    window.open_record("documents", "incoming", ids["incoming"] + 999)
    assert shown == [] and said  # told why, nothing opened

"""The 收发文 tab: 收文/发文 sub-tabs, workflow buttons through the services, errors in Chinese, detail dialog."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTableWidget

from ui import messages


@pytest.fixture
def tab(qtbot, services, actors):  # type: ignore[no-untyped-def]
    from ui.areas.documents.tab import DocumentsTab

    services.service("documents").incoming.receive(
        actors["clerk"],
        {
            "received_at": "2026-03-05 09:30",
            "sender": "中共××市委办公室",
            "sender_number": "市委办发[2026]3号",
            "title": "关于做好春季森林防火工作的通知",
        },
    )
    w = DocumentsTab(services, actors["clerk"])
    qtbot.addWidget(w)
    w.resize(1200, 700)
    return w


def test_workflow_buttons_run_the_steps_and_the_detail_shows_the_history(
    qtbot, tab, services, actors, monkeypatch
):
    from ui.areas.documents.dialogs import DetailDialog
    from ui.widgets.step_dialog import StepDialog

    assert [tab.tabText(i) for i in range(tab.count())] == ["收文登记", "发文登记"]
    page = tab.pages["incoming"]
    qtbot.waitUntil(lambda: page.view.model.rowCount() == 1)
    page.view.table.selectRow(0)

    def fill_and_ok(dlg):  # type: ignore[no-untyped-def]
        dlg.set_values({"proposal": "建议呈周书记阅示", "lead_unit": "县林业局", "due_on": "2026-03-20"})
        dlg.accept_step()
        return StepDialog.DialogCode.Accepted if dlg.outcome else StepDialog.DialogCode.Rejected

    monkeypatch.setattr(StepDialog, "exec", fill_and_ok)
    page.buttons["拟办"].click()
    record_id = page.view.current_record_id()
    assert services.registers.get(actors["clerk"], "incoming", record_id)["state"] == "proposed"
    shown: list[str] = []
    monkeypatch.setattr(messages, "app_error", lambda parent, e, *a: shown.append(str(e)))
    page.run_step("办结", {"result": ""})
    assert shown == ["请填写办理结果"]
    dlg = DetailDialog(services, actors["clerk"], "incoming", record_id)
    qtbot.addWidget(dlg)
    table = dlg.findChild(QTableWidget, "history")
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == ["签收", "登记", "拟办"]


def test_new_registration_goes_through_the_workflow_service(qtbot, tab, services, actors):
    from ui.areas.documents.dialogs import IncomingFormDialog

    dlg = IncomingFormDialog(services, actors["clerk"], "incoming")
    qtbot.addWidget(dlg)
    rec = dlg.save(
        {"received_at": "2026-03-06 10:00", "sender": "县委组织部", "title": "关于报送干部信息的通知"}
    )
    assert rec["state"] == "registered" and rec["number"] == "2026-0002"


def test_take_back_asks_whose_copy_when_several_are_out(qtbot, tab, services, actors, monkeypatch):
    docs = services.service("documents")
    page = tab.pages["incoming"]
    record_id = docs.incoming.receive(
        actors["clerk"],
        {
            "received_at": "2026-03-06 09:30",
            "sender": "县委组织部",
            "title": "关于报送干部信息的通知",
            "copies": "2",
        },
    ).record.id
    docs.incoming.circulate(actors["clerk"], record_id, "张三、李四")
    first, second = docs.copies.copies(actors["clerk"], "incoming", record_id)[:2]
    docs.incoming.send_copy(actors["clerk"], record_id, first.id, "张三")
    docs.incoming.send_copy(actors["clerk"], record_id, second.id, "李四")
    page.view.refresh()
    qtbot.waitUntil(lambda: page.view.model.row_of(record_id) is not None)
    page.view.table.selectRow(page.view.model.row_of(record_id))
    shown: list[str] = []
    monkeypatch.setattr(messages, "app_error", lambda parent, e, *a: shown.append(str(e)))
    page.run_step("收回", {"reader": "", "remark_kind": "instruction", "remark": "请阅办"})
    assert shown and "张三" in shown[0] and "李四" in shown[0]  # not silently the first copy
    page.run_step("收回", {"reader": "李四", "remark_kind": "instruction", "remark": "请阅办"})
    by_no = {c.id: c for c in docs.copies.copies(actors["clerk"], "incoming", record_id)}
    assert by_no[first.id].steps[-1].is_open and not by_no[second.id].steps[-1].is_open
    assert [i.leader for i in docs.incoming.instructions(actors["clerk"], record_id)] == ["李四"]

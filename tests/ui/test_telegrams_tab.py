"""The 电报 tab: registers per role, copies of the selected telegram with the workflow buttons, statistics."""

from __future__ import annotations

from datetime import datetime

import pytest

from ui.areas.telegrams.dialogs import DestructionDialog
from ui.widgets.step_dialog import StepDialog


def _cipher(services, actor, **kw):  # type: ignore[no-untyped-def]
    base = {
        "at": datetime.now().strftime("%Y-%m-%d %H:%M"),
        "dept_no": "省委密电〔2026〕5号",
        "priority": "加急",
        "counterpart": "省委办公厅",
        "title": "关于重大活动安全保障的电报",
        "copies_count": "2",
        "secret_level": "机密",
    }
    return services.registers.create(actor, "cipher_in", {**base, **kw})


@pytest.fixture
def tab(qtbot, services, actors):  # type: ignore[no-untyped-def]
    from ui.areas.telegrams.tab import TelegramsTab

    _cipher(services, actors["jiyao"])
    w = TelegramsTab(services, actors["jiyao"])
    qtbot.addWidget(w)
    return w


def test_leaders_see_only_plain_registers(qtbot, services, actors):
    from ui.areas.telegrams.tab import TelegramsTab

    w = TelegramsTab(services, actors["leader"])
    qtbot.addWidget(w)
    assert [w.tabText(i) for i in range(w.count())] == ["明传电报收电", "明传电报发电", "统计"]


def test_selecting_a_telegram_lists_its_copies_and_the_workflow_works(
    qtbot, tab, services, actors, monkeypatch
):
    page = tab.pages["cipher_in"]
    tab.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.view.model.rowCount() == 1)
    page.view.table.selectRow(0)
    qtbot.waitUntil(lambda: page.copies.table.rowCount() == 2)
    assert page.copies.table.item(0, 0).text() == "000001"
    page.copies.table.selectRow(0)
    typed = {
        "send_copy": {"reader": "周振荣"},
        "take_back": {"remark_kind": "instruction", "remark": "请抓好落实"},
        "return_copy": {"returned_by": "李军", "received_by": "市委机要局"},
    }

    def fill_and_ok(dlg):  # type: ignore[no-untyped-def]
        dlg.set_values(typed[dlg.step])
        dlg.accept_step()
        return StepDialog.DialogCode.Accepted if dlg.outcome else StepDialog.DialogCode.Rejected

    monkeypatch.setattr(StepDialog, "exec", fill_and_ok)
    page.copies.buttons["send"].click()
    assert page.copies.table.item(0, 2).text() == "周振荣"
    page.copies.buttons["take_back"].click()
    assert "请抓好落实" in page.copies.table.item(0, 5).text()
    page.copies.buttons["return"].click()
    assert page.copies.table.item(0, 1).text() == "已清退"
    record_id = page.view.current_record_id()
    steps = [h.label for h in services.workflow.history(actors["jiyao"], "cipher_in", record_id)]
    assert steps == ["送阅", "收回", "清退"]  # the copy's life is in the telegram's history too


def test_the_step_dialog_shows_defaults_and_keeps_refusals_next_to_the_field(qtbot, services, actors):
    rec = _cipher(services, actors["jiyao"], copies_count="1")
    (c,) = services.copies.copies(actors["jiyao"], "cipher_in", rec.id)
    d = StepDialog(
        services,
        actors["jiyao"],
        "cipher_in",
        rec.id,
        "return_copy",
        extra={"copy_id": c.id},
        hidden=("copy_no",),
    )
    qtbot.addWidget(d)
    assert set(d.editors) == {"returned_by", "received_by", "at"}
    assert d.values()["returned_by"] == actors["jiyao"].name  # the step's default: who is acting
    d.accept_step()
    assert d.outcome is None and d.error_labels["received_by"].text() == "请填写接收人"
    assert services.copies.copies(actors["jiyao"], "cipher_in", rec.id)[0].returned_at is None
    d.set_values({"received_by": "市委机要局"})
    assert d.values()["received_by"] == "市委机要局"
    d.accept_step()
    assert d.outcome is not None and d.outcome.output["copy_id"] == c.id
    assert services.copies.copies(actors["jiyao"], "cipher_in", rec.id)[0].received_by == "市委机要局"


def test_destruction_dialog_lists_returned_copies(qtbot, services, actors):
    rec = _cipher(services, actors["jiyao"], copies_count="1")
    (c,) = services.copies.copies(actors["jiyao"], "cipher_in", rec.id)
    services.copies.return_copy(actors["jiyao"], c.id, "李军", "机要室")
    d = DestructionDialog(services.copies.destroyable(actors["jiyao"], "cipher_in"))
    qtbot.addWidget(d)
    d.approver.setText("周振荣")
    d.witness1.setText("李军")
    d.witness2.setText("王芳")
    values = d.values()
    assert values["copy_ids"] == [c.id] and values["witnesses"] == ["李军", "王芳"]
    batch = services.copies.destroy_batch(actors["jiyao"], **values)
    assert batch.copies[0].copy_no == "000001"


def test_statistics_table_shows_counts(qtbot, tab):
    tab.stats.refresh()
    texts = [tab.stats.table.item(0, c).text() for c in range(4)]
    assert texts == ["密码电报收电", "机密", "加急", "1"]
    assert "合计 1 件" in tab.stats.summary.text()

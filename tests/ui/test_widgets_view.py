"""The register view on 样例登记: count, debounced search, filter bar, header sort, void with a reason,
permissions, opening a record, export in the background."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QPoint, Qt

from app.domain.enums import Role
from tests.ui.test_widgets_model import fill


@pytest.fixture
def view(qtbot, sample_services, actors):  # type: ignore[no-untyped-def]
    from ui.widgets.register_view import RegisterView

    fill(sample_services, actors["clerk"], 120)
    v = RegisterView(sample_services, actors["clerk"], "sample", page_size=50)
    qtbot.addWidget(v)
    v.resize(1200, 700)
    v.show()
    qtbot.waitExposed(v)
    qtbot.waitUntil(lambda: v.count_label.text().startswith("共"))  # the total arrives from a worker
    return v


def test_view_shows_the_count_and_the_first_rows(view):
    assert view.count_label.text() == "共 120 条"
    assert view.model.rowCount() == 120
    assert view.model.loads == 1  # opening the view runs the query once
    # default sort: newest number first
    assert view.model.record_at(0)["seq"] == 120


def test_search_is_debounced_and_finds_short_chinese_terms(qtbot, view):
    view.search_box.setText("防")
    view.search_box.setText("防汛")
    assert view.model.search == ""  # not yet: the timer collects keystrokes
    qtbot.waitUntil(lambda: view.model.search == "防汛")
    assert view.count_label.text() == "共 18 条"  # i % 7 == 0 for i < 120
    assert view.model.loads == 2  # two keystrokes, one query
    view.search_box.clear()
    qtbot.waitUntil(lambda: view.model.rowCount() == 120)


def test_filter_bar_choice_custom_filter_and_voided_toggle(qtbot, view, sample_services, actors):
    bar = view.filter_bar
    combo = bar.combos["urgency"]
    combo.setCurrentIndex(combo.findText("特急"))
    qtbot.waitUntil(lambda: view.model.rowCount() == 24)
    bar.custom["overdue"].click()
    qtbot.waitUntil(
        lambda: view.model.rowCount() == len([i for i in range(120) if i % 5 == 0 and i % 11 == 0])
    )
    bar.clear()
    qtbot.waitUntil(lambda: view.model.rowCount() == 120)
    bar.ranges["received_on"][0].setText("2026-04-01")
    bar.ranges["received_on"][0].editingFinished.emit()
    qtbot.waitUntil(lambda: view.model.rowCount() == 120 - 90)
    bar.clear()
    rid = view.model.record_at(0).id
    sample_services.registers.void(actors["clerk"], "sample", rid, "录入错误")
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() == 119)  # voided rows hidden by default
    bar.show_voided.setChecked(True)
    qtbot.waitUntil(lambda: view.model.rowCount() == 120)
    assert view.model.data(view.model.index(view.model.row_of(rid), 0)).endswith("（作废）")


def test_clicking_a_header_sorts_in_sql(qtbot, view):
    pages = [f.name for f in view.model.columns].index("pages")
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(pages) + header.sectionSize(pages) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    first = view.model.sort_key
    assert first[0] == "pages"
    qtbot.waitUntil(lambda: view.model.rowCount() == 120)  # counted in the background
    values = [view.model.record_at(r)["pages"] for r in (0, 119)]
    assert values == sorted(values, reverse=first[1])
    assert values[0] != values[1]


def test_void_asks_for_a_reason_and_refuses_an_empty_one(qtbot, view, sample_services, actors, monkeypatch):
    from ui import messages

    warned = []
    monkeypatch.setattr(messages, "warn", lambda *a: warned.append(a))
    view.table.selectRow(0)
    rid = view.current_record_id()
    monkeypatch.setattr(messages, "ask_text", lambda *a, **k: "  ")
    view.action_void.trigger()
    assert warned and not sample_services.registers.get(actors["clerk"], "sample", rid).voided
    monkeypatch.setattr(messages, "ask_text", lambda *a, **k: "重复登记")
    view.action_void.trigger()
    rec = sample_services.registers.get(actors["clerk"], "sample", rid)
    assert rec.voided and rec["void_reason"] == "重复登记"
    qtbot.waitUntil(lambda: view.count_label.text() == "共 119 条")


def test_actions_follow_permissions(qtbot, sample_services, actors, monkeypatch):
    from ui.widgets.register_view import RegisterView

    reg = sample_services.catalog.get("sample")
    readable = dataclasses.replace(reg, read_roles=(Role.DOCUMENTS, Role.PETITIONS))
    monkeypatch.setitem(sample_services.catalog._by_key, "sample", readable)
    fill(sample_services, actors["clerk"], 3)
    v = RegisterView(sample_services, actors["petition"], "sample")
    qtbot.addWidget(v)
    v.table.selectRow(0)
    assert v.model.rowCount() == 3
    assert not v.action_new.isEnabled() and not v.action_edit.isEnabled()
    assert not v.action_void.isEnabled() and not v.action_import.isEnabled()
    assert v.action_export.isEnabled()
    assert "没有登记" in v.action_new.toolTip()


def test_double_click_emits_and_opens_the_record(qtbot, view):
    opened = []
    view.record_opener = opened.append
    index = view.model.index(3, 1)
    rect = view.table.visualRect(index)
    # item views need the press/release of a first click before QTest's double-click counts
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(view.record_activated) as signal:
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [view.model.record_at(3).id] and opened == [view.model.record_at(3).id]


def test_edit_through_the_form_refreshes_only_that_row(qtbot, view, sample_services, actors, monkeypatch):
    view.table.selectRow(2)
    view.current_record_id()

    def fake_ask(parent, services, actor, key, record_id=None):  # type: ignore[no-untyped-def]
        return services.registers.update(
            actor,
            key,
            record_id,
            {
                **{k: v for k, v in services.registers.get(actor, key, record_id).values.items()},
                "title": "改后的标题",
            },
        )

    monkeypatch.setattr(view.form_class, "ask", staticmethod(fake_ask))
    loads = view.model.loads
    view.action_edit.trigger()
    title_col = [f.name for f in view.model.columns].index("title")
    assert view.model.data(view.model.index(2, title_col)) == "改后的标题"
    assert view.model.loads == loads  # no full reload for an edit


def test_export_runs_in_the_background_and_writes_the_current_list(qtbot, view, tmp_path, monkeypatch):
    from ui import messages
    from ui.widgets import register_actions

    target = tmp_path / "out.xlsx"
    monkeypatch.setattr(register_actions, "ask_save_path", lambda *a: target)
    infos = []
    monkeypatch.setattr(messages, "info", lambda *a: infos.append(a))
    view.filter_bar.combos["urgency"].setCurrentIndex(view.filter_bar.combos["urgency"].findText("特急"))
    view.action_export.trigger()
    qtbot.waitUntil(lambda: bool(infos), timeout=15000)
    assert view.last_export == (target, 24) and target.exists()
    from openpyxl import load_workbook

    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert any("特急" in [str(c) for c in row] for row in rows[1:])
    assert not any("平件" in [str(c) for c in row] for row in rows[1:])

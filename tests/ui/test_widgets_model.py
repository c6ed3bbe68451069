"""The lazy register table model on the test-only 样例登记: Qt model contract, paging on demand, SQL sort,
search, filters, void marking and the row-state colouring hook."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from app.kit.registers.values import validate

SENDERS = ["市委办公室", "县政府办公室", "县财政局", "县教育局"]


def fill(services, actor, n: int) -> None:  # type: ignore[no-untyped-def]
    """n validated sample letters in one transaction (bulk_create numbers them like the form would)."""
    reg = services.catalog.get("sample")
    rows = []
    for i in range(n):
        raw = {
            "received_on": date(2026, 1, 1) + timedelta(days=i % 300),
            "sender": SENDERS[i % 4],
            "title": f"关于第{i}号事项的通知" if i % 7 else f"防汛工作通知{i}",
            "pages": str(i % 9 + 1),
            "urgency": "特急" if i % 5 == 0 else "平件",
            "due_on": date(2020, 1, 1) if i % 11 == 0 else None,
        }
        values, errors = validate(reg, raw)
        assert not errors, errors
        rows.append(values)
    services.registers.bulk_create(actor, "sample", rows)


class Calls:
    """Wraps one RegisterService method to record the queries a model makes."""

    def __init__(self, registers, name: str):  # type: ignore[no-untyped-def]
        self.inner = getattr(registers, name)
        self.calls: list[tuple[tuple, dict]] = []
        setattr(registers, name, self)

    def __call__(self, *args, **kw):  # type: ignore[no-untyped-def]
        self.calls.append((args, kw))
        return self.inner(*args, **kw)


@pytest.fixture
def model(qtbot, sample_services, actors):  # type: ignore[no-untyped-def]
    from ui.widgets.table_model import RegisterTableModel

    fill(sample_services, actors["clerk"], 450)
    m = RegisterTableModel(sample_services, actors["clerk"], "sample", page_size=100)
    m.reload()
    return m


def col(model, name: str) -> int:  # type: ignore[no-untyped-def]
    return [f.name for f in model.columns].index(name)


def test_model_passes_qt_model_tester(qtmodeltester, model):
    assert model.rowCount() == 450
    qtmodeltester.check(model, force_py=True)


def test_rows_are_fetched_page_by_page_only_when_shown(sample_services, actors, qtbot):
    from ui.widgets.table_model import RegisterTableModel

    fill(sample_services, actors["clerk"], 450)
    page, ids, records = (Calls(sample_services.registers, n) for n in ("page", "ids", "records"))
    m = RegisterTableModel(sample_services, actors["clerk"], "sample", page_size=100)
    m.reload()
    # opening: the first page by LIMIT, then the listing's ids in order (no row beyond the first page)
    assert m.rowCount() == 450 and len(page.calls) == 1 and len(ids.calls) == 1 and not records.calls
    assert page.calls[0][1]["offset"] == 0 and page.calls[0][1]["limit"] == 100
    for row in range(100):
        m.data(m.index(row, 0))
    assert not records.calls  # still the first page
    assert m.data(m.index(449, 0))  # the last row: one more query, for its page only, by its ids
    assert len(records.calls) == 1 and len(page.calls) == 1
    wanted = list(records.calls[0][0][2])
    assert len(wanted) == 50 and wanted == [m.record_at(r).id for r in range(400, 450)]
    m.data(m.index(420, 1))
    assert len(records.calls) == 1 and m.cached_pages() == [0, 4]


def test_page_cache_is_bounded(sample_services, actors):
    from ui.widgets.table_model import RegisterTableModel

    fill(sample_services, actors["clerk"], 450)
    m = RegisterTableModel(sample_services, actors["clerk"], "sample", page_size=50, max_pages=3)
    m.reload()
    for row in range(0, 450, 50):
        m.data(m.index(row, 0))
    assert len(m.cached_pages()) == 3


def test_sorting_by_a_header_orders_the_whole_register_in_sql(model):
    c = col(model, "pages")
    model.sort(c, Qt.SortOrder.AscendingOrder)
    assert model.data(model.index(0, c)) == "1" and model.data(model.index(449, c)) == "9"
    model.sort(c, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, c)) == "9" and model.data(model.index(449, c)) == "1"
    d = col(model, "received_on")
    model.sort(d, Qt.SortOrder.AscendingOrder)
    assert model.data(model.index(0, d)) == "2026-01-01"
    assert model.sort_key == ("received_on", False)


def test_search_and_filters_change_the_query(model):
    model.set_query(search="防汛")
    assert model.rowCount() == 65  # i % 7 == 0 for i < 450
    assert all("防汛" in model.data(model.index(r, col(model, "title"))) for r in range(model.rowCount()))
    model.set_query(search="", filters={"sender": "县财政局"})
    assert model.rowCount() == 112
    assert {model.data(model.index(r, col(model, "sender"))) for r in range(model.rowCount())} == {"县财政局"}
    model.set_query(filters={"urgency": "extra_urgent", "overdue": True})
    rows = model.rowCount()
    assert rows == len([i for i in range(450) if i % 5 == 0 and i % 11 == 0])
    model.set_query(filters={})
    assert model.rowCount() == 450


def test_voided_rows_are_grey_and_marked(model, sample_services, actors):
    rid = model.record_at(0).id
    sample_services.registers.void(actors["clerk"], "sample", rid, "重复登记")
    model.reload()
    row = model.row_of(rid)
    assert model.data(model.index(row, 0)).endswith("（作废）")
    assert model.data(model.index(row, 0), Qt.ItemDataRole.ForegroundRole).color().name() == "#9a9a9a"
    assert "重复登记" in model.data(model.index(row, 1), Qt.ItemDataRole.ToolTipRole)
    model.set_query(filters={"voided": False})
    assert model.row_of(rid) is None and model.rowCount() == 449


def test_row_state_hook_colours_overdue_and_due_soon_rows(sample_services, actors, monkeypatch):
    from ui.widgets.table_model import RegisterTableModel

    fill(sample_services, actors["clerk"], 30)
    reg = sample_services.catalog.get("sample")

    def state(record):  # type: ignore[no-untyped-def]
        if record["due_on"] and record["due_on"] < date.today():
            return "overdue"
        return "due_soon" if record["pages"] == 2 else None

    monkeypatch.setitem(sample_services.catalog._by_key, "sample", dataclasses.replace(reg, row_state=state))
    m = RegisterTableModel(sample_services, actors["clerk"], "sample")
    m.reload()
    states = {}
    for r in range(m.rowCount()):
        rec = m.record_at(r)
        bg = m.data(m.index(r, 0), Qt.ItemDataRole.BackgroundRole)
        states[rec.id] = (rec, bg.color().name() if bg else None)
    overdue = [rec for rec, c in states.values() if c == "#f8d7da"]
    soon = [rec for rec, c in states.values() if c == "#fff1c2"]
    assert overdue and all(rec["due_on"] == date(2020, 1, 1) for rec in overdue)
    assert soon and all(rec["pages"] == 2 for rec in soon)
    row = m.row_of(overdue[0].id)
    assert "已超期" in m.data(m.index(row, 0), Qt.ItemDataRole.ToolTipRole)

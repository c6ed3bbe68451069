"""Deep scrolling: after the first page and the count, the view's model reads the listing's ids in a
worker, then any page (the last rows after Ctrl+End, the middle after a scroll-bar drag) is fetched by id;
sorting and search still come from SQL, and an id list for an older query never lands on a newer one."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.test_widgets_model import Calls, col, fill


def _loaded(qtbot, sample_services, actors):  # type: ignore[no-untyped-def]
    from ui.widgets.table_model import RegisterTableModel

    m = RegisterTableModel(
        sample_services, actors["clerk"], "sample", page_size=100, count_in_background=True
    )
    with qtbot.waitSignal(m.ids_loaded, timeout=10000):
        m.reload()
    return m


def test_after_the_count_the_ids_arrive_and_deep_pages_come_by_id(
    qtbot, qtmodeltester, sample_services, actors
):
    fill(sample_services, actors["clerk"], 450)
    page, records = Calls(sample_services.registers, "page"), Calls(sample_services.registers, "records")
    m = _loaded(qtbot, sample_services, actors)
    assert m.ids_ready and m.rowCount() == 450 and not m.counting and not m.listing
    assert m.record_at(449)["seq"] == 1  # the oldest, last: newest first
    assert len(page.calls) == 1  # only the first page was read by position
    assert [list(c[0][2]) for c in records.calls] == [[m.record_at(r).id for r in range(400, 450)]]
    assert m.record_at(250)["seq"] == 200 and m.cached_pages() == [0, 2, 4]
    qtmodeltester.check(m, force_py=True)


def test_a_record_not_on_any_loaded_page_is_found_and_selected(qtbot, sample_services, actors):
    from ui.widgets.register_view import RegisterView

    fill(sample_services, actors["clerk"], 450)
    v = RegisterView(sample_services, actors["clerk"], "sample", page_size=100)
    qtbot.addWidget(v)
    v.resize(900, 500)
    v.show()
    qtbot.waitUntil(lambda: v.model.ids_ready, timeout=10000)
    oldest = sample_services.registers.page(actors["clerk"], "sample", sort=("number", False), limit=1)
    target = oldest.records[0].id
    assert v.model.cached_pages() == [0]
    assert v.select_record(target)  # the id list knows its row without reading its page first
    assert v.current_record_id() == target
    assert v.table.selectionModel().selectedRows()[0].row() == 449 and 4 in v.model.cached_pages()


def test_ctrl_end_and_a_scroll_bar_drag_show_the_rows_there(qtbot, sample_services, actors):
    from PySide6.QtTest import QTest

    from ui.widgets.register_view import RegisterView

    fill(sample_services, actors["clerk"], 450)
    v = RegisterView(sample_services, actors["clerk"], "sample", page_size=100)
    qtbot.addWidget(v)
    v.resize(900, 500)
    v.show()
    qtbot.waitUntil(lambda: v.model.ids_ready, timeout=10000)
    v.table.setFocus()
    QTest.keyClick(v.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    v.table.viewport().repaint()
    last = v.table.rowAt(v.table.viewport().height() - 2)
    assert v.table.currentIndex().row() == 449 and last == 449
    assert v.model.data(v.model.index(449, col(v.model, "number"))).endswith("1号")
    bar = v.table.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    v.table.viewport().repaint()
    top = v.table.rowAt(1)
    assert 180 <= top <= 260 and top // 100 in v.model.cached_pages()
    assert v.model.record_at(top)["seq"] == 450 - top


def test_sorting_reads_the_ids_in_the_new_order(qtbot, sample_services, actors):
    fill(sample_services, actors["clerk"], 450)
    m = _loaded(qtbot, sample_services, actors)
    c = col(m, "pages")
    with qtbot.waitSignal(m.ids_loaded, timeout=10000):
        m.sort(c, Qt.SortOrder.AscendingOrder)
    assert m.data(m.index(0, c)) == "1" and m.data(m.index(449, c)) == "9"
    pages = [int(m.data(m.index(r, c))) for r in range(0, 450, 7)]
    assert pages == sorted(pages)


def test_a_search_lists_only_its_matches_up_to_the_cap(qtbot, sample_services, actors, monkeypatch):
    import app.kit.registers.reads as service

    fill(sample_services, actors["clerk"], 450)
    monkeypatch.setattr(service, "SEARCH_COUNT_CAP", 250)
    m = _loaded(qtbot, sample_services, actors)
    with qtbot.waitSignal(m.ids_loaded, timeout=10000):
        m.set_query(search="通知")  # every row matches: the newest 250 are listed
    assert m.rowCount() == 250 and m.capped
    assert m.record_at(249)["seq"] == 201


def test_rows_registered_between_the_count_and_the_ids_are_shown(qtbot, sample_services, actors):
    fill(sample_services, actors["clerk"], 450)
    inner = sample_services.registers.ids

    def ids_after_a_registration(*args, **kw):  # type: ignore[no-untyped-def]
        fill(sample_services, actors["clerk"], 3)  # someone at another desk registers three letters
        return inner(*args, **kw)

    sample_services.registers.ids = ids_after_a_registration
    m = _loaded(qtbot, sample_services, actors)
    assert m.rowCount() == 453
    assert [m.record_at(r)["seq"] for r in (0, 3, 452)] == [453, 450, 1]  # the first page was read again


def test_an_id_list_for_an_older_query_is_dropped(qtbot, sample_services, actors):
    fill(sample_services, actors["clerk"], 450)
    m = _loaded(qtbot, sample_services, actors)
    m.reload()  # counting and listing 450 ...
    m.set_query(filters={"sender": "县财政局"})  # ... but the user filtered: 112 rows
    qtbot.waitUntil(lambda: m.ids_ready and not (m._runner and m._runner.busy), timeout=10000)
    assert m.rowCount() == 112
    assert {m.data(m.index(r, col(m, "sender"))) for r in range(112)} == {"县财政局"}


def test_before_the_ids_arrive_a_deep_page_is_read_from_the_nearer_end(qtbot, sample_services, actors):
    from app.domain.errors import AppError
    from ui.widgets.table_model import RegisterTableModel

    fill(sample_services, actors["clerk"], 450)

    def ids_unavailable(*args, **kw):  # type: ignore[no-untyped-def]
        raise AppError("暂时无法读取")

    sample_services.registers.ids = ids_unavailable
    page = Calls(sample_services.registers, "page")
    m = RegisterTableModel(
        sample_services, actors["clerk"], "sample", page_size=100, count_in_background=True
    )
    with qtbot.waitSignal(m.fetch_failed, timeout=10000):
        m.reload()
    assert not m.ids_ready and m.rowCount() == 450  # counted; rows are read by position
    assert m.record_at(449)["seq"] == 1 and m.record_at(400)["seq"] == 50
    last = page.calls[-1][1]
    assert (last["offset"], last["limit"], last["from_end"]) == (0, 50, True)
    assert m.record_at(250)["seq"] == 200  # rows 200-299: 150 from the end, nearer than 200 from the start
    assert page.calls[-1][1]["offset"] == 150 and page.calls[-1][1]["from_end"]
    assert m.record_at(150)["seq"] == 300 and not page.calls[-1][1]["from_end"]

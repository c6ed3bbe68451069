"""Opening a large register: the first page shows at once, the total is counted in a worker and the table
grows when it arrives ("正在统计…" meanwhile); a count for an older query never lands on a newer one."""

from __future__ import annotations

from tests.ui.test_widgets_model import fill


def test_first_page_first_then_the_table_grows_to_the_count(qtbot, qtmodeltester, sample_services, actors):
    from ui.widgets.table_model import RegisterTableModel

    fill(sample_services, actors["clerk"], 450)
    m = RegisterTableModel(
        sample_services, actors["clerk"], "sample", page_size=100, count_in_background=True
    )
    inserted = []
    m.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    with qtbot.waitSignal(m.total_changed, check_params_cb=lambda total: total == 450, timeout=10000):
        m.reload()
        assert m.counting and m.rowCount() == 100  # the first page, before the count
        assert m.record_at(0)["seq"] == 450  # newest first, already readable
    assert not m.counting and m.rowCount() == 450
    assert inserted == [(100, 449)]
    assert m.data(m.index(449, 0))  # the grown rows are fetched on demand like any other
    qtmodeltester.check(m, force_py=True)


def test_a_small_listing_needs_no_count_and_a_stale_count_is_dropped(qtbot, sample_services, actors):
    from ui.widgets.table_model import RegisterTableModel

    fill(sample_services, actors["clerk"], 450)
    m = RegisterTableModel(
        sample_services, actors["clerk"], "sample", page_size=100, count_in_background=True
    )
    m.reload()  # counting 450 ...
    m.set_query(search="防汛")  # ... but the user typed: 65 matches fit on the first page
    assert not m.counting and m.rowCount() == 65
    qtbot.waitUntil(lambda: not (m._runner and m._runner.busy), timeout=10000)
    assert m.rowCount() == 65  # the first query's count (450) did not land on this one


def test_the_view_says_it_is_counting_then_shows_the_total(qtbot, sample_services, actors):
    from ui.widgets.register_view import RegisterView

    fill(sample_services, actors["clerk"], 120)
    v = RegisterView(sample_services, actors["clerk"], "sample", page_size=50)
    qtbot.addWidget(v)
    qtbot.waitUntil(lambda: v.count_label.text() == "共 120 条", timeout=10000)
    texts = []
    v.model.total_changed.connect(lambda _t: texts.append(v.count_label.text()))
    with qtbot.waitSignal(v.model.total_changed, check_params_cb=lambda total: total == 120, timeout=10000):
        v.refresh()
    assert texts == ["正在统计…", "共 120 条"]
    assert v.model.rowCount() == 120

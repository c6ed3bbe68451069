"""The home tab (工作台): lines grouped by urgency open their record, the tab follows record changes, flash
telegrams are acknowledged from it, the year's figures come with their small charts."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt

from ui.home import HomeTab
from ui.main_window import MainWindow

TODAY = date.today()
HOURS = 3_600_000


def _doc(**kw):  # type: ignore[no-untyped-def]
    base = {
        "received_at": f"{TODAY - timedelta(days=5):%Y-%m-%d} 09:30",
        "sender": "中共××市委办公室",
        "sender_number": "市委办发[2026]3号",
        "title": "关于做好春季森林防火工作的通知",
        "doc_type": "通知",
        "copies": "1",
        "pages": "4",
    }
    base.update(kw)
    return base


def _home(qtbot, services, actor) -> HomeTab:  # type: ignore[no-untyped-def]
    home = HomeTab(services, actor, refresh_ms=HOURS)  # no timer refresh during the test
    qtbot.addWidget(home)
    home.show()
    qtbot.waitUntil(lambda: home.attention is not None and home.figures is not None)
    return home


def _titles(home: HomeTab) -> list[str]:
    return [i.title for i in home.item_rows()]


def test_double_clicking_a_line_opens_its_record_in_its_tab(qtbot, services, actors, monkeypatch):  # type: ignore[no-untyped-def]
    from ui.areas.documents.dialogs import DetailDialog

    shown = []
    monkeypatch.setattr(DetailDialog, "exec", lambda d: shown.append((d.register_key, d.record_id)) or 0)
    clerk = actors["clerk"]
    rec = (
        services.service("documents")
        .incoming.receive(clerk, _doc(title="超期未办的通知", due_on=TODAY - timedelta(days=2)))
        .record
    )
    window = MainWindow(services, clerk)
    qtbot.addWidget(window)
    window.show()
    home = window.home
    assert home is not None
    qtbot.waitUntil(lambda: home.attention is not None)
    head = home.tree.topLevelItem(0)
    assert head.text(0) == "已超期（1）"
    row = head.child(0)
    assert (row.text(0), row.text(1), row.text(2)) == ("催办", rec["number"], "超期未办的通知")
    assert row.text(5).endswith("（超2天）")
    home.tree.scrollToItem(row)
    rect = home.tree.visualItemRect(row)
    qtbot.mouseClick(home.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(home.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    tab = window.area_tabs["documents"]
    assert window.tabs.currentWidget() is tab
    page = tab.content.pages["incoming"]
    assert tab.content.currentWidget() is page
    qtbot.waitUntil(lambda: page.view.current_record_id() == rec.id)
    assert shown == [("incoming", rec.id)]  # and its details opened, as a double-click on its row does


def test_the_lists_follow_a_record_change_made_anywhere_in_the_program(qtbot, services, actors):  # type: ignore[no-untyped-def]
    clerk = actors["clerk"]
    home = _home(qtbot, services, clerk)
    assert home.empty_label.isVisible() and not home.tree.isVisible()
    rec = (
        services.service("documents")
        .incoming.receive(clerk, _doc(title="新登记的超期件", due_on=TODAY - timedelta(days=1)))
        .record
    )
    qtbot.waitUntil(lambda: _titles(home) == ["新登记的超期件"], timeout=3000)
    assert "已超期 1 项" in home.summary.text()
    # a tab not on screen only notes the change, and catches up when shown again
    home.hide()
    services.registers.void(clerk, "incoming", rec.id, "重复登记")
    qtbot.wait(500)
    assert _titles(home) == ["新登记的超期件"]
    home.show()
    qtbot.waitUntil(lambda: _titles(home) == [], timeout=3000)


def test_flash_telegrams_on_top_until_acknowledged(qtbot, services, actors):  # type: ignore[no-untyped-def]
    jiyao = actors["jiyao"]
    rec = services.registers.create(
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
    home = _home(qtbot, services, jiyao)
    assert home.alerts_box.isVisible() and "1 份" in home.alerts_title.text()
    line = home.alerts.topLevelItem(0)
    assert line.text(1) == rec["number"] and "特提电报" in line.text(2)
    assert not home.ack_button.isEnabled()
    home.alerts.setCurrentItem(line)
    assert home.ack_button.isEnabled()
    home.ack_button.click()
    qtbot.waitUntil(lambda: not home.alerts_box.isVisible(), timeout=3000)
    assert services.alerts.for_record(jiyao, "plain_in", rec.id)[0].acknowledged_by == "李军"


def test_year_figures_with_a_monthly_chart(qtbot, services, actors):  # type: ignore[no-untyped-def]
    clerk = actors["clerk"]
    docs = services.service("documents")
    for month in (1, 1, 3):
        docs.incoming.receive(clerk, _doc(received_at=f"{TODAY.year}-{month:02d}-10 09:00"))
    home = _home(qtbot, services, clerk)
    panel = home.figures_panel
    assert panel.isVisible() and panel.box.title() == f"{TODAY.year}年主要数字"
    figures = {f.label: f.value for f in home.figures.figures}
    assert figures["收文"] == 3
    chart = panel.month_chart
    assert chart is not None
    shown = {s.label: s.months for s in chart.shown}
    assert shown["收文"][:3] == (2, 0, 1)
    bars = chart.chart().series()[0].barSets()
    assert bars[0].label() == "收文（3）" and [bars[0].at(i) for i in range(3)] == [2.0, 0.0, 1.0]


def test_the_home_figures_are_the_annual_reports(qtbot, services, actors):  # type: ignore[no-untyped-def]
    """One source: the grid, the charts and the rates are the report's summary figures for the same year."""
    from app.services.statistics import Period, prepare

    clerk, leader = actors["clerk"], actors["leader"]
    docs = services.service("documents")
    for month in (2, 2, 5, 12):
        docs.incoming.receive(clerk, _doc(received_at=f"{TODAY.year}-{month:02d}-10 09:00"))
    docs.incoming.receive(clerk, _doc(received_at=f"{TODAY.year - 1}-12-31 17:00"))  # not this year's
    sup = actors["supervisor"]
    for content in ("甲", "乙"):
        services.registers.create(
            sup,
            "supervision_items",
            {"received_on": f"{TODAY.year}-03-0{len(content)}", "source": "市委督办", "content": content},
        )
    home = _home(qtbot, services, leader)
    report = prepare(services, leader, Period.of_year(TODAY.year))
    assert home.figures.key == report.key  # the very figures of the report's summary paragraph
    grid = {f.label: f.value for f in home.figures.figures}
    assert grid["收文"] == 4 and grid["收到市委督办件"] == 2
    assert "收到市委督办件2件" in report.summary[1] and "各类来文共4件" in report.summary[1]
    shown = {s.label: s.months for s in home.figures_panel.month_chart.shown}
    assert shown["收文"] == (0, 2, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1)
    rates = {r.label: r.percent for r in home.figures_panel.rate_chart.rates}
    assert rates["市委督办件办结率"] == 0.0  # neither item is done yet
    labels = [home.figures_panel.rate_chart.chart().axes()[0].at(i) for i in range(len(rates))]
    assert "市委督办件办结率 0%" in labels


def test_duty_and_meetings_panels_for_their_posts_only(qtbot, services, actors):  # type: ignore[no-untyped-def]
    duty = services.service("duty")
    duty.generate(actors["duty"], TODAY, TODAY, leaders=["王主任"], staff=["秘书甲"])
    home = _home(qtbot, services, actors["duty"])
    assert home.duty.isVisible() and "王主任" in home.duty.label.text() and "秘书甲" in home.duty.label.text()
    assert not home.meetings.isVisible()  # 值班 only: no meetings panel
    clerk_home = _home(qtbot, services, actors["clerk"])
    assert not clerk_home.duty.isVisible()


def test_closing_while_a_refresh_reads_waits_for_it_and_drops_its_result(
    qtbot, services, actors, monkeypatch
):  # type: ignore[no-untyped-def]
    """Logout or close during a refresh: stop() returns only when the worker has finished reading (so the
    engine may be disposed right after), nothing is filled in afterwards and no further read starts."""
    import threading

    wb = services.workbench
    real = wb.attention
    reading, release, finished, figures = threading.Event(), threading.Event(), threading.Event(), []

    def slow_attention(actor):  # type: ignore[no-untyped-def]
        reading.set()
        release.wait(10)
        try:
            return real(actor)
        finally:
            finished.set()

    monkeypatch.setattr(wb, "attention", slow_attention)
    monkeypatch.setattr(wb, "figures", lambda actor: figures.append(actor))
    home = HomeTab(services, actors["clerk"], refresh_ms=HOURS)
    qtbot.addWidget(home)
    home.show()
    assert reading.wait(5)
    threading.Timer(0.3, release.set).start()  # the read is still going on when the window closes
    assert home.stop() is True
    assert finished.is_set()  # waited for, not left reading
    qtbot.wait(200)  # the worker's queued result arrives now, to an owner that went away
    assert home.attention is None and figures == []
    reading.clear()
    home.refresh()  # a change or timer after closing starts nothing
    qtbot.wait(100)
    assert not home.tasks.busy and not reading.is_set() and figures == []

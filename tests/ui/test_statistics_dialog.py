"""统计 → 年度统计报告 (issue 17): the period picked, the figures counted off the GUI thread, the scope line,
the summary paragraph and the key figures with 比上年 shown; 导出 Word writes the file through the print
service; the main window reaches it from its 统计 menu."""

from __future__ import annotations

from datetime import date

from tests.support.statistics_year import YEAR, build, writer_for


def test_preview_and_export(qtbot, services, actors, tmp_path, monkeypatch):
    from ui.statistics import StatisticsDialog
    from ui.statistics import dialog as module

    build(services, writer_for(actors["jiyao"]), actors["clerk"], tmp_path)
    d = StatisticsDialog(services, actors["leader"], today=date(YEAR, 5, 1))
    qtbot.addWidget(d)
    assert not d.word_button.isEnabled()  # nothing counted yet
    d.refresh()
    qtbot.waitUntil(lambda: d.report is not None, timeout=20000)
    assert d.scope.text().startswith("本报告统计范围：周振荣可查看的机密级及以下记录")
    text = d.summary.toPlainText()
    assert "全年共计制发文件3件" in text and "共收到市委督办件3件，办结率达到33.3%" in text
    rows = {
        d.figures.item(r, 0).text(): [d.figures.item(r, c).text() for c in (1, 2, 3)]
        for r in range(d.figures.rowCount())
    }
    assert rows["收文"] == ["6件", "2件", "+4（+200.0%）"] and rows["密码电报"] == ["—", "—", "—"]
    # another period: the export buttons wait for the new count; a count of the old period finishing
    # late never replaces the new one
    d.refresh()
    d.kind.setCurrentIndex(1)
    d.quarter.setCurrentIndex(0)
    assert not d.word_button.isEnabled() and "请点" in d.status.text()
    d.refresh()
    qtbot.waitUntil(lambda: not d.runner.busy, timeout=20000)
    qtbot.waitUntil(lambda: d.report is not None and d.report.period.kind == "quarter", timeout=20000)
    assert "本季度共计制发文件1件" in d.summary.toPlainText()
    out = tmp_path / "一季度"
    monkeypatch.setattr(module, "ask_save_path", lambda *a: out)
    d.export("docx")
    qtbot.waitUntil(lambda: "已导出" in d.status.text(), timeout=30000)
    assert (tmp_path / "一季度.docx").stat().st_size > 10_000


def test_the_main_window_opens_it_from_its_menu(qtbot, services, actors):
    from ui.main_window import MainWindow
    from ui.statistics import StatisticsDialog

    w = MainWindow(services, actors["leader"])
    qtbot.addWidget(w)
    menus = [a.text() for a in w.menuBar().actions()]
    assert "统计(&S)" in menus
    w.action_statistics.trigger()
    dialog = w.findChild(StatisticsDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20000)
    dialog.close()

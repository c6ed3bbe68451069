"""The import wizard on an office's 收文 book: how each column was recognised, the 份号待补 and kept-column
warnings; the detail dialog of an imported record shows where it came from and the kept columns."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel


@pytest.fixture
def book_path(services, tmp_path):  # type: ignore[no-untyped-def]
    if "incoming" not in services.catalog.keys():
        pytest.skip("the documents area is not in this build")
    from tests.unit.test_import_history import INC_HEADER, book, incoming_rows

    return book(
        tmp_path / "2025年收文登记簿.xlsx", {"收文": [INC_HEADER, *incoming_rows()]}, title="收文登记簿"
    )


def test_wizard_shows_recognition_and_warnings_then_details_show_the_import(
    qtbot, services, actors, book_path
):
    from ui.areas.documents.dialogs import DetailDialog
    from ui.widgets.import_wizard import ImportWizard

    w = ImportWizard(services, actors["clerk"], "incoming")
    qtbot.addWidget(w)
    w.path_edit.setText(str(book_path))
    with qtbot.waitSignal(w.plan_ready, timeout=15000):
        w.next_button.click()
    rows = {w.mapping_table.item(r, 1).text(): r for r in range(w.mapping_table.rowCount())}
    assert w.mapping_table.item(rows["文件代号"], 3).text().startswith("按内容识别：文号")
    assert w.mapping_table.cellWidget(rows["文件代号"], 2).currentText() == "来文字号"
    assert w.mapping_table.cellWidget(rows["领导批示摘要"], 2).currentText() == "（保留为原表其他列）"
    warnings = [
        (w.warnings_table.item(r, 1).text(), w.warnings_table.item(r, 2).text())
        for r in range(w.warnings_table.rowCount())
    ]
    assert any("份号待补" in t for _, t in warnings)
    assert ("领导批示摘要", "第 J 列未对应字段，随记录保存为原表其他列") in warnings
    assert "1 行涉密记录没有份号" in w.summary.text()
    with qtbot.waitSignal(w.finished_import, timeout=15000):
        w.import_button.click()
    assert w.result_value.imported == 3
    rec = next(
        r for r in services.registers.page(actors["clerk"], "incoming").records if r["number"] == "2024-101"
    )
    dlg = DetailDialog(services, actors["clerk"], "incoming", rec.id)
    qtbot.addWidget(dlg)
    text = dlg.findChild(QLabel, "summary").text()
    assert "原表其他列·领导批示摘要</b>：同意" in text and "导入的历史记录" in text and "第3行" in text


def test_wizard_lists_the_month_sheets_and_imports_only_the_ticked_ones(
    qtbot, sample_services, actors, tmp_path
):
    from PySide6.QtCore import Qt

    from tests.unit.test_import_history import book
    from ui.widgets.import_wizard import ImportWizard

    header = ["收到日期", "来信单位", "标题"]
    path = book(
        tmp_path / "月.xlsx", {f"{m}月": [header, [f"2025-{m}-01", "市委办", f"{m}月甲"]] for m in (1, 2, 3)}
    )
    w = ImportWizard(sample_services, actors["clerk"], "sample")
    qtbot.addWidget(w)
    w.path_edit.setText(str(path))
    w.renumber.setChecked(True)
    with qtbot.waitSignal(w.plan_ready, timeout=15000):
        w.next_button.click()
    assert [w.sheet_list.item(i).text() for i in range(w.sheet_list.count())] == ["1月", "2月", "3月"]
    assert w.plan.total_rows == 3
    with qtbot.waitSignal(w.plan_ready, timeout=15000):
        w.sheet_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert (w.plan.sheet, w.plan.total_rows) == ("2月、3月", 2)
    with qtbot.waitSignal(w.finished_import, timeout=15000):
        w.import_button.click()
    titles = sorted(r["title"] for r in sample_services.registers.page(actors["clerk"], "sample").records)
    assert titles == ["2月甲", "3月甲"]


def test_wizard_says_what_the_book_brings_and_why_import_waits(qtbot, services, actors, tmp_path):  # type: ignore[no-untyped-def]
    """An old 会议台账 with three bad rows and types of its own: the page says the types will be added,
    why 导入 is grey and the two ways on; a date cell that lost its format previews as its date."""
    from tests.support.legacy_books import write_book
    from ui.widgets.import_wizard import ImportWizard

    facts = write_book("meetings", tmp_path / "会议台账.xlsx")
    w = ImportWizard(services, actors["huiwu"], "meetings")
    qtbot.addWidget(w)
    w.path_edit.setText(str(facts.path))
    with qtbot.waitSignal(w.plan_ready, timeout=15000):
        w.next_button.click()
    summary = w.summary.text()
    assert "将新增会议类型：" in summary and "（不计入大型会议，可在系统设置中修改）" in summary
    assert "勾选下方“跳过错误行”只导入 30 行正确的数据" in summary
    assert not w.import_button.isEnabled()
    # the book's third row wrote 2024-12-30 10:14 as the number 45656.43 (a cell that lost its date format)
    assert w.preview_table.item(2, 1).text() == "2024-12-30 10:14"
    w.skip_invalid.setChecked(True)
    assert w.import_button.isEnabled()
    with qtbot.waitSignal(w.finished_import, timeout=15000):
        w.import_button.click()
    result = w.result_label.text()
    assert "已导入 30 条会议。已新增会议类型：" in result
    # no way back from the result page: the skipped rows are named on it
    assert "跳过 3 行有误的数据：\n第 33 行“会议名称”：请填写会议名称" in result


def test_wizard_result_counts_rows_marked_against_todays_rules(qtbot, services, actors, tmp_path):  # type: ignore[no-untyped-def]
    from tests.support.legacy_books import write_book
    from ui.widgets.import_wizard import ImportWizard

    facts = write_book("receptions", tmp_path / "接待.xlsx", without=("工作餐次数",))
    w = ImportWizard(services, actors["reception"], "receptions")
    qtbot.addWidget(w)
    w.path_edit.setText(str(facts.path))
    with qtbot.waitSignal(w.plan_ready, timeout=15000):
        w.next_button.click()
    assert "30 行不符合现行规则，将按原表导入并标注“不符合现行规则”" in w.summary.text()
    w.skip_invalid.setChecked(True)
    with qtbot.waitSignal(w.finished_import, timeout=15000):
        w.import_button.click()
    assert "其中 30 条不符合现行规则，已标注，可在列表中按“不符合现行规则”筛选" in w.result_label.text()

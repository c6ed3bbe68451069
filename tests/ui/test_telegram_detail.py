"""A telegram imported from an old book shows, in its details (double-click or 详情与办理经过), every field,
the 导入 mark, what its book lacked and the office's own columns (原表其他列), its copies; 修改 opens the form."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtWidgets import QDialog, QLabel, QPushButton


@pytest.fixture
def page(qtbot, services, actors, tmp_path):  # type: ignore[no-untyped-def]
    from ui.areas.telegrams.tab import TelegramsTab

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2025年明传电报收电登记簿"])
    ws.append(["登记号", "收电时间", "电报号", "来电单位", "标题", "等级", "份数", "译电员"])
    ws.append(
        ["明收〔2025〕7号", "2025.3.5 9:30", "", "市委办公室", "关于做好防汛工作的电报", "平急", 2, "张三"]
    )
    path = tmp_path / "明电.xlsx"
    wb.save(path)
    services.importer.run(actors["jiyao"], "plain_in", path)
    tab = TelegramsTab(services, actors["jiyao"])
    qtbot.addWidget(tab)
    p = tab.pages["plain_in"]
    qtbot.waitUntil(lambda: p.view.model.rowCount() == 1)
    p.view.table.selectRow(0)
    yield p
    tab.close()


def test_imported_telegram_details_show_the_import_and_kept_columns(page, monkeypatch):  # type: ignore[no-untyped-def]
    from ui.widgets.workflow_page import RecordDetailDialog

    shown: list = []

    def fake_exec(self):  # type: ignore[no-untyped-def]
        shown.append(self)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(RecordDetailDialog, "exec", fake_exec)
    page.view.open_record(page.view.current_record_id())  # what a double-click does
    assert len(shown) == 1
    summary = shown[0].findChild(QLabel, "summary").text()
    assert "明收〔2025〕7号" in summary and "关于做好防汛工作的电报" in summary
    assert "导入" in summary and "第3行" in summary  # who, when, which file and row
    assert "原表其他列·译电员" in summary and "张三" in summary
    assert "部门号" in summary  # what the old book lacked
    assert shown[0].edit_button is not None  # 机要 may correct it


def test_the_detail_button_and_edit(page, monkeypatch):  # type: ignore[no-untyped-def]
    from ui.widgets.form_dialog import FormDialog
    from ui.widgets.workflow_page import RecordDetailDialog

    forms: list = []

    def press_edit(self):  # type: ignore[no-untyped-def]
        self.edit_button.click()
        return QDialog.DialogCode.Accepted

    def fake_form(self):  # type: ignore[no-untyped-def]
        forms.append(self)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(RecordDetailDialog, "exec", press_edit)
    monkeypatch.setattr(FormDialog, "exec", fake_form)
    page.findChild(QPushButton, "detail").click()
    assert len(forms) == 1 and forms[0].record is not None

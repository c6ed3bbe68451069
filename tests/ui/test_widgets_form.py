"""The generic form dialog on 样例登记: errors next to the fields, nothing saved while wrong, a valid form
saves, read-only generated fields, the pinyin-initials completer."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt


@pytest.fixture
def dialog(qtbot, sample_services, actors):  # type: ignore[no-untyped-def]
    from ui.widgets.form_dialog import FormDialog

    sample_services.registers.create(
        actors["clerk"], "sample", {"received_on": "2026-1-2", "sender": "市委办公室", "title": "旧文"}
    )
    d = FormDialog(sample_services, actors["clerk"], "sample")
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def type_into(qtbot, dialog, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    widget = dialog.editors[name].widget
    line = getattr(widget, "line", widget)
    line.clear()
    if text.isascii():
        qtbot.keyClicks(line, text)
    else:  # QTest cannot type non-ASCII keys
        line.setText(text)


def error_text(dialog, name: str) -> str:  # type: ignore[no-untyped-def]
    label = dialog.error_labels[name]
    return label.text() if not label.isHidden() else ""


def test_bad_input_shows_errors_next_to_fields_and_saves_nothing(qtbot, dialog, sample_services, actors):
    type_into(qtbot, dialog, "received_on", "2026-02-30")
    type_into(qtbot, dialog, "pages", "三页")
    dialog.editors["secret_level"].widget.setCurrentIndex(
        dialog.editors["secret_level"].widget.findText("秘密")
    )
    type_into(qtbot, dialog, "secret_period", "50年")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert "不存在" in error_text(dialog, "received_on")
    assert error_text(dialog, "title") == "请填写标题"
    assert "整数" in error_text(dialog, "pages")
    assert "不能超过10年" in error_text(dialog, "secret_period")
    assert error_text(dialog, "sender") == "请填写来信单位"
    assert error_text(dialog, "urgency") == "" and error_text(dialog, "due_on") == ""
    assert dialog.result() == 0 and dialog.result_record is None
    assert sample_services.registers.page(actors["clerk"], "sample").total == 1


def test_leaving_a_field_validates_only_what_was_touched(qtbot, dialog):
    type_into(qtbot, dialog, "received_on", "2026年13月1日")
    dialog.editors["received_on"].widget.line.editingFinished.emit()
    assert error_text(dialog, "received_on")
    assert error_text(dialog, "title") == ""  # not touched yet: no red text
    type_into(qtbot, dialog, "received_on", "2026.3.5")
    dialog.editors["received_on"].widget.line.editingFinished.emit()
    assert error_text(dialog, "received_on") == ""


def test_a_valid_form_saves_and_returns_the_record(qtbot, dialog, sample_services, actors):
    type_into(qtbot, dialog, "received_on", "2026年3月5日")
    type_into(qtbot, dialog, "sender", "县财政局")
    type_into(qtbot, dialog, "title", "关于预算执行的报告")
    type_into(qtbot, dialog, "pages", "4")
    dialog.editors["urgency"].widget.setCurrentIndex(dialog.editors["urgency"].widget.findText("特急"))
    with qtbot.waitSignal(dialog.accepted):
        dialog.accept_form()
    rec = dialog.result_record
    assert rec["number"] == "样〔2026〕2号" and rec["received_on"] == date(2026, 3, 5)
    assert rec["urgency"] == "extra_urgent" and rec["pages"] == 4 and rec["due_on"] is None
    assert sample_services.registers.page(actors["clerk"], "sample").total == 2


def test_editing_keeps_values_and_optional_dates_can_be_cleared(qtbot, sample_services, actors):
    from ui.widgets.form_dialog import FormDialog

    rec = sample_services.registers.create(
        actors["clerk"],
        "sample",
        {"received_on": "2026-1-2", "sender": "县教育局", "title": "开学通知", "due_on": "2026-02-01"},
    )
    d = FormDialog(
        sample_services,
        actors["clerk"],
        "sample",
        sample_services.registers.get(actors["clerk"], "sample", rec.id),
    )
    qtbot.addWidget(d)
    assert d.editors["title"].widget.text() == "开学通知"
    assert d.editors["due_on"].widget.text() == "2026-02-01"
    d.editors["due_on"].widget.line.clear()
    d.editors["title"].widget.setText("开学工作通知")
    d.accept_form()
    again = sample_services.registers.get(actors["clerk"], "sample", rec.id)
    assert again["due_on"] is None and again["title"] == "开学工作通知" and again["number"] == rec["number"]


def test_service_refusal_is_shown_next_to_the_field(qtbot, dialog, sample_services, actors):
    # clerk is cleared to 秘密 only: the service refuses 机密 and the message lands under 密级
    type_into(qtbot, dialog, "received_on", "2026-3-5")
    type_into(qtbot, dialog, "sender", "县财政局")
    type_into(qtbot, dialog, "title", "机密事项")
    level = dialog.editors["secret_level"].widget
    level.setCurrentIndex(level.findText("机密"))
    dialog.accept_form()
    assert "涉密等级不足" in error_text(dialog, "secret_level")
    assert dialog.result_record is None


# the offscreen platform cannot raise or grab for the completer popup; the popup itself is Qt's
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_pinyin_initials_completer_offers_earlier_units(qtbot, dialog):
    from ui.widgets.completer import PinyinCompleter, PinyinMatcher

    line = dialog.editors["sender"].widget
    completer = line.findChild(PinyinCompleter)
    assert completer is not None
    line.setFocus()
    qtbot.keyClicks(line, "swbgs")
    assert completer.candidates() == ["市委办公室"]
    matcher = PinyinMatcher(["县财政局", "县政府办公室", "市委办公室"])
    assert matcher.matches("办公") == ["县政府办公室", "市委办公室"]
    assert matcher.matches("xz") == ["县政府办公室"]
    assert matcher.matches("gs") == ["县政府办公室", "市委办公室"]
    assert matcher.matches("财政局") == ["县财政局"]

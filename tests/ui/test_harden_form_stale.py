"""Two clerks edit the same record in the form dialog: the second save is refused with who changed what,
and after "reload" both changes survive (only the fields each user changed are written)."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_second_form_save_reloads_and_reapplies_only_her_changes(qtbot, sample_services, actors, monkeypatch):
    from ui import messages
    from ui.widgets.form_dialog import FormDialog

    reg = sample_services.registers
    rec = reg.create(
        actors["clerk"], "sample", {"received_on": "2026-03-02", "sender": "市委办公室", "title": "旧标题"}
    )
    first = FormDialog(sample_services, actors["clerk"], "sample", reg.get(actors["clerk"], "sample", rec.id))
    second = FormDialog(
        sample_services, actors["jiyao"], "sample", reg.get(actors["jiyao"], "sample", rec.id)
    )
    for d in (first, second):
        qtbot.addWidget(d)
    first.editors["title"].widget.setText("新标题")
    second.editors["note"].widget.setPlainText("请抓紧办理")

    ok = first.buttons.StandardButton.Ok
    qtbot.mouseClick(first.buttons.button(ok), Qt.MouseButton.LeftButton)
    assert first.result_record is not None and first.result_record["title"] == "新标题"

    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text: asked.append(text) or True)
    qtbot.mouseClick(second.buttons.button(ok), Qt.MouseButton.LeftButton)
    assert second.result_record is None  # refused, the dialog stays open
    assert "王芳" in asked[0] and "标题" in asked[0] and "没有保存" in asked[0]
    assert second.editors["title"].widget.text() == "新标题"  # the other clerk's change now shown
    assert second.editors["note"].widget.toPlainText() == "请抓紧办理"  # hers put back
    assert "备注" in second.general_error.text()

    qtbot.mouseClick(second.buttons.button(ok), Qt.MouseButton.LeftButton)
    final = reg.get(actors["clerk"], "sample", rec.id)
    assert (final["title"], final["note"]) == ("新标题", "请抓紧办理")

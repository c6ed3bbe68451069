"""New-record forms as a clerk fills the paper: 签收 first, 密级 with the document's particulars, 备注 last,
签收时间/签收人 filled in, a 密码电报 starting at 秘密 with a 密电 部门号 example, and titles that say what
the window does."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QLabel

from ui.areas.documents.dialogs import IncomingFormDialog
from ui.widgets.form_dialog import FormDialog


def _labels_in_order(dialog) -> list[str]:  # type: ignore[no-untyped-def]
    """Field labels as they appear top to bottom on screen."""
    dialog.show()
    labels = [w for w in dialog.findChildren(QLabel) if w.buddy() is not None and w.isVisible()]
    labels.sort(key=lambda w: w.mapTo(dialog, w.rect().topLeft()).y())
    return [w.text().rstrip("：").rstrip("＊") for w in labels]


def test_incoming_form_follows_the_paper_and_fills_in_who_and_when(qtbot, services, actors):  # type: ignore[no-untyped-def]
    dialog = IncomingFormDialog(services, actors["clerk"], "incoming")
    qtbot.addWidget(dialog)
    order = _labels_in_order(dialog)
    assert order.index("签收时间") < order.index("来文机关") < order.index("密级") < order.index("备注")
    assert order[-1] == "备注"
    assert order.index("紧急程度") + 1 == order.index("密级")
    assert dialog.windowTitle() == "新建 · 收文登记"
    received = datetime.strptime(dialog.editors["received_at"].widget.line.text(), "%Y-%m-%d %H:%M")
    assert abs((datetime.now() - received).total_seconds()) < 120
    assert dialog.editors["received_by"].raw() == "王芳"


def test_edit_title_names_the_register_and_the_number(qtbot, services, actors):  # type: ignore[no-untyped-def]
    docs = services.service("documents")
    rec = docs.incoming.receive(
        actors["clerk"], {"received_at": "2026-03-02 09:00", "sender": "县教育局", "title": "关于测试的通知"}
    ).record
    dialog = IncomingFormDialog(services, actors["clerk"], "incoming", rec)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == f"修改 · 收文登记 · {rec['number']}"


def test_new_cipher_telegram_starts_at_secret_with_a_cipher_example(qtbot, services, actors):  # type: ignore[no-untyped-def]
    dialog = FormDialog(services, actors["jiyao"], "cipher_in")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "新建 · 密码电报收电"
    assert dialog.editors["secret_level"].raw() == "secret"
    assert "密电" in dialog.editors["dept_no"].widget.placeholderText()
    plain = FormDialog(services, actors["jiyao"], "plain_in")
    qtbot.addWidget(plain)
    assert plain.editors["secret_level"].raw() == "none"
    assert "明电" in plain.editors["dept_no"].widget.placeholderText()
    order = _labels_in_order(dialog)
    assert order.index("等级") + 1 == order.index("密级")

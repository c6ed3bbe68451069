"""从扫描件登记 in the register views: the scan read in a worker, a new 收文 / 来电 form pre-filled with each
recognised field marked "识别" until confirmed or edited, the record and its 扫描件 saved in one commit,
and nothing saved when the clerk cancels or the file is refused."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from ui import messages

SPEC_KW = dict(
    issuer="中共南丰县委办公室",
    mark="中共南丰县委办公室文件",
    number="南办发〔2026〕12号",
    title="关于做好2026年防汛抗旱工作的通知",
    secret_level="",
    secret_period="",
    urgency="特急",
    copy_number="",
    written_on=date(2026, 3, 5),
    chinese_date=False,
    fonts=0,
)


@pytest.fixture(scope="module")
def engine():  # type: ignore[no-untyped-def]
    from app.importing.ocr import RapidEngine

    e = RapidEngine()
    e.load()
    return e


@pytest.fixture
def scan_path(tmp_path: Path) -> Path:
    from tests.support.scan_pages import PageSpec, scan_file

    return scan_file(PageSpec(**SPEC_KW), random.Random(3), tmp_path, "来文首页")


def _view(qtbot, services, actor, tab_module: str, register: str, engine):  # type: ignore[no-untyped-def]
    services.scans.engine = engine
    if tab_module == "documents":
        from ui.areas.documents.tab import DocumentsTab

        tab = DocumentsTab(services, actor)
        view = tab.pages[register].view
    else:
        from ui.areas.telegrams.tab import TelegramsTab

        tab = TelegramsTab(services, actor)
        view = tab.pages[register].view
    qtbot.addWidget(tab)
    view.keep_tab = tab  # the tab owns the view: keep it alive for the test
    return view


def test_the_action_is_offered_where_paper_comes_in(qtbot, services, actors, engine) -> None:  # type: ignore[no-untyped-def]
    from ui.areas.documents.tab import DocumentsTab

    tab = DocumentsTab(services, actors["clerk"])
    qtbot.addWidget(tab)
    assert tab.pages["incoming"].view.action_scan.text() == "从扫描件登记"
    assert tab.pages["outgoing"].view.action_scan is None  # a 发文 starts from a draft, not a scan


def test_scan_to_saved_record_with_its_scan(qtbot, services, actors, engine, scan_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ui.areas.documents.dialogs import IncomingFormDialog

    view = _view(qtbot, services, actors["clerk"], "documents", "incoming", engine)
    seen: dict = {}
    questions: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text: questions.append(text) or True)

    def check_and_save(dialog):  # type: ignore[no-untyped-def]
        marks = dialog.scan_marks
        seen["marked"] = sorted(marks.marks)
        seen["values"] = {
            n: dialog.editors[n].raw() for n in ("sender", "sender_number", "title", "urgency", "written_on")
        }
        # the clerk corrects the title by typing: its mark goes; confirms 来文机关 by clicking its mark
        title = dialog.editors["title"].widget
        title.setText(title.text() + "（修改）")
        title.textEdited.emit(title.text())  # what typing sends (the dialog is not shown: no key events)
        assert dialog.findChild(type(marks.marks["title"]), "scan_mark_title").isHidden()
        marks.marks["sender"].click()
        seen["pending"] = marks.pending
        dialog.buttons.accepted.emit()  # 保存: asks about the fields still unchecked
        return dialog.result() if dialog.result_record is not None else 0

    monkeypatch.setattr(IncomingFormDialog, "exec", check_and_save)
    view.scan_registration.start(scan_path)
    qtbot.waitUntil(lambda: "pending" in seen, timeout=120_000)
    assert {"sender", "sender_number", "title", "urgency", "written_on"} <= set(seen["marked"])
    assert "note" not in seen["marked"]
    assert seen["values"] == {
        "sender": "中共南丰县委办公室",
        "sender_number": "南办发〔2026〕12号",
        "title": "关于做好2026年防汛抗旱工作的通知",
        "urgency": "extra_urgent",
        "written_on": "2026-03-05",
    }
    assert "sender" not in seen["pending"] and "title" not in seen["pending"]
    assert len(questions) == 1 and "来文字号" in questions[0] and "成文日期" in questions[0]
    record_id = view.current_record_id()
    rec = services.registers.get(actors["clerk"], "incoming", record_id)
    assert rec["title"] == "关于做好2026年防汛抗旱工作的通知（修改）"
    assert rec["written_on"] == date(2026, 3, 5) and rec["note"] == ""  # the 成文日期 field, not 备注
    files = services.files.list(actors["clerk"], "incoming", record_id)
    assert [(f.role, f.name) for f in files] == [("扫描件", "来文首页.jpg")]


def test_cancelled_form_or_refused_save_leaves_nothing(
    qtbot, services, actors, engine, scan_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from ui.areas.documents.dialogs import IncomingFormDialog

    view = _view(qtbot, services, actors["clerk"], "documents", "incoming", engine)
    done: list[bool] = []
    monkeypatch.setattr(messages, "confirm", lambda *a: False)  # "not checked yet": stays in the form

    def try_save_then_cancel(dialog):  # type: ignore[no-untyped-def]
        dialog.buttons.accepted.emit()
        done.append(dialog.result_record is None)
        return 0

    monkeypatch.setattr(IncomingFormDialog, "exec", try_save_then_cancel)
    view.scan_registration.start(scan_path)
    qtbot.waitUntil(lambda: bool(done), timeout=120_000)
    assert done == [True]
    with services.db.read() as s:
        from sqlalchemy import func, select

        from db.models.documents import IncomingDocument
        from db.models.files import RecordFile

        titles = s.scalars(select(IncomingDocument.title)).all()
        assert s.scalar(select(func.count()).select_from(RecordFile)) == 0
    assert "关于做好2026年防汛抗旱工作的通知" not in titles


def test_a_refused_file_says_why_and_opens_no_form(
    qtbot, services, actors, engine, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from ui.areas.documents.dialogs import IncomingFormDialog

    view = _view(qtbot, services, actors["clerk"], "documents", "incoming", engine)
    shown: list[str] = []
    monkeypatch.setattr(messages, "app_error", lambda parent, e, *a: shown.append(str(e)))
    monkeypatch.setattr(IncomingFormDialog, "exec", lambda d: pytest.fail("no form for a refused file"))
    fake = tmp_path / "来文.pdf"
    fake.write_bytes(b"PK\x03\x04 a Word file renamed")
    view.scan_registration.start(fake)
    qtbot.waitUntil(lambda: bool(shown), timeout=60_000)
    assert "扩展名与内容不符" in shown[0] or "不符" in shown[0]
    assert view.scan_registration.busy is None  # the progress dialog is gone


def test_a_telegram_fills_what_applies(qtbot, services, actors, engine, scan_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ui.widgets.form_dialog import FormDialog

    view = _view(qtbot, services, actors["jiyao"], "telegrams", "plain_in", engine)
    seen: dict = {}

    def look(dialog):  # type: ignore[no-untyped-def]
        seen.update({n: dialog.editors[n].raw() for n in dialog.scan_marks.marks})
        return 0

    monkeypatch.setattr(FormDialog, "exec", look)
    view.scan_registration.start(scan_path)
    qtbot.waitUntil(lambda: bool(seen), timeout=120_000)
    assert seen["counterpart"] == "中共南丰县委办公室"  # 来电单位
    assert seen["dept_no"] == "南办发〔2026〕12号"  # 电报号 (部门号)
    assert seen["title"] == "关于做好2026年防汛抗旱工作的通知"
    assert seen["priority"] == "extra_urgent"  # 等级 特急
    assert "sender" not in seen and "copy_numbers" not in seen
    assert view.keep_tab.pages["plain_out"].view.action_scan is None  # 发电 is not registered from paper

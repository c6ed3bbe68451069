"""The files panel in the details dialogs and behind 文件… of every register view: it lists the record's
files, 添加 and a drop attach them, the preview shows PDF pages and every page of a TIFF, 另存为 of a
classified file asks first, 用本机程序打开 is refused for a classified record and its copy goes when the
dialog closes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QTableWidget

from tests.support.files import image_bytes, ofd_bytes, pdf_bytes, write_pdf
from tests.support.writer import doc


def _incoming(services, actors, n: int = 1, **more):  # type: ignore[no-untyped-def]
    return services.service("documents").incoming.receive(actors["clerk"], {**doc(n), **more}).record


def _rows(panel) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    t = panel.table
    return [(t.item(r, 0).text(), t.item(r, 1).text()) for r in range(t.rowCount())]


def test_the_documents_detail_dialog_lists_files_and_adds_one_by_dropping_it(
    qtbot, services, actors, tmp_path
):
    from ui.areas.documents.dialogs import DetailDialog

    rec = _incoming(services, actors)
    services.files.attach(actors["clerk"], "incoming", rec.id, pdf_bytes(2), "扫描件", name="来文.pdf")
    dlg = DetailDialog(services, actors["clerk"], "incoming", rec.id)
    qtbot.addWidget(dlg)
    panel = dlg.files_panel
    assert _rows(panel) == [("扫描件", "来文.pdf")]
    assert panel.table.item(0, 2).text() == "PDF，2页"
    scan = tmp_path / "批示.png"
    scan.write_bytes(image_bytes())
    panel.role.setCurrentText("批示件")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(scan))])
    drop = QDropEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(panel.attached, timeout=10_000) as blocker:
        panel.dropEvent(drop)
    assert blocker.args == [1]
    assert _rows(panel) == [("扫描件", "来文.pdf"), ("批示件", "批示.png")]
    assert "文件</b> 2 个" in panel.title.text()


def test_add_refuses_a_wrong_file_with_its_reason_and_keeps_the_list(
    qtbot, services, actors, tmp_path, monkeypatch
):
    from ui import messages
    from ui.widgets import record_files
    from ui.widgets.workflow_page import RecordDetailDialog

    rec = _incoming(services, actors)
    fake = tmp_path / "扫描.pdf"
    fake.write_bytes(image_bytes("JPEG"))
    good = write_pdf(tmp_path / "正文.pdf")
    monkeypatch.setattr(record_files, "ask_open_paths", lambda *a: [fake, good])
    warned: list[str] = []
    monkeypatch.setattr(messages, "warn", lambda parent, title, text: warned.append(text))
    dlg = RecordDetailDialog(services, actors["clerk"], "incoming", rec.id)
    qtbot.addWidget(dlg)
    panel = dlg.files_panel
    with qtbot.waitSignal(panel.attached, timeout=10_000):
        panel.add_button.click()
    assert _rows(panel) == [("扫描件", "正文.pdf")]
    assert len(warned) == 1 and "扫描.pdf" in warned[0] and "与扩展名不符" in warned[0]


def test_preview_shows_pdf_pages_and_every_page_of_a_tiff(qtbot, services, actors):
    from ui.widgets.file_preview import FilePreviewDialog

    rec = _incoming(services, actors)
    pdf = services.files.attach(actors["clerk"], "incoming", rec.id, pdf_bytes(3), "扫描件", name="a.pdf")
    tif = services.files.attach(
        actors["clerk"], "incoming", rec.id, image_bytes("TIFF", pages=2), "附件", name="b.tif"
    )
    for info, pages in ((pdf, 3), (tif, 2)):
        dlg = FilePreviewDialog(services, actors["clerk"], info.id)
        qtbot.addWidget(dlg)
        with qtbot.waitSignal(dlg.pages_ready, timeout=20_000) as blocker:
            pass
        assert blocker.args == [pages]
        assert all(not image.isNull() and image.width() > 100 for image in dlg.images)
        assert f"共 {pages} 页" in dlg.status.text()


def test_an_ofd_is_described_with_a_note_and_its_own_metadata(qtbot, services, actors, db_path, monkeypatch):
    import json
    import sqlite3

    from PySide6.QtWidgets import QLabel

    from ui.widgets import file_preview
    from ui.widgets.file_preview import FilePreviewDialog
    from ui.widgets.record_files import FilesDialog

    rec = _incoming(services, actors)
    info = services.files.attach(
        actors["clerk"], "incoming", rec.id, ofd_bytes(pages=3), "正文", name="来文.ofd"
    )
    panel = FilesDialog(services, actors["clerk"], "incoming", rec.id).panel
    qtbot.addWidget(panel)
    panel.table.selectRow(0)
    assert panel.preview_button.isEnabled()  # OFD can be looked at: described, not drawn
    assert panel.table.item(0, 2).text() == "OFD 版式文件，3页"
    dlg = FilePreviewDialog(services, actors["clerk"], info.id)
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.pages_ready, timeout=20_000):
        pass
    texts = [w.text() for w in dlg.findChildren(QLabel)]
    note = dlg.findChild(QLabel, "ofd_note")
    assert note is not None and "本机暂无 OFD 阅读组件，可另存为后用 OFD 阅读器打开" in note.text()
    assert "关于做好2026年防汛抗旱工作的通知" in texts and "中共南丰县委办公室" in texts
    assert "3 页" in texts and "2026-03-05" in texts and "1 个" in texts  # pages, date, 电子签章
    assert not dlg.print_button.isEnabled() and dlg.save_button.isEnabled()
    saved: list[object] = []
    monkeypatch.setattr(file_preview, "save_file_as", lambda parent, s, a, i: saved.append(i))
    dlg.save_button.click()
    assert saved and saved[0].id == info.id
    con = sqlite3.connect(db_path)
    rows = con.execute("SELECT detail FROM audit_log WHERE action = 'file_view'").fetchall()
    con.close()
    assert [json.loads(r[0])["file_id"] for r in rows] == [info.id]  # the look is audited like any view


def test_a_classified_file_is_not_opened_elsewhere_and_save_as_asks_first(
    qtbot, services, actors, tmp_path, monkeypatch
):
    from ui import messages
    from ui.widgets import file_preview, record_files
    from ui.widgets.record_files import FilesDialog

    rec = _incoming(services, actors, secret_level="秘密", secret_period="10年", copy_numbers="000001")
    services.files.attach(actors["clerk"], "incoming", rec.id, pdf_bytes(), "扫描件", name="密件.pdf")
    dlg = FilesDialog(services, actors["clerk"], "incoming", rec.id)
    qtbot.addWidget(dlg)
    panel = dlg.panel
    assert not panel.open_button.isEnabled() and "只在本程序中预览" in panel.open_button.toolTip()
    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text: asked.append(text) or False)
    monkeypatch.setattr(
        file_preview, "ask_save_path", lambda *a: pytest.fail("no file chooser before the warning")
    )
    panel.save_button.click()
    assert "秘密级记录的文件" in asked[0] and "涉密载体" in asked[0]
    monkeypatch.setattr(messages, "confirm", lambda *a: True)
    monkeypatch.setattr(file_preview, "ask_save_path", lambda *a: tmp_path / "out.pdf")
    panel.save_button.click()
    assert (tmp_path / "out.pdf").read_bytes() == pdf_bytes()
    assert record_files.open_with_system is not None


def test_open_with_the_offices_program_uses_a_private_copy_removed_on_close(
    qtbot, services, actors, monkeypatch
):
    from ui.widgets import record_files
    from ui.widgets.record_files import FilesDialog

    rec = _incoming(services, actors)
    services.files.attach(actors["clerk"], "incoming", rec.id, pdf_bytes(), "正文", name="正文.pdf")
    opened: list[Path] = []
    monkeypatch.setattr(record_files, "open_with_system", lambda path: opened.append(path) or True)
    dlg = FilesDialog(services, actors["clerk"], "incoming", rec.id)
    qtbot.addWidget(dlg)
    dlg.panel.open_button.click()
    assert opened and opened[0].read_bytes() == pdf_bytes()
    dlg.reject()
    assert not opened[0].exists() and not opened[0].parent.exists()


def test_every_register_view_opens_the_files_of_the_selected_record(qtbot, services, actors):
    from ui.widgets.register_view import RegisterView

    rec = _incoming(services, actors)
    services.files.attach(actors["clerk"], "incoming", rec.id, image_bytes(), "扫描件", name="s.png")
    view = RegisterView(services, actors["clerk"], "incoming")
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.table.selectRow(0)
    assert view.action_files.isEnabled()
    dlg = view.files_dialog(rec.id)
    qtbot.addWidget(dlg)
    assert _rows(dlg.panel) == [("扫描件", "s.png")]
    assert dlg.findChild(QTableWidget, "files") is dlg.panel.table


def test_folder_import_lists_the_dry_run_then_attaches_in_one_action(qtbot, services, actors, tmp_path):
    from ui.widgets.folder_import import FolderImportDialog

    recs = [_incoming(services, actors, n) for n in (1, 2)]
    folder = tmp_path / "scans"
    folder.mkdir()
    write_pdf(folder / f"{recs[0]['number']}.pdf")
    (folder / f"{recs[1]['number']}-附件1.png").write_bytes(image_bytes())
    write_pdf(folder / "2019-0001.pdf", text="none")
    dlg = FolderImportDialog(services, actors["clerk"], "incoming")
    qtbot.addWidget(dlg)
    dlg.folder.setText(str(folder))
    assert not dlg.import_button.isEnabled()
    with qtbot.waitSignal(dlg.planned, timeout=20_000):
        dlg.check_button.click()
    t = dlg.table
    rows = [(t.item(r, 0).text(), t.item(r, 2).text()) for r in range(t.rowCount())]
    assert rows == [
        (f"{recs[0]['number']}.pdf", "将添加"),
        (f"{recs[1]['number']}-附件1.png", "将添加"),
        ("2019-0001.pdf", "没有编号相符的记录"),
    ]
    assert services.files.list(actors["clerk"], "incoming", recs[0].id) == ()  # the dry run added nothing
    assert dlg.import_button.text() == "添加 2 个文件"
    with qtbot.waitSignal(dlg.imported, timeout=20_000):
        dlg.import_button.click()
    assert "已添加 2 个文件" in dlg.summary.text()
    assert [f.name for f in services.files.list(actors["clerk"], "incoming", recs[1].id)] == [
        f"{recs[1]['number']}-附件1.png"
    ]


def test_files_dropped_onto_a_row_of_the_list_go_to_that_record_after_a_confirmation(
    qtbot, services, actors, tmp_path, monkeypatch
):
    from ui import messages
    from ui.widgets.register_view import RegisterView

    first, second = _incoming(services, actors, 1), _incoming(services, actors, 2)
    view = RegisterView(services, actors["clerk"], "incoming")
    qtbot.addWidget(view)
    view.resize(1000, 500)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    row = next(r for r in range(2) if view.model.record_at(r) and view.model.record_at(r).id == second.id)
    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text: asked.append(text) or True)
    scan = write_pdf(tmp_path / "扫描.pdf")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(scan))])
    pos = view.table.visualRect(view.model.index(row, 0)).center()
    drop = QDropEvent(
        pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    with qtbot.waitSignal(view.row_drop.attached, timeout=10_000) as blocker:
        view.row_drop.eventFilter(view.table.viewport(), drop)
    assert blocker.args == [second.id, 1]
    assert second["number"] in asked[0] and "作为扫描件" in asked[0]
    assert [f.name for f in services.files.list(actors["clerk"], "incoming", second.id)] == ["扫描.pdf"]
    assert services.files.list(actors["clerk"], "incoming", first.id) == ()


def test_the_generic_form_of_a_record_opens_its_files(qtbot, services, actors, monkeypatch):
    from ui.widgets.form_dialog import FormDialog
    from ui.widgets.record_files import FilesDialog

    seen: list[list[tuple[str, str]]] = []
    monkeypatch.setattr(FilesDialog, "exec", lambda self: seen.append(_rows(self.panel)) or 0)

    rec = _incoming(services, actors)
    services.files.attach(actors["clerk"], "incoming", rec.id, pdf_bytes(), "扫描件", name="s.pdf")
    form = FormDialog(
        services, actors["clerk"], "incoming", services.registers.get(actors["clerk"], "incoming", rec.id)
    )
    qtbot.addWidget(form)
    assert form.files_button is not None and form.files_button.text() == "文件…"
    form.files_button.click()
    assert seen == [[("扫描件", "s.pdf")]]
    new = FormDialog(services, actors["clerk"], "incoming")
    qtbot.addWidget(new)
    assert new.files_button is None  # a record not yet saved has no files

"""The 发文 view's 打印 menu offers the 公文正本 and saves it as an editable Word file where the user picks."""

from __future__ import annotations

from pathlib import Path

from ui import messages


def test_print_menu_saves_the_official_document_as_word(qtbot, services, actors, tmp_path: Path, monkeypatch):
    from docx import Document

    import ui.widgets.register_actions as actions
    from ui.areas.documents.tab import DocumentsTab

    out = services.service("documents").outgoing
    rec = out.draft(
        actors["clerk"],
        {
            "prefix": "县委办发",
            "doc_type": "通知",
            "title": "关于做好防汛工作的通知",
            "main_to": "各乡镇党委",
            "drafter": "李明",
            "drafted_on": "2026-03-01",
            "public_attr": "主动公开",
            "body": "现将有关事项通知如下。",
        },
    ).record
    out.approve(actors["clerk"], rec.id, signer="周振荣", signed_on="2026-03-02")
    tab = DocumentsTab(services, actors["clerk"])
    qtbot.addWidget(tab)
    view = tab.pages["outgoing"].view
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.table.selectRow(0)
    view._fill_print_menu()
    titles = [a.text() for a in view.print_menu.actions()]
    assert titles[:2] == ["发文稿纸", "公文正本"] and "公文正本（信函格式）" in titles
    target = tmp_path / "正本.docx"
    asked: list[str] = []
    monkeypatch.setattr(
        actions, "ask_save_path", lambda parent, title, name, flt: asked.append(name) or target
    )
    saved: list[str] = []
    monkeypatch.setattr(messages, "info", lambda parent, title, text: saved.append(text))
    monkeypatch.setattr(messages, "app_error", lambda parent, e, *a: saved.append(f"错误：{e}"))
    view.print_menu.actions()[1].trigger()
    assert asked == ["公文正本.docx"] and saved == [f"已保存：{target}"]
    texts = [p.text for p in Document(str(target)).paragraphs]
    assert "关于做好防汛工作的通知" in texts and "县委办发〔2026〕1号" in texts


def test_print_menu_prints_the_archive_catalogue_of_a_year(qtbot, services, actors, monkeypatch):
    from ui.areas.documents.tab import DocumentsTab

    docs = services.service("documents")
    rec = docs.incoming.receive(
        actors["clerk"],
        {"received_at": "2026-03-05 09:30", "sender": "县委组织部", "title": "关于报送干部信息的通知"},
    ).record
    docs.archive.archive(actors["clerk"], "incoming", rec.id, "永久", fonds="J012")
    tab = DocumentsTab(services, actors["clerk"])
    qtbot.addWidget(tab)
    view = tab.pages["incoming"].view
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.table.selectRow(0)
    view._fill_print_menu()
    action = next(a for a in view.print_menu.actions() if a.text() == "归档文件目录")
    monkeypatch.setattr(messages, "ask_text", lambda *a, **k: "2026")
    shown: list[tuple[Path, str]] = []
    monkeypatch.setattr(view, "show_preview", lambda path, title: shown.append((path, title)))
    action.trigger()
    assert shown and shown[0][1] == "归档文件目录 2026年度" and shown[0][0].exists()

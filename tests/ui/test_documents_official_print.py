"""The 发文 view's 打印 menu offers the 公文正本 and saves it as an editable Word file where the user picks."""

from __future__ import annotations

from pathlib import Path

from ui import messages


def test_print_menu_saves_the_official_document_as_word(qtbot, services, actors, tmp_path: Path, monkeypatch):
    import ui.widgets.register_actions as actions
    from docx import Document
    from ui.documents.tab import DocumentsTab

    out = services.service("documents").outgoing
    rec = out.draft(actors["clerk"], {"prefix": "县委办发", "doc_type": "通知", "title": "关于做好防汛工作的通知",
                                      "main_to": "各乡镇党委", "drafter": "李明", "drafted_on": "2026-03-01",
                                      "public_attr": "主动公开", "body": "现将有关事项通知如下。"}).record
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
    monkeypatch.setattr(actions, "ask_save_path", lambda parent, title, name, flt: asked.append(name) or target)
    saved: list[str] = []
    monkeypatch.setattr(messages, "info", lambda parent, title, text: saved.append(text))
    monkeypatch.setattr(messages, "app_error", lambda parent, e, *a: saved.append(f"错误：{e}"))
    view.print_menu.actions()[1].trigger()
    assert asked == ["公文正本.docx"] and saved == [f"已保存：{target}"]
    texts = [p.text for p in Document(str(target)).paragraphs]
    assert "关于做好防汛工作的通知" in texts and "县委办发〔2026〕1号" in texts

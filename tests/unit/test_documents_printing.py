"""收发文 forms read back: the printed PDF/Word carries the record's data, the 密级 marking and the 批示."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.errors import PermissionDenied


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(str(path)).pages).replace(" ", "")


@pytest.fixture
def filed(services, actors):  # type: ignore[no-untyped-def]
    docs = services.service("documents")
    rec = docs.incoming.receive(
        actors["clerk"],
        {
            "received_at": "2026-03-05 09:30",
            "sender": "中共××市委办公室",
            "sender_number": "市委办发[2026]3号",
            "title": "关于做好春季森林防火工作的通知",
            "secret_level": "秘密",
            "secret_period": "5年",
            "copy_numbers": "000012",
            "handling_kind": "办件",
            "due_on": "2026-03-20",
        },
    ).record
    docs.incoming.propose(actors["clerk"], rec.id, "建议呈周书记阅示", lead_unit="县林业局")
    docs.incoming.instruct(
        actors["clerk"], rec.id, "请林业局抓好落实", leader="吴建国", given_on="2026-03-06"
    )
    docs.incoming.urge(actors["clerk"], rec.id, "发函催办", note="请于月底前报送")
    return rec


def test_slip_urge_and_circulation_forms_carry_the_data_and_marking(services, actors, filed, tmp_path):
    docs = services.service("documents")
    docs.incoming.circulate(actors["clerk"], filed.id, "周振荣、吴建国")
    copy = docs.copies.copies(actors["clerk"], "incoming", filed.id)[0]
    docs.incoming.send_copy(actors["clerk"], filed.id, copy.id, "周振荣")
    texts = {}
    for key in ("slip", "urge", "circulation"):
        out = services.printing.render_form(
            actors["clerk"], "incoming", key, filed.id, tmp_path / f"{key}.pdf", "pdf"
        )
        texts[key] = _pdf_text(out)
    assert "收文处理单" in texts["slip"] and "请林业局抓好落实" in texts["slip"] and "吴建国" in texts["slip"]
    assert "市委办发〔2026〕3号" in texts["slip"] and "秘密★5年" in texts["slip"]
    assert "发函催办" in texts["urge"] and "请于月底前报送" in texts["urge"]
    assert "000012" in texts["circulation"] and "周振荣" in texts["circulation"]
    with pytest.raises(PermissionDenied):
        services.printing.render_form(actors["petition"], "incoming", "slip", filed.id, tmp_path / "x.pdf")


def test_draft_sheet_and_archive_catalogue(services, actors, tmp_path):
    from docx import Document

    from app.areas.documents.forms import collect_catalogue
    from app.printing.layouts import FORM

    docs = services.service("documents")
    rec = docs.outgoing.draft(
        actors["clerk"],
        {
            "prefix": "县委办发",
            "doc_type": "通知",
            "title": "关于做好值班工作的通知",
            "main_to": "各乡镇党委",
            "drafter": "李明",
            "drafted_on": "2026-01-20",
            "signer": "周振荣",
            "signed_on": "2026-01-21",
            "sign_opinion": "同意印发",
            "issuer": "中共××县委办公室",
            "public_attr": "主动公开",
        },
    ).record
    out = services.printing.render_form(
        actors["clerk"], "outgoing", "draft", rec.id, tmp_path / "d.docx", "docx"
    )
    text = "\n".join(c.text for t in Document(str(out)).tables for row in t.rows for c in row.cells)
    assert "县委办发〔2026〕1号" in "".join(p.text for p in Document(str(out)).paragraphs) + text
    assert "同意印发" in text and "各乡镇党委" in text
    docs.outgoing.issue(actors["clerk"], rec.id, print_copies=10, issued_on="2026-01-22")
    docs.archive.archive(actors["clerk"], "outgoing", rec.id, "永久", fonds="J012")
    cat = _pdf_text(FORM.write(collect_catalogue(services, actors["clerk"], 2026), tmp_path / "cat.pdf"))
    assert "归档文件目录" in cat and "J012-WS·2026-Y-0001" in cat and "20260121" in cat
    # reachable as a year report of either register, through the audited print service and the CLI
    printed = services.printing.render_form(
        actors["clerk"], "outgoing", "catalogue", 2026, tmp_path / "c2.pdf"
    )
    assert "J012-WS·2026-Y-0001" in _pdf_text(printed)
    _, rows = services.audit.search(actors["auditor"], action="print")
    assert rows and "归档文件目录" in rows[0].detail and "2026" in rows[0].detail
    with pytest.raises(PermissionDenied):
        services.printing.render_form(actors["petition"], "incoming", "catalogue", 2026, tmp_path / "c3.pdf")
    assert not (tmp_path / "c3.pdf").exists()

"""公文正本: a 发文 record printed as its own GB/T 9704 Word file (文件格式, 信函格式 for 函), read back with
python-docx; through the print service (permissions, audit) and the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.areas.documents.official import attachment_names, body_paragraphs
from app.domain.errors import PermissionDenied, ValidationFailed
from app.printing.fonts import font_set

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BODY = (
    "　　为切实做好今年防汛工作，现将有关事项通知如下。\n\n"
    "一、总体要求\n坚持人民至上。\n（一）压实责任\n各乡镇党委要履行主体责任。\n1.细化预案\n（1）每村一案"
)


def _issued(services, actors, **kw):  # type: ignore[no-untyped-def]
    out = services.service("documents").outgoing
    who = actors[kw.pop("by", "clerk")]
    raw = {
        "prefix": "县委办发",
        "doc_type": "通知",
        "title": "关于做好2026年防汛工作的通知",
        "main_to": "各乡镇党委，县直各单位",
        "drafter": "李明",
        "drafted_on": "2026-03-01",
        "public_attr": "主动公开",
        "body": BODY,
        "attachments": "1.责任分工表；\n2.联系人名单",
        "cc": "县人大常委会办公室、县政府办公室",
        "note": "此件发至乡镇",
        "secret_level": "秘密",
        "secret_period": "1年",
        "urgency": "特急",
        "issuer": "中共××县委办公室",
    }
    raw.update(kw)
    rec = out.draft(who, raw).record
    out.approve(who, rec.id, signer="周振荣、吴建国", signed_on="2026-03-04")
    return out.issue(
        who, rec.id, print_copies=20, copy_from=121, issued_on="2026-03-06", written_on="2026-03-05"
    ).record


def test_body_and_attachments_as_typed() -> None:
    paras = body_paragraphs(BODY)
    assert [(p.text, p.level) for p in paras] == [
        ("为切实做好今年防汛工作，现将有关事项通知如下。", 0),
        ("一、总体要求", 1),
        ("坚持人民至上。", 0),
        ("（一）压实责任", 2),
        ("各乡镇党委要履行主体责任。", 0),
        ("1.细化预案", 3),
        ("（1）每村一案", 4),
    ]
    assert attachment_names("附件：1.责任分工表；\n2. 联系人名单。\n\n") == ("责任分工表", "联系人名单")


def test_outgoing_record_prints_as_gbt9704_document(services, actors, tmp_path: Path) -> None:
    from docx import Document

    rec = _issued(services, actors)
    out = services.printing.render_form(
        actors["clerk"], "outgoing", "document", rec.id, tmp_path / "正本.docx"
    )
    d = Document(str(out))
    s = d.sections[0]
    assert [round(x.mm) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == [
        37,
        35,
        28,
        26,
    ]
    texts = [p.text for p in d.paragraphs]
    assert texts[:3] == ["000121", "秘密★1年", "特急"]
    mark = d.paragraphs[3]
    assert mark.text == "中共××县委办公室文件" and str(mark.runs[0].font.color.rgb) == "FF0000"
    assert mark.runs[0]._r.rPr.rFonts.get(f"{W}eastAsia") == font_set().docx["XIAOBIAOSONG"]
    assert d.paragraphs[4].text == "县委办发〔2026〕1号"  # a 通知 is not 上行文: no 签发人, 字号 centred
    for expected in (
        "关于做好2026年防汛工作的通知",
        "各乡镇党委，县直各单位：",
        "一、总体要求",
        "（一）压实责任",
        "附件：1.责任分工表",
        "2.联系人名单",
        "中共××县委办公室",
        "2026年3月5日",
        "（此件发至乡镇）",
    ):
        assert expected in texts, expected
    first = next(p for p in d.paragraphs if p.text.startswith("为切实做好"))
    assert first.runs[0]._r.rPr.rFonts.get(f"{W}eastAsia") == font_set().docx["FANGSONG"]
    assert first.runs[0].font.size.pt == 16  # 3号
    heading = next(p for p in d.paragraphs if p.text == "一、总体要求")
    assert heading.runs[0]._r.rPr.rFonts.get(f"{W}eastAsia") == font_set().docx["HEITI"]
    colophon = texts
    assert "抄送：县人大常委会办公室，县政府办公室。" in colophon
    assert "中共××县委办公室\t2026年3月6日印发" in colophon
    with services.db.read() as sess:
        from sqlalchemy import select

        from db.models.core import AuditEntry

        detail = sess.scalars(select(AuditEntry.detail).where(AuditEntry.action == "print")).all()
    assert any("公文正本" in d for d in detail)


def test_request_carries_signers_and_letter_uses_letter_format(services, actors, tmp_path: Path) -> None:
    from docx import Document

    req = _issued(
        services,
        actors,
        doc_type="请示",
        title="关于申请防汛物资的请示",
        main_to="市委办公室",
        secret_level="非密",
        secret_period="",
        urgency="平件",
    )
    d = Document(
        str(
            services.printing.render_form(
                actors["clerk"], "outgoing", "document", req.id, tmp_path / "请示.docx"
            )
        )
    )
    assert [p.text for p in d.paragraphs][0] == "000121"  # 份号 but no 密级/紧急程度
    line = next(p for p in d.paragraphs if "签发人" in p.text)
    assert line.text.startswith("　县委办发〔2026〕1号") and "周振荣" in line.text and "吴建国" in line.text
    letter = _issued(
        services,
        actors,
        prefix="县委办函",
        doc_type="函",
        title="关于商请支持防汛工作的函",
        main_to="县水利局",
        secret_level="非密",
        secret_period="",
        cc="",
    )
    d = Document(
        str(
            services.printing.render_form(
                actors["clerk"], "outgoing", "document", letter.id, tmp_path / "函.docx"
            )
        )
    )
    s = d.sections[0]
    assert s.different_first_page_header_footer
    assert s.first_page_header.paragraphs[0].text == "中共××县委办公室"  # 信函格式: no "文件"
    assert "县委办函〔2026〕1号" in d.paragraphs[0].text
    # the user may still pick the 文件 format for the same record
    d = Document(
        str(
            services.printing.render_form(
                actors["clerk"], "outgoing", "document_file", letter.id, tmp_path / "函-文件.docx"
            )
        )
    )
    assert not d.sections[0].different_first_page_header_footer
    assert "中共××县委办公室文件" in [p.text for p in d.paragraphs]


def test_issuer_mark_setting_pdf_refused_and_clearance(services, actors, tmp_path: Path) -> None:
    from docx import Document

    from app.services.settings import set_value

    with services.db.write() as s:
        set_value(s, "documents.issuer_mark", "中共××县委文件")
    rec = _issued(services, actors, secret_level="机密", secret_period="10年", by="jiyao")
    d = Document(
        str(
            services.printing.render_form(
                actors["leader"], "outgoing", "document", rec.id, tmp_path / "a.docx"
            )
        )
    )
    assert "中共××县委文件" in [p.text for p in d.paragraphs]
    with pytest.raises(ValidationFailed):
        services.printing.render_form(actors["leader"], "outgoing", "document", rec.id, tmp_path / "a.pdf")
    with pytest.raises(PermissionDenied):  # 王芳 is cleared for 秘密 only
        services.printing.render_form(actors["clerk"], "outgoing", "document", rec.id, tmp_path / "b.docx")
    assert not (tmp_path / "b.docx").exists()


def test_cli_prints_the_document_by_its_number(db_path: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    from docx import Document

    from app.bootstrap import open_services
    from app.cli import run
    from tests.conftest import PASSWORD, actor_for

    services = open_services(str(db_path))
    try:

        class _A(dict):
            def __missing__(self, login):  # type: ignore[no-untyped-def]
                return actor_for(services, login)

        number = _issued(services, _A())["number"]
    finally:
        services.close()
    monkeypatch.setenv("APP_PASSWORD", PASSWORD)
    out = tmp_path / "正本.docx"
    assert (
        run(
            [
                "--db",
                str(db_path),
                "--user",
                "clerk",
                "print",
                "outgoing",
                number,
                "document",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert "关于做好2026年防汛工作的通知" in [p.text for p in Document(str(out)).paragraphs]

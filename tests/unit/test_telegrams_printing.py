"""阅电单, 清退单 and 销毁清册 render with the telegram's data, its 密级 marking, and only for those allowed."""

from __future__ import annotations

from datetime import datetime

import pypdf
import pytest

from app.domain.errors import Conflict, PermissionDenied


def _text(path) -> str:  # type: ignore[no-untyped-def]
    return "".join(p.extract_text() for p in pypdf.PdfReader(str(path)).pages).replace(" ", "")


def _cipher(services, actor):  # type: ignore[no-untyped-def]
    return services.registers.create(
        actor,
        "cipher_in",
        {
            "at": datetime.now().strftime("%Y-%m-%d %H:%M"),
            "dept_no": "省委密电〔2026〕5号",
            "priority": "特急",
            "counterpart": "省委办公厅",
            "title": "关于重大活动安全保障的电报",
            "copies_count": "2",
            "first_copy_no": "000031",
            "secret_level": "机密",
            "secret_period": "10年",
            "total_no": "812",
        },
    )


def test_reading_slip_and_return_list_show_readers_and_returns(services, actors, tmp_path):
    jiyao = actors["jiyao"]
    rec = _cipher(services, jiyao)
    c1, c2 = services.copies.copies(jiyao, "cipher_in", rec.id)
    services.copies.send(jiyao, c1.id, "周振荣")
    services.copies.take_back(jiyao, c1.id, "instruction", "请县公安局牵头落实")
    services.copies.return_copy(jiyao, c1.id, "李军", "市委机要局")
    slip = services.printing.render_form(jiyao, "cipher_in", "reading", rec.id, tmp_path / "slip.pdf", "pdf")
    text = _text(slip)
    for expected in (
        "阅电单",
        "关于重大活动安全保障的电报",
        "周振荣",
        "请县公安局牵头落实",
        "000031",
        "机密★10年",
        "特急",
        "812",
    ):
        assert expected in text, expected
    ret = services.printing.render_form(jiyao, "cipher_in", "return", rec.id, tmp_path / "ret.docx", "docx")
    import docx

    body = "\n".join(p.text for p in docx.Document(str(ret)).paragraphs) + "".join(
        cell.text for t in docx.Document(str(ret)).tables for row in t.rows for cell in row.cells
    )
    assert "清退单" in body and "市委机要局" in body and "000032" in body
    with pytest.raises(PermissionDenied):
        services.printing.render_form(actors["leader"], "cipher_in", "reading", rec.id, tmp_path / "x.pdf")
    with pytest.raises(Conflict):
        services.printing.render_form(jiyao, "cipher_in", "destruction", rec.id, tmp_path / "d.pdf")


def test_destruction_list_names_the_batch_and_its_witnesses(services, actors, tmp_path):
    from app.areas.telegrams.forms import render_destruction

    jiyao = actors["jiyao"]
    rec = _cipher(services, jiyao)
    copies = services.copies.copies(jiyao, "cipher_in", rec.id)
    for c in copies:
        services.copies.return_copy(jiyao, c.id, "李军", "机要室")
    batch = services.copies.destroy_batch(
        jiyao, [c.id for c in copies], "周振荣", ["李军", "王芳"], "2026-07-15", "碎纸机粉碎"
    )
    text = _text(render_destruction(services, jiyao, batch.id, tmp_path / "batch.pdf"))
    _, rows = services.audit.search(actors["auditor"], action="print")
    printed = [r for r in rows if r.object_type == "destruction_batches" and r.object_id == str(batch.id)]
    assert len(printed) == 1 and batch.number in printed[0].detail  # the batch's printout is audited
    for expected in (
        "销毁清册",
        batch.number,
        "周振荣",
        "李军、王芳",
        "碎纸机粉碎",
        rec["number"],
        "000031",
        "000032",
        "机密",
    ):
        assert expected in text, expected
    via_form = services.printing.render_form(jiyao, "cipher_in", "destruction", rec.id, tmp_path / "f.pdf")
    assert batch.number in _text(via_form)

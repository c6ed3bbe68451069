"""PrintService on the test-only sample register: register books and forms are permission-checked,
marked with the highest 密级 printed, written whole or not at all, and audited."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.errors import NotFound, PermissionDenied, ValidationFailed
from app.kit.area import Area, FormSpec
from app.printing.layouts import FORM, Layout
from db.models.core import AuditEntry
from tests.support.sample import SAMPLE, SAMPLE_AREA, install_sample_table
from tests.unit.test_printing_support import docx_text, pdf_pages, pdf_top_left


def _collect_slip(services, actor, record_id):  # type: ignore[no-untyped-def]
    from app.printing.layout import FieldRow, FormField, FormLayout, FormPrintout
    from app.printing.meta import PrintMeta

    rec = services.registers.get(actor, "sample", record_id)
    layout = FormLayout(
        "样例处理单",
        (FieldRow((FormField("标题", rec["title"], span=2),)),),
        header_left=f"编号：{rec['number']}",
    )
    return FormPrintout(layout, PrintMeta.for_actor(actor, rec["secret_level"], rec["secret_period"]))


def _broken(data, out):  # type: ignore[no-untyped-def]
    Path(out).write_bytes(b"half")
    raise RuntimeError("printer template broken")


BROKEN = Layout("坏表单", pdf=_broken)  # a layout whose PDF writer fails half-way; it offers no Word

AREA = Area(
    key="sample",
    title="样例",
    roles=SAMPLE_AREA.roles,
    registers=(SAMPLE,),
    forms=(
        FormSpec("sample", "slip", "样例处理单", _collect_slip, FORM),
        FormSpec("sample", "broken", "坏表单", _collect_slip, BROKEN),
    ),
)


@pytest.fixture
def svc(db_path: Path) -> Iterator:
    from app.services.container import Services
    from db.engine import Database

    db = Database.open(str(db_path))
    install_sample_table(db)
    s = Services(db, [AREA])
    yield s
    s.close()


def _letter(svc, actor, title: str, level: str = "非密", period: str = "") -> int:  # type: ignore[no-untyped-def]
    return svc.registers.create(
        actor,
        "sample",
        {
            "received_on": "2026-03-05",
            "sender": "市委办公室",
            "title": title,
            "secret_level": level,
            "secret_period": period,
        },
    ).id


def _prints(svc) -> list[dict]:  # type: ignore[no-untyped-def]
    with svc.db.read() as s:
        return [
            json.loads(e.detail) for e in s.scalars(select(AuditEntry).where(AuditEntry.action == "print"))
        ]


def test_book_of_a_register_is_marked_with_its_highest_level(svc, actors, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    clerk = actors["clerk"]
    _letter(svc, clerk, "普通来信")
    secret = _letter(svc, clerk, "涉密来信", "秘密", "5年")
    svc.registers.void(clerk, "sample", secret, "登记错误")
    out = svc.printing.render_book(clerk, "sample", tmp_path / "book.pdf", filters={"year": 2026})
    pages = pdf_pages(out)
    text = "".join(pages)
    assert "样例登记簿" in text and "2026年" in text
    assert "普通来信" in text and "涉密来信" in text and "（作废）" in text
    assert pdf_top_left(out) == ["秘密"] * len(pages)
    assert "打印：王芳" in text and "共 2 条，其中作废 1 条" in text
    audit = _prints(svc)[-1]
    assert audit["form"] == "book" and audit["rows"] == 2 and audit["secret_level"] == "秘密"


def test_book_leaves_out_what_the_reader_may_not_see(svc, actors, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _letter(svc, actors["jiyao"], "机密来信", "机密", "10年")
    _letter(svc, actors["clerk"], "公开来信")
    text = docx_text(svc.printing.render_book(actors["clerk"], "sample", tmp_path / "book.docx"))
    assert "公开来信" in text and "机密来信" not in text and "★" not in text
    out = svc.printing.render_book(
        actors["jiyao"], "sample", tmp_path / "book2.docx", search="机密来信", title="专项登记簿"
    )
    text = docx_text(out)
    assert "机密来信" in text and "专项登记簿" in text and "检索：机密来信" in text
    from docx import Document

    # a book mixes periods, so its marking is the highest level alone
    assert Document(str(out)).sections[0].header.paragraphs[0].text == "机密"


def test_book_needs_the_read_role_and_writes_nothing_otherwise(svc, actors, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        svc.printing.render_book(actors["noroles"], "sample", tmp_path / "book.pdf")
    assert not (tmp_path / "book.pdf").exists() and _prints(svc) == []
    with pytest.raises(ValidationFailed):
        svc.printing.render_book(actors["clerk"], "sample", tmp_path / "book.xls")
    with pytest.raises(ValidationFailed):
        svc.printing.render_book(actors["clerk"], "sample", tmp_path / "book.pdf", fmt="docx")
    with pytest.raises(NotFound):
        svc.printing.render_book(actors["clerk"], "nosuch", tmp_path / "book.pdf")


def test_form_is_rendered_and_audited_with_copies(svc, actors, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    clerk = actors["clerk"]
    rid = _letter(svc, clerk, "请示事项", "秘密", "1年")
    out = svc.printing.render_form(clerk, "sample", "slip", rid, tmp_path / "slip.pdf", copies=3)
    pages = pdf_pages(out)
    assert "样例处理单" in pages[0] and "请示事项" in pages[0] and pdf_top_left(out) == ["秘密★1年"]
    audit = _prints(svc)[-1]
    assert audit["copies"] == 3 and audit["format"] == "pdf" and audit["form"] == "slip"
    assert audit["secret_level"] == "秘密" and audit["number"].startswith("样〔")
    out = svc.printing.render_form(clerk, "sample", "slip", rid, tmp_path / "slip.docx", fmt="docx")
    assert "请示事项" in docx_text(out)


def test_form_refuses_without_clearance_and_bad_requests(svc, actors, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rid = _letter(svc, actors["jiyao"], "机密件", "机密")
    with pytest.raises(PermissionDenied):
        svc.printing.render_form(actors["clerk"], "sample", "slip", rid, tmp_path / "a.pdf")
    with pytest.raises(NotFound):
        svc.printing.render_form(actors["jiyao"], "sample", "nosuch", rid, tmp_path / "a.pdf")
    with pytest.raises(NotFound):
        svc.printing.render_form(actors["jiyao"], "sample", "slip", 9999, tmp_path / "a.pdf")
    with pytest.raises(ValidationFailed):
        svc.printing.render_form(actors["jiyao"], "sample", "slip", rid, tmp_path / "a.pdf", copies=0)
    with pytest.raises(ValidationFailed):  # the broken form only offers pdf
        svc.printing.render_form(actors["jiyao"], "sample", "broken", rid, tmp_path / "a.docx", fmt="docx")
    assert not (tmp_path / "a.pdf").exists() and _prints(svc) == []


def test_a_failing_form_leaves_no_half_written_file(svc, actors, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rid = _letter(svc, actors["clerk"], "来信")
    with pytest.raises(RuntimeError):
        svc.printing.render_form(actors["clerk"], "sample", "broken", rid, tmp_path / "b.pdf")
    assert list(tmp_path.glob("*b*.pdf")) == [] and _prints(svc) == []


def test_record_found_by_number_and_printer_jobs_audited(svc, actors) -> None:  # type: ignore[no-untyped-def]
    clerk = actors["clerk"]
    rid = _letter(svc, clerk, "来信")
    number = svc.registers.get(clerk, "sample", rid)["number"]
    assert svc.printing.record_id(clerk, "sample", number) == rid
    assert svc.printing.record_id(clerk, "sample", str(rid)) == rid
    with pytest.raises(NotFound):
        svc.printing.record_id(clerk, "sample", "样〔1999〕1号")
    svc.printing.record_printer_output(clerk, "样例登记簿", pages=4, copies=2)
    assert _prints(svc)[-1] == {"what": "样例登记簿", "pages": 4, "copies": 2}
    with pytest.raises(ValidationFailed):
        svc.printing.record_printer_output(clerk, "x", pages=0, copies=1)

"""The statistics report as files (issue 17): the Word file in the GB/T 9704 fonts and sizes with its charts
as pictures, the PDF with embedded fonts and vector charts, both through the print service (audited,
atomic), read back; the period parser; the 来文机关 level."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.areas.documents.statistics import sender_level
from app.domain.errors import PermissionDenied, ValidationFailed
from app.services.statistics import Period, parse_month, parse_quarter, parse_year, write
from tests.support.statistics_year import YEAR, build, writer_for

SUMMARY = (
    "全年共计制发文件3件",
    "共计接待群众来信来访6人次，办结率33.3%，满意率100%",
    "本报告统计范围：周振荣",
)


@pytest.fixture
def year(services, actors, tmp_path):  # type: ignore[no-untyped-def]
    build(services, writer_for(actors["jiyao"]), actors["clerk"], tmp_path)
    return services


def test_word_file_in_gbt9704_fonts_with_charts(year, actors, tmp_path):
    import docx

    from app.printing.fonts import FANGSONG, HEITI, docx_family

    out = write(year, actors["leader"], Period.of_year(YEAR), tmp_path / "年度统计.docx")
    d = docx.Document(str(out))
    text = "\n".join(p.text for p in d.paragraphs)
    for phrase in SUMMARY:
        assert phrase in text
    body = next(p for p in d.paragraphs if p.text.startswith("年初以来"))
    run = body.runs[0]
    assert run.font.size.pt == 16 and run.font.name == docx_family(FANGSONG)
    east = run._r.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
    assert east == docx_family(FANGSONG)
    heading = next(p for p in d.paragraphs if p.text == "二、收发文")
    assert heading.runs[0].font.name == docx_family(HEITI) and heading.runs[0].font.size.pt == 16
    assert len(d.inline_shapes) >= 8  # the charts, as pictures
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    assert "收文办件办结率" in cells and "+4（+200.0%）" in cells
    assert not list(tmp_path.glob(".*part*"))  # written atomically


def test_pdf_with_embedded_fonts_and_an_audit_entry(year, actors, tmp_path):
    import pypdf
    import pypdfium2 as pdfium

    out = write(year, actors["leader"], Period.of_year(YEAR), tmp_path / "年度统计.pdf")
    reader = pypdf.PdfReader(str(out))
    text = "".join(p.extract_text() for p in reader.pages).replace("\n", "")
    for phrase in SUMMARY:
        assert phrase in text
    assert "收文办件办结率" in text and "上年同期" in text
    fonts = set()
    for page in reader.pages:
        for f in page["/Resources"]["/Font"].values():
            f = f.get_object()
            desc = f.get("/FontDescriptor") or f["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts.add("/FontFile2" in desc.get_object())
    assert fonts == {True}
    # the first page drawn: not blank, the title in the upper part
    doc = pdfium.PdfDocument(str(out))
    image = doc[0].render(scale=0.5).to_pil().convert("L")
    doc.close()
    assert image.getextrema()[0] < 100
    from sqlalchemy import select

    from db.models.core import AuditEntry

    with year.db.read() as s:
        e = s.scalars(select(AuditEntry).where(AuditEntry.object_type == "statistics")).one()
        assert (e.action, e.user_login, e.object_id) == ("print", "leader", f"{YEAR}年")
        assert "机密级及以下" in e.detail


def test_refusals(year, actors, tmp_path):
    with pytest.raises(PermissionDenied):
        write(year, actors["sysadmin"], Period.of_year(YEAR), tmp_path / "x.pdf")
    with pytest.raises(ValidationFailed):
        write(year, actors["leader"], Period.of_year(YEAR), tmp_path / "x.xlsx")
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "x.xlsx").exists()


@given(st.integers(1949, 2100), st.integers(1, 4), st.integers(1, 12))
def test_periods_parse_and_cover_their_days(y, q, m):
    year = parse_year(str(y))
    assert (year.start, year.end) == (date(y, 1, 1), date(y, 12, 31))
    quarter = parse_quarter(f"{y}Q{q}")
    assert quarter == parse_quarter(f"{y}年第{'一二三四'[q - 1]}季度")
    assert quarter.months == tuple(range(3 * q - 2, 3 * q + 1))
    month = parse_month(f"{y}-{m:02d}")
    assert month == parse_month(f"{y}年{m}月") and month.start.day == 1 and month.end.month == m
    assert (month.end - month.start).days in (27, 28, 29, 30)
    assert month.previous_year() == Period("month", y - 1, m) if y > 1949 else True


@pytest.mark.parametrize("text", ["2026Q5", "2026-13", "26", "二〇二六", "", "2026Q0"])
def test_bad_periods_are_refused_with_a_message(text):
    with pytest.raises(ValidationFailed):
        for parse in (parse_quarter, parse_month):
            try:
                parse(text)
            except ValidationFailed:
                continue
            raise AssertionError(text)
        raise ValidationFailed({"period": "both refused"})


@pytest.mark.parametrize(
    ("sender", "level"),
    [
        ("中共中央办公厅", "中央"),
        ("国务院办公厅", "中央"),
        ("中共××省委办公厅", "省级"),
        ("××省××市人民政府", "市级"),
        ("中共××市委", "市级"),
        ("县财政局", "县级"),
        ("县市场监督管理局", "县级"),
        ("××镇党委", "其他"),
        ("", "其他"),
    ],
)
def test_sender_levels(sender, level):
    assert sender_level(sender) == level

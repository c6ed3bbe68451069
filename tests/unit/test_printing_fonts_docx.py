"""Font resolution (office fonts preferred, CFF refused, bundled fallback) and the Word renderers read back
with python-docx: text, marking, printed-by line, East Asian font names, repeated header rows."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from app.printing.book import BookColumn, BookRow, RegisterBook
from app.printing.fonts import FANGSONG, HEITI, KAITI, LOGICAL, FontFace, font_set, read_faces, resolve_faces
from app.printing.layout import FieldRow, FormField, FormLayout, TableSection, TextBox
from app.printing.meta import PrintMeta
from tests.unit.test_printing_support import docx_text, render_book, render_form

META = PrintMeta("王芳", datetime(2026, 11, 28, 14, 3), marking="秘密★5年")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_every_logical_font_resolves_to_a_registered_truetype_font() -> None:
    fonts = font_set()
    assert set(fonts.pdf) == set(LOGICAL) and set(fonts.docx) == set(LOGICAL)
    from reportlab.pdfbase import pdfmetrics

    for name in fonts.pdf.values():
        face = pdfmetrics.getFont(name).face
        assert all(ord(c) in face.charToGlyph for c in "县委办公室★〔〕—：")


def test_office_fonts_win_over_fallbacks(tmp_path: Path) -> None:
    bundled = next(iter(read_faces(font_set().faces[HEITI].path)))
    fake_fangsong = FontFace(bundled.path, 0, ("FangSong", "仿宋"))
    chosen, office = resolve_faces([fake_fangsong])
    assert chosen[FANGSONG] is fake_fangsong and office[FANGSONG]
    assert chosen[FANGSONG].display_family == "仿宋"
    assert not office[KAITI] and chosen[KAITI] is not fake_fangsong


def test_cff_fonts_are_refused(tmp_path: Path) -> None:
    otf = tmp_path / "cff.ttf"
    otf.write_bytes(b"OTTO" + b"\x00" * 60)
    assert read_faces(otf) == []
    assert read_faces(tmp_path / "missing.ttf") == []


def _east_asia_fonts(path: Path) -> set[str]:
    import zipfile

    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    import re

    return set(re.findall(r'w:eastAsia="([^"]+)"', xml))


def test_book_docx_reads_back(tmp_path: Path) -> None:
    from docx import Document

    rows = [
        ["2026-0001", "市委办公室", "关于防汛的通知"],
        BookRow(["2026-0002", "县财政局", "错登"], voided=True),
    ]
    out = render_book(
        RegisterBook(
            "收文登记簿",
            (BookColumn("收文编号"), BookColumn("来文机关"), BookColumn("文件标题", 3)),
            rows,
            subtitle="2026年",
        ),
        META,
        tmp_path / "b.docx",
    )
    text = docx_text(out)
    for expected in (
        "收文登记簿",
        "2026年",
        "关于防汛的通知",
        "2026-0002\n（作废）",
        "共 2 条，其中作废 1 条",
        "秘密★5年",
        "打印：王芳 2026-11-28 14:03",
    ):
        assert expected in text, expected
    doc = Document(str(out))
    header_row = doc.tables[0].rows[0]._tr
    assert header_row.find(f"{W}trPr/{W}tblHeader") is not None  # repeated on every page
    assert doc.sections[0].page_width > doc.sections[0].page_height  # landscape
    normal = doc.styles["Normal"].element.rPr.rFonts
    assert normal.get(f"{W}eastAsia") == font_set().docx["SONGTI"]
    voided_run = doc.tables[0].rows[2]._tr.find(f".//{W}color")
    assert voided_run is not None and voided_run.get(f"{W}val") == "808080"
    footer_xml = doc.sections[0].footer._element.xml
    assert "NUMPAGES" in footer_xml and "PAGE" in footer_xml


def test_form_docx_reads_back_with_east_asian_fonts(tmp_path: Path) -> None:
    from docx import Document

    layout = FormLayout(
        "收文处理单",
        (
            FieldRow((FormField("来文单位", "市委办公室"), FormField("来文字号", "市办发〔2026〕3号"))),
            TextBox("拟办意见", "请阅示。", sign="签名：王芳"),
            TableSection("传阅情况", ("姓名", "退回时间"), rows=(("李明", "3月6日"),), min_rows=3),
        ),
        header_right="2026年3月5日",
    )
    out = render_form(layout, META, tmp_path / "slip.docx")
    text = docx_text(out)
    for expected in (
        "收文处理单",
        "市办发〔2026〕3号",
        "请阅示。",
        "签名：王芳",
        "传阅情况",
        "李明",
        "3月6日",
        "2026年3月5日",
        "秘密★5年",
        "打印：王芳",
    ):
        assert expected in text, expected
    fonts = _east_asia_fonts(out)
    assert font_set().docx[FANGSONG] in fonts and font_set().docx["XIAOBIAOSONG"] in fonts
    doc = Document(str(out))
    assert len(doc.tables) == 1  # one ruled table: the sections share a column grid
    assert len(doc.tables[0].rows) == 2 + 1 + 3

"""Register books and forms as PDF, read back with pypdf: Chinese text, marking on every page, page
numbers, printed-by line, voided rows, embedded fonts."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from app.printing.book import BookColumn, BookRow, RegisterBook
from app.printing.layout import (
    FieldRow,
    FormField,
    FormLayout,
    SignatureLine,
    TableSection,
    TextBox,
)
from app.printing.meta import PrintMeta
from tests.unit.test_printing_support import (
    pdf_font_embedding,
    pdf_pages,
    pdf_top_left,
    render_book,
    render_form,
)

META = PrintMeta("王芳", datetime(2026, 11, 28, 14, 3), marking="机密★10年", running_title="收文登记簿")
COLUMNS = (BookColumn("收文编号", 1), BookColumn("来文机关", 1.5), BookColumn("文件标题", 3))


def _rows(n: int) -> list[BookRow | list[str]]:
    rows: list[BookRow | list[str]] = [
        [f"2026-{i:04d}", "市委办公室", f"关于第{i}项防汛工作的通知"] for i in range(1, n + 1)
    ]
    rows[1] = BookRow(["2026-0002", "县财政局", "作废的那一条"], voided=True)
    return rows


def test_register_book_marks_every_page_and_counts(tmp_path: Path) -> None:
    out = render_book(
        RegisterBook("收文登记簿", COLUMNS, _rows(120), subtitle="2026年"), META, tmp_path / "b.pdf"
    )
    pages = pdf_pages(out)
    assert len(pages) >= 3
    assert pdf_top_left(out) == ["机密★10年"] * len(pages)
    for number, text in enumerate(pages, start=1):
        assert "机密★10年" in text
        assert f"第 {number} 页 共 {len(pages)} 页" in text
        assert "打印：王芳 2026-11-28 14:03" in text
        assert "文件标题" in text  # the header row is repeated
    everything = "".join(pages)
    assert "收文登记簿" in pages[0] and "2026年" in pages[0]
    assert "2026-0002\n（作废）" in everything  # the mark on its own line
    assert "关于第120项防汛工作的通知" in everything
    assert "共 120 条，其中作废 1 条" in pages[-1]
    assert all(pdf_font_embedding(out).values())


def test_unclassified_book_has_no_marking_and_caller_totals(tmp_path: Path) -> None:
    meta = PrintMeta("王芳", marking="")
    out = render_book(
        RegisterBook("发文登记簿", COLUMNS, [["1", "县委", "通知"]], totals="合计：1 件"),
        meta,
        tmp_path / "b.pdf",
    )
    text = pdf_pages(out)[0]
    assert "★" not in text and "密" not in text.split("发文登记簿")[0]
    assert "合计：1 件" in text


def test_record_taller_than_a_page_is_printed_whole(tmp_path: Path) -> None:
    long_title = "".join(f"第{i}段很长的备注文字。" for i in range(400)) + "结尾标记"
    rows = [["1", "县委", "短"], ["2", "县政府", long_title], ["3", "县人大", "之后的记录"]]
    out = render_book(RegisterBook("收文登记簿", COLUMNS, rows), META, tmp_path / "b.pdf")
    pages = pdf_pages(out)
    everything = "".join(pages).replace("\n", "")
    assert len(pages) >= 2
    assert "结尾标记" in everything and "之后的记录" in everything
    assert "第399段很长的备注文字" in everything


def test_empty_book_still_prints_header_and_totals(tmp_path: Path) -> None:
    out = render_book(RegisterBook("收文登记簿", COLUMNS, []), META, tmp_path / "b.pdf")
    text = pdf_pages(out)[0]
    assert "收文编号" in text and "共 0 条，其中作废 0 条" in text


def _slip() -> FormLayout:
    return FormLayout(
        title="收文处理单",
        header_left="收文编号：2026-0012",
        header_right="2026年3月5日",
        sections=(
            FieldRow((FormField("来文单位", "市委办公室"), FormField("来文字号", "市办发〔2026〕3号"))),
            FieldRow((FormField("文件标题", "关于做好防汛工作的通知", span=2),)),
            TextBox("拟办意见", "请周书记阅示。", min_height_mm=35, sign="签名：王芳"),
            TextBox("领导批示", "", min_height_mm=60),
            TableSection(
                "传阅情况", ("姓名", "送阅时间", "退回时间"), rows=(("李明", "3月5日", "3月6日"),), min_rows=4
            ),
        ),
        after=(SignatureLine(("登记人：王芳", "日期：　　年　月　日")),),
        footer_note="注：涉密文件阅后当日退回。",
    )


def test_form_pdf_has_all_filled_text_marking_and_fonts(tmp_path: Path) -> None:
    out = render_form(_slip(), PrintMeta("王芳", marking="秘密★1年"), tmp_path / "slip.pdf")
    pages = pdf_pages(out)
    text = "".join(pages)
    for expected in (
        "收文处理单",
        "收文编号：2026-0012",
        "来文单位",
        "市办发〔2026〕3号",
        "关于做好防汛工作的通知",
        "拟办意见",
        "请周书记阅示。",
        "签名：王芳",
        "领导批示",
        "传阅情况",
        "李明",
        "3月6日",
        "登记人：王芳",
        "注：涉密文件阅后当日退回。",
        "打印：王芳",
    ):
        assert expected in text, expected
    assert all("秘密★1年" in p for p in pages)
    assert pdf_font_embedding(out) and all(pdf_font_embedding(out).values())


def test_long_form_flows_onto_more_pages_with_marking(tmp_path: Path) -> None:
    readers = tuple((f"读者{i}", "3月5日", "") for i in range(60))
    layout = FormLayout("文件传阅单", (TableSection("传阅", ("姓名", "送阅", "退回"), rows=readers),))
    pages = pdf_pages(render_form(layout, PrintMeta("王芳", marking="绝密"), tmp_path / "c.pdf"))
    assert len(pages) >= 2
    assert all(p.startswith("绝密") or "绝密" in p for p in pages)
    assert "读者59" in "".join(pages)


def test_unknown_format_is_a_validation_error(tmp_path: Path) -> None:
    from app.domain.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        render_form(_slip(), META, tmp_path / "x.odt")
    assert not (tmp_path / "x.odt").exists()

"""Register books that do not waste paper: at least 18 rows of typical content on a landscape A4 page,
numbers and 文号 on two lines at most, register order whatever the screen's sort, the 密级 range in the
header."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.printing.book import BookColumn, BookRow, RegisterBook, _fit_widths, _Measure


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from app.bootstrap import open_services
    from app.demo import demo_actor, fill_demo

    services = open_services(str(tmp_path_factory.mktemp("demo") / "demo.sqlite"))
    fill_demo(services)
    yield services, demo_actor(services, "lijun")
    services.close()


NUMBER = re.compile(r"(?<![\d-])2026-\d{4}(?![\d-])")


def test_eighteen_typical_rows_a_page_in_register_order(demo, tmp_path: Path):  # type: ignore[no-untyped-def]
    services, lijun = demo
    out = services.printing.render_book(lijun, "incoming", tmp_path / "book.pdf")
    pages = [p.extract_text() for p in PdfReader(out).pages]
    per_page = [len(NUMBER.findall(t)) for t in pages]
    full = sorted(per_page[1:-1])  # after the title page, before the last one
    assert full[len(full) // 2] >= 18 and full[0] >= 17  # 767 rows took 88 pages of 8-11 before
    numbers = [n for t in pages for n in NUMBER.findall(t)]
    assert numbers == sorted(numbers)  # register order (the GUI asks for it unless told otherwise)


def test_the_header_says_which_levels_the_book_covers(demo, tmp_path: Path):  # type: ignore[no-untyped-def]
    services, lijun = demo
    out = services.printing.render_book(lijun, "incoming", tmp_path / "book.pdf")
    first = PdfReader(out).pages[0].extract_text()
    assert re.search(r"密级：非密至(秘密|机密|绝密)", first)
    only = services.printing.render_book(
        lijun, "incoming", tmp_path / "none.pdf", filters={"secret_level": ["none"]}
    )
    assert "密级：非密" in PdfReader(only).pages[0].extract_text()


def test_numbers_and_document_numbers_take_two_lines_at_most() -> None:
    from app.printing.fonts import SONGTI, pdf_font

    body = _Measure(pdf_font(SONGTI), 9)
    columns = [BookColumn("收文编号"), BookColumn("来文字号", 1.4), BookColumn("份号", 0.5)]
    columns += [BookColumn(f"栏{i}", 1.0) for i in range(12)] + [BookColumn("标题", 3)]
    rows = [
        BookRow(
            [
                "2026-0012",
                "中共××市委办公室市委办发〔2026〕112号",
                "000121-000128",
                *["某某单位"] * 12,
                "关于" * 15,
            ]
        )
    ] * 20
    book = RegisterBook("收文登记簿", columns, rows)
    widths = _fit_widths(770, book.columns, list(book.iter_rows()), body, body)
    assert abs(sum(widths) - 770) < 1
    for col, width in zip(columns[:3], widths):
        value = rows[0].cells[columns.index(col)]
        assert len(body.lines(value, width - 4)) <= 2, col.label
    assert len(body.lines("2026-0012", widths[0] - 4)) == 1


READERS = ("lijun", "zhouzr", "chenqiang", "liuyang", "sunli", "zhaomin")


def _typical_rows(services, reg, n: int = 240) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """``n`` rows of the register's typical content: each cell drawn from the demo's values of its column."""
    import random

    from app.demo import demo_actor
    from app.domain.errors import AppError
    from app.kit.registers.values import display

    for login in READERS:
        try:
            records = list(services.registers.iter_records(demo_actor(services, login), reg.key))
            break
        except AppError:
            continue
    fields = reg.print_fields
    values = [[display(f, r[f.name]) for f in fields] for r in records]
    rnd = random.Random(reg.key)
    return [[rnd.choice(values)[i] for i in range(len(fields))] for _ in range(n)]


def test_every_register_book_holds_eighteen_typical_rows_a_page_in_pdf_and_word(demo, tmp_path: Path):  # type: ignore[no-untyped-def]
    from app.kit.print_service import book_columns
    from app.printing.book import render_book_pdf
    from app.printing.book_docx import render_book_docx
    from app.printing.pdf_common import PrintMeta
    from tests.support.bookpages import docx_rows_per_page, pdf_rows_per_page

    services, _ = demo
    short = {}
    for reg in services.catalog:
        rows = _typical_rows(services, reg)
        pdf = render_book_pdf(
            RegisterBook(reg.book_title, book_columns(reg), rows), PrintMeta("李军"), tmp_path / "b.pdf"
        )
        docx = render_book_docx(
            RegisterBook(reg.book_title, book_columns(reg), rows), PrintMeta("李军"), tmp_path / "b.docx"
        )
        for kind, pages in (("pdf", pdf_rows_per_page(pdf)), ("docx", docx_rows_per_page(docx))):
            assert sum(pages) == len(rows)
            if min(pages[1:-1]) < 18:  # the pages after the title page, before the last
                short[f"{reg.key} {kind}"] = pages
    assert not short  # e.g. 密码电报 13 a page, 公务接待台账 9 (26 columns) before


def test_the_word_book_is_in_register_order_with_the_level_range(demo, tmp_path: Path):  # type: ignore[no-untyped-def]
    import docx

    from tests.support.bookpages import docx_rows_per_page

    services, lijun = demo
    out = services.printing.render_book(lijun, "cipher_in", tmp_path / "book.docx")
    document = docx.Document(str(out))
    assert re.search(r"密级：秘密至(机密|绝密)", document.paragraphs[1].text)
    numbers = [row.cells[0].text for row in document.tables[0].rows[1:]]
    seq = [int(re.search(r"〕(\d+)号", n).group(1)) for n in numbers]
    assert seq == sorted(seq) and len(seq) > 40
    pages = docx_rows_per_page(out)
    assert min(pages[1:-1]) >= 18
    assert "批办" not in [c.text for c in document.tables[0].rows[0].cells]  # on the 阅电单, not the book

"""The bulk paths of the register engine: streaming every record (printing, export), register books drawn
page by page, and numbers allocated in blocks on import — same results as the one-at-a-time paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.errors import PermissionDenied
from app.kit.registers.values import validate
from app.printing.book import BookColumn, BookRow, RegisterBook
from app.printing.meta import PrintMeta
from tests.unit.test_printing_support import pdf_font_embedding, pdf_pages, render_book

pytestmark = pytest.mark.both_databases  # the engine's SQL on SQLite and on PostgreSQL


def _letter(i: int, **kw):  # type: ignore[no-untyped-def]
    base = {
        "received_on": f"2026-03-{i % 28 + 1:02d}",
        "sender": "市委办公室",
        "title": f"关于第{i}项工作的通知",
        "pages": "3",
    }
    base.update(kw)
    return base


def test_iter_records_lists_what_paging_lists_in_the_same_order(sample_services, actors):
    svc = sample_services.registers
    clerk = actors["clerk"]
    for i in range(7):
        svc.create(
            clerk,
            "sample",
            _letter(i, secret_level="秘密" if i == 3 else "非密", secret_period="1年" if i == 3 else ""),
        )
    svc.void(clerk, "sample", svc.page(clerk, "sample").records[0].id, "重复登记")
    for sort in (None, ("number", False), ("received_on", True)):
        paged = [
            r
            for off in range(0, 7, 2)
            for r in svc.page(clerk, "sample", sort=sort, offset=off, limit=2).records
        ]
        streamed = list(svc.iter_records(clerk, "sample", sort=sort, batch=3))
        assert [r.id for r in streamed] == [r.id for r in paged]
        assert streamed == paged  # same values, voided flag and metadata
    # the search-driven order (newest registered first) holds for the stream too
    assert [r["title"] for r in svc.iter_records(clerk, "sample", search="工作")] == [
        r["title"] for r in svc.page(clerk, "sample", search="工作").records
    ]
    assert [r["title"] for r in svc.iter_records(clerk, "sample", search="第3项")] == ["关于第3项工作的通知"]


def test_iter_records_checks_the_read_role_before_the_first_row(sample_services, actors):
    with pytest.raises(PermissionDenied):
        sample_services.registers.iter_records(actors["noroles"], "sample")


def test_count_matches_the_page_total(sample_services, actors):
    svc = sample_services.registers
    for i in range(5):
        svc.create(actors["clerk"], "sample", _letter(i))
    assert svc.count(actors["clerk"], "sample") == (5, False)
    assert svc.count(actors["clerk"], "sample", search="第2项") == (1, False)
    assert svc.page(actors["clerk"], "sample", search="第2项").total == 1


def test_book_with_wrapped_cells_reads_back_every_line(tmp_path: Path) -> None:
    long_title = "关于进一步加强全县安全生产和防汛抗旱工作的紧急通知" * 3
    rows = [
        BookRow([f"2026-{i:04d}", "县应急管理局", f"{long_title}{i}", "已阅\n请办理"], voided=i == 5)
        for i in range(1, 61)
    ]
    columns = (BookColumn("编号", 1), BookColumn("来文机关", 1), BookColumn("标题", 2), BookColumn("备注", 1))
    out = render_book(
        RegisterBook("收文登记簿", columns, rows), PrintMeta("王芳", marking="秘密"), tmp_path / "b.pdf"
    )
    pages = pdf_pages(out)
    assert len(pages) > 1
    flat = "".join("".join(p.split()) for p in pages)  # wrapped lines joined again
    for i in range(1, 61):
        assert f"{long_title}{i}"[-30:] in flat
    assert "2026-0005（作废）" in flat
    assert all("标题" in p and "来文机关" in p for p in pages)  # header on every page
    assert "共60条，其中作废1条" in flat
    assert all(pdf_font_embedding(out).values())


def test_bulk_import_numbers_each_year_in_row_order_without_gaps(sample_services, actors):
    svc = sample_services.registers
    clerk = actors["clerk"]
    svc.create(clerk, "sample", _letter(1))  # 样〔2026〕1号 exists before the import
    reg = sample_services.catalog.get("sample")
    rows = []
    for i, day in enumerate(["2026-05-01", "2027-01-02", "2026-05-02", "2027-01-03", "2026-05-03"]):
        values, errors = validate(reg, _letter(i, received_on=day, title=f"导入第{i}条"))
        assert not errors
        rows.append(values)
    ids = svc.bulk_create(clerk, "sample", rows)
    numbers = [svc.get(clerk, "sample", i)["number"] for i in ids]
    assert numbers == ["样〔2026〕2号", "样〔2027〕1号", "样〔2026〕3号", "样〔2027〕2号", "样〔2026〕4号"]
    assert [r.id for r in svc.page(clerk, "sample", search="导入第3条").records] == [ids[3]]  # indexed
    # the counters continue after the block: the next single registration takes the next number
    assert svc.create(clerk, "sample", _letter(9))["number"] == "样〔2026〕5号"
    assert svc.create(clerk, "sample", _letter(9, received_on="2027-02-01"))["number"] == "样〔2027〕3号"


def test_failed_import_gives_the_reserved_numbers_back(sample_services, actors):
    svc = sample_services.registers
    clerk = actors["clerk"]
    reg = sample_services.catalog.get("sample")
    good = validate(reg, _letter(1))[0]
    with pytest.raises(TypeError):  # the second row breaks after the block was reserved
        svc.bulk_create(clerk, "sample", [good, {**good, "no_such_column": 1}])
    assert svc.page(clerk, "sample").total == 0
    assert svc.create(clerk, "sample", _letter(2))["number"] == "样〔2026〕1号"

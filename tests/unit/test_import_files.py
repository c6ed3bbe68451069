"""Reading what offices actually send: GBK/UTF-8/UTF-16 CSV with comma, tab or semicolon, and malformed
files (renamed, empty, encrypted, corrupt, no header) that must give a clear Chinese error and write nothing."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from app.importing.errors import ImportFileError

HEADER = ["收到日期", "来信单位", "标题", "页数"]
ROWS = [
    ["2025-03-05", "市委办公室", "关于防汛的通知", "3"],
    ["2025年3月6日", "县人民政府", "关于春耕的意见", ""],
]


def _csv(path: Path, delimiter: str, encoding: str, title: bool = True) -> Path:
    lines = (["2025年样例登记簿"] if title else []) + [delimiter.join(r) for r in [HEADER, *ROWS]]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030", "gbk", "utf-16"])
@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_csv_encodings_and_delimiters_are_detected(sample_services, actors, tmp_path, encoding, delimiter):
    path = _csv(tmp_path / "收文.csv", delimiter, encoding)
    plan = sample_services.importer.plan(actors["clerk"], "sample", path)
    assert plan.header_row == 2 and plan.errors == ()
    assert [c.field for c in plan.columns] == ["received_on", "sender", "title", "pages"]
    assert plan.preview[1][1] == "县人民政府"


def test_gbk_csv_imports_chinese_text_intact(sample_services, actors, tmp_path):
    path = _csv(tmp_path / "gbk.csv", ",", "gbk", title=False)
    assert sample_services.importer.run(actors["clerk"], "sample", path).imported == 2
    page = sample_services.registers.page(actors["clerk"], "sample", sort=("id", False))
    assert [(r["received_on"], r["sender"]) for r in page.records] == [
        (date(2025, 3, 5), "市委办公室"),
        (date(2025, 3, 6), "县人民政府"),
    ]


def _renamed_text(tmp_path: Path) -> Path:
    path = tmp_path / "收文.xlsx"
    path.write_text("收到日期,来信单位,标题\n2025-03-05,市委办,甲\n", encoding="utf-8")
    return path


def _empty(tmp_path: Path) -> Path:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    return path


def _blank_csv(tmp_path: Path) -> Path:
    path = tmp_path / "blank.csv"
    path.write_text("\r\n ,, \r\n", encoding="utf-8")
    return path


def _corrupt_zip(tmp_path: Path) -> Path:
    good = tmp_path / "good.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(HEADER)
    wb.save(good)
    path = tmp_path / "corrupt.xlsx"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    return path


def _zip_not_workbook(tmp_path: Path) -> Path:
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "不是工作簿")
    return path


def _encrypted(tmp_path: Path) -> Path:
    # An encrypted .xlsx is an OLE compound file holding an "EncryptedPackage" stream.
    path = tmp_path / "secret.xlsx"
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le")
    )
    return path


def _old_xls(tmp_path: Path) -> Path:
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600 + "Workbook".encode("utf-16-le"))
    return path


def _binary_csv(tmp_path: Path) -> Path:
    path = tmp_path / "image.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    return path


def _no_header(tmp_path: Path) -> Path:
    path = tmp_path / "nohead.xlsx"
    wb = openpyxl.Workbook()
    for row in [["姓名", "电话"], ["张三", "123"]]:
        wb.active.append(row)
    wb.save(path)
    return path


def _header_only(tmp_path: Path) -> Path:
    path = tmp_path / "head.csv"
    path.write_text("收到日期,来信单位,标题\n", encoding="utf-8")
    return path


def _word(tmp_path: Path) -> Path:
    path = tmp_path / "收文.docx"
    path.write_bytes(b"PK\x03\x04whatever")
    return path


@pytest.mark.parametrize(
    "make,expected",
    [
        (_renamed_text, "内容不是 Excel 工作簿"),
        (_empty, "是空的"),
        (_blank_csv, "没有任何数据"),
        (_corrupt_zip, "已损坏"),
        (_zip_not_workbook, "已损坏"),
        (_encrypted, "设置了打开密码"),
        (_old_xls, "另存为 .xlsx"),
        (_binary_csv, "不是文本文件"),
        (_no_header, "找不到样例登记的表头"),
        (_header_only, "下面没有数据"),
        (_word, "不支持的文件类型"),
        (lambda p: p / "missing.xlsx", "找不到文件"),
    ],
)
def test_malformed_files_give_a_clear_chinese_error_and_write_nothing(
    sample_services, actors, tmp_path, make, expected
):
    path = make(tmp_path)
    with pytest.raises(ImportFileError) as e:
        sample_services.importer.run(actors["clerk"], "sample", path, skip_invalid=True)
    assert expected in e.value.message and e.value.code == "import_file"
    assert sample_services.registers.page(actors["clerk"], "sample").total == 0


def test_wrong_types_in_cells_are_row_errors(sample_services, actors, tmp_path):
    path = tmp_path / "types.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER + ["紧急程度"])
    ws.append([True, "市委办", "甲", date(2025, 3, 5), 3.5])
    ws.append([date(2025, 3, 5), 12345, 67.0, 2.5, "平件"])
    wb.save(path)
    plan = sample_services.importer.plan(actors["clerk"], "sample", path)
    assert [(e.row, e.column) for e in plan.errors] == [
        (2, "收到日期"),
        (2, "页数"),
        (2, "紧急程度"),
        (3, "页数"),
    ]
    assert plan.valid_rows == 0


def test_first_sheet_with_a_header_is_used(sample_services, actors, tmp_path):
    path = tmp_path / "two.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active.append(["本表由办公室整理"])
    ws = wb.create_sheet("登记")
    for row in [HEADER, *ROWS]:
        ws.append(row)
    wb.save(path)
    plan = sample_services.importer.plan(actors["clerk"], "sample", path)
    assert (plan.sheet, plan.header_row, plan.total_rows) == ("登记", 1, 2)


def test_header_merged_over_two_rows_and_repeated_headers_are_not_data(sample_services, actors, tmp_path):
    path = tmp_path / "pages.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append([None] * 4)
    for column in "ABCD":
        ws.merge_cells(f"{column}1:{column}2")
    ws.append(ROWS[0])
    ws.append(HEADER)  # the header printed again on the next page
    ws.append(ROWS[1])
    ws.append(["2025-03-07", "县纪委", "乙" * 40000, 1])
    wb.save(path)
    plan = sample_services.importer.plan(actors["clerk"], "sample", path)
    assert (plan.header_row, plan.total_rows, plan.valid_rows) == (1, 3, 2)
    assert [(e.row, e.column) for e in plan.errors] == [(6, "标题")]

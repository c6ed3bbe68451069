"""An office's own old registers imported whole (issue 8): books of each shape are built here — 发文登记簿
with 发文字号, 收文登记簿 with 办理情况 and classified rows without 份号, a 明传电报 book, month sheets,
.xls/.ods/GBK CSV, 合计 rows, hidden columns — and checked for what a clerk would look at."""

from __future__ import annotations

import json
from datetime import date, datetime

import openpyxl
import pytest

from app.kit.import_service import ImportRefused

OUT_HEADER = ["序号", "发文字号", "标题", "文种", "密级", "印发日期", "印数", "主送单位"]
OUT_ROWS = [
    [1, "县委办发[2025]3号", "关于做好防汛工作的通知", "通知", "", "2025-03-05", 40, "各乡镇党委"],
    [2, "县委办发（2025）第12号", "关于春耕生产的意见", "意见", "非密", datetime(2025, 4, 1), 30, "各部门"],
    [3, "县委办函〔2025〕5号", "关于商请支持的函", "函", "", "2025年5月6日", 2, "市委办公室"],
]


def book(path, sheets: dict[str, list[list]], title: str | None = None, hidden: str = ""):  # type: ignore[no-untyped-def]
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        if title:
            ws.append([title])
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
        for r in rows:
            ws.append(r)
        if hidden:
            ws.column_dimensions[hidden].hidden = True
    wb.save(path)
    return path


@pytest.fixture
def docs(services):  # type: ignore[no-untyped-def]
    if "outgoing" not in services.catalog.keys():
        pytest.skip("the documents area is not in this build")
    return services


def test_outgoing_book_keeps_its_numbers_and_the_counter_continues(docs, actors, tmp_path):
    clerk = actors["clerk"]
    path = book(
        tmp_path / "2025年发文登记簿.xlsx", {"发文": [OUT_HEADER, *OUT_ROWS]}, title="2025年发文登记簿"
    )
    plan = docs.importer.plan(clerk, "outgoing", path)
    how = {c.header: (c.field, c.how) for c in plan.columns}
    assert how["发文字号"] == ("number", "表头名称") and how["印数"][0] == "print_copies"
    assert how["主送单位"][0] == "main_to" and how["序号"][0] is None  # 序号 is only a row count
    assert plan.errors == () and (plan.kept_numbers, plan.new_numbers, plan.history) == (3, 0, 3)
    assert any("缺少：机关代字" not in w.message and "拟稿人" in w.message for w in plan.warnings)
    result = docs.importer.run(clerk, "outgoing", path)
    assert result.imported == 3
    recs = {r["number"]: r for r in docs.registers.page(clerk, "outgoing").records}
    assert set(recs) == {"县委办发〔2025〕3号", "县委办发〔2025〕12号", "县委办函〔2025〕5号"}
    first = recs["县委办发〔2025〕3号"]
    assert (first["prefix"], first["state"], first["issued_on"]) == ("县委办发", "issued", date(2025, 3, 5))
    assert first["imported_by"] == "clerk" and "第3行" in first["import_source"]
    assert "拟稿人" in first["import_missing"] and "公开属性" in first["import_missing"]
    assert json.loads(first["extra_columns"]) == {"序号": "1"}
    # the next live document of the series follows the highest kept number
    live = docs.registers.create(
        clerk,
        "outgoing",
        {
            "prefix": "县委办发",
            "doc_type": "通知",
            "title": "新文件",
            "public_attr": "主动公开",
            "drafter": "张三",
            "drafted_on": "2025-06-01",
            "signer": "李四",
            "signed_on": "2025-06-02",
        },
    )
    assert live["number"] == "县委办发〔2025〕13号"
    # importing the same book again: each row is an error naming the record that has the number
    with pytest.raises(ImportRefused) as refused:
        docs.importer.run(clerk, "outgoing", path)
    messages = [e.message for e in refused.value.plan.errors]
    assert (
        len(messages) == 3
        and "县委办发〔2025〕3号”已被数据库中的发文（关于做好防汛工作的通知）使用" in messages[0]
    )


def test_duplicate_number_inside_the_book_names_both_rows(docs, actors, tmp_path):
    rows = [OUT_HEADER, OUT_ROWS[0], [4, "县委办发〔2025〕3号", "另一份", "通知", "", "2025-03-09", 1, "x"]]
    plan = docs.importer.plan(actors["clerk"], "outgoing", book(tmp_path / "d.xlsx", {"s": rows}))
    assert [(e.row, e.message) for e in plan.errors] == [(3, "发文字号“县委办发〔2025〕3号”与第 2 行重复")]


def test_renumbering_is_an_explicit_choice(docs, actors, tmp_path):
    path = book(
        tmp_path / "r.xlsx",
        {"s": [["序号", "签发日期", "标题", "机关代字"], [7, "2025-03-05", "甲", "县委办发"]]},
    )
    kept = docs.importer.plan(actors["clerk"], "outgoing", path)
    assert kept.kept_numbers == 1  # a bare 序号 is the sequence number within the 签发 year
    plan = docs.importer.plan(actors["clerk"], "outgoing", path, renumber=True)
    assert (plan.kept_numbers, plan.new_numbers) == (0, 1)
    assert docs.importer.run(actors["clerk"], "outgoing", path, renumber=True).imported == 1
    rec = docs.registers.page(actors["clerk"], "outgoing").records[0]
    assert rec["number"] == "县委办发〔2025〕1号"


INC_HEADER = [
    "收文编号",
    "收文日期",
    "来文单位",
    "文件代号",
    "标题",
    "密级",
    "份数",
    "承办单位",
    "办理情况",
    "领导批示摘要",
]


def incoming_rows() -> list[list]:
    return [
        [
            "2024-101",
            "2024-12-30",
            "市委办公室",
            "市委办发〔2024〕88号",
            "关于年终考核的通知",
            "",
            1,
            "县委组织部",
            "已办结",
            "同意",
        ],
        [
            "2025-001",
            "2025-01-03",
            "市委",
            "市委发〔2025〕1号",
            "关于全会精神的通知",
            "秘密",
            2,
            "办公室",
            "在办",
            "",
        ],
        [
            "2025-002",
            "2025-01-04",
            "市政府",
            "市政发〔2025〕2号",
            "关于春运的通知",
            "",
            1,
            "交通局",
            "已按要求落实，报县政府",
            "",
        ],
    ]


def test_incoming_book_state_flags_and_kept_columns(docs, actors, tmp_path):
    clerk = actors["clerk"]
    path = book(tmp_path / "收文.xlsx", {"收文": [INC_HEADER, *incoming_rows()]}, hidden="H")
    plan = docs.importer.plan(clerk, "incoming", path)
    cols = {c.header: c for c in plan.columns}
    assert cols["文件代号"].field == "sender_number" and cols["文件代号"].how.startswith("按内容识别：文号")
    assert cols["承办单位"].field == "lead_unit" and "隐藏列" in cols["承办单位"].note
    assert cols["领导批示摘要"].kept and cols["领导批示摘要"].how == "未对应字段，保留为原表其他列"
    assert plan.errors == () and plan.flagged == 1
    assert any("份号待补" in w.message and w.row == 3 for w in plan.warnings)
    assert docs.importer.run(clerk, "incoming", path).imported == 3
    recs = {r["number"]: r for r in docs.registers.page(clerk, "incoming").records}
    assert [recs[n]["state"] for n in ("2024-101", "2025-001", "2025-002")] == ["done", "handling", "done"]
    assert recs["2025-002"]["result"] == "已按要求落实，报县政府"
    assert json.loads(recs["2024-101"]["extra_columns"]) == {"领导批示摘要": "同意"}
    pending = docs.registers.page(clerk, "incoming", filters={"copy_no_pending": True})
    assert [r["number"] for r in pending.records] == ["2025-001"]
    items = [i for i in docs.dashboard(clerk) if "份号待补" in i.title]
    assert [i.title for i in items] == ["1 条涉密收文份号待补"]
    # filling in the 份号 takes it off the list
    rid = recs["2025-001"].id
    docs.registers.update(
        clerk, "incoming", rid, {**_form(recs["2025-001"], docs), "copy_numbers": "000001-000002"}
    )
    assert docs.registers.page(clerk, "incoming", filters={"copy_no_pending": True}).total == 0
    # the next live 收文 of 2025 follows the highest kept number
    live = docs.registers.create(
        clerk, "incoming", {"received_at": "2025-02-01", "sender": "甲", "title": "乙"}
    )
    assert live["number"] == "2025-0003"


def _form(rec, services) -> dict:  # type: ignore[no-untyped-def]
    from app.kit.registers.values import display

    reg = services.catalog.get("incoming")
    return {f.name: display(f, rec[f.name]) for f in reg.form_fields}


def test_live_registration_still_requires_copy_numbers(docs, actors):
    from app.domain.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as e:
        docs.registers.create(
            actors["clerk"],
            "incoming",
            {"received_at": "2025-02-01", "sender": "甲", "title": "乙", "secret_level": "秘密"},
        )
    assert "copy_numbers" in e.value.errors


def test_plain_telegram_book_number_column_is_recognised(docs, actors, tmp_path):
    header = ["登记号", "收电时间", "电报编号", "来电单位", "标题", "等级", "份数"]
    rows = [
        [
            "明收〔2025〕7号",
            "2025-03-05 09:30",
            "国办明电〔2025〕8号",
            "国务院办公厅",
            "关于防汛的明电",
            "特急",
            1,
        ],
        ["明收〔2025〕8号", "2025-03-06", "", "省政府办公厅", "关于春耕的明电", "平急", 1],
    ]
    path = book(tmp_path / "明电.xlsx", {"明传": [header, *rows]})
    plan = docs.importer.plan(actors["jiyao"], "plain_in", path)
    assert {c.header: c.field for c in plan.columns}["电报编号"] == "dept_no"
    assert plan.errors == () and plan.kept_numbers == 2
    assert docs.importer.run(actors["jiyao"], "plain_in", path).imported == 2
    recs = {r["number"]: r for r in docs.registers.page(actors["jiyao"], "plain_in").records}
    assert recs["明收〔2025〕7号"]["dept_no"] == "国办明电〔2025〕8号"
    assert recs["明收〔2025〕8号"]["import_missing"] == "部门号"


def test_month_sheets_totals_blank_rows_and_repeated_headers(sample_services, actors, tmp_path):
    header = ["收到日期", "来信单位", "标题"]
    months = {
        f"{m}月": [
            header,
            [f"2025-{m}-01", "市委办", f"{m}月甲"],
            [None] * 3,
            header,
            [f"2025-{m}-02", "县政府", f"{m}月乙"],
            ["合计", "2件", None],
        ]
        for m in (1, 2, 3)
    }
    months["说明"] = [["本簿由办公室整理"]]
    path = book(tmp_path / "月.xlsx", months)
    plan = sample_services.importer.plan(actors["clerk"], "sample", path, renumber=True)
    assert (plan.total_rows, plan.valid_rows, plan.errors) == (6, 6, ())
    assert [s.name for s in plan.sheets] == ["1月", "2月", "3月"]
    assert sum("合计" in w.message for w in plan.warnings) == 3
    chosen = sample_services.importer.plan(actors["clerk"], "sample", path, sheets=["2月"], renumber=True)
    assert (chosen.sheet, chosen.total_rows) == ("2月", 2)


def test_xls_ods_and_gbk_csv_books(sample_services, actors, tmp_path):
    import xlwt
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    rows = [
        ["收到日期", "来信单位", "标题"],
        ["2025-03-05", "市委办", "关于防汛的通知"],
        ["2025-03-06", "县政府", "春耕"],
    ]
    wb = xlwt.Workbook()
    ws = wb.add_sheet("收文")
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            ws.write(r, c, v)
    wb.save(str(tmp_path / "a.xls"))
    doc = OpenDocumentSpreadsheet()
    table = Table(name="收文")
    for row in rows:
        tr = TableRow()
        for v in row:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=v))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(tmp_path / "a.ods"))
    (tmp_path / "a.csv").write_bytes("\n".join(",".join(r) for r in rows).encode("gbk"))
    (tmp_path / "b.csv").write_bytes("\ufeff".encode() + "\n".join(",".join(r) for r in rows).encode())
    for name in ("a.xls", "a.ods", "a.csv", "b.csv"):
        plan = sample_services.importer.plan(actors["clerk"], "sample", tmp_path / name)
        assert (name, plan.valid_rows, plan.errors) == (name, 2, ()), plan.errors
        assert plan.preview[0] == ("2025-03-05", "市委办", "关于防汛的通知")


def test_formula_without_value_and_too_big_sequence_are_explained(docs, actors, tmp_path):
    path = tmp_path / "f.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["收文日期", "来文单位", "来文字号", "标题"])
    ws.append(["2025-03-05", "市委办", "市委发〔2025〕100000号", "甲"])
    ws.append(["2025-03-06", "县政府", "", '=CONCAT("乙","丙")'])
    wb.save(path)  # openpyxl stores the formula without a computed value
    plan = docs.importer.plan(actors["clerk"], "incoming", path, renumber=True)
    assert [(e.row, e.column) for e in plan.errors] == [(2, "来文字号"), (3, "标题")]
    assert "1至99999" in plan.errors[0].message
    assert "公式" in plan.errors[1].message and "请填写" not in plan.errors[1].message


def test_skip_invalid_writes_the_refused_rows_to_fix_and_import_again(sample_services, actors, tmp_path):
    rows = [
        ["收到日期", "来信单位", "标题", "页数"],
        ["2025-03-05", "市委办", "甲", 1],
        ["2025-03-06", "县政府", "乙", "三"],
    ]
    path = book(tmp_path / "s.xlsx", {"s": rows})
    result = sample_services.importer.run(actors["clerk"], "sample", path, skip_invalid=True)
    assert (result.imported, result.skipped) == (1, 1)
    fixed = openpyxl.load_workbook(result.rejects_file)
    ws = fixed.active
    assert [c.value for c in ws[1]] == ["收到日期", "来信单位", "标题", "页数", "未导入原因"]
    ws["D2"] = 3  # the clerk corrects the row and imports the same file again
    fixed.save(result.rejects_file)
    again = sample_services.importer.run(actors["clerk"], "sample", result.rejects_file)
    assert (again.imported, again.errors) == (1, ())


def test_control_characters_are_refused_and_exports_never_fail(sample_services, actors, tmp_path):
    from app.domain.errors import ValidationFailed

    clerk = actors["clerk"]
    with pytest.raises(ValidationFailed) as e:
        sample_services.registers.create(
            clerk, "sample", {"received_on": "2025-03-05", "sender": "甲\x1b[31m", "title": "乙"}
        )
    assert "转义符" in e.value.errors["sender"]
    path = tmp_path / "c.csv"
    path.write_text("收到日期,来信单位,标题\n2025-03-05,市委办,响\x07铃\n", encoding="utf-8")
    plan = sample_services.importer.plan(clerk, "sample", path)
    assert [(e.row, e.column) for e in plan.errors] == [(2, "标题")] and "响铃符" in plan.errors[0].message


def test_csv_exports_neutralise_formulas_and_import_gives_them_back(sample_services, actors, tmp_path):
    clerk = actors["clerk"]
    for title in ('=HYPERLINK("x")', "\t=1+1", "+86 电话", "@SUM(A1)"):
        sample_services.registers.create(
            clerk, "sample", {"received_on": "2025-03-05", "sender": "甲", "title": title}
        )
    out = tmp_path / "e.csv"
    sample_services.importer.export(clerk, "sample", out, sort=("id", False))
    text = out.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'\t=1+1" in text and "'+86" in text and "'@SUM" in text
    assert sample_services.registers.page(clerk, "sample", sort=("id", False)).records[1]["title"] == "\t=1+1"
    from app.importing.analyse import Options, analyse_file

    analysis = analyse_file(sample_services.catalog.get("sample"), out, options=Options(renumber=True))
    assert [r.values["title"] for r in analysis.rows] == ['=HYPERLINK("x")', "\t=1+1", "+86 电话", "@SUM(A1)"]
    from app.domain.errors import AppError

    with pytest.raises(AppError):
        sample_services.auth.login('=HYPERLINK("http://x","点我")', "wrong")
    audit_csv = tmp_path / "audit.csv"
    sample_services.audit.export_csv(actors["auditor"], audit_csv)
    import csv

    with audit_csv.open(encoding="utf-8-sig", newline="") as fh:
        cells = [c for row in csv.reader(fh) for c in row]
    assert '\'=HYPERLINK("http://x","点我")' in cells
    assert not any(c.lstrip("\t\r\n ").startswith(("=", "+", "-", "@")) for c in cells)


def test_xlsx_export_never_fails_on_stored_control_characters(sample_services, actors, tmp_path):
    from sqlalchemy import update

    from tests.support.sample import SampleLetter

    clerk = actors["clerk"]
    rec = sample_services.registers.create(
        clerk, "sample", {"received_on": "2025-03-05", "sender": "甲", "title": "乙"}
    )
    with sample_services.db.write() as s:  # text stored before validation refused it (older data)
        s.execute(update(SampleLetter).where(SampleLetter.id == rec.id).values(title="响\x07铃\x1b"))
    out = tmp_path / "e.xlsx"
    assert sample_services.importer.export(clerk, "sample", out) == 1
    assert "响铃" in [c.value for c in openpyxl.load_workbook(out).active[2]]


def test_round_trip_gives_back_state_dates_archive_void_and_kept_columns(docs, actors, tmp_path, template_db):
    from app.bootstrap import open_services

    clerk = actors["clerk"]
    path = book(
        tmp_path / "收文.xlsx",
        {
            "收文": [
                INC_HEADER + ["办结日期", "档号"],
                *[r + ["2025-01-20", "J012-2025-Y-0001"] for r in incoming_rows()],
            ]
        },
    )
    docs.importer.run(clerk, "incoming", path)
    rid = docs.registers.page(clerk, "incoming", sort=("number", False)).records[0].id
    docs.registers.void(clerk, "incoming", rid, "重复登记")
    fields = [f.name for f in docs.catalog.get("incoming").all_fields] + [
        "voided",
        "void_reason",
        "extra_columns",
    ]
    before = [
        {n: r.values.get(n) for n in fields}
        for r in docs.registers.page(clerk, "incoming", sort=("number", False)).records
    ]
    for suffix in (".xlsx", ".csv"):
        out = tmp_path / f"导出{suffix}"
        docs.importer.export(clerk, "incoming", out, sort=("number", False))
        fresh_path = tmp_path / f"fresh{suffix}.sqlite"
        fresh_path.write_bytes(template_db.read_bytes())
        fresh = open_services(str(fresh_path))
        try:
            assert fresh.importer.run(clerk, "incoming", out).imported == 3
            after = [
                {n: r.values.get(n) for n in fields}
                for r in fresh.registers.page(clerk, "incoming", sort=("number", False)).records
            ]
        finally:
            fresh.close()
        assert after == before, suffix
    assert before[0]["voided"] and before[0]["void_reason"] == "重复登记" and before[0]["archive_no"]


def test_imported_cipher_telegrams_put_no_paper_copies_out(docs, actors, tmp_path):
    header = ["登记号", "收电时间", "部门号", "来电单位", "标题", "等级", "密级", "份数", "总号"]
    rows = [
        [
            "密收〔2024〕3号",
            "2024-05-06 10:00",
            "中办密电〔2024〕5号",
            "省委办公厅",
            "密电",
            "加急",
            "机密",
            2,
            "0012",
        ]
    ]
    path = book(tmp_path / "密电.xlsx", {"密电": [header, *rows]})
    jiyao = actors["jiyao"]
    assert docs.importer.run(jiyao, "cipher_in", path).imported == 1
    rec = docs.registers.page(jiyao, "cipher_in").records[0]
    assert (rec["number"], rec["total_no"], rec["copies_count"]) == ("密收〔2024〕3号", "0012", 2)
    assert docs.copies.overdue(jiyao, "cipher_in") == []


def test_a_book_too_big_to_hold_is_read_again_inside_the_transaction(docs, actors, tmp_path, monkeypatch):
    import app.importing.analyse as analyse

    monkeypatch.setattr(analyse, "KEEP_ROWS", 2)  # as a 150,000-row file would: rows are not kept
    rows = [["收文编号", "收文日期", "来文单位", "标题"]]
    rows += [
        [f"2025-{i:03d}" if i % 2 else "", f"2025-03-{i:02d}", "市委办", f"文件{i}"] for i in range(1, 8)
    ]
    rows.append(["2025-001", "2025-03-09", "县政府", "重号"])  # a clash: refused, the rest imported
    path = tmp_path / "big.csv"
    path.write_text("\n".join(",".join(r) for r in rows), encoding="gbk")
    result = docs.importer.run(actors["clerk"], "incoming", path, skip_invalid=True)
    assert (result.imported, result.skipped) == (7, 1)
    numbers = {r["number"] for r in docs.registers.page(actors["clerk"], "incoming").records}
    # odd rows keep 2025-001 … 2025-007; even rows get the numbers after the highest kept one
    assert numbers == {"2025-001", "2025-003", "2025-005", "2025-007", "2025-0008", "2025-0009", "2025-0010"}

"""Import of .xlsx/.csv files into the test-only 样例登记 register: header detection, synonyms, dates,
all-or-nothing, skip invalid rows, audit, and the export round trip."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from app.domain.errors import PermissionDenied, ValidationFailed
from app.kit.import_service import ImportRefused

TITLE = "2025年样例登记簿"


def xlsx(path: Path, rows: list[list], merge: str | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    wb.save(path)
    return path


def office_sheet(path: Path, data: list[list]) -> Path:
    """How an office keeps the register: merged title row, header with synonyms and line breaks."""
    header = ["序号", "收文\n日期", "来文单位（必填）", "文件标题", "页　数", "紧急程度"]
    return xlsx(path, [[TITLE], header, *data], merge="A1:F1")


def titles(services, actor) -> list[str]:
    return [r["title"] for r in services.registers.page(actor, "sample", sort=("id", False)).records]


def test_plan_finds_header_below_merged_title_and_maps_synonyms(sample_services, actors, tmp_path):
    path = office_sheet(
        tmp_path / "收文.xlsx", [[1, datetime(2025, 3, 5), "市委办公室", "关于防汛的通知", 3, "特急"]]
    )
    plan = sample_services.importer.plan(actors["clerk"], "sample", path)
    assert plan.header_row == 2
    assert [(c.letter, c.header, c.field) for c in plan.columns] == [
        ("A", "序号", "number"),
        ("B", "收文日期", "received_on"),
        ("C", "来文单位（必填）", "sender"),
        ("D", "文件标题", "title"),
        ("E", "页　数", "pages"),
        ("F", "紧急程度", "urgency"),
    ]
    assert "保留" in plan.columns[0].note and plan.columns[0].how == "表头近义词"
    assert (plan.total_rows, plan.valid_rows, plan.errors) == (1, 1, ())
    assert plan.preview == (("1", "2025-03-05", "市委办公室", "关于防汛的通知", "3", "特急"),)
    assert titles(sample_services, actors["clerk"]) == []  # a dry run writes nothing


def test_import_assigns_new_numbers_and_parses_every_date_form(sample_services, actors, tmp_path):
    data = [
        ["x", datetime(2025, 3, 5), "市委办", "甲", 3, "特急"],
        ["x", 45723, "市政府办", "乙", None, None],  # Excel serial number of 2025-03-07
        ["x", "2025-3-8", "县纪委", "丙", "2", "加急"],
        [None] * 6,  # empty rows are ignored
        ["x", "2025.03.09", "县委组织部", "丁", "", "平件"],
        ["x", "2025年3月10日", "县委宣传部", "戊", "１２", ""],
    ]
    path = office_sheet(tmp_path / "a.xlsx", data)
    result = sample_services.importer.run(actors["clerk"], "sample", path, renumber=True)
    assert (result.imported, result.skipped, result.errors) == (5, 0, ())
    page = sample_services.registers.page(actors["clerk"], "sample", sort=("id", False))
    assert [r["received_on"] for r in page.records] == [date(2025, 3, d) for d in (5, 7, 8, 9, 10)]
    assert [r["number"] for r in page.records] == [f"样〔2025〕{i}号" for i in range(1, 6)]
    assert [r["pages"] for r in page.records] == [3, None, 2, None, 12]
    assert [r["urgency"] for r in page.records] == ["extra_urgent", "normal", "urgent", "normal", "normal"]
    assert sample_services.registers.page(actors["clerk"], "sample", search="组织部").total == 1
    total, entries = sample_services.audit.search(actors["auditor"], action="import")
    assert total == 1 and "a.xlsx" in entries[0].detail and '"rows": 5' in entries[0].detail


def test_one_bad_row_means_nothing_is_written_and_every_error_is_reported(sample_services, actors, tmp_path):
    data = [
        ["", "2025-03-05", "市委办", "甲", 3, ""],
        ["", "2025-02-30", "", "乙", "三", "很急"],
        ["", "2025-03-07", "县政府", "丙", "", ""],
    ]
    path = office_sheet(tmp_path / "bad.xlsx", data)
    with pytest.raises(ImportRefused) as refused:
        sample_services.importer.run(actors["clerk"], "sample", path)
    plan = refused.value.plan
    assert (plan.total_rows, plan.valid_rows) == (3, 2)
    assert [(e.row, e.column) for e in plan.errors] == [
        (4, "收文日期"),
        (4, "来文单位（必填）"),
        (4, "页　数"),
        (4, "紧急程度"),
    ]
    assert "不存在" in plan.errors[0].message and plan.errors[1].message == "请填写来信单位"
    assert isinstance(refused.value, ValidationFailed) and "row:4:页　数" in refused.value.errors
    assert titles(sample_services, actors["clerk"]) == []
    total, entries = sample_services.audit.search(actors["auditor"], action="import")
    assert total == 1 and entries[0].result == "refused" and '"rows": 0' in entries[0].detail


def test_skip_invalid_imports_only_valid_rows_and_lists_the_skipped(sample_services, actors, tmp_path):
    data = [
        ["", "2025-03-05", "市委办", "甲", 3, ""],
        ["", "不详", "县政府", "乙", "", ""],
        ["", "2025-03-07", "县政府", "丙", "", ""],
    ]
    path = office_sheet(tmp_path / "mixed.xlsx", data)
    result = sample_services.importer.run(actors["clerk"], "sample", path, skip_invalid=True)
    assert (result.imported, result.skipped) == (2, 1)
    assert [(e.row, e.column) for e in result.errors] == [(4, "收文日期")]
    assert titles(sample_services, actors["clerk"]) == ["甲", "丙"]
    _, entries = sample_services.audit.search(actors["auditor"], action="import")
    assert '"skipped": 1' in entries[0].detail


def test_missing_required_column_is_reported_once_and_explicit_mapping_fixes_it(
    sample_services, actors, tmp_path
):
    path = xlsx(
        tmp_path / "m.xlsx",
        [["收到日期", "报送单位", "标题"], ["2025-03-05", "市委办", "甲"], ["2025-03-06", "县政府", "乙"]],
    )
    plan = sample_services.importer.plan(actors["clerk"], "sample", path)
    assert [(e.row, e.column) for e in plan.errors] == [(1, "来信单位")]
    assert plan.valid_rows == 0 and plan.columns[1].field is None
    plan = sample_services.importer.plan(actors["clerk"], "sample", path, mapping={1: "sender"})
    assert plan.errors == () and plan.columns[1].field == "sender"
    result = sample_services.importer.run(actors["clerk"], "sample", path, headers={"报送单位": "来信单位"})
    assert result.imported == 2
    with pytest.raises(ValidationFailed):
        sample_services.importer.plan(actors["clerk"], "sample", path, mapping={1: "no_such_field"})
    with pytest.raises(ValidationFailed):  # two columns for one field
        sample_services.importer.plan(actors["clerk"], "sample", path, mapping={1: "title", 2: "title"})


def test_merged_cells_down_rows_repeat_their_value(sample_services, actors, tmp_path):
    rows = [
        ["收到日期", "来信单位", "标题"],
        ["2025-03-05", "市委办", "甲"],
        [None, "县政府", "乙"],
        [None, None, "丙"],
    ]
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    ws.merge_cells("A2:A4")
    ws.merge_cells("B3:B4")
    wb.save(tmp_path / "merged.xlsx")
    sample_services.importer.run(actors["clerk"], "sample", tmp_path / "merged.xlsx")
    page = sample_services.registers.page(actors["clerk"], "sample", sort=("id", False))
    assert [(r["received_on"], r["sender"]) for r in page.records] == [
        (date(2025, 3, 5), "市委办"),
        (date(2025, 3, 5), "县政府"),
        (date(2025, 3, 5), "县政府"),
    ]


def test_huge_cell_is_a_row_error_not_a_crash(sample_services, actors, tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text(
        "收到日期,来信单位,标题\n2025-03-05,市委办,甲\n2025-03-06,县政府," + "长" * 200_000 + "\n",
        encoding="utf-8",
    )
    plan = sample_services.importer.plan(actors["clerk"], "sample", path)
    assert [(e.row, e.column) for e in plan.errors] == [(3, "标题")]
    assert "过长" in plan.errors[0].message and plan.valid_rows == 1


def test_permissions_and_clearance_are_checked(sample_services, actors, tmp_path):
    path = xlsx(
        tmp_path / "s.xlsx",
        [
            ["收到日期", "来信单位", "标题", "密级"],
            ["2025-03-05", "市委办", "甲", "机密"],
            ["2025-03-06", "县政府", "乙", ""],
        ],
    )
    with pytest.raises(PermissionDenied):
        sample_services.importer.plan(actors["petition"], "sample", path)
    plan = sample_services.importer.plan(actors["clerk"], "sample", path)  # clerk is cleared to 秘密
    assert [(e.row, e.column) for e in plan.errors] == [(2, "密级")] and "涉密等级不足" in plan.errors[
        0
    ].message
    result = sample_services.importer.run(actors["jiyao"], "sample", path)
    assert result.imported == 2
    levels = [r["secret_level"] for r in sample_services.registers.page(actors["jiyao"], "sample").records]
    assert sorted(levels) == ["confidential", "none"]  # an empty 密级 cell means 非密


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_into_an_empty_database_gives_the_same_records(
    sample_services, actors, tmp_path, suffix, template_db
):
    svc, clerk = sample_services.registers, actors["clerk"]
    svc.create(
        clerk,
        "sample",
        {
            "received_on": "2025-03-05",
            "sender": "市委办",
            "title": "=甲,“引号”",
            "pages": "3",
            "urgency": "特急",
            "note": "第一行\n第二行",
            "secret_level": "秘密",
            "secret_period": "10年",
            "due_on": "2025-04-01",
        },
    )
    svc.create(clerk, "sample", {"received_on": "2025-03-06", "sender": "县政府", "title": "乙"})
    svc.create(clerk, "sample", {"received_on": "2024-12-31", "sender": "县纪委", "title": "丙"})
    out = tmp_path / f"out{suffix}"
    count = sample_services.importer.export(
        clerk, "sample", out, filters={"year": 2025}, sort=("number", False)
    )
    assert count == 2
    _, entries = sample_services.audit.search(actors["auditor"], action="export")
    assert '"rows": 2' in entries[0].detail

    from app.services.container import Services
    from db.engine import Database
    from tests.support.sample import SAMPLE_AREA, install_sample_table

    fresh_path = tmp_path / "fresh.sqlite"
    fresh_path.write_bytes(template_db.read_bytes())
    db = Database.open(str(fresh_path))
    install_sample_table(db)
    fresh = Services(db, [SAMPLE_AREA])
    try:
        assert fresh.importer.run(clerk, "sample", out).imported == 2
        keys = [f.name for f in fresh.catalog.get("sample").all_fields]
        before = [{k: r[k] for k in keys} for r in svc.page(clerk, "sample", filters={"year": 2025}).records]
        after = [{k: r[k] for k in keys} for r in fresh.registers.page(clerk, "sample").records]
        assert after == before
    finally:
        fresh.close()


def test_export_xlsx_has_bold_frozen_header_and_real_dates(sample_services, actors, tmp_path):
    sample_services.registers.create(
        actors["clerk"], "sample", {"received_on": "2025-03-05", "sender": "市委办", "title": "甲"}
    )
    out = tmp_path / "out.xlsx"
    sample_services.importer.export(actors["clerk"], "sample", out)
    ws = openpyxl.load_workbook(out).active
    assert ws.freeze_panes == "A2" and ws["A1"].value == "编号" and ws["A1"].font.b
    dates = [c for c in ws[2] if c.value == datetime(2025, 3, 5)]
    assert dates and dates[0].is_date
    assert ws.column_dimensions["A"].width >= 8
    csv_out = tmp_path / "out.csv"
    sample_services.importer.export(actors["clerk"], "sample", csv_out)
    assert csv_out.read_bytes().startswith(b"\xef\xbb\xbf")


def _services_with(db_path, **changes):  # type: ignore[no-untyped-def]
    """Services over the sample register with some declaration changed (db checks, not exportable)."""
    from dataclasses import replace

    from app.services.container import Services
    from db.engine import Database
    from tests.support.sample import SAMPLE, SAMPLE_AREA

    return Services(
        Database.open(str(db_path)), [replace(SAMPLE_AREA, registers=(replace(SAMPLE, **changes),))]
    )


def _unique_title(s, values, obj):  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from tests.support.sample import SampleLetter

    taken = s.scalar(select(func.count()).where(SampleLetter.title == values.get("title")))
    return {"title": "已有同名来信"} if taken else {}


def test_database_checks_run_in_the_dry_run_and_inside_the_transaction(
    sample_services, actors, db_path, tmp_path
):
    sample_services.registers.create(
        actors["clerk"], "sample", {"received_on": "2025-03-01", "sender": "市委办", "title": "旧"}
    )
    services = _services_with(db_path, db_validator=_unique_title)
    try:
        path = xlsx(
            tmp_path / "dup.xlsx",
            [
                ["收到日期", "来信单位", "文件标题"],
                ["2025-03-05", "市委办", "旧"],
                ["2025-03-06", "县政府", "新"],
                ["2025-03-07", "县政府", "新"],
            ],
        )
        plan = services.importer.plan(actors["clerk"], "sample", path)
        assert [(e.row, e.column, e.message) for e in plan.errors] == [(2, "文件标题", "已有同名来信")]
        # rows 3 and 4 only collide with each other: found inside the import transaction, all rolled back
        with pytest.raises(ImportRefused) as refused:
            services.importer.run(actors["clerk"], "sample", path, skip_invalid=True)
        assert [(e.row, e.column) for e in refused.value.plan.errors] == [(2, "文件标题"), (4, "文件标题")]
        assert titles(services, actors["clerk"]) == ["旧"]
    finally:
        services.close()


def test_a_register_that_may_not_leave_the_program_refuses_export(sample_services, actors, db_path, tmp_path):
    services = _services_with(db_path, exportable=False)
    try:
        with pytest.raises(PermissionDenied):
            services.importer.export(actors["clerk"], "sample", tmp_path / "x.xlsx")
        assert not (tmp_path / "x.xlsx").exists()
    finally:
        services.close()

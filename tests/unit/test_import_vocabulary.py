"""An old 会议台账 brings its own meeting types (常委会议, 茶话会): the dry run lists them with what adding
them means for the year's figures, the import adds them to the type table in its own transaction and
audits the change; types of rows that are not imported, or of an import that fails, are not added."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.areas.meetings.checks import DEFAULT_TYPES, describe_new_types, meeting_types
from app.importing.errors import ImportRefused

HEADER = ["会议名称", "会议类型", "开始时间", "会场", "参会人数"]


def _book(path: Path, rows: list[list]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2025年会议台账"])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _types(services) -> tuple[list[str], set[str]]:  # type: ignore[no-untyped-def]
    with services.db.read() as s:
        return meeting_types(s)


def test_the_dry_run_lists_new_types_and_the_import_adds_them(services, actors, tmp_path):  # type: ignore[no-untyped-def]
    clerk = actors["huiwu"]
    path = _book(
        tmp_path / "台账.xlsx",
        [
            ["县委常委会第1次会议", "常委会议", "2025-01-08 09:00", "", 13],
            ["迎春茶话会", "茶话会", "2025-01-28 15:00", "", 80],
            ["全县三级干部大会", "三级干部大会", "2025-02-20 09:00", "", 600],
            ["常委会第2次会议", "常委会议", "2025-02-08 09:00", "", 13],
        ],
    )
    plan = services.importer.plan(clerk, "meetings", path)
    assert plan.importable
    assert [(n.label, n.terms) for n in plan.new_terms] == [
        ("会议类型", ("常委会议", "茶话会", "三级干部大会"))
    ]
    assert plan.warnings[0].message == (
        "将新增会议类型：三级干部大会（计入大型会议）；常委会议、茶话会（不计入大型会议）；可在系统设置中修改"
    )
    assert _types(services)[0] == list(DEFAULT_TYPES)  # the dry run wrote nothing
    result = services.importer.run(clerk, "meetings", path)
    assert result.imported == 4 and result.added_terms == plan.new_terms
    kinds, large = _types(services)
    assert kinds == [*DEFAULT_TYPES, "常委会议", "茶话会", "三级干部大会"]
    assert "三级干部大会" in large and "茶话会" not in large
    from sqlalchemy import select

    from db.models.core import AuditEntry

    with services.db.read() as s:
        changes = s.scalars(select(AuditEntry).where(AuditEntry.action == "setting_change")).all()
    assert {(c.object_id, c.user_login) for c in changes} == {
        ("meetings.types", "huiwu"),
        ("meetings.large_types", "huiwu"),
    }
    # a live registration may now use the type the book brought
    services.registers.create(
        clerk, "meetings", {"name": "新春茶话会", "kind": "茶话会", "starts_at": "2026-01-20"}
    )


def test_types_of_rows_left_out_are_not_added(services, actors, tmp_path):  # type: ignore[no-untyped-def]
    clerk = actors["huiwu"]
    path = _book(
        tmp_path / "台账.xlsx",
        [
            ["迎春茶话会", "茶话会", "2025-01-28 15:00", "", 80],
            ["读书交流会", "读书会", "2025.13.45", "", 20],  # an impossible date: this row is refused
        ],
    )
    plan = services.importer.plan(clerk, "meetings", path)
    assert [n.terms for n in plan.new_terms] == [("茶话会",)]
    result = services.importer.run(clerk, "meetings", path, skip_invalid=True, rejects=tmp_path / "r.xlsx")
    assert result.imported == 1
    assert "读书会" not in _types(services)[0] and "茶话会" in _types(services)[0]


def test_an_import_that_fails_adds_no_type(services, actors, tmp_path):  # type: ignore[no-untyped-def]
    clerk = actors["huiwu"]
    services.registers.create(clerk, "meeting_rooms", {"name": "常委会议室", "rows": 2, "seats_per_row": 10})
    # each row alone is fine, but the two book the same room at the same time: the second fails while
    # writing, inside the transaction that also adds the type
    path = _book(
        tmp_path / "台账.xlsx",
        [
            ["迎春茶话会", "茶话会", "2025-01-28 15:00", "常委会议室", 20],
            ["离退休干部茶话会", "茶话会", "2025-01-28 15:30", "常委会议室", 20],
        ],
    )
    with pytest.raises(ImportRefused) as refused:
        services.importer.run(clerk, "meetings", path)
    assert any("已被“迎春茶话会”" in e.message for e in refused.value.plan.errors)
    assert "茶话会" not in _types(services)[0]
    assert services.registers.count(clerk, "meetings")[0] == 0


@pytest.mark.parametrize(
    ("new", "line"),
    [
        (["茶话会"], "将新增会议类型：茶话会（不计入大型会议，可在系统设置中修改）"),
        (
            ["全县干部大会", "四届三次全会"],
            "将新增会议类型：全县干部大会、四届三次全会（计入大型会议，可在系统设置中修改）",
        ),
    ],
)
def test_what_a_new_type_means_for_the_figures_is_said(new, line):  # type: ignore[no-untyped-def]
    assert describe_new_types(new) == line

"""An old 公务接待台账 records receptions as they happened: rows beyond today's approval rules (no
工作餐次数 column but 陪餐人数 and 餐费, two 工作餐, 陪餐 over the limit, spending over the standard) are
imported and marked 不符合现行规则 (shown in the record's details, found by a filter), never refused
and never silently; live registration keeps the rules, and a marked record stays editable."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.domain.errors import ValidationFailed
from app.kit.import_service import imported_lines
from tests.support.legacy_books import write_book

MEALS = "陪餐人数：未安排工作餐，不应有陪餐人数"
COST = "餐费（元）：未安排工作餐，不应有餐费"


def test_a_book_without_meal_counts_comes_in_marked(services, actors, tmp_path):  # type: ignore[no-untyped-def]
    clerk = actors["reception"]
    facts = write_book("receptions", tmp_path / "接待.xlsx", without=("工作餐次数",))
    plan = services.importer.plan(clerk, "receptions", facts.path)
    assert (plan.valid_rows, plan.invalid_rows, plan.marked) == (facts.good, 3, facts.good)
    assert sorted({e.row for e in plan.errors}) == facts.bad_rows  # the real mistakes are still refused
    row3 = [w.message for w in plan.warnings if w.row == 3]
    assert row3 == [f"不符合现行规则（{MEALS}；{COST}），按原表导入并标注"]
    result = services.importer.run(
        clerk, "receptions", facts.path, skip_invalid=True, rejects=tmp_path / "r.xlsx"
    )
    assert (result.imported, result.marked) == (facts.good, facts.good)
    assert services.registers.count(clerk, "receptions", filters={"rule_marked": True})[0] == facts.good
    marked = list(services.registers.iter_records(clerk, "receptions", filters={"rule_marked": True}))
    first = next(r for r in marked if r["number"] == facts.numbers[0])
    assert first["import_rule_notes"].splitlines() == [MEALS, COST]
    assert first["companions"] >= 1 and first["cost_meals"] in (100, 120, 150)  # the book's figures, kept
    assert ("不符合现行规则", f"{MEALS}（按原表导入）") in imported_lines(first)  # the record's details
    # live registration still keeps the rule
    with pytest.raises(ValidationFailed) as e:
        services.registers.create(
            clerk,
            "receptions",
            {
                "arrive_on": "2026-03-02",
                "guest_unit": "市委政研室",
                "guest_level": first["guest_level"],
                "purpose": "调研",
                "persons": 3,
                "companions": 2,
            },
        )
    assert e.value.errors["companions"] == "未安排工作餐，不应有陪餐人数"


def _book(path: Path, rows: list[list]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["编号", "接待日期", "来访单位", "级别", "公务活动", "人数", "工作餐次数", "陪餐人数", "餐费"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_every_broken_rule_is_noted_and_a_marked_record_stays_editable(services, actors, tmp_path):  # type: ignore[no-untyped-def]
    clerk = actors["reception"]
    level = services.catalog.get("receptions").field("guest_level").choices
    assert level is not None
    label = next(iter(level)).label
    path = _book(
        tmp_path / "接待.xlsx",
        [
            ["接〔2024〕7号", "2024-05-06", "市农业农村局", label, "调研", 3, 2, 5, 2000],
            ["接〔2024〕8号", "2024-05-07", "市委政研室", label, "调研", 3, 1, 2, 200],  # within every rule
        ],
    )
    result = services.importer.run(clerk, "receptions", path)
    assert (result.imported, result.marked) == (2, 1)
    records = {r["number"]: r for r in services.registers.iter_records(clerk, "receptions")}
    notes = records["接〔2024〕7号"]["import_rule_notes"].splitlines()
    assert [n.split("：")[0] for n in notes] == ["工作餐次数", "陪餐人数", "餐费（元）"]
    assert "接待对象10人以内的，陪餐不超过3人" in notes[1] and "超出标准" in notes[2]
    assert records["接〔2024〕8号"]["import_rule_notes"] == ""
    # ticking a paper on the marked reception saves; changing 陪餐人数 to another breach does not
    rid = records["接〔2024〕7号"].id
    saved = services.registers.update(clerk, "receptions", rid, {"has_receipts": True})
    assert saved["has_receipts"] is True
    with pytest.raises(ValidationFailed) as e:
        services.registers.update(clerk, "receptions", rid, {"companions": 6})
    assert "陪餐不超过3人" in e.value.errors["companions"]

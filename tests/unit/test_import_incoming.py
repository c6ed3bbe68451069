"""The importer on the real 收文登记 (incoming) register, as an office's own Excel register book looks."""

from __future__ import annotations

from datetime import datetime

import openpyxl
import pytest


@pytest.fixture
def incoming(services):  # type: ignore[no-untyped-def]
    assert "incoming" in services.catalog.keys()  # the documents area is part of every build
    return services


def test_office_register_book_dry_run_and_import(incoming, actors, tmp_path):
    path = tmp_path / "2025年收文登记簿.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2025年收文登记簿"])
    ws.merge_cells("A1:H1")
    ws.append(["收文编号", "收文\n日期", "来文单位", "文号", "文件标题", "密级", "份数", "备注"])
    ws.append(
        [
            "2025-001",
            datetime(2025, 3, 5),
            "市委办公室",
            "市委办发〔2025〕12号",
            "关于做好防汛工作的通知",
            "",
            2,
            "",
        ]
    )
    ws.append(["2025-002", "2025年3月6日", "县人民政府", "", "关于春耕生产的意见", "非密", None, "已阅"])
    wb.save(path)
    plan = incoming.importer.plan(actors["clerk"], "incoming", path)
    fields = {c.header: c.field for c in plan.columns}
    assert fields["收文日期"] == "received_at" and fields["来文单位"] == "sender"
    assert fields["文号"] == "sender_number" and fields["文件标题"] == "title"
    assert plan.errors == (), plan.errors
    result = incoming.importer.run(actors["clerk"], "incoming", path)
    assert result.imported == 2
    page = incoming.registers.page(actors["clerk"], "incoming", search="防汛")
    assert page.total == 1 and page.records[0]["copies"] == 2


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_incoming_export_round_trip(incoming, actors, tmp_path, template_db, suffix):
    from app.bootstrap import open_services

    clerk = actors["clerk"]
    incoming.registers.create(
        clerk,
        "incoming",
        {
            "received_at": "2025-03-05 09:30",
            "sender": "市委办公室",
            "sender_number": "市委办发〔2025〕12号",
            "title": "关于做好防汛工作的通知",
            "copies": "2",
            "secret_level": "秘密",
            "secret_period": "10年",
            "copy_numbers": "001-002",
            "due_on": "2025-03-20",
            "urgency": "特急",
            "note": "请于3月20日前反馈\n第二行",
            "written_on": "2025-03-01",  # 成文日期 goes out and comes back
        },
    )
    incoming.registers.create(
        clerk,
        "incoming",
        {"received_at": "2025-03-06", "sender": "县人民政府", "title": "关于春耕生产的意见"},
    )
    out = tmp_path / f"收文{suffix}"
    assert incoming.importer.export(clerk, "incoming", out, sort=("number", False)) == 2
    fresh_path = tmp_path / "fresh.sqlite"
    fresh_path.write_bytes(template_db.read_bytes())
    fresh = open_services(str(fresh_path))
    try:
        assert fresh.importer.run(clerk, "incoming", out).imported == 2
        names = [f.name for f in fresh.catalog.get("incoming").form_fields] + ["number"]
        before = [{n: r[n] for n in names} for r in incoming.registers.page(clerk, "incoming").records]
        after = [{n: r[n] for n in names} for r in fresh.registers.page(clerk, "incoming").records]
        assert after == before
    finally:
        fresh.close()

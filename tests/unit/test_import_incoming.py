"""The importer on the real 收文登记 (incoming) register, as an office's own Excel register book looks."""

from __future__ import annotations

from datetime import datetime

import openpyxl
import pytest


@pytest.fixture
def incoming(services):  # type: ignore[no-untyped-def]
    if "incoming" not in services.catalog.keys():
        pytest.skip("the documents area (收文登记) is not in this build")
    return services


def test_office_register_book_dry_run_and_import(incoming, actors, tmp_path):
    path = tmp_path / "2025年收文登记簿.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2025年收文登记簿"])
    ws.merge_cells("A1:H1")
    ws.append(["收文编号", "收文\n日期", "来文单位", "文号", "文件标题", "密级", "份数", "备注"])
    ws.append(["2025-001", datetime(2025, 3, 5), "市委办公室", "市委办发〔2025〕12号", "关于做好防汛工作的通知",
               "", 2, ""])
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

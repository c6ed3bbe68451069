"""收文 成文日期 (written_on): kept on the record, checked against 签收时间, imported from an office's
book column 成文日期/成文时间, exported, and printed on the 收文处理单."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from app.domain.errors import ValidationFailed

BASE = {
    "received_at": "2026-03-05 09:30",
    "sender": "中共××市委办公室",
    "title": "关于做好春季森林防火工作的通知",
}


def test_written_on_is_kept_and_shown(services, actors) -> None:
    docs = services.service("documents")
    rec = docs.incoming.receive(actors["clerk"], {**BASE, "written_on": "2026年3月1日"}).record
    got = services.registers.get(actors["clerk"], "incoming", rec.id)
    assert got["written_on"] == date(2026, 3, 1)
    reg = services.catalog.get("incoming")
    assert "written_on" in [f.name for f in reg.form_fields]  # the form offers it next to 标题
    assert reg.field("written_on").label == "成文日期"


def test_a_document_cannot_be_written_after_it_was_received(services, actors) -> None:
    docs = services.service("documents")
    before = services.registers.page(actors["clerk"], "incoming").total
    with pytest.raises(ValidationFailed) as e:
        docs.incoming.receive(actors["clerk"], {**BASE, "written_on": "2026-03-06"})
    assert "成文日期不能晚于签收时间" in e.value.errors["written_on"]
    with pytest.raises(ValidationFailed) as e:
        docs.incoming.receive(actors["clerk"], {**BASE, "written_on": "2026-02-30"})
    assert "written_on" in e.value.errors  # not a date: said next to the field
    assert services.registers.page(actors["clerk"], "incoming").total == before  # nothing saved


def _book(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


@pytest.mark.parametrize("column", ["成文日期", "成文时间"])
def test_import_reads_the_column(services, actors, tmp_path, column) -> None:
    header = ["收文编号", "收文日期", "来文单位", "文件标题", column]
    rows: list[list[object]] = [
        ["2025-001", datetime(2025, 3, 5), "市委办公室", "关于做好防汛工作的通知", "2025年3月1日"],
        ["2025-002", "2025-03-06", "县人民政府", "关于春耕生产的意见", datetime(2025, 3, 2)],
    ]
    path = _book(tmp_path / "收文.xlsx", header, rows)
    plan = services.importer.plan(actors["clerk"], "incoming", path)
    assert {c.header: c.field for c in plan.columns}[column] == "written_on"
    assert plan.errors == (), plan.errors
    assert services.importer.run(actors["clerk"], "incoming", path).imported == 2
    page = services.registers.page(actors["clerk"], "incoming", sort=("number", False))
    assert [r["written_on"] for r in page.records] == [date(2025, 3, 1), date(2025, 3, 2)]


def test_import_names_the_row_with_a_date_after_receipt(services, actors, tmp_path) -> None:
    header = ["收文编号", "收文日期", "来文单位", "文件标题", "成文日期"]
    rows: list[list[object]] = [
        ["2025-001", "2025-03-05", "市委办公室", "关于做好防汛工作的通知", "2025-03-01"],
        ["2025-002", "2025-03-06", "县人民政府", "关于春耕生产的意见", "2025-04-01"],
    ]
    plan = services.importer.plan(actors["clerk"], "incoming", _book(tmp_path / "b.xlsx", header, rows))
    assert [(e.row, "成文日期不能晚于签收时间" in e.message) for e in plan.errors] == [(3, True)]


def test_export_carries_it(services, actors, tmp_path) -> None:
    services.service("documents").incoming.receive(actors["clerk"], {**BASE, "written_on": "2026-03-01"})
    out = tmp_path / "收文.xlsx"
    assert services.importer.export(actors["clerk"], "incoming", out) == 1
    ws = openpyxl.load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    header = next(r for r in rows if r and "成文日期" in r)
    column = header.index("成文日期")
    values = [r[column] for r in rows[rows.index(header) + 1 :] if r and r[column]]
    assert [v.date() if isinstance(v, datetime) else v for v in values] == [date(2026, 3, 1)]


def test_the_routing_slip_prints_it(services, actors, tmp_path) -> None:
    from pypdf import PdfReader

    rec = (
        services.service("documents")
        .incoming.receive(
            actors["clerk"], {**BASE, "written_on": "2026-03-01", "attachments": "森林防火责任书"}
        )
        .record
    )
    pdf = services.printing.render_form(
        actors["clerk"], "incoming", "slip", rec.id, tmp_path / "s.pdf", "pdf"
    )
    text = "".join(p.extract_text() for p in PdfReader(str(pdf)).pages).replace(" ", "")
    assert "成文日期" in text and "2026年3月1日" in text and "森林防火责任书" in text
    assert len(PdfReader(str(pdf)).pages) == 1  # the extra row still fits the slip on one sheet

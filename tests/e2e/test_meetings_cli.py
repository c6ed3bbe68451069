"""`python -m app meetings …` and the meeting register in `import`/`export`/`print`: an office's old 会议台账
imported as history (its own meeting types added to the type table, audited), the year's figures, and one
meeting taken from its participant list to seating chart, cards, sign-in sheet, notice and minutes."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.cli import run
from tests.conftest import PASSWORD
from tests.unit.test_printing_support import docx_text, pdf_pages


@pytest.fixture
def db(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("APP_PASSWORD", PASSWORD)
    return str(db_path)


def _sheet(path: Path, rows: list[list]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2025年会议台账"])
    ws.append(["会议名称", "类型", "日期", "地点", "主持人", "参会人数"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_ledger_import_then_figures_then_export(db, tmp_path, capsys):
    rows = [
        ["全县经济工作会议", "大型会议", "2025-02-10", "县委大礼堂", "吴建国", 260],
        ["县委常委会第1次会议", "常委会", "2025-01-08 09:00", "常委会议室", "周振荣", 13],
        ["迎春茶话会", "茶话会", "2025-01-28", "县委大礼堂", "周振荣", 80],
    ]
    book = _sheet(tmp_path / "台账.xlsx", rows)
    me = ["--db", db, "--user", "huiwu"]
    # the book's own type (茶话会, not in the type table) is history: listed by the dry run, then added
    assert run([*me, "import", "meetings", str(book), "--dry-run"]) == 0
    assert "将新增会议类型：茶话会（不计入大型会议，可在系统设置中修改）" in capsys.readouterr().out
    assert run([*me, "import", "meetings", str(book)]) == 0
    out = capsys.readouterr().out
    assert "已导入 3 条" in out and "已新增会议类型：茶话会" in out
    assert run([*me, "meetings", "stats", "--year", "2025"]) == 0
    out = capsys.readouterr().out
    assert "2025年共召开会议3次，其中大型会议1次；参会353人次" in out and "茶话会1次" in out
    assert "1月2次" in out and "2月1次" in out
    import sqlite3

    with sqlite3.connect(db) as con:  # the settings change is audited under the importing clerk
        login, detail = con.execute(
            "SELECT user_login, detail FROM audit_log WHERE action = 'setting_change' AND object_id = ?",
            ("meetings.types",),
        ).fetchone()
    assert login == "huiwu" and "茶话会" in detail and "导入台账.xlsx" in detail
    out_file = tmp_path / "导出.xlsx"
    assert run([*me, "export", "meetings", str(out_file)]) == 0
    ws = openpyxl.load_workbook(out_file).active
    names = [c.value for c in ws[1]]
    assert "会议名称" in names and ws.max_row == 4


def test_one_meeting_from_list_to_every_printout(db, services, actors, tmp_path, capsys):
    clerk = actors["huiwu"]
    services.registers.create(
        clerk, "meeting_rooms", {"name": "大礼堂", "rostrum_rows": "7", "rows": 3, "seats_per_row": 6}
    )
    m = services.registers.create(
        clerk,
        "meetings",
        {
            "name": "全县干部大会",
            "kind": "大型会议",
            "starts_at": "2026-03-05 09:00",
            "room": "大礼堂",
            "decisions": "同意年度工作要点",
        },
    )
    for rank in range(1, 8):
        services.registers.create(
            clerk,
            "meeting_participants",
            {
                "meeting_no": m["number"],
                "name": f"领导{rank}号",
                "rank": rank,
                "rostrum": True,
                "unit": "县委",
            },
        )
    me = ["--db", db, "--user", "huiwu", "meetings"]
    seat = tmp_path / "座次.pdf"
    assert run([*me, "seating", m["number"], "--out", str(seat)]) == 0
    text = pdf_pages(seat)[0]
    assert "面向主席台" in text
    order = [t for t in text.split() if t.startswith("领导")]
    assert order == [f"领导{n}号" for n in (7, 5, 3, 1, 2, 4, 6)]
    stage = tmp_path / "座次2.pdf"
    assert run([*me, "seating", m["number"], "--view", "主席台视角", "--out", str(stage)]) == 0
    assert [t for t in pdf_pages(stage)[0].split() if t.startswith("领导")] == [
        f"领导{n}号" for n in (6, 4, 2, 1, 3, 5, 7)
    ]
    assert run([*me, "cards", m["number"], "--out", str(tmp_path / "桌签.pdf")]) == 0
    assert len(pdf_pages(tmp_path / "桌签.pdf")) == 7
    assert run([*me, "signin", m["number"], "ld"]) == 2  # 领导1号 … 领导7号 share the initials
    assert "对应多人" in capsys.readouterr().err
    assert run([*me, "signin", m["number"], "领导1"]) == 0
    assert "应到7人，实到1人" in capsys.readouterr().out
    assert run([*me, "signin-sheet", m["number"], "--out", str(tmp_path / "签到表.pdf")]) == 0
    assert run([*me, "notice", m["number"], "--out", str(tmp_path / "通知.docx")]) == 0
    assert "关于召开全县干部大会的通知" in docx_text(tmp_path / "通知.docx")
    assert run([*me, "minutes", m["number"], "--out", str(tmp_path / "纪要.docx")]) == 0
    assert "一、同意年度工作要点" in docx_text(tmp_path / "纪要.docx")
    assert run([*me, "notice", m["number"], "--out", str(tmp_path / "通知.pdf")]) == 2
    assert run([*me, "decisions", m["number"]]) == 0
    assert "1. 同意年度工作要点　【待督办】" in capsys.readouterr().out
    assert (
        run(
            [
                "--db",
                db,
                "--user",
                "huiwu",
                "print",
                "meetings",
                "2026-03",
                "calendar",
                "--out",
                str(tmp_path / "月.pdf"),
            ]
        )
        == 0
    )
    assert "全县干部大会" in pdf_pages(tmp_path / "月.pdf")[0]

"""`python -m app import/export` as an office would use them, on the test-only 样例登记 register."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from app.cli import run
from tests.conftest import PASSWORD


@pytest.fixture
def cli_db(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The test database with the sample table, and a build whose only area is the sample one."""
    from db.engine import Database
    from tests.support.sample import SAMPLE_AREA, install_sample_table

    db = Database.open(str(db_path))
    install_sample_table(db)
    db.dispose()
    monkeypatch.setattr("app.areas.all_areas", lambda: [SAMPLE_AREA])
    monkeypatch.setenv("APP_PASSWORD", PASSWORD)
    return str(db_path)


def _sheet(path: Path, header: list[str], rows: list[list]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2025年样例登记簿"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


GOOD = [
    ["2025-03-05", "市委办公室", "关于防汛的通知", 3],
    ["2025年3月6日", "县人民政府", "关于春耕的意见", None],
]
BAD = GOOD + [["2025.03.07", "县纪委", "关于作风的通报", "三"]]


def test_help_lists_registers_without_a_database(monkeypatch, capsys):
    from tests.support.sample import SAMPLE_AREA

    monkeypatch.setattr("app.areas.all_areas", lambda: [SAMPLE_AREA])
    with pytest.raises(SystemExit) as e:
        run(["import", "--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    assert "sample" in out and "样例登记" in out and "--skip-invalid" in out


def test_dry_run_then_import_then_export(cli_db, tmp_path, capsys):
    header = ["编号", "收文日期", "来文单位", "文件标题", "页数"]
    bad = _sheet(tmp_path / "bad.xlsx", header, [[f"旧-{i}", *row] for i, row in enumerate(BAD)])
    assert run(["--db", cli_db, "--user", "clerk", "import", "sample", str(bad), "--dry-run"]) == 2
    captured = capsys.readouterr()
    assert "无法识别的编号“旧-1”" in captured.out  # the book's numbers are kept, so they must be numbers
    assert (
        run(["--db", cli_db, "--user", "clerk", "import", "sample", str(bad), "--dry-run", "--renumber"]) == 2
    )
    captured = capsys.readouterr()
    assert "B   收文日期" in captured.out and "→ 收到日期［表头近义词］" in captured.out
    assert "→ 原表其他列（已选择重新编号" in captured.out
    assert "第 5 行 “页数”列：页数应为整数" in captured.out
    assert "共 3 行数据：2 行正确，1 行有错误" in captured.out

    assert run(["--db", cli_db, "--user", "clerk", "import", "sample", str(bad), "--renumber"]) == 2
    assert "未导入任何记录" in capsys.readouterr().err
    rejects = tmp_path / "改正.xlsx"
    argv = ["import", "sample", str(bad), "--skip-invalid", "--renumber", "--rejects", str(rejects)]
    assert run(["--db", cli_db, "--user", "clerk", *argv]) == 0
    out = capsys.readouterr().out
    assert "已导入 2 条来信" in out and "跳过了 1 行" in out and "第 5 行" in out
    assert f"未导入的行已写入：{rejects}" in out
    import openpyxl

    refused = list(openpyxl.load_workbook(rejects).active.iter_rows(values_only=True))
    assert refused[0][-1] == "未导入原因" and refused[1][0] == "旧-2" and "页数应为整数" in refused[1][-1]

    good = _sheet(tmp_path / "good.xlsx", ["收文日期", "报送单位", "文件标题", "页数"], GOOD)
    assert run(["--db", cli_db, "--user", "clerk", "import", "sample", str(good), "--dry-run"]) == 2
    assert "没有“来信单位”列" in capsys.readouterr().out
    assert (
        run(["--db", cli_db, "--user", "clerk", "import", "sample", str(good), "--map", "报送单位=来信单位"])
        == 0
    )
    capsys.readouterr()

    out_file = tmp_path / "导出.csv"
    assert (
        run(
            [
                "--db",
                cli_db,
                "--user",
                "clerk",
                "export",
                "sample",
                str(out_file),
                "--year",
                "2025",
                "--search",
                "防汛",
            ]
        )
        == 0
    )
    assert "已导出 2 条" in capsys.readouterr().out
    with out_file.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:2] == ["编号", "密级"] and len(rows) == 3
    assert {r[rows[0].index("标题")] for r in rows[1:]} == {"关于防汛的通知"}


def test_bad_files_and_names_give_a_chinese_error_and_exit_code_2(cli_db, tmp_path, capsys):
    fake = tmp_path / "收文.xlsx"
    fake.write_text("这不是表格", encoding="utf-8")
    assert run(["--db", cli_db, "--user", "clerk", "import", "sample", str(fake)]) == 2
    err = capsys.readouterr().err
    assert "内容不是 Excel 工作簿" in err and "Traceback" not in err
    assert run(["--db", cli_db, "--user", "clerk", "import", "nosuch", str(fake)]) == 2
    assert "没有名为“nosuch”的登记簿" in capsys.readouterr().err
    assert run(["--db", cli_db, "--user", "clerk", "import", "sample", str(fake), "--map", "来文单位"]) == 2
    assert "列名=字段名" in capsys.readouterr().err
    assert run(["--db", cli_db, "--user", "petition", "export", "sample", str(tmp_path / "x.xlsx")]) == 2
    assert "没有权限" in capsys.readouterr().err

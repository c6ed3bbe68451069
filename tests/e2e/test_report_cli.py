"""`python -m app report annual|quarter|month`: the statistics report of a year of records as a user may see
it, written as Word or PDF by the suffix of --out; bad periods and file names refused before any file."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import run
from tests.conftest import PASSWORD
from tests.support.statistics_year import YEAR, build, writer_for
from tests.unit.test_printing_support import docx_text, pdf_pages


@pytest.fixture
def db(services, actors, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    build(services, writer_for(actors["jiyao"]), actors["clerk"], tmp_path)
    services.close()
    monkeypatch.setenv("APP_PASSWORD", PASSWORD)
    return str(db_path)


def test_annual_quarter_and_month(db, tmp_path, capsys):
    out = tmp_path / "年度统计.docx"
    assert (
        run(["--db", db, "--user", "leader", "report", "annual", "--year", str(YEAR), "--out", str(out)]) == 0
    )
    said = capsys.readouterr().out
    assert f"已生成{YEAR}年统计报告" in said and "全年共计制发文件3件" in said
    assert "本报告统计范围：周振荣可查看的机密级及以下记录" in docx_text(out)
    pdf = tmp_path / "一季度.pdf"
    args = ["--db", db, "--user", "leader", "report", "quarter", "--quarter", f"{YEAR}Q1", "--out", str(pdf)]
    assert run(args) == 0
    text = "".join(pdf_pages(pdf))
    assert f"{YEAR}年第一季度" in text and "本季度共计制发文件1件" in text.replace("\n", "")
    assert run(["--db", db, "--user", "leader", "report", "month", "--month", f"{YEAR}-12", "--figures"]) == 0
    said = capsys.readouterr().out
    assert "本月共计制发文件1件" in said and "接待群众来信来访：3人次" in said


def test_refusals(db, tmp_path, capsys):
    user = ["--db", db, "--user", "leader", "report"]
    assert run([*user, "quarter", "--quarter", "2025Q5"]) == 2
    assert "季度应写成 2026Q1" in capsys.readouterr().err
    assert run([*user, "annual", "--year", "2025", "--out", str(tmp_path / "x.xlsx")]) == 2
    assert ".pdf 或 .docx" in capsys.readouterr().err
    assert (
        run(
            [
                "--db",
                db,
                "--user",
                "sysadmin",
                "report",
                "annual",
                "--year",
                "2025",
                "--out",
                str(tmp_path / "y.pdf"),
            ]
        )
        == 2
    )
    assert "三员" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "y.pdf").exists()

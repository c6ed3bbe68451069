"""`python -m app duty …`: the roster of a period with each person's counts, saved or previewed; today's
duty; a swap requested and approved; the month printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import run
from tests.conftest import PASSWORD


@pytest.fixture
def db(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("APP_PASSWORD", PASSWORD)
    return str(db_path)


def test_generate_prints_roster_and_counts_then_swap_and_print(db, capsys, tmp_path):
    args = ["--db", db, "--user", "duty", "duty", "generate", "--from", "2026-01-01", "--to", "2026-01-31"]
    assert run([*args, "--leaders", "王主任、李主任", "--staff", "甲、乙、丙", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "2026-01-01 星期四 节假日  带班：王主任  值班：甲" in out
    assert "甲：共" in out and "（预览，未保存）" in out
    assert run([*args, "--leaders", "王主任、李主任", "--staff", "甲、乙、丙"]) == 0
    assert "已保存31班" in capsys.readouterr().out
    assert run([*args, "--leaders", "王主任", "--staff", "甲"]) == 2
    assert "已有31班" in capsys.readouterr().err
    assert run(["--db", db, "--user", "duty", "duty", "today", "--day", "2026-01-05"]) == 0
    today = capsys.readouterr().out
    assert "带班：" in today and "值班：" in today
    person = today.split("值班：")[1].split()[0]
    other_day = "2026-01-06"
    run(["--db", db, "--user", "duty", "duty", "today", "--day", other_day])
    other = capsys.readouterr().out.split("值班：")[1].split()[0]
    assert (
        run(
            [
                "--db",
                db,
                "--user",
                "duty",
                "duty",
                "swap",
                "2026-01-05",
                person,
                other_day,
                other,
                "--reason",
                "出差",
            ]
        )
        == 0
    )
    assert "待领导审批" in capsys.readouterr().out
    assert run(["--db", db, "--user", "duty", "duty", "approve", "1"]) == 2  # 值班 staff may not approve
    assert run(["--db", db, "--user", "leader", "duty", "approve", "1"]) == 0
    assert "两班已互换" in capsys.readouterr().out
    run(["--db", db, "--user", "duty", "duty", "today", "--day", "2026-01-05"])
    assert f"值班：{other}" in capsys.readouterr().out
    out_pdf = tmp_path / "roster.pdf"
    assert (
        run(["--db", db, "--user", "duty", "print", "duty_shifts", "2026-01", "month", "--out", str(out_pdf)])
        == 0
    )
    assert out_pdf.stat().st_size > 0
    assert (
        run(["--db", db, "--user", "duty", "print", "duty_shifts", "2026-13", "month", "--out", str(out_pdf)])
        == 2
    )

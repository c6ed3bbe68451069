"""The command line as an office would script its setup: init, passwd, users, check."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import run

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fresh_db(tmp_path: Path) -> str:
    return str(tmp_path / "office.sqlite")


def _as(monkeypatch, password: str, new: str | None = None) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("APP_PASSWORD", password)
    if new:
        monkeypatch.setenv("APP_NEW_PASSWORD", new)


def test_scripted_office_setup(fresh_db, monkeypatch, capsys):
    _as(monkeypatch, "Init@2026x")
    assert run(["--db", fresh_db, "init", "--level", "秘密"]) == 0
    out = capsys.readouterr().out
    assert "sysadmin" in out and "secadmin" in out and "auditor" in out
    assert run(["--db", fresh_db, "init"]) == 2  # never twice
    # the initial password must be changed before any other verb
    assert run(["--db", fresh_db, "--user", "sysadmin", "users", "list"]) == 2
    assert "passwd" in capsys.readouterr().err
    for login, new in (("sysadmin", "Sys#2026ab"), ("secadmin", "Sec#2026ab")):
        _as(monkeypatch, "Init@2026x", new)
        assert run(["--db", fresh_db, "--user", login, "passwd"]) == 0
    monkeypatch.setenv("NEWPW", "Wang#2026f")
    _as(monkeypatch, "Sys#2026ab")
    assert (
        run(
            [
                "--db",
                fresh_db,
                "--user",
                "sysadmin",
                "users",
                "add",
                "wangfang",
                "--name",
                "王芳",
                "--department",
                "秘书科",
                "--password-env",
                "NEWPW",
            ]
        )
        == 0
    )
    # the system administrator cannot grant roles: that is the security administrator's part
    assert run(["--db", fresh_db, "--user", "sysadmin", "users", "grant", "wangfang", "收发文"]) == 2
    assert "安全保密管理员" in capsys.readouterr().err
    _as(monkeypatch, "Sec#2026ab")
    assert (
        run(
            [
                "--db",
                fresh_db,
                "--user",
                "secadmin",
                "users",
                "grant",
                "wangfang",
                "收发文",
                "机要",
                "--clearance",
                "机密",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert run(["--db", fresh_db, "--user", "secadmin", "users", "list"]) == 0
    out = capsys.readouterr().out
    line = next(row for row in out.splitlines() if row.startswith("wangfang"))
    assert "机密" in line and "收发文" in line and "机要" in line
    _as(monkeypatch, "Sys#2026ab")
    assert run(["--db", fresh_db, "--user", "sysadmin", "users", "disable", "wangfang"]) == 0
    _as(monkeypatch, "Wang#2026f")
    assert run(["--db", fresh_db, "--user", "wangfang", "passwd"]) == 2
    assert "停用" in capsys.readouterr().err


def test_wrong_password_on_the_command_line_is_refused_and_audited(fresh_db, monkeypatch, capsys):
    _as(monkeypatch, "Init@2026x")
    run(["--db", fresh_db, "init"])
    _as(monkeypatch, "wrong-password")
    assert run(["--db", fresh_db, "--user", "auditor", "users", "list"]) == 2
    assert "密码错误" in capsys.readouterr().err
    con = sqlite3.connect(fresh_db)
    assert con.execute("SELECT COUNT(*) FROM audit_log WHERE action='login_failed'").fetchone()[0] == 1


def test_check_names_the_first_altered_entry(fresh_db, monkeypatch, capsys):
    _as(monkeypatch, "Init@2026x")
    run(["--db", fresh_db, "init"])
    for _ in range(3):
        run(["--db", fresh_db, "--user", "auditor", "users", "list"])  # logins are audited
    assert run(["--db", fresh_db, "check"]) == 0
    assert "完整" in capsys.readouterr().out
    con = sqlite3.connect(fresh_db)
    con.execute("DROP TRIGGER audit_log_no_update")
    con.execute("UPDATE audit_log SET user_login='someone' WHERE id=3")
    con.commit()
    assert run(["--db", fresh_db, "check"]) == 3
    assert "第 3 条" in capsys.readouterr().err


def test_help_lists_the_verbs_in_chinese():
    result = subprocess.run([sys.executable, "-m", "app", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0
    for verb in ("init", "users", "check", "demo", "passwd"):
        assert verb in result.stdout
    assert "三员" in result.stdout or "系统管理员" in result.stdout

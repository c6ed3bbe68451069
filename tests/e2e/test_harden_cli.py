"""The command line after hardening: the two-person password reset, the login notice, signed checkpoints and
`check --against`, `check` while another process writes and on a read-only copy, database problems as
Chinese messages without SQL."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess

import pytest

from app.cli import run
from tests.conftest import PASSWORD


def _run(monkeypatch, capsys, args, password=PASSWORD):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("APP_PASSWORD", password)
    code = run(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_reset_needs_approval_and_the_login_notice_tells_the_user(db_path, monkeypatch, capsys):
    db = ["--db", str(db_path)]
    monkeypatch.setenv("NEWPW", "Taken#2026x")
    code, out, _ = _run(
        monkeypatch,
        capsys,
        [*db, "--user", "sysadmin", "users", "reset-password", "clerk", "--password-env", "NEWPW"],
    )
    assert code == 0 and "批准后生效" in out
    code, _, err = _run(monkeypatch, capsys, [*db, "--user", "clerk", "users", "list"], "Taken#2026x")
    assert code == 2 and "密码错误" in err
    code, out, _ = _run(monkeypatch, capsys, [*db, "--user", "secadmin", "users", "approve-reset", "clerk"])
    assert code == 0 and "已批准" in out
    code, _, err = _run(monkeypatch, capsys, [*db, "--user", "clerk", "passwd"], "Taken#2026x")
    assert "1 次密码错误" in err and "sysadmin 申请重置" in err and "secadmin 批准" in err


def test_checkpoint_then_check_against_it(db_path, monkeypatch, capsys, tmp_path):
    db = ["--db", str(db_path)]
    cp = tmp_path / "usb" / "checkpoint.txt"
    cp.parent.mkdir()
    code, out, _ = _run(monkeypatch, capsys, [*db, "--user", "auditor", "checkpoint", "--out", str(cp)])
    assert code == 0 and "审计日志校验点" in out and cp.exists()
    code, out, _ = _run(monkeypatch, capsys, [*db, "check", "--against", str(cp)])
    assert code == 0 and "与校验点" in out
    con = sqlite3.connect(db_path)
    con.execute("DROP TRIGGER audit_log_no_delete")
    con.execute("DELETE FROM audit_log WHERE id > 2")
    con.commit()
    con.close()
    code, _, err = _run(monkeypatch, capsys, [*db, "check", "--against", str(cp)])
    assert code == 3 and "触发器缺失" in err
    code, _, err = _run(monkeypatch, capsys, [*db, "check", "--against", str(tmp_path / "none.txt")])
    assert code == 2 and "无法读取校验点文件" in err


def test_check_runs_while_another_process_holds_a_long_write(db_path, monkeypatch, capsys):
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO settings (key, value) VALUES ('x', 'y')")
    try:
        code, out, _ = _run(monkeypatch, capsys, ["--db", str(db_path), "check"])
        assert code == 0 and "完整" in out
        code, _, err = _run(monkeypatch, capsys, ["--db", str(db_path), "--user", "clerk", "passwd"])
        assert code == 2 and "数据库正忙" in err and "没有保存" in err and "Traceback" not in err
    finally:
        holder.rollback()
        holder.close()


def test_check_on_a_read_only_copy_and_login_says_read_only(db_path, monkeypatch, capsys, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    shutil.copy(db_path, ro / "office.sqlite")
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "--bind", "-o", "ro", str(ro), str(mnt)]).returncode:
        pytest.skip("needs a read-only bind mount (root)")
    try:
        target = mnt / "office.sqlite"
        code, out, err = _run(monkeypatch, capsys, ["--db", str(target), "check"])
        assert code == 0 and "完整" in out, err
        code, _, err = _run(monkeypatch, capsys, ["--db", str(target), "--user", "clerk", "passwd"])
        assert code == 2 and "只读" in err and "没有保存" in err
        assert "INSERT" not in err and "Traceback" not in err and "[parameters" not in err
    finally:
        subprocess.run(["umount", str(mnt)])

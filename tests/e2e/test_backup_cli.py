"""The backup verbs as the office scripts them: rights (系统管理员 backs up and restores, 安全审计员 lists,
others refused), the listing with manifests, an encrypted backup through the environment, a restore that
asks for --yes when nobody can answer, the rotation set with `settings set`."""

from __future__ import annotations

from pathlib import Path

from app.cli import run
from tests.conftest import PASSWORD


def test_backup_list_and_restore_from_the_command_line(db_path: Path, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("APP_PASSWORD", PASSWORD)
    db = ["--db", str(db_path)]
    assert run([*db, "--user", "sysadmin", "settings", "set", "backup.keep_daily", "3"]) == 0
    assert "保留每日备份份数：3" in capsys.readouterr().out
    assert run([*db, "--user", "sysadmin", "backup", "--out", str(tmp_path / "usb") + "/"]) == 0
    out = capsys.readouterr().out
    assert "手动备份  明文" in out and "校验和（分块 BLAKE3（4 MiB））" in out and "收文登记 0 条" in out
    monkeypatch.setenv("APP_BACKUP_PASSWORD", "Carry#2026x")
    assert (
        run([*db, "--user", "sysadmin", "backup", "--encrypt", "--out", str(tmp_path / "usb" / "c.cobak")])
        == 0
    )
    capsys.readouterr()
    assert run([*db, "--user", "clerk", "backup"]) == 2
    assert "只有系统管理员可以操作" in capsys.readouterr().err
    assert run([*db, "--user", "auditor", "backups", "--dir", str(tmp_path / "usb"), "--verify"]) == 0
    out = capsys.readouterr().out
    assert out.count("/usb/") == 2 and "校验：通过" in out and "加密" in out
    assert run([*db, "--user", "clerk", "backups"]) == 2
    assert "只有系统管理员和安全审计员" in capsys.readouterr().err
    assert run([*db, "--user", "sysadmin", "restore", str(tmp_path / "usb" / "c.cobak")]) == 2
    assert "请加 --yes 确认" in capsys.readouterr().err
    assert run([*db, "--user", "auditor", "restore", str(tmp_path / "usb" / "c.cobak"), "--yes"]) == 2
    assert "只有系统管理员可以操作" in capsys.readouterr().err
    assert run([*db, "--user", "sysadmin", "restore", str(tmp_path / "usb" / "c.cobak"), "--yes"]) == 0
    assert "已从备份恢复：c.cobak" in capsys.readouterr().out
    assert run([*db, "--user", "sysadmin", "backup", "--auto"]) == 0
    assert "自动备份" in capsys.readouterr().out

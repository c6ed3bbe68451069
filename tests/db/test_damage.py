"""Damage: pages overwritten at random places of a copy (data, index, audit table, header) are detected
when the database is opened and by `check`, which says which check failed; nothing opens it for work; a
restore from the latest backup gives back every record of that backup."""

from __future__ import annotations

import csv
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.cli import run
from app.domain.errors import DatabaseDamaged
from tests.conftest import PASSWORD
from tests.support.writer import doc

SEEDS = range(5)


@pytest.fixture(scope="module")
def filled_db(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Path:
    """The test database with 300 收文 (many pages in the table, its indexes and the audit log), checkpointed
    so every page is in the main file."""
    import os

    from app.bootstrap import open_services
    from tests.conftest import actor_for, template_key

    path = tmp_path_factory.mktemp("damage") / "filled.sqlite"
    shutil.copy(template_db, path)
    old_home = os.environ.get("COUNTY_OFFICE_HOME")
    os.environ["COUNTY_OFFICE_HOME"] = str(
        template_key(template_db).parents[1]
    )  # write with the template's key
    services = open_services(str(path))
    clerk = actor_for(services, "clerk")
    incoming = services.service("documents").incoming
    for n in range(1, 301):
        incoming.receive(clerk, doc(n))
    services.close()
    if old_home is None:
        os.environ.pop("COUNTY_OFFICE_HOME", None)
    else:
        os.environ["COUNTY_OFFICE_HOME"] = old_home
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()
    return path


@pytest.fixture(autouse=True)
def _template_key_in_home(template_db: Path) -> None:
    """Each test checks copies of filled_db on this machine: the office copies the key with the database."""
    from app.paths import config_dir
    from tests.conftest import template_key

    shutil.copy(template_key(template_db), config_dir() / "audit.key")


def _pages(db: Path, name: str) -> list[int]:
    con = sqlite3.connect(db)
    try:
        return [r[0] for r in con.execute("SELECT pageno FROM dbstat WHERE name = ?", (name,))]
    finally:
        con.close()


TARGETS = {
    "data": "incoming_docs",
    "index": "ix_incoming_docs_sender",
    "audit": "audit_log",
    "header": None,  # page 1: the file header and the schema
}


def _damage(src: Path, dest: Path, target: str, seed: int) -> list[int]:
    shutil.copy(src, dest)
    rng = random.Random(seed)
    table = TARGETS[target]
    candidates = _pages(src, table) if table else [1]
    pages = rng.sample(candidates, min(len(candidates), rng.randint(1, 3)))
    with open(dest, "r+b") as f:
        for page in pages:
            f.seek((page - 1) * 4096 + (rng.randint(0, 100) if page == 1 else 0))
            f.write(rng.randbytes(4096 - 200 if page == 1 else 4096))
    return pages


@pytest.mark.parametrize("target", list(TARGETS))
def test_overwritten_pages_are_detected_at_open_and_by_check(filled_db, tmp_path, target, capsys):
    from app.bootstrap import open_services

    for seed in SEEDS:
        damaged = tmp_path / f"{target}-{seed}.sqlite"
        pages = _damage(filled_db, damaged, target, seed)
        size = damaged.stat().st_size
        with pytest.raises(DatabaseDamaged) as info:
            open_services(str(damaged))
        assert "已损坏" in info.value.message and str(damaged) in info.value.message, pages
        assert damaged.stat().st_size == size  # not replaced by a new empty database
        assert run(["--db", str(damaged), "check"]) == 3
        err = capsys.readouterr().err
        assert "文件结构检查：发现损坏" in err, (target, seed, pages, err)
        # every other verb refuses the file with a message, not a traceback
        assert (
            run(["--db", str(damaged), "--user", "clerk", "export", "incoming", str(tmp_path / "x.csv")]) == 2
        )
        assert "数据库文件已损坏" in capsys.readouterr().err


def test_check_says_the_audit_chain_is_wrong_when_the_file_itself_is_sound(filled_db, tmp_path, capsys):
    db = tmp_path / "chain.sqlite"
    shutil.copy(filled_db, db)
    con = sqlite3.connect(db)
    con.execute("DROP TRIGGER audit_log_no_update")
    con.execute("UPDATE audit_log SET detail = '{}' WHERE id = 40")
    con.commit()
    con.close()
    assert run(["--db", str(db), "check"]) == 3
    out = capsys.readouterr()
    assert "integrity_check）：正常" in out.err and "第 40 条审计记录的内容被改动" in out.err


def test_on_a_large_file_the_start_check_covers_the_critical_tables_and_check_the_rest(
    filled_db, tmp_path, monkeypatch, capsys
):
    """The bound: above FULL_QUICK_CHECK_BYTES only accounts, settings, counters and the audit log are
    checked at start; a damaged 收文 page is then found by `check` (and by every backup's verification)."""
    from app.bootstrap import open_services
    from app.services.backup import health

    monkeypatch.setattr(health, "FULL_QUICK_CHECK_BYTES", 0)
    audit_damaged = tmp_path / "audit.sqlite"
    _damage(filled_db, audit_damaged, "audit", 1)
    with pytest.raises(DatabaseDamaged):
        open_services(str(audit_damaged))
    data_damaged = tmp_path / "data.sqlite"
    _damage(filled_db, data_damaged, "data", 1)
    assert health.startup_check(data_damaged).scope == "critical"
    assert run(["--db", str(data_damaged), "check"]) == 3
    assert "发现损坏" in capsys.readouterr().err


def _export_rows(db: Path, tmp_path: Path, name: str, monkeypatch) -> list[list[str]]:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("APP_PASSWORD", PASSWORD)
    out = tmp_path / name
    assert run(["--db", str(db), "--user", "clerk", "export", "incoming", str(out)]) == 0
    with open(out, encoding="utf-8-sig") as f:
        return list(csv.reader(f))


def test_restore_of_a_damaged_database_gives_back_every_record_and_lists_what_may_be_missing(
    filled_db, tmp_path, monkeypatch, capsys
):
    from app.bootstrap import open_services
    from tests.conftest import actor_for

    db = tmp_path / "office.sqlite"
    shutil.copy(filled_db, db)
    monkeypatch.setenv("APP_PASSWORD", PASSWORD)
    assert run(["--db", str(db), "--user", "sysadmin", "backup"]) == 0  # into the per-user backup folder
    before = _export_rows(db, tmp_path, "before.csv", monkeypatch)
    services = open_services(str(db))
    late = services.service("documents").incoming.receive(actor_for(services, "clerk"), doc(999)).record
    services.close()
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    pages = _pages(db, "incoming_docs")
    with open(db, "r+b") as f:  # the 收文 table damaged; the audit log still readable
        for page in pages[len(pages) // 3 : len(pages) // 3 + 2]:
            f.seek((page - 1) * 4096)
            f.write(random.Random(page).randbytes(4096))
    capsys.readouterr()
    assert run(["--db", str(db), "--user", "sysadmin", "restore", "--latest", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "已损坏，原样留存" in out and "可能已丢失" in out and late["number"] in out
    assert run(["--db", str(db), "check"]) == 0
    assert _export_rows(db, tmp_path, "after.csv", monkeypatch) == before
    con = sqlite3.connect(db)
    last = con.execute("SELECT action, user_login FROM audit_log ORDER BY id DESC LIMIT 3").fetchall()
    con.close()
    assert ("restore", "sysadmin") in last

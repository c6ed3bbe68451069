"""A database written by release 0.1 (tests/fixtures/release_0_1.sqlite: revisions 0001/0002/0003, the
demo year) upgrades to the per-area migrations with every row intact, ends in the schema a fresh database
gets, still verifies its audit chain and keeps working.

If a later revision deliberately moves rows (say doc_events into a shared history table), say so in
MOVED below and assert here that the moved rows arrived; never loosen the comparison for other tables."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "release_0_1.sqlite"
RELEASE_REVISIONS = {"0002_documents", "0003_telegrams"}
# old table -> where a later revision moved its rows (0006_documents_workflow: the shared workflow tables)
MOVED: dict[str, str] = {
    "doc_events": "workflow_history",
    "doc_instructions": "instructions",
    "doc_urges": "urges",
}
# Register tables got a `version` column (optimistic lock, issue 10): each row is the old row + version 1.
VERSIONED = {"incoming_docs", "outgoing_docs", "telegrams"}
# The first open by a keyed version seals the old SHA-256 audit chain with ONE appended entry (and moves
# the head anchor to it); every old entry stays as it was.
SEALED_LOG = "audit_log"
# users got the pending password reset of the two-person rule: (hash, by, at) = (None, "", None)
RESET_COLUMNS = {"users": (None, "", None)}


def _dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table (FTS shadow tables included), in rowid/primary-key order."""
    con = sqlite3.connect(path)
    try:
        names = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        out = {}
        for name in names:
            if name == "alembic_version":
                continue
            try:
                out[name] = con.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall()
            except sqlite3.OperationalError:  # WITHOUT ROWID shadow tables
                out[name] = sorted(con.execute(f'SELECT * FROM "{name}"').fetchall())
        return out
    finally:
        con.close()


def _schema(path: Path) -> set[tuple[str, str, str]]:
    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL").fetchall()
    finally:
        con.close()
    return {(t, n, re.sub(r"\s+", " ", sql)) for t, n, sql in rows}


@pytest.fixture
def release_db(tmp_path: Path) -> Path:
    # never the fixture itself: opening switches it to WAL and upgrades it
    target = tmp_path / "office.sqlite"
    shutil.copy(FIXTURE, target)
    return target


def test_the_fixture_is_what_release_0_1_wrote():
    con = sqlite3.connect(f"file:{FIXTURE}?mode=ro", uri=True)
    try:
        assert {r[0] for r in con.execute("SELECT version_num FROM alembic_version")} == RELEASE_REVISIONS
        counts = {
            t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in (
                "incoming_docs",
                "telegrams",
                "copies",
                "copy_steps",
                "doc_events",
                "doc_instructions",
                "doc_urges",
                "alerts",
                "destruction_batches",
                "audit_log",
            )
        }
    finally:
        con.close()
    assert all(counts.values()), counts  # every kind of row the upgrade must carry is there


def test_a_release_database_upgrades_with_every_row_intact(release_db: Path):
    from app.bootstrap import open_services
    from db.migrate import head_revisions

    before = _dump(release_db)
    services = open_services(str(release_db))
    try:
        assert services.audit.verify().ok
        assert services.audit.verify().entries == len(before["audit_log"]) + 1  # + the seal
    finally:
        services.close()
    after = _dump(release_db)
    for table, rows in before.items():
        if table in MOVED:
            assert table not in after, f"{table} should have been moved into {MOVED[table]}"
            moved = after[MOVED[table]]
            assert [r[0] for r in moved] == [r[0] for r in rows], f"{table}: not every row arrived (same ids)"
            continue
        assert table in after, f"{table} disappeared"
        now = after[table]
        if table in VERSIONED:
            assert all(r[-1] == 1 for r in now), f"{table}: versions not 1"
            now = [r[:-1] for r in now]
        if table in RESET_COLUMNS:
            assert all(r[-3:] == RESET_COLUMNS[table] for r in now), f"{table}: new columns not empty"
            now = [r[:-3] for r in now]
        if table == SEALED_LOG:
            assert now[-1][4] == "audit_keyed", "the seal entry is missing"
            now = now[:-1]
        if table == "settings":
            now = [r for r in now if r[0] != "audit_head"]
            rows = [r for r in rows if r[0] != "audit_head"]
        assert len(now) == len(rows), f"{table}: {len(rows)} rows before, {len(now)} after"
        assert now == rows, f"{table}: rows changed"
    con = sqlite3.connect(release_db)
    assert {r[0] for r in con.execute("SELECT version_num FROM alembic_version")} == head_revisions()
    # a few rows by value, as the office would look them up
    assert con.execute("SELECT number, title FROM incoming_docs WHERE id = 1").fetchone() == (
        "2026-0001",
        "关于推进乡村振兴重点工作工作情况的报告",
    )
    assert con.execute("SELECT register, record_id, copy_no FROM copies WHERE id = 1034").fetchone() == (
        "plain_in",
        587,
        "000505",
    )
    assert con.execute("SELECT register, leader, text FROM instructions WHERE id = 1").fetchone() == (
        "incoming",
        "周振荣",
        "请各位常委传阅。",
    )
    old_events = {r[0]: r for r in before["doc_events"]}  # id, register, record_id, step, at, login, name, …
    for row in con.execute(
        "SELECT id, register, record_id, step, at, actor_login, actor_name FROM workflow_history"
    ):
        assert row == old_events[row[0]][:7], f"history entry {row[0]} changed"
    assert con.execute("SELECT COUNT(*) FROM copies WHERE destruction_id IS NOT NULL").fetchone() == (71,)
    con.close()
    backups = list((release_db.parent / "backups").glob("office-before-upgrade-*.sqlite"))
    assert len(backups) == 1
    assert _dump(backups[0]) == before


def test_the_upgraded_release_database_has_the_schema_of_a_fresh_one(release_db: Path, tmp_path: Path):
    from alembic import command

    from app.bootstrap import open_services
    from db.migrate import _config

    open_services(str(release_db)).close()
    fresh = tmp_path / "fresh.sqlite"
    open_services(str(fresh)).close()
    assert _schema(release_db) == _schema(fresh)
    command.check(_config(f"sqlite:///{release_db}"))  # models and the upgraded file agree


def test_the_check_verb_verifies_the_upgraded_audit_chain(release_db: Path):
    run = subprocess.run(
        [sys.executable, "-m", "app", "--db", str(release_db), "check"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )
    # read only: the release's chain is intact but not yet key-protected (exit 4, with a warning) ...
    assert run.returncode == 4, run.stderr
    assert "审计日志完整：共 1466 条" in run.stdout and "尚未启用密钥保护" in run.stderr
    from app.bootstrap import open_services

    open_services(str(release_db)).close()  # ... the first open by this version seals it
    run = subprocess.run(
        [sys.executable, "-m", "app", "--db", str(release_db), "check"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "审计日志完整：共 1467 条" in run.stdout


def test_the_upgraded_release_database_keeps_working(release_db: Path):
    from datetime import datetime

    from app.bootstrap import open_services
    from app.demo import demo_actor

    services = open_services(str(release_db))
    try:
        clerk = demo_actor(services, "lijun")
        old = services.registers.get(clerk, "plain_in", 587)
        assert old.values["title"] == "关于做好寒潮防范工作的紧急通知（3）"
        assert [c.copy_no for c in services.copies.copies(clerk, "plain_in", 587)] == ["000504", "000505"]
        made = services.registers.create(
            clerk,
            "plain_in",
            {
                "at": datetime.now().replace(microsecond=0),
                "dept_no": "省委办明电〔2026〕400号",
                "priority": "flash",
                "counterpart": "省委办公厅",
                "title": "升级后登记的电报",
                "copies_count": 1,
                "first_copy_no": "000900",
            },
        )
        assert made.values["number"] == "明收〔2026〕406号"  # numbering continues, no gap, no reuse
        assert any(a.record_id == made.id for a in services.alerts.pending(clerk))
        report = services.audit.verify()
        assert report.ok and report.entries > 1466
    finally:
        services.close()

"""The keyed audit chain: with the append-only triggers dropped, cutting the tail and rewriting the anchor,
deleting everything, or forging an entry and recomputing the chain with plain SHA-256 all fail `check`;
a signed checkpoint catches even a rewrite made with the key; missing triggers are reported; an old unkeyed
chain is sealed once on upgrade."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.conftest import PASSWORD


def _rechain(db_path: Path, start: int, *, key: bytes | None, forge: dict | None = None) -> None:
    """What an attacker with the file does: drop the triggers, change entries from ``start``, recompute
    every later hash (plain SHA-256, or HMAC when he also holds the key) and the head anchor."""
    from app.services.audit import GENESIS, _digest, anchor_value

    con = sqlite3.connect(db_path)
    con.row_factory = sqlite3.Row
    con.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    con.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    if forge:
        con.execute("UPDATE audit_log SET detail = ? WHERE id = ?", (forge["detail"], start))
    rows = con.execute("SELECT * FROM audit_log ORDER BY id").fetchall()
    prev = GENESIS
    for r in rows:
        if r["id"] >= start:
            fields = {
                k: r[k]
                for k in (
                    "id",
                    "user_id",
                    "user_login",
                    "action",
                    "object_type",
                    "object_id",
                    "result",
                    "detail",
                    "host",
                )
            }
            fields["ts"] = r["ts"].replace(" ", "T")  # as SQLAlchemy stores it, with microseconds
            h = _digest(prev, fields, key)
            con.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", (prev, h, r["id"]))
            prev = h
        else:
            prev = r["hash"]
    last = rows[-1]["id"]
    value = anchor_value(last, prev, key) if key else json.dumps({"id": last, "hash": prev})
    con.execute("UPDATE settings SET value = ? WHERE key = 'audit_head'", (value,))
    con.commit()
    con.close()


def _cut(db_path: Path, keep: int) -> None:
    con = sqlite3.connect(db_path)
    con.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    con.execute("DELETE FROM audit_log WHERE id > ?", (keep,))
    con.commit()
    con.close()


def _logins(services, n: int = 3) -> None:  # type: ignore[no-untyped-def]
    for _ in range(n):
        services.auth.login("clerk", PASSWORD)


def test_an_honest_log_verifies_and_the_entries_are_hmacs(services):
    _logins(services)
    report = services.audit.verify()
    assert report.ok and not report.warnings
    from sqlalchemy import select

    from db.models.core import AuditEntry

    with services.db.read() as s:
        first = s.scalars(select(AuditEntry).order_by(AuditEntry.id).limit(1)).one()
    from app.services.audit import _digest, _hash_fields

    assert first.hash != _digest(first.prev_hash, _hash_fields(first), None)  # not plain SHA-256


def test_cut_tail_and_rewritten_anchor_fail_check(services, db_path):
    _logins(services)
    total = services.audit.verify().entries
    _cut(db_path, total - 2)
    _rechain(db_path, total - 1, key=None)  # anchor rewritten for the shorter log, without the key
    report = services.audit.verify()
    assert not report.ok and "末条标记" in report.reason


def test_deleting_every_entry_and_the_anchor_fails_check(services, db_path):
    _logins(services)
    con = sqlite3.connect(db_path)
    con.execute("DROP TRIGGER audit_log_no_delete")
    con.execute("DELETE FROM audit_log")
    con.execute("DELETE FROM settings WHERE key = 'audit_head'")
    con.commit()
    con.close()
    report = services.audit.verify()
    assert not report.ok and "全部删除" in report.reason


def test_a_forged_entry_with_the_chain_recomputed_by_plain_sha256_fails_check(services, db_path):
    _logins(services)
    _rechain(db_path, 2, key=None, forge={"detail": '{"admins": ["nobody"]}'})
    report = services.audit.verify()
    assert not report.ok and report.first_bad_id == 2


def test_check_reports_missing_triggers(services, db_path):
    con = sqlite3.connect(db_path)
    con.execute("DROP TRIGGER audit_log_no_update")
    con.commit()
    con.close()
    report = services.audit.verify()
    assert report.ok and any("audit_log_no_update" in w for w in report.warnings)


def test_a_checkpoint_catches_a_rewrite_even_by_someone_with_the_key(services, db_path, actors, tmp_path):
    from app.services.audit_key import machine_key

    _logins(services)
    cp_file = tmp_path / "checkpoint.txt"
    cp = services.audit.export_checkpoint(actors["auditor"], cp_file)
    assert services.audit.verify(checkpoint=cp).ok
    _logins(services)  # later entries are fine
    from app.services.audit_chain import read_checkpoint

    cp = read_checkpoint(cp_file.read_text(encoding="utf-8"))
    assert services.audit.verify(checkpoint=cp).ok
    # the key holder rewrites entry 2 and re-signs the whole chain: plain check passes, the checkpoint not
    _rechain(db_path, 2, key=machine_key(), forge={"detail": '{"admins": ["nobody"]}'})
    assert services.audit.verify().ok
    report = services.audit.verify(checkpoint=cp)
    assert not report.ok and "改写" in report.reason
    # a cut below the checkpoint's count
    _cut(db_path, cp["head_id"] - 1)
    _rechain(db_path, 1, key=machine_key())
    report = services.audit.verify(checkpoint=cp)
    assert not report.ok and "截断" in report.reason
    # an altered checkpoint file
    forged = {**cp, "head_id": 1}
    assert "校验点文件被改动" in services.audit.verify(checkpoint=forged).reason


def test_an_old_unkeyed_log_is_sealed_on_upgrade_and_then_protected(tmp_path):
    from alembic import command

    from app.bootstrap import open_services
    from app.services.audit import GENESIS, _digest, _hash_fields
    from db.engine import Database
    from db.migrate import _config
    from db.models.core import AuditEntry, Setting

    path = tmp_path / "old.sqlite"
    db = Database.open(str(path))
    cfg = _config(db.url)
    with db.writer.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002_documents")
        command.upgrade(cfg, "0003_telegrams")
    from datetime import datetime

    with db.write() as s:  # the chain as the old version wrote it: plain SHA-256
        prev = GENESIS
        for i in range(1, 4):
            e = AuditEntry(
                id=i,
                ts=datetime(2026, 1, i),
                user_login="clerk",
                action="login",
                object_type="user",
                object_id="clerk",
                result="success",
                detail="",
                host="pc",
                prev_hash=prev,
                hash="",
            )
            e.hash = _digest(prev, _hash_fields(e), None)
            s.add(e)
            prev = e.hash
        s.add(Setting(key="audit_head", value=json.dumps({"id": 3, "hash": prev})))
    db.dispose()

    services = open_services(str(path))
    try:
        report = services.audit.verify()
        assert report.ok and report.entries == 4 and not report.warnings
    finally:
        services.close()
    _rechain(path, 2, key=None, forge={"detail": "forged"})  # rewrite an OLD entry, plain SHA-256 again
    services = open_services(str(path))
    try:
        assert not services.audit.verify().ok
    finally:
        services.close()

"""Backups and restore through the service: manifest, rights and audit, encryption, rotation, restore
giving back every record, what may be missing after a restore, schema revisions older and newer."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.errors import PermissionDenied
from app.services.backup import BackupRefused
from app.services.backup.manifest import Manifest, sidecar
from app.services.backup.store import BackupEntry, rotate
from tests.support.writer import doc


def _receive(services, actors, n: int, start: int = 1) -> list[str]:  # type: ignore[no-untyped-def]
    incoming = services.service("documents").incoming
    return [incoming.receive(actors["clerk"], doc(i)).record["number"] for i in range(start, start + n)]


def _export(services, actors, path: Path) -> list[list[str]]:  # type: ignore[no-untyped-def]
    import csv

    services.importer.export(actors["clerk"], "incoming", path)
    with open(path, encoding="utf-8-sig") as f:
        return list(csv.reader(f))


def _audit_actions(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [r[0] for r in con.execute("SELECT action FROM audit_log ORDER BY id")]
    finally:
        con.close()


def test_manual_backup_carries_its_manifest_and_is_audited(services, actors, tmp_path):
    _receive(services, actors, 3)
    entry = services.backup.backup(actors["sysadmin"], tmp_path / "out.sqlite")
    m = Manifest.from_json(sidecar(entry.path).read_text(encoding="utf-8"))
    assert m.counts["incoming"] == 3 and m.counts["outgoing"] == 0 and m.titles["incoming"] == "收文登记"
    assert m.created_by == "sysadmin" and m.kind == "manual" and not m.encrypted
    from db.migrate import head_revisions

    assert set(m.revisions) == head_revisions()
    con = sqlite3.connect(entry.path)
    head = con.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    con.close()
    assert (m.audit_head_id, m.audit_head_hash) == head
    from app.services.backup.snapshot import chunked_checksum

    assert m.checksum_kind == "blake3-4m" and m.sha256 == chunked_checksum(entry.path)
    db = Path(services.db.url.split("///", 1)[1])
    assert _audit_actions(db)[-1] == "backup"


@pytest.mark.parametrize("kind", ["sha256-4m", "sha256"])
def test_a_backup_of_an_earlier_version_keeps_its_checksum_kind_and_still_verifies(
    services, actors, tmp_path, kind
):  # type: ignore[no-untyped-def]
    """Backups taken before the checksum became chunked BLAKE3 state SHA-256 (chunked, or of the whole file):
    they verify by their own kind, and a changed byte is still refused."""
    from app.services.backup.manifest import file_checksum
    from app.services.backup.store import read_entry, verify_entry

    _receive(services, actors, 3)
    entry = services.backup.backup(actors["sysadmin"], tmp_path / "old.sqlite")
    manifest = json.loads(sidecar(entry.path).read_text(encoding="utf-8"))
    manifest["checksum_kind"], manifest["sha256"] = kind, file_checksum(entry.path, kind)
    assert manifest["sha256"] != entry.manifest.sha256  # another hash of the same bytes
    sidecar(entry.path).write_text(json.dumps(manifest), encoding="utf-8")
    old = read_entry(entry.path)
    assert old is not None and old.manifest is not None and old.manifest.checksum_kind == kind
    assert verify_entry(old) is None
    with open(entry.path, "r+b") as f:  # one byte of the last page changed
        f.seek(-100, 2)
        byte = f.read(1)
        f.seek(-100, 2)
        f.write(bytes([byte[0] ^ 0xFF]))
    assert "校验和与清单不符" in (verify_entry(old) or "")


def test_only_the_system_administrator_backs_up_and_restores_the_auditor_lists(services, actors, tmp_path):
    entry = services.backup.backup(actors["sysadmin"], tmp_path / "a.sqlite")
    for who in ("clerk", "auditor", "secadmin"):
        with pytest.raises(PermissionDenied):
            services.backup.backup(actors[who], tmp_path / f"{who}.sqlite")
        with pytest.raises(PermissionDenied):
            services.backup.restore(actors[who], entry.path)
    assert [e.path for e in services.backup.list(actors["auditor"], tmp_path)] == [entry.path]
    for who in ("clerk", "secadmin"):
        with pytest.raises(PermissionDenied):
            services.backup.list(actors[who], tmp_path)


def test_restore_gives_back_every_record_and_is_audited_in_the_restored_database(services, actors, tmp_path):
    _receive(services, actors, 5)
    before = _export(services, actors, tmp_path / "before.csv")
    entry = services.backup.backup(actors["sysadmin"], tmp_path / "b.sqlite")
    later = _receive(services, actors, 2, start=6)
    report = services.backup.restore(actors["sysadmin"], entry.path)
    assert _export(services, actors, tmp_path / "after.csv") == before
    # what may be missing: the two saved after the backup, as the replaced database's audit log shows them
    assert [c.what for c in report.missing if c.action.startswith("新建")] == [f"收文登记 {n}" for n in later]
    assert "可能已丢失" in report.text() and later[0] in report.text()
    assert report.previous_copy is not None and report.previous_copy.exists() and not report.previous_damaged
    db = Path(services.db.url.split("///", 1)[1])
    assert "restore" in _audit_actions(db)[-3:]
    assert services.audit.verify().ok
    # the replaced database was kept as a backup that can itself be restored: the two records come back
    services.backup.restore(actors["sysadmin"], report.previous_copy)
    assert len(_export(services, actors, tmp_path / "again.csv")) == len(before) + 2


def test_encrypted_backup_round_trip_wrong_password_and_changed_byte(services, actors, tmp_path):
    _receive(services, actors, 2)
    before = _export(services, actors, tmp_path / "before.csv")
    entry = services.backup.backup(actors["sysadmin"], tmp_path / "carry.cobak", password="Carry#2026")
    raw = entry.path.read_bytes()
    assert b"SQLite format 3" not in raw and "收文".encode() not in raw and not sidecar(entry.path).exists()
    with pytest.raises(BackupRefused, match="密码不正确"):
        services.backup.restore(actors["sysadmin"], entry.path, "wrong-password")
    with pytest.raises(BackupRefused, match="加密备份，请输入备份密码"):
        services.backup.restore(actors["sysadmin"], entry.path, None)
    for offset in (len(raw) // 2, len(raw) - 1):
        changed = bytearray(raw)
        changed[offset] ^= 0x01
        (tmp_path / "changed.cobak").write_bytes(bytes(changed))
        with pytest.raises(BackupRefused, match="已被改动或损坏"):
            services.backup.restore(actors["sysadmin"], tmp_path / "changed.cobak", "Carry#2026")
    (tmp_path / "cut.cobak").write_bytes(raw[: len(raw) - 5000])
    with pytest.raises(BackupRefused, match="已被改动或损坏"):
        services.backup.restore(actors["sysadmin"], tmp_path / "cut.cobak", "Carry#2026")
    _receive(services, actors, 1, start=3)
    services.backup.restore(actors["sysadmin"], entry.path, "Carry#2026")
    assert _export(services, actors, tmp_path / "after.csv") == before


def test_a_plain_backup_with_a_changed_byte_or_no_manifest_is_refused(services, actors, tmp_path):
    entry = services.backup.backup(actors["sysadmin"], tmp_path / "p.sqlite")
    data = bytearray(entry.path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    entry.path.write_bytes(bytes(data))
    with pytest.raises(BackupRefused, match="校验和与清单不符"):
        services.backup.restore(actors["sysadmin"], entry.path)
    sidecar(entry.path).unlink()
    with pytest.raises(BackupRefused, match="缺少备份清单"):
        services.backup.restore(actors["sysadmin"], entry.path)


def test_a_backup_from_a_newer_version_is_refused(services, actors, tmp_path):
    entry = services.backup.backup(actors["sysadmin"], tmp_path / "n.sqlite")
    con = sqlite3.connect(entry.path)
    con.execute("INSERT INTO alembic_version VALUES ('9999_future')")
    con.commit()
    con.close()
    from app.services.backup.manifest import describe

    m = describe(
        entry.path,
        services.backup.registers(),
        created_by="x",
        created_at="2026-01-01T00:00:00",
        kind="manual",
        source="",
    )
    sidecar(entry.path).write_text(m.to_json(), encoding="utf-8")
    with pytest.raises(BackupRefused, match="更新版本的程序"):
        services.backup.restore(actors["sysadmin"], entry.path)


def test_a_backup_from_the_earlier_release_is_upgraded_after_restore_with_its_data(
    services, actors, tmp_path
):
    """tests/fixtures/release_0_1.sqlite (revisions 0001-0003, demo data): backed up by that file's content,
    restored here, upgraded to head; every register's rows and the audit chain intact."""
    from app.services.backup.store import take_backup
    from db.migrate import head_revisions

    release = tmp_path / "release.sqlite"
    shutil.copy(Path(__file__).resolve().parents[1] / "fixtures" / "release_0_1.sqlite", release)
    entry = take_backup(
        release,
        tmp_path / "release-backup.sqlite",
        registers=services.backup.registers(),
        created_by="sysadmin",
        kind="manual",
    )
    assert entry.manifest is not None
    assert set(entry.manifest.revisions) == {"0002_documents", "0003_telegrams"}
    report = services.backup.restore(actors["sysadmin"], entry.path)
    assert report.upgraded and "升级到当前版本" in report.text()
    src = Path(services.db.url.split("///", 1)[1])
    con = sqlite3.connect(src)
    assert {r[0] for r in con.execute("SELECT version_num FROM alembic_version")} == head_revisions()
    con.close()
    after = services.backup.backup(actors["sysadmin"], tmp_path / "after.sqlite").manifest
    assert after is not None and after.counts["incoming"] == 802
    # every register the release had keeps its rows; registers added since then start empty
    assert {k: after.counts[k] for k in entry.manifest.counts} == entry.manifest.counts
    assert not any(n for k, n in after.counts.items() if k not in entry.manifest.counts)
    assert services.audit.verify().ok


def _entry(ts: datetime) -> BackupEntry:
    return BackupEntry(
        Path(f"/nonexistent/auto-{ts:%Y%m%d%H%M%S}.sqlite"), False, None, ts.isoformat(), "auto", 1
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=400 * 24), min_size=1, max_size=60, unique=True),
    st.integers(0, 10),
    st.integers(0, 6),
    st.integers(0, 14),
)
def test_rotation_keeps_the_newest_of_each_recent_day_week_and_month(hours, daily, weekly, monthly):
    base = datetime(2026, 12, 1, 23, 0)
    entries = [_entry(base - timedelta(hours=h)) for h in hours]
    kept, removed = rotate(entries, daily, weekly, monthly)
    kept_times = {datetime.fromisoformat(e.created_at) for e in kept}
    assert len(kept) + len(removed) == len(entries)
    assert max(datetime.fromisoformat(e.created_at) for e in entries) in kept_times  # the newest always
    assert len(kept) <= 1 + daily + weekly + monthly
    days = sorted({datetime.fromisoformat(e.created_at).date() for e in entries}, reverse=True)[:daily]
    for day in days:  # the newest backup of each of the last `daily` days that have one
        newest = max(datetime.fromisoformat(e.created_at) for e in entries if e.created_at[:10] == str(day))
        assert newest in kept_times


def test_automatic_backups_go_to_the_set_folder_and_are_rotated(services, actors, tmp_path):
    folder = tmp_path / "auto"
    services.office_settings.set(actors["sysadmin"], "backup.folder", str(folder))
    services.office_settings.set(actors["sysadmin"], "backup.keep_daily", "2")
    services.office_settings.set(actors["sysadmin"], "backup.keep_weekly", "0")
    services.office_settings.set(actors["sysadmin"], "backup.keep_monthly", "0")
    with pytest.raises(Exception, match="完整路径"):
        services.office_settings.set(actors["sysadmin"], "backup.folder", "relative/dir")
    first = services.backup.auto_backup()
    assert first is not None and first.path.parent == folder
    assert services.backup.auto_backup(force=False) is None  # the daily one is done already
    # pretend the first one was made two and three days ago: rotation keeps the newest of 2 days
    for days, name in ((3, "a"), (2, "b")):
        m = json.loads(sidecar(first.path).read_text(encoding="utf-8"))
        m["created_at"] = (datetime.now() - timedelta(days=days)).isoformat(timespec="seconds")
        old = folder / f"{name}.sqlite"
        old.write_bytes(first.path.read_bytes())
        sidecar(old).write_text(json.dumps(m, ensure_ascii=False), encoding="utf-8")
    services.backup.auto_backup()
    names = sorted(p.name for p in folder.iterdir() if not p.name.endswith(".json"))
    assert "a.sqlite" not in names and "b.sqlite" in names and len(names) == 2

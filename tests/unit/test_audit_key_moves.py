"""A database carried to another confidential machine keeps a verifiable audit chain: an encrypted backup
carries its audit key (inside the ciphertext), a plain copy does not, and a database keyed by a key this
machine does not hold is refused before anything is written to it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from app.services.audit_key import UnknownAuditKey, key_id, key_of_file, known_keys, machine_key
from app.services.backup import BackupRefused
from app.services.backup.restore import restore_database
from tests.support.writer import doc


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _other_machine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("COUNTY_OFFICE_HOME", str(tmp_path / "machine-b"))


def test_a_database_keyed_elsewhere_is_refused_untouched(services, actors, db_path, tmp_path, monkeypatch):
    from app.bootstrap import open_services

    services.service("documents").incoming.receive(actors["clerk"], doc(1))
    services.close()
    before = _digest(db_path)
    kid = key_id(machine_key())
    _other_machine(monkeypatch, tmp_path)
    with pytest.raises(UnknownAuditKey) as refused:
        open_services(str(db_path))
    assert kid in refused.value.message and "加密备份" in refused.value.message
    assert _digest(db_path) == before  # not a byte written under the wrong key


def test_an_encrypted_backup_carries_the_key_a_plain_one_does_not(services, actors, tmp_path, monkeypatch):
    from app.bootstrap import open_services

    number = services.service("documents").incoming.receive(actors["clerk"], doc(1)).record["number"]
    carry = services.backup.backup(actors["sysadmin"], tmp_path / "carry.cobak", password="Carry#2026").path
    plain = services.backup.backup(actors["sysadmin"], tmp_path / "plain.sqlite").path
    home_key = machine_key()
    assert home_key.hex().encode() not in plain.read_bytes()
    assert home_key.hex().encode() not in carry.read_bytes()  # only inside the ciphertext
    registers = services.backup.registers()
    admin = actors["sysadmin"]
    services.close()

    _other_machine(monkeypatch, tmp_path)
    assert key_id(machine_key()) != key_id(home_key)
    target = tmp_path / "machine-b" / "office.sqlite"
    common = dict(registers=registers, backup_dir=tmp_path / "b-backups", authorize=lambda _p: admin)
    with pytest.raises(BackupRefused, match="另一台计算机"):
        restore_database(target, plain, password=None, **common)
    assert key_id(home_key) not in {key_id(k) for k in known_keys()}

    restore_database(target, carry, password="Carry#2026", **common)
    assert key_id(home_key) in {key_id(k) for k in known_keys()}
    assert key_of_file(target) == home_key
    moved = open_services(str(target))  # opens, and writes go on under the database's own key
    try:
        clerk = _actor(moved, "clerk")
        assert moved.service("documents").incoming.receive(clerk, doc(2)).record["number"] != number
        assert moved.audit.verify().ok
    finally:
        moved.close()


def _actor(services, login):  # type: ignore[no-untyped-def]
    from tests.conftest import actor_for

    return actor_for(services, login)

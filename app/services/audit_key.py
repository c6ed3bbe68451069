"""The machine's audit key: a random 256-bit secret in the protected configuration folder (outside the
database), with which every audit entry's hash is an HMAC — so whoever holds only the database file can no
longer rewrite the log and recompute the chain.

A database keeps the key it was keyed with (its head anchor names the key's public id). A database brought
from another machine — restored from an encrypted backup, which carries its key inside the ciphertext —
adds that key to this machine's keyring (``audit-keys/<id>.key`` beside the machine key), so its chain
still verifies and grows under the same key. A database keyed by a key this machine does not hold is never
written to: appending under another key would break a chain nobody here can verify."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.errors import DatabaseUnavailable

if TYPE_CHECKING:
    from db.engine import Database

KEY_FILE = "audit.key"
KEYRING_DIR = "audit-keys"
HEAD_SETTING = "audit_head"  # the settings row of the chain's head anchor (app.services.audit.HEAD_KEY)


class UnknownAuditKey(DatabaseUnavailable):
    """The database's audit chain is keyed by a key this machine does not hold."""

    code = "unknown_audit_key"

    def __init__(self, kid: str) -> None:
        self.key_id = kid
        super().__init__(
            f"此数据库的审计日志由另一台计算机的审计密钥保护（密钥标识 {kid}），本机没有该密钥：在本机写入会使"
            "审计日志无法验证，因此未打开。请在原计算机上制作加密备份（加密备份携带审计密钥），再在本机用"
            "“恢复”导入；数据未作任何改动。"
        )


def key_path(folder: Path | None = None) -> Path:
    from app import paths

    return (folder or paths.config_dir()) / KEY_FILE


def machine_key(folder: Path | None = None) -> bytes:
    """The key, created on first use (owner-only file; on Windows the user profile's ACL protects it)."""
    path = key_path(folder)
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        pass
    key = secrets.token_bytes(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first: use theirs
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key.hex())
        f.flush()
        os.fsync(f.fileno())
    return key


def _write_private(path: Path, key: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key.hex())
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def known_keys(folder: Path | None = None) -> list[bytes]:
    """The machine's own key first, then the keys of databases brought here from other machines."""
    keys = [machine_key(folder)]
    ring = key_path(folder).parent / KEYRING_DIR
    if ring.is_dir():
        for p in sorted(ring.glob("*.key")):
            try:
                keys.append(bytes.fromhex(p.read_text(encoding="ascii").strip()))
            except (OSError, ValueError):
                continue  # an unreadable entry is simply not a key this machine holds
    return keys


def add_key(key: bytes, folder: Path | None = None) -> str:
    """Keep a key of another machine's database in this machine's keyring; returns its public id."""
    kid = key_id(key)
    if all(key_id(k) != kid for k in known_keys(folder)):
        ring = key_path(folder).parent / KEYRING_DIR
        ring.mkdir(mode=0o700, parents=True, exist_ok=True)
        _write_private(ring / f"{kid}.key", key)
    return kid


def anchor_key_id(anchor: str | None) -> str | None:
    """The key id a head anchor names (None: no anchor yet, or an old unkeyed chain)."""
    if not anchor:
        return None
    try:
        value = json.loads(anchor)
    except ValueError:
        return None
    kid = value.get("key") if isinstance(value, dict) else None
    return str(kid) if kid else None


def key_for(kid: str | None, folder: Path | None = None, extra: Iterable[bytes] = ()) -> bytes:
    """The key with that id (the machine's key for a new or unkeyed database), else UnknownAuditKey."""
    keys = known_keys(folder)
    if kid is None:
        return keys[0]
    for k in (*keys, *extra):
        if key_id(k) == kid:
            return k
    raise UnknownAuditKey(kid)


def key_of_file(path: Path, folder: Path | None = None, extra: Iterable[bytes] = ()) -> bytes:
    """The audit key of a SQLite database file, read without writing to it."""
    anchor = None
    try:
        name = str(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
        con = sqlite3.connect(f"file:{name}?mode=ro", uri=True, timeout=30)
        try:
            row = con.execute("SELECT value FROM settings WHERE key = ?", (HEAD_SETTING,)).fetchone()
            anchor = row[0] if row else None
        finally:
            con.close()
    except sqlite3.Error:
        pass  # no settings table yet (a new file) or unreadable: whoever opens it next says what is wrong
    return key_for(anchor_key_id(anchor), folder, extra)


def key_id(key: bytes) -> str:
    """A public fingerprint of the key (which key signed a log, without revealing it)."""
    return hmac.new(key, b"county-office audit key id", hashlib.sha256).hexdigest()[:16]


def mac(key: bytes, text: str) -> str:
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


def keyed(db: Database) -> Database:
    """The database set to write its audit chain with its own key: the key its head anchor names, from this
    machine's keyring (the machine's key for a new database); UnknownAuditKey when it was keyed elsewhere by
    a key not held here. Call it again after a restore replaced the database."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    try:
        with db.read() as s:
            anchor = s.execute(
                text("SELECT value FROM settings WHERE key = :k"), {"k": HEAD_SETTING}
            ).scalar()
    except DBAPIError:  # a new database: no settings table yet
        anchor = None
    db.set_audit_key(key_for(anchor_key_id(anchor)))
    return db

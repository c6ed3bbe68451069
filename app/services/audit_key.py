"""The machine's audit key: a random 256-bit secret in the protected configuration folder (outside the
database), with which every audit entry's hash is an HMAC — so whoever holds only the database file can no
longer rewrite the log and recompute the chain."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

KEY_FILE = "audit.key"


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


def key_id(key: bytes) -> str:
    """A public fingerprint of the key (which key signed a log, without revealing it)."""
    return hmac.new(key, b"county-office audit key id", hashlib.sha256).hexdigest()[:16]


def mac(key: bytes, text: str) -> str:
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()

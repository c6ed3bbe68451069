"""What a backup says about itself (清单): schema revision, record counts per register, the audit head, who
made it and when, and the checksum of the database file. A plain backup keeps it beside the file
(``FILE.manifest.json``); an encrypted one carries it inside the ciphertext."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

FORMAT = 1
SIDECAR = ".manifest.json"
KIND_LABELS = {
    "auto": "自动备份",
    "manual": "手动备份",
    "before-restore": "恢复前备份",
    "damaged": "损坏文件留存",
}


@dataclass(frozen=True)
class Manifest:
    created_at: str  # ISO time, local
    created_by: str
    kind: str
    source: str
    revisions: tuple[str, ...]
    counts: Mapping[str, int]  # register key -> rows (voided ones included: they are records too)
    titles: Mapping[str, str]
    audit_head_id: int
    audit_head_hash: str
    sha256: str
    size: int
    app_version: str = ""
    encrypted: bool = False
    format: int = FORMAT
    extra: Mapping[str, Any] = field(default_factory=dict)
    # how `sha256` was computed: "sha256" (the whole file, as sha256sum prints it: manifests of earlier
    # versions), "sha256-4m" (SHA-256 of the 4 MiB chunks' SHA-256 digests) or "blake3-4m" (the same with
    # BLAKE3, what backups take now: see snapshot.py)
    checksum_kind: str = "sha256"

    @property
    def checksum_label(self) -> str:
        return {"blake3-4m": "分块 BLAKE3（4 MiB）", "sha256-4m": "分块 SHA-256（4 MiB）"}.get(
            self.checksum_kind, "SHA-256"
        )

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def total_records(self) -> int:
        return sum(self.counts.values())

    def counts_text(self) -> str:
        return "，".join(f"{self.titles.get(k, k)} {n} 条" for k, n in self.counts.items()) or "无登记记录"

    def to_json(self) -> str:
        data = asdict(self)
        data["revisions"] = list(self.revisions)
        data["counts"], data["titles"], data["extra"] = dict(self.counts), dict(self.titles), dict(self.extra)
        return json.dumps(data, ensure_ascii=False, indent=1)  # counts keep the registers' order

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("不是本程序的备份清单，或清单版本不受支持")
        known = set(cls.__dataclass_fields__)
        data = {k: v for k, v in data.items() if k in known}
        data["revisions"] = tuple(data.get("revisions") or ())
        return cls(**data)


def sidecar(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR)


def sha256_file(path: Path) -> str:
    """SHA-256 of the file (what `sha256sum` prints), reading the next chunk while this one is hashed
    (both release the GIL), so a large backup is not read and hashed one after the other."""
    from concurrent.futures import ThreadPoolExecutor

    h = hashlib.sha256()
    size = 8 << 20
    with open(path, "rb", buffering=0) as f, ThreadPoolExecutor(1) as reader:
        pending = reader.submit(f.read, size)
        while chunk := pending.result():
            pending = reader.submit(f.read, size)
            h.update(chunk)
    return h.hexdigest()


def open_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection that never creates -wal/-shm beside a backup (immutable: nobody writes it)."""
    return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)


def _tables(con: sqlite3.Connection) -> set[str]:
    return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def describe(
    path: Path,
    registers: Mapping[str, tuple[str, str, str]],
    *,
    created_by: str,
    created_at: str,
    kind: str,
    source: str,
    checksum: str | None = None,
) -> Manifest:
    """The manifest of a finished (not WAL, nobody writing) database file. registers: key -> (title, table,
    series). checksum: the file's chunked checksum when the copy already computed it."""
    from app import __version__
    from app.services.backup.snapshot import CHUNKED, chunked_checksum

    with open_readonly(path) as con:
        tables = _tables(con)
        revisions: tuple[str, ...] = ()
        if "alembic_version" in tables:
            revisions = tuple(sorted(r[0] for r in con.execute("SELECT version_num FROM alembic_version")))
        counts, titles = {}, {}
        for key, (title, table, series) in registers.items():
            if table in tables:
                where, params = (" WHERE series = ?", (series,)) if series else ("", ())
                counts[key] = int(con.execute(f'SELECT count(*) FROM "{table}"{where}', params).fetchone()[0])
                titles[key] = title
        head = (
            con.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
            if ("audit_log" in tables)
            else None
        )
    con.close()
    return Manifest(
        created_at=created_at,
        created_by=created_by,
        kind=kind,
        source=source,
        revisions=revisions,
        counts=counts,
        titles=titles,
        audit_head_id=int(head[0]) if head else 0,
        audit_head_hash=str(head[1]) if head else "",
        sha256=checksum or chunked_checksum(path),
        size=path.stat().st_size,
        app_version=__version__,
        checksum_kind=CHUNKED,
    )


def file_checksum(path: Path, kind: str) -> str:
    """The checksum of a file as a manifest of that kind states it."""
    from app.services.backup.snapshot import CHUNKED_KINDS, chunked_checksum

    return chunked_checksum(path, kind) if kind in CHUNKED_KINDS else sha256_file(path)


def write_atomically(path: Path, data: bytes) -> None:
    part = path.with_name(path.name + ".part")
    with open(part, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(part, path)

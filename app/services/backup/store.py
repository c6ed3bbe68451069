"""Backup files on disk: taking one with SQLite's online backup API (consistent while others write),
listing a folder with the manifests, rotating the automatic ones (daily/weekly/monthly), and opening one
for a restore with every check done first (checksum, integrity_check, schema revision, audit chain)."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.kit.registers.base import Register
from app.services.backup import crypto
from app.services.backup.crypto import BackupRefused
from app.services.backup.manifest import Manifest, describe, file_checksum, sidecar, write_atomically
from app.services.backup.snapshot import snapshot

Registers = Mapping[str, tuple[str, str, str]]  # register key -> (title, table, series or "")
PLAIN_SUFFIX, ENCRYPTED_SUFFIX = ".sqlite", ".cobak"


def register_tables(registers: Iterable[Register]) -> dict[str, tuple[str, str, str]]:
    return {r.key: (r.title, r.model.__tablename__, r.series_value) for r in registers}


def default_registers() -> dict[str, tuple[str, str, str]]:
    """Every register this build declares (for the CLI on a database that cannot be opened normally)."""
    from app.areas import all_areas

    return register_tables(r for a in all_areas() for r in a.registers)


@dataclass(frozen=True)
class BackupEntry:
    path: Path
    encrypted: bool
    manifest: Manifest | None  # None: encrypted (inside the ciphertext) or the sidecar is missing
    created_at: str
    kind: str
    size: int
    problem: str = ""
    created_by: str = ""

    @property
    def source(self) -> str:
        return self.manifest.source if self.manifest else ""


def backup_name(db_path: Path, kind: str, encrypted: bool, now: datetime) -> str:
    suffix = ENCRYPTED_SUFFIX if encrypted else PLAIN_SUFFIX
    return f"{db_path.stem}-{now:%Y%m%d-%H%M%S}-{kind}{suffix}"


def unique(path: Path) -> Path:
    n, candidate = 1, path
    while candidate.exists() or sidecar(candidate).exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def take_backup(
    src: Path,
    dest: Path,
    *,
    registers: Registers,
    created_by: str,
    kind: str,
    password: str | None = None,
    extra: Mapping[str, object] | None = None,
) -> BackupEntry:
    """Back src up into dest (a plain .sqlite + its manifest, or one encrypted file when password is set)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    now = datetime.now()
    work = dest.with_name(dest.name + ".snapshot")
    try:
        if not src.exists():
            raise BackupRefused(f"数据库文件不存在：{src}")
        checksum = snapshot(src, work)
        manifest = describe(
            work,
            registers,
            created_by=created_by,
            created_at=now.isoformat(timespec="seconds"),
            kind=kind,
            source=str(src),
            checksum=checksum,
        )
        if password:
            manifest = _replace(manifest, encrypted=True, extra=dict(extra or {}))
            public = {"created_at": manifest.created_at, "created_by": created_by, "kind": kind}
            crypto.encrypt_file(work, _with_audit_key(manifest, work), dest, password, public)
            work.unlink()
        else:
            manifest = _replace(manifest, extra=dict(extra or {}))
            os.replace(work, dest)
            write_atomically(sidecar(dest), manifest.to_json().encode("utf-8"))
    finally:
        work.unlink(missing_ok=True)
    return BackupEntry(
        dest, bool(password), manifest, manifest.created_at, kind, dest.stat().st_size, "", created_by
    )


CARRIED_KEY = "audit_key"  # inside an encrypted backup's ciphertext only, never in a plain manifest


def _with_audit_key(manifest: Manifest, db_file: Path) -> str:
    """The manifest text an encrypted backup carries: with the database's audit key, so that the database
    restored on another confidential machine keeps a verifiable chain (the password protects the key as it
    protects the records; a plain backup never carries it)."""
    import json

    from app.services.audit_key import key_of_file

    data = json.loads(manifest.to_json())
    data[CARRIED_KEY] = key_of_file(db_file).hex()
    return json.dumps(data, ensure_ascii=False, indent=1)


def _carried_key(text: str) -> tuple[bytes, ...]:
    import json

    try:
        value = json.loads(text).get(CARRIED_KEY)
        return (bytes.fromhex(value),) if isinstance(value, str) else ()
    except (ValueError, AttributeError):
        return ()


def _replace(m: Manifest, **changes: object) -> Manifest:
    from dataclasses import replace

    return replace(m, **changes)  # type: ignore[arg-type]


def read_entry(path: Path) -> BackupEntry | None:
    """The backup at path with what can be known without a password; None when it is not a backup."""
    try:
        size = path.stat().st_size
    except OSError:
        return None
    if crypto.is_encrypted(path):
        try:
            public = crypto.read_header(path).get("public", {})
        except BackupRefused as e:
            return BackupEntry(path, True, None, "", "", size, e.message)
        return BackupEntry(
            path,
            True,
            None,
            public.get("created_at", ""),
            public.get("kind", ""),
            size,
            "",
            public.get("created_by", ""),
        )
    if path.suffix != PLAIN_SUFFIX:
        return None
    mtime = datetime.fromtimestamp(path.stat().st_mtime).isoformat(timespec="seconds")
    try:
        manifest = Manifest.from_json(sidecar(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        if not re.search(r"-\d{8}-\d{6}", path.name):
            return None  # some other database (the live one may share the folder), not a backup
        return BackupEntry(path, False, None, mtime, "", size, "缺少清单文件，无法校验")
    except (ValueError, TypeError, OSError) as e:
        return BackupEntry(path, False, None, mtime, "", size, f"清单文件无法读取：{e}")
    return BackupEntry(
        path, False, manifest, manifest.created_at, manifest.kind, size, "", manifest.created_by
    )


def list_backups(folders: Iterable[Path]) -> list[BackupEntry]:
    """Every backup in the folders, newest first (a folder that does not exist is simply empty)."""
    seen: set[Path] = set()
    entries = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if path.resolve() in seen or path.name.endswith((".part", ".snapshot", ".json")):
                continue
            seen.add(path.resolve())
            entry = read_entry(path)
            if entry is not None:
                entries.append(entry)
    return sorted(entries, key=lambda e: (e.created_at, e.path.name), reverse=True)


def rotate(
    entries: Iterable[BackupEntry], daily: int, weekly: int, monthly: int
) -> tuple[list[BackupEntry], list[BackupEntry]]:
    """(kept, removed) among automatic backups of one database: the newest of each of the last `daily` days,
    `weekly` ISO weeks and `monthly` months that have a backup; the newest one is always kept."""
    autos = sorted((e for e in entries if e.kind == "auto"), key=lambda e: e.created_at, reverse=True)
    keep: set[Path] = {autos[0].path} if autos else set()
    for limit, period in (
        (daily, lambda t: t.date()),
        (weekly, lambda t: t.isocalendar()[:2]),
        (monthly, lambda t: (t.year, t.month)),
    ):
        periods: set[object] = set()
        for e in autos:
            key = period(datetime.fromisoformat(e.created_at))
            if key not in periods and len(periods) < limit:
                periods.add(key)
                keep.add(e.path)
    kept = [e for e in autos if e.path in keep]
    removed = [e for e in autos if e.path not in keep]
    for e in removed:
        e.path.unlink(missing_ok=True)
        sidecar(e.path).unlink(missing_ok=True)
    return kept, removed


@dataclass(frozen=True)
class StagedBackup:
    path: Path  # a private working copy, safe to upgrade and to write to
    manifest: Manifest
    older: bool  # made by an earlier schema revision: upgraded before it replaces anything


def stage(backup: Path, password: str | None, work: Path) -> StagedBackup:
    """A verified working copy of the backup, or BackupRefused saying which check failed."""
    from db.migrate import head_revisions, known_revisions

    if not backup.exists():
        raise BackupRefused(f"备份文件不存在：{backup}")
    staged = work / "staged.sqlite"
    carried: tuple[bytes, ...] = ()
    if crypto.is_encrypted(backup):
        if not password:
            raise BackupRefused("这是加密备份，请输入备份密码")
        text = crypto.decrypt_file(backup, password, staged)
        carried = _carried_key(text)
    else:
        try:
            text = sidecar(backup).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise BackupRefused(f"缺少备份清单（{sidecar(backup).name}），无法校验该备份") from None
        shutil.copyfile(backup, staged)
    try:
        manifest = Manifest.from_json(text)
    except (ValueError, TypeError) as e:
        raise BackupRefused(f"备份清单无法读取：{e}") from None
    if file_checksum(staged, manifest.checksum_kind) != manifest.sha256:
        raise BackupRefused("备份文件的校验和与清单不符：文件已被改动或损坏，不能使用")
    from app.services.backup.health import full_check

    report = full_check(staged, extra_keys=carried)
    if not report.integrity_ok:
        raise BackupRefused("备份文件本身已损坏（integrity_check）：" + "；".join(report.problems[:3]))
    newer = set(manifest.revisions) - known_revisions()
    if newer:
        raise BackupRefused(
            f"该备份由更新版本的程序创建（数据库版本 {', '.join(sorted(newer))}），本程序不能恢复。请先升级程序。"
        )
    if not report.chain_ok:
        reason = report.chain.reason if report.chain else report.chain_error
        raise BackupRefused(f"备份中的审计日志校验失败：{reason}")
    from app.kit.files.check import verify_files_at

    files = verify_files_at(staged)  # the scans and drafts kept with the records, hash by hash
    if not files.ok:
        raise BackupRefused("备份中记录所附文件校验失败：" + "；".join(p.text() for p in files.problems[:3]))
    if carried:  # verified with it: this machine may now hold the database (and later open it) with its key
        from app.services.audit_key import add_key

        add_key(carried[0])
    return StagedBackup(staged, manifest, set(manifest.revisions) != head_revisions())


def verify_entry(entry: BackupEntry) -> str | None:
    """None when the (plain) backup passes every check of a restore, else what failed."""
    import tempfile

    with tempfile.TemporaryDirectory() as work:
        try:
            stage(entry.path, None, Path(work))
        except BackupRefused as e:
            return e.message
    return None


def newest_verified(folders: Iterable[Path], db_path: Path) -> Path | None:
    """The newest plain backup of this database that passes every check (another database's as a fallback)."""
    entries = [e for e in list_backups(folders) if not e.encrypted and e.manifest and e.kind != "damaged"]
    ours = [e for e in entries if e.source == str(db_path.resolve())]
    for e in ours or entries:
        if verify_entry(e) is None:
            return e.path
    return None

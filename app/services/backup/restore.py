"""Putting a verified backup in place of the current database: the current one is kept first (a backup
when it is sound, the raw files when it is damaged), an older schema is upgraded, the restore is audited
in the restored database, and the report says what may be missing (what the old audit log shows after the
backup's audit head)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from app.services import audit
from app.services.actor import Actor
from app.services.backup.health import structure_check
from app.services.backup.manifest import Manifest
from app.services.backup.store import Registers, StagedBackup, backup_name, stage, take_backup, unique

# what the audit log shows that is not a change of records
NOT_CHANGES = {
    "login",
    "login_failed",
    "logout",
    "lock",
    "unlock",
    "unlock_failed",
    "backup",
    "view",
    "print",
}


@dataclass(frozen=True)
class MissingChange:
    ts: str
    user: str
    action: str
    what: str


@dataclass(frozen=True)
class RestoreReport:
    backup: Path
    manifest: Manifest
    upgraded: bool
    previous_copy: Path | None  # where the replaced database was kept
    previous_damaged: bool
    missing: tuple[MissingChange, ...]
    missing_note: str = ""

    def text(self) -> str:
        m = self.manifest
        lines = [
            f"已从备份恢复：{self.backup.name}",
            f"备份时间：{m.created_at.replace('T', ' ')}（{m.kind_label}，{m.created_by}）",
            f"恢复的记录：{m.counts_text()}",
        ]
        if self.upgraded:
            lines.append("该备份来自较早的数据库版本，恢复后已升级到当前版本。")
        if self.previous_copy:
            state = "（已损坏，原样留存）" if self.previous_damaged else ""
            lines.append(f"恢复前的数据库已另存为：{self.previous_copy}{state}")
        if self.missing_note:
            lines.append(self.missing_note)
        if self.missing:
            lines.append(
                f"备份时间之后、原数据库审计日志中记录的 {len(self.missing)} 条记录的变动可能已丢失，请核对补录："
            )
            lines += [f"  {c.ts}  {c.user}  {c.action}  {c.what}" for c in self.missing[:200]]
            if len(self.missing) > 200:
                lines.append(f"  ……另有 {len(self.missing) - 200} 项")
        elif not self.missing_note:
            lines.append("原数据库的审计日志中没有备份时间之后的记录变动。")
        return "\n".join(lines)


def keep_previous(db_path: Path, backup_dir: Path, registers: Registers, by: str) -> tuple[Path | None, bool]:
    """Keep the database about to be replaced: a proper backup when it is sound, else the raw files."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None, False
    now = datetime.now()
    if structure_check(db_path, "quick_check").integrity_ok:
        dest = unique(backup_dir / backup_name(db_path, "before-restore", False, now))
        try:
            take_backup(db_path, dest, registers=registers, created_by=by, kind="before-restore")
            return dest, False
        except sqlite3.DatabaseError:
            pass  # damaged where quick_check does not look: keep the raw files below
    dest = unique(backup_dir / backup_name(db_path, "damaged", False, now))
    backup_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(db_path, dest)
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, dest.with_name(dest.name + "-wal"))
    return dest, True


def changes_after(previous: Path, manifest: Manifest) -> tuple[list[MissingChange], str]:
    """Record changes in the old audit log after the backup's head, as far as the old file can be read."""
    titles = dict(manifest.titles)
    by_record: dict[tuple[str, str], list[tuple[str, str, str, str]]] = {}
    note = ""
    try:
        con = sqlite3.connect(f"file:{previous}?mode=ro", uri=True)
        try:
            same = con.execute(
                "SELECT hash FROM audit_log WHERE id = ?", (manifest.audit_head_id,)
            ).fetchone()
            if manifest.audit_head_id and (same is None or same[0] != manifest.audit_head_hash):
                note = "原数据库与该备份的审计日志不同源，以下按备份时间之后列出。"
                rows = con.execute(
                    "SELECT ts, user_login, action, object_type, object_id, detail FROM audit_log "
                    "WHERE ts > ? ORDER BY id",
                    (manifest.created_at.replace("T", " "),),
                )
            else:
                rows = con.execute(
                    "SELECT ts, user_login, action, object_type, object_id, detail FROM audit_log "
                    "WHERE id > ? ORDER BY id",
                    (manifest.audit_head_id,),
                )
            for ts, user, action, object_type, object_id, detail in rows:
                if action in NOT_CHANGES:
                    continue
                key = (object_type, object_id or f"#{len(by_record)}")
                if key not in by_record:
                    by_record[key] = []
                by_record[key].append(
                    (
                        str(ts)[:19],
                        user,
                        action,
                        _what(titles.get(object_type, object_type), object_id, detail),
                    )
                )
        finally:
            con.close()
    except sqlite3.Error as e:
        note = (
            note + " " if note else ""
        ) + f"原数据库的审计日志{'只能读出一部分' if by_record else '无法读取'}（{e}）。"
    return [_one_line(changes) for changes in by_record.values()], note.strip()


def _one_line(changes: list[tuple[str, str, str, str]]) -> MissingChange:
    """One line per record: when, who, what was done to it (the labelled actions, and how many in all)."""
    labels = list(dict.fromkeys(audit.ACTION_LABELS[a] for _, _, a, _ in changes if a in audit.ACTION_LABELS))
    action = "、".join(labels) or "操作"
    if len(changes) > 1:
        action += f"（共 {len(changes)} 项操作）"
    users = "、".join(dict.fromkeys(u for _, u, _, _ in changes))
    return MissingChange(changes[0][0], users, action, changes[-1][3])


def _what(title: str, object_id: str, detail: str) -> str:
    try:
        number = json.loads(detail).get("number") if detail.startswith("{") else None
    except ValueError:
        number = None
    return f"{title} {number or ('#' + object_id if object_id else '')}".strip()


def restore_database(
    db_path: Path,
    backup: Path,
    *,
    password: str | None,
    registers: Registers,
    backup_dir: Path,
    authorize: Callable[[Path], Actor],
    live_is_sound: bool | None = None,
) -> RestoreReport:
    """Replace db_path by the verified backup. authorize(staged_copy) returns the 系统管理员 doing it (or
    raises): called after the checks, so a refused backup never asks for more."""
    from app.services.audit_chain import migrate_and_seal
    from db.engine import Database

    db_path = db_path.resolve()
    work = Path(tempfile.mkdtemp(prefix=".restore-", dir=db_path.parent))
    try:
        staged = stage(backup, password, work)
        if staged.older:
            db = Database.open(staged.path)
            try:
                migrate_and_seal(db, db.url, backup_dir=work)  # an older chain is sealed as at start-up
            finally:
                db.dispose()
        actor = authorize(staged.path)
        previous, damaged = keep_previous(db_path, backup_dir, registers, actor.login)
        missing, note = changes_after(previous, staged.manifest) if previous else ([], "")
        sound = (not damaged and previous is not None) if live_is_sound is None else live_is_sound
        _put_in_place(staged.path, db_path, sound)
        _audit_restore(db_path, actor, backup, staged, previous, len(missing))
        return RestoreReport(backup, staged.manifest, staged.older, previous, damaged, tuple(missing), note)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _put_in_place(staged: Path, db_path: Path, live_is_sound: bool) -> None:
    if live_is_sound:
        # into the open database through the backup API: other connections (and processes) see the restored
        # content at their next transaction instead of a file swapped under them
        src, dst = sqlite3.connect(staged), sqlite3.connect(db_path, timeout=30)
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()
        return
    for suffix in ("-wal", "-shm", "-journal"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    shutil.move(str(staged), str(db_path))


def _audit_restore(
    db_path: Path, actor: Actor, backup: Path, staged: StagedBackup, previous: Path | None, missing: int
) -> None:
    from db.engine import Database
    from db.models.core import User

    m = staged.manifest
    db = Database.open(db_path)
    try:
        with db.write() as s:
            user = s.get(User, actor.id) if actor.id else None
            who = actor if user is not None and user.login == actor.login else replace(actor, id=0)
            audit.record(
                s,
                who,
                "restore",
                "database",
                "",
                detail={
                    "file": str(backup),
                    "backup_time": m.created_at,
                    "backup_sha256": m.sha256,
                    "upgraded": staged.older,
                    "previous_copy": str(previous or ""),
                    "possibly_missing": missing,
                },
            )
    finally:
        db.dispose()


def authorize_in(staged: Path, login: str, password: str) -> Actor:
    """The 系统管理员 of the backup being restored (the damaged file's accounts cannot be trusted)."""
    from app.domain.enums import AdminRole
    from app.services.auth import AuthService
    from db.engine import Database

    db = Database.open(staged)
    try:
        actor = AuthService(db).login(login, password)
    finally:
        db.dispose()
    actor.require_admin(AdminRole.SYSTEM, "恢复数据库")
    return actor

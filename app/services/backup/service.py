"""The backup service of an open database: the 系统管理员 backs up (to the backup folder or any file,
optionally encrypted), restores and sets the folder and the rotation; the 安全审计员 may list backups.
Automatic backups (on exit, daily while open) run as the system and are rotated."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from app import paths
from app.domain.enums import AdminRole
from app.domain.errors import PermissionDenied
from app.services import audit
from app.services.actor import SYSTEM_ACTOR, Actor
from app.services.backup.crypto import BackupRefused
from app.services.backup.restore import RestoreReport, restore_database
from app.services.backup.store import (
    BackupEntry,
    backup_name,
    list_backups,
    register_tables,
    rotate,
    take_backup,
    unique,
)
from app.services.office_settings import SettingSpec
from app.services.settings import get_value

if TYPE_CHECKING:
    from app.services.container import Services

FOLDER_KEY = "backup.folder"
ROTATION = {"backup.keep_daily": ("保留每日备份份数", 7), "backup.keep_weekly": ("保留每周备份份数", 4)}
ROTATION["backup.keep_monthly"] = ("保留每月备份份数", 12)
AUTO_EVERY = timedelta(days=1)


def _folder(text: str) -> str:
    text = text.strip()
    if text and not Path(text).expanduser().is_absolute():
        raise ValueError("备份目录应写完整路径，如 D:\\备份 或 /home/用户/备份；留空使用默认目录")
    return str(Path(text).expanduser()) if text else ""


def _count(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or int(text) > 366:
        raise ValueError("应为 0 到 366 之间的整数（0 表示不按该周期保留）")
    return int(text)


def setting_specs() -> list[SettingSpec]:
    """The backup settings, shown and changed with the other 系统设置 (GUI tab and `settings set`)."""
    default = str(paths.backup_dir())
    specs = [SettingSpec(FOLDER_KEY, "备份：自动备份目录", default, "每日及退出时的自动备份存放处", _folder)]
    for key, (label, n) in ROTATION.items():
        specs.append(SettingSpec(key, f"备份：{label}", n, "自动备份按日/周/月轮换，最新一份总保留", _count))
    return specs


@dataclass(frozen=True)
class BackupSettings:
    folder: Path
    keep_daily: int
    keep_weekly: int
    keep_monthly: int


class BackupService:
    def __init__(self, services: Services) -> None:
        self.services = services

    # --- where and how many ---------------------------------------------------------------------------
    @property
    def db_path(self) -> Path | None:
        url = self.services.db.url
        return Path(url.split("///", 1)[1]) if url.startswith("sqlite:///") else None

    def _require_file(self) -> Path:
        path = self.db_path
        if path is None:
            raise BackupRefused(
                "只有 SQLite 数据库文件可以由本程序备份和恢复；PostgreSQL 服务器上的数据库由数据库管理员在服务器上"
                "用 pg_dump 备份、用 pg_restore 恢复（见 README“多台电脑共用一个数据库服务器”）"
            )
        return path

    def settings(self) -> BackupSettings:
        with self.services.db.read() as s:
            folder = get_value(s, FOLDER_KEY) or str(paths.backup_dir())
            counts = [get_value(s, k) for k in ROTATION]
        values = [n if n is not None else ROTATION[k][1] for k, n in zip(ROTATION, counts, strict=True)]
        return BackupSettings(Path(folder), *values)

    def folders(self) -> list[Path]:
        """Where backups of this database may be: the set folder, the default one, backups/ beside it."""
        out = [self.settings().folder, paths.backup_dir()]
        if self.db_path:
            out.append(self.db_path.parent / "backups")
        return list(dict.fromkeys(out))

    def registers(self) -> dict[str, tuple[str, str, str]]:
        return register_tables(self.services.catalog)

    # --- backing up -----------------------------------------------------------------------------------
    def backup(self, actor: Actor, out: Path | None = None, password: str | None = None) -> BackupEntry:
        actor.require_admin(AdminRole.SYSTEM, "备份数据库")
        return self._backup(actor, out, password, "manual")

    def _backup(self, actor: Actor, out: Path | None, password: str | None, kind: str) -> BackupEntry:
        src = self._require_file()
        if out is None:
            out = unique(self.settings().folder / backup_name(src, kind, bool(password), datetime.now()))
        elif out.is_dir():
            out = unique(out / backup_name(src, kind, bool(password), datetime.now()))
        if out.resolve() == src.resolve():
            raise BackupRefused("备份文件不能是数据库文件本身")
        try:
            entry = take_backup(
                src, out, registers=self.registers(), created_by=actor.login, kind=kind, password=password
            )
        except OSError as e:
            raise BackupRefused(f"无法写入备份文件 {out}：{e.strerror or e}") from None
        m = entry.manifest
        assert m is not None
        with self.services.db.write() as s:
            audit.record(
                s,
                actor,
                "backup",
                "database",
                "",
                detail={
                    "file": str(out),
                    "kind": kind,
                    "encrypted": entry.encrypted,
                    "sha256": m.sha256,
                    "records": m.total_records,
                    "audit_head": m.audit_head_id,
                },
            )
        return entry

    def auto_backup(self, force: bool = True) -> BackupEntry | None:
        """An automatic backup (on exit: force; the daily timer: only when the newest is a day old), rotated."""
        if self.db_path is None:
            return None
        if not force:
            newest = self.newest_auto()
            if newest and datetime.now() - datetime.fromisoformat(newest.created_at) < AUTO_EVERY:
                return None
        entry = self._backup(SYSTEM_ACTOR, None, None, "auto")
        cfg = self.settings()
        mine = [e for e in list_backups([cfg.folder]) if e.source == str(self.db_path)]
        rotate(mine, cfg.keep_daily, cfg.keep_weekly, cfg.keep_monthly)
        return entry

    def newest_auto(self) -> BackupEntry | None:
        for e in list_backups([self.settings().folder]):
            if e.kind == "auto" and e.source == str(self.db_path):
                return e
        return None

    # --- listing and restoring --------------------------------------------------------------------------
    def list(self, actor: Actor, folder: Path | None = None) -> list[BackupEntry]:
        if actor.admin_role not in (AdminRole.SYSTEM, AdminRole.AUDIT):
            raise PermissionDenied("没有权限查看备份：只有系统管理员和安全审计员可以查看")
        return list_backups([folder] if folder else self.folders())

    def restore(self, actor: Actor, backup: Path, password: str | None = None) -> RestoreReport:
        actor.require_admin(AdminRole.SYSTEM, "恢复数据库")
        src = self._require_file()
        self.services.db.dispose()  # pooled connections reopen on next use, on the restored content
        try:
            report = restore_database(
                src,
                backup,
                password=password,
                registers=self.registers(),
                backup_dir=self.settings().folder,
                authorize=lambda _staged: actor,
            )
            from app.services.audit_key import keyed

            keyed(self.services.db)  # a database brought from another machine goes on with its own key
            return report
        finally:
            self.services.db.dispose()

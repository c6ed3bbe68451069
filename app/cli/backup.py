"""Verbs of backups and damage: backup, backups, restore, check. `restore` and `check` also work on a
damaged database file (which every other verb refuses to open)."""

from __future__ import annotations

import argparse
import sys
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.common import CliError, _as_user, _new_password, _password, _services
from app.domain.enums import AdminRole
from app.domain.errors import DatabaseDamaged
from app.services.backup.manifest import KIND_LABELS

if TYPE_CHECKING:
    from app.services.actor import Actor
    from app.services.backup.store import BackupEntry

BACKUP_PASSWORD_ENV = "APP_BACKUP_PASSWORD"


def _db_file(args: argparse.Namespace) -> Path | None:
    from app.bootstrap import resolve_database

    url = resolve_database(args.db, getattr(args, "demo", False))
    return Path(url.split("///", 1)[1]) if url.startswith("sqlite:///") else None


def cmd_backup(args: argparse.Namespace) -> int:
    with _as_user(args) as (services, actor):
        if args.auto:
            actor.require_admin(AdminRole.SYSTEM, "执行自动备份")
            entry = services.backup.auto_backup(force=True)
            if entry is None:
                raise CliError(
                    "该数据库不是 SQLite 文件，不能由本程序备份：服务器上的数据库请在服务器上用 pg_dump 备份"
                )
        else:
            password = _new_password("备份密码：", BACKUP_PASSWORD_ENV) if args.encrypt else None
            out = Path(args.out).expanduser() if args.out else None
            if out is not None and args.out.endswith(("/", "\\")):
                out.mkdir(parents=True, exist_ok=True)  # "--out /media/usb/": a folder, made if needed
            entry = services.backup.backup(actor, out, password)
        _print_entry(entry)
        return 0


def _print_entry(e: BackupEntry, verified: str = "") -> None:
    m = e.manifest
    head = f"{e.created_at.replace('T', ' ')}  {KIND_LABELS.get(e.kind, e.kind or '?')}"
    print(f"{head}  {'加密' if e.encrypted else '明文'}  {e.size / 2**20:.1f} MB  {e.path}")
    if m:
        print(
            f"    由 {m.created_by} 创建；数据库版本 {', '.join(m.revisions)}；审计日志至第 {m.audit_head_id} 条"
        )
        print(f"    记录：{m.counts_text()}")
        print(f"    校验和（{m.checksum_label}）：{m.sha256}")
    elif e.encrypted and not e.problem:
        print("    清单在密文中，恢复时输入备份密码后校验")
    if e.problem:
        print(f"    问题：{e.problem}")
    if verified:
        print(f"    校验：{verified}")


def cmd_backups(args: argparse.Namespace) -> int:
    with _as_user(args) as (services, actor):
        entries = services.backup.list(actor, Path(args.dir).expanduser() if args.dir else None)
        if not entries:
            print("没有找到备份。查找的目录：" + "、".join(str(f) for f in services.backup.folders()))
            return 0
        for e in entries:
            _print_entry(e, _verify(e) if args.verify else "")
        return 0


def _verify(e: BackupEntry) -> str:
    from app.services.backup.store import verify_entry

    if e.encrypted:
        return "加密备份，恢复时校验"
    problem = verify_entry(e)
    return f"不通过——{problem}" if problem else "通过（校验和、integrity_check、审计日志校验链）"


def cmd_restore(args: argparse.Namespace) -> int:
    db_path = _db_file(args)
    if db_path is None:
        raise CliError("只能恢复 SQLite 数据库文件；服务器数据库请用其自带的恢复工具")
    try:
        services = _services(args)
    except DatabaseDamaged as e:
        print(f"当前数据库已损坏：{e.message.splitlines()[0]}", file=sys.stderr)
        return _restore_damaged(args, db_path)
    with closing(services):
        from app.cli.common import _login

        actor = _login(services, args)
        source = _choose(args, services.backup.folders(), db_path)
        _confirm(args, source, db_path)
        report = services.backup.restore(actor, source, _backup_password(source))
    print(report.text())
    return 0


def _restore_damaged(args: argparse.Namespace, db_path: Path) -> int:
    """The current file cannot be trusted, so the 系统管理员 logs in against the backup being restored."""
    from app import paths
    from app.services.backup.restore import restore_database
    from app.services.backup.store import default_registers

    folders = list(dict.fromkeys([paths.backup_dir(), db_path.parent / "backups"]))
    source = _choose(args, folders, db_path)
    _confirm(args, source, db_path)
    report = restore_database(
        db_path,
        source,
        password=_backup_password(source),
        registers=default_registers(),
        backup_dir=paths.backup_dir(),
        authorize=lambda staged: _authorize_in(staged, args),
        live_is_sound=False,
    )
    print(report.text())
    return 0


def _authorize_in(staged: Path, args: argparse.Namespace) -> Actor:
    from app.services.backup.restore import authorize_in

    if not args.user:
        raise CliError("请用 --user 指定系统管理员的登录名（按备份中的账户核对密码）")
    return authorize_in(staged, args.user, _password(f"{args.user} 的密码（按备份中的账户核对）："))


def _choose(args: argparse.Namespace, folders: list[Path], db_path: Path) -> Path:
    if args.file:
        return Path(args.file).expanduser()
    if not args.latest:
        raise CliError("请给出备份文件，或用 --latest 选用最近一次经校验的备份")
    from app.services.backup.store import newest_verified

    newest = newest_verified(folders, db_path)
    if newest is None:
        raise CliError("没有找到可用（经校验）的备份。查找的目录：" + "、".join(str(f) for f in folders))
    print(f"选用最近一次经校验的备份：{newest}")
    return newest


def _confirm(args: argparse.Namespace, source: Path, db_path: Path) -> None:
    if args.yes:
        return
    if not sys.stdin or not sys.stdin.isatty():
        raise CliError("恢复将替换当前数据库（替换前会自动另存）：请加 --yes 确认")
    answer = input(f"用 {source} 替换 {db_path}？替换前当前数据库会自动另存。输入 y 确认：")
    if answer.strip().lower() not in ("y", "yes", "是"):
        raise CliError("已取消恢复")


def _backup_password(source: Path) -> str | None:
    from app.services.backup.crypto import is_encrypted

    return _password("备份密码：", BACKUP_PASSWORD_ENV) if is_encrypted(source) else None


def add(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser("backup", help="备份数据库（系统管理员）：默认存入备份目录，--out 指定文件或目录")
    s.add_argument("--out", help="备份文件或目录（如移动介质）；明文备份旁另有清单文件 .manifest.json")
    s.add_argument(
        "--encrypt", action="store_true", help=f"加密备份（密码取自 {BACKUP_PASSWORD_ENV} 或在终端输入）"
    )
    s.add_argument(
        "--auto", action="store_true", help="作为自动备份存入备份目录并按日/周/月轮换（供计划任务）"
    )
    s.set_defaults(func=cmd_backup)

    s = sub.add_parser("backups", help="列出备份及其清单（系统管理员、安全审计员）")
    s.add_argument("--dir", help="只看该目录（默认：备份目录）")
    s.add_argument("--verify", action="store_true", help="逐个校验：校验和、integrity_check、审计日志校验链")
    s.set_defaults(func=cmd_backups)

    s = sub.add_parser("restore", help="从备份恢复数据库（系统管理员；先校验，当前数据库先另存）")
    s.add_argument("file", nargs="?", help="备份文件")
    s.add_argument("--latest", action="store_true", help="选用最近一次经校验的备份")
    s.add_argument("--yes", action="store_true", help="不再询问，直接恢复")
    s.set_defaults(func=cmd_restore)

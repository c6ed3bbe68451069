"""Verbs of a multi-PC office's database server: `migrate-to URL` copies this SQLite file into an empty
PostgreSQL database (系统管理员), checked table by table and by the audit chain."""

from __future__ import annotations

import argparse
import sys

from app.cli.common import _as_user
from app.domain.enums import AdminRole


def cmd_migrate_to(args: argparse.Namespace) -> int:
    from app.bootstrap import resolve_database
    from app.services.server_copy import migrate_to

    source = resolve_database(args.db, getattr(args, "demo", False))
    with _as_user(args) as (_services, actor):
        actor.require_admin(AdminRole.SYSTEM, "把数据库迁移到服务器")
    report = migrate_to(source, args.url, actor, progress=lambda m: print(m, file=sys.stderr))
    print(report.text())
    print(
        "今后各台电脑用 --db 该地址（或在设置文件中写入该地址）打开服务器上的数据库；原文件未改动，请妥善保管。"
    )
    return 0


def add(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser(
        "migrate-to",
        help="把本 SQLite 数据库复制到一个空的 PostgreSQL 数据库（系统管理员；逐表核对行数、校验审计日志）",
    )
    s.add_argument("url", help="目标地址，如 postgresql+psycopg://office@192.168.1.10/office（须为空库）")
    s.set_defaults(func=cmd_migrate_to)

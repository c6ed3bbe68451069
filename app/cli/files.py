"""`files attach/list/export/import-folder`: the files kept with a record of any register, from the
command line, under the same checks, transaction and audit as the details dialog."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import _as_user
from app.kit.files.data import ROLES


def cmd_attach(args: argparse.Namespace) -> int:
    with _as_user(args) as (services, actor):
        record_id = services.files.record_id(actor, args.register, args.record)
        for path in args.file:
            info = services.files.attach(
                actor, args.register, record_id, Path(path), args.role, note=args.note
            )
            pages = f"，{info.pages} 页" if info.pages else ""
            print(
                f"已添加：#{info.id} {info.role_text} {info.name}（{info.kind_label}，{info.size_text}{pages}）"
            )
            print(f"  SHA-256 {info.sha256}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with _as_user(args) as (services, actor):
        record_id = services.files.record_id(actor, args.register, args.record)
        files = services.files.list(actor, args.register, record_id)
        if not files:
            print("（这条记录还没有文件）")
        for f in files:
            state = f"  已作废：{f.void_reason}" if f.voided else ""
            pages = f" {f.pages}页" if f.pages else ""
            print(
                f"#{f.id}\t{f.role_text}\t{f.name}\t{f.kind_label}{pages}\t{f.size_text}\t"
                f"{f.added_by_name or f.added_by} {f.added_at:%Y-%m-%d %H:%M}\t{f.sha256[:16]}…{state}"
            )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    with _as_user(args) as (services, actor):
        target = services.files.export(actor, int(str(args.file_id).lstrip("#")), Path(args.out))
        info = services.files.get(actor, int(str(args.file_id).lstrip("#")))
        level = f"（{info.secret_level_label}件，请按涉密载体管理）" if info.classified else ""
        print(f"已导出：{target}{level}")
    return 0


def cmd_import_folder(args: argparse.Namespace) -> int:
    from app.kit.files.folder import import_folder

    with _as_user(args) as (services, actor):
        plan = import_folder(
            services.files, actor, args.register, Path(args.folder), args.role, dry_run=args.dry_run
        )
        print(plan.text())
        if args.dry_run:
            print("（试运行：未添加任何文件；去掉 --dry-run 即按上表添加）")
        elif plan.attached:
            print(f"已添加 {plan.attached} 个文件")
        else:
            print("没有可添加的文件")
    return 0


def add(sub: argparse._SubParsersAction) -> None:
    roles = "、".join(ROLES)
    s = sub.add_parser(
        "files",
        help="记录所附文件（扫描件、正文、附件、底稿/核稿/定稿、批示件）：添加、列出、导出、按文件夹导入",
    )
    ss = s.add_subparsers(dest="files_cmd", metavar="操作", required=True)

    a = ss.add_parser("attach", help="给一条记录添加文件")
    a.add_argument("register", help="登记簿，如 incoming、outgoing、telegram_plain")
    a.add_argument("record", help="记录编号（如 2026-0012）或 #id")
    a.add_argument("file", nargs="+", help="文件（PDF、JPEG、PNG、TIFF、Word、WPS、Excel、OFD）")
    a.add_argument("--role", default="扫描件", help=f"文件用途：{roles}（默认 扫描件）")
    a.add_argument("--note", default="", help="说明")
    a.set_defaults(func=cmd_attach)

    ls = ss.add_parser("list", help="列出一条记录的文件")
    ls.add_argument("register")
    ls.add_argument("record")
    ls.set_defaults(func=cmd_list)

    e = ss.add_parser("export", help="把一个文件另存到指定文件或目录（记入审计日志）")
    e.add_argument("file_id", help="文件号（files list 列出的 #号）")
    e.add_argument("out", help="目标文件或目录")
    e.set_defaults(func=cmd_export)

    i = ss.add_parser(
        "import-folder",
        help="按文件名中的编号（如 2025-0123.pdf、2025-0123-附件1.pdf）把一个文件夹的扫描件添加到各自的记录",
    )
    i.add_argument("register")
    i.add_argument("folder")
    i.add_argument("--role", default="扫描件", help=f"文件用途：{roles}（默认 扫描件）")
    i.add_argument("--dry-run", action="store_true", help="只列出对应关系和对不上的文件，不添加")
    i.set_defaults(func=cmd_import_folder)

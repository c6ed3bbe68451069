"""Verbs of the accounts and the database itself: init, passwd, users, settings, demo."""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import (
    CliError,
    _as_user,
    _label,
    _new_password,
    _password,
    _services,
    random_password,
)
from app.domain.enums import AdminRole, Role, SecretLevel

if TYPE_CHECKING:
    from app.services.container import Services


def cmd_init(args: argparse.Namespace) -> int:
    with closing(_services(args)) as services:
        if _has_users(services):
            raise CliError(f"该数据库已经初始化过：{services.db.url}")
        if args.level:
            _label(SecretLevel, args.level, "本机密级")  # refuse a wrong level before asking for passwords
        logins = {
            AdminRole.SYSTEM: args.sysadmin,
            AdminRole.SECURITY: args.secadmin,
            AdminRole.AUDIT: args.auditor,
        }
        passwords = {}
        for role in AdminRole:
            env = f"APP_PASSWORD_{role.value.upper()}"
            if env in os.environ:
                passwords[role] = os.environ[env]
            else:
                passwords[role] = _new_password(f"{role.label}（{logins[role]}）的初始密码：", "APP_PASSWORD")
        level = _label(SecretLevel, args.level, "本机密级") if args.level else None
        # one transaction: the administrators and the machine's classification, or nothing
        created = services.accounts.initialise(passwords, logins, machine_level=level)
        print(f"数据库已初始化：{services.db.url}")
        for u in created:
            print(f"  {u.admin_role.label if u.admin_role else ''}：{u.login}（首次登录须修改密码）")
        return 0


def _has_users(services: Services) -> bool:
    from db.migrate import is_initialised

    return is_initialised(services.db.reader)


def cmd_passwd(args: argparse.Namespace) -> int:
    with _as_user(args, allow_initial=True) as (services, actor):
        services.auth.change_password(
            actor, _password("原密码："), _new_password("新密码：", "APP_NEW_PASSWORD")
        )
        print("密码已修改")
        return 0


def cmd_users(args: argparse.Namespace) -> int:
    with _as_user(args) as (services, actor):
        acc = services.accounts
        if args.users_cmd == "list":
            for u in acc.list_users(actor):
                state = "启用" if u.is_active else "停用"
                print(
                    f"{u.login}\t{u.name}\t{u.department}\t{u.clearance.label}\t{u.role_text or '-'}\t{state}"
                )
        elif args.users_cmd == "add":
            password = os.environ.get(args.password_env) if args.password_env else None
            generated = password is None
            password = password or random_password()
            info = acc.create_user(actor, args.login, args.name, password, args.department or "")
            print(f"已新建账户 {info.login}（{info.name}）")
            if generated:
                print(f"初始密码：{password}（首次登录须修改）")
        elif args.users_cmd in ("disable", "enable"):
            acc.set_active(actor, args.login, args.users_cmd == "enable")
            print(f"账户 {args.login} 已{'启用' if args.users_cmd == 'enable' else '停用'}")
        elif args.users_cmd == "reset-password":
            password = os.environ.get(args.password_env) if args.password_env else None
            generated = password is None
            password = password or random_password()
            acc.reset_password(actor, args.login, password)
            print(
                f"账户 {args.login} 的新密码已设置，须经安全保密管理员批准后生效"
                f"（python -m app --user 安全保密管理员 users approve-reset {args.login}）"
                + (f"：{password}（生效后首次登录须修改）" if generated else "")
            )
        elif args.users_cmd in ("approve-reset", "reject-reset"):
            approve = args.users_cmd == "approve-reset"
            acc.approve_password_reset(actor, args.login, approve)
            print(f"已{'批准' if approve else '驳回'} {args.login} 的密码重置")
        elif args.users_cmd in ("grant", "revoke"):
            if args.clearance:
                acc.set_clearance(actor, args.login, _label(SecretLevel, args.clearance, "涉密等级"))
                print(f"{args.login} 的涉密等级：{args.clearance}")
            for name in args.roles or []:
                role = _label(Role, name, "岗位")
                (acc.grant_role if args.users_cmd == "grant" else acc.revoke_role)(actor, args.login, role)
                print(
                    f"{'已授予' if args.users_cmd == 'grant' else '已收回'} {args.login} 岗位：{role.label}"
                )
        return 0


def cmd_settings(args: argparse.Namespace) -> int:
    with _as_user(args) as (services, actor):
        office = services.office_settings
        if args.settings_cmd == "set":
            value = office.set(actor, args.key, args.value)
            print(f"已设置 {value.spec.label}：{value.shown}")
            return 0
        for item in office.list(actor):
            print(f"{item.spec.key}\t{item.spec.label}\t{item.shown}")
            if item.spec.help:
                print(f"\t\t{item.spec.help}")
        return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Verify the keyed chain, the triggers and (--against) a checkpoint. Reads only: works on a read-only
    copy or mount and while another process writes."""
    from app.bootstrap import database_exists, resolve_database
    from app.services.audit import AuditService
    from app.services.audit_chain import KEYED_AUDIT_REVISION, read_checkpoint
    from app.services.audit_key import machine_key
    from db.engine import Database
    from db.migrate import applied_revisions, current_revisions

    checkpoint = None
    if args.against:
        try:
            checkpoint = read_checkpoint(Path(args.against).read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError) as e:
            raise CliError(f"无法读取校验点文件“{args.against}”：{e}") from None
    url = resolve_database(args.db, getattr(args, "demo", False))
    if not database_exists(url):
        raise CliError(f"数据库不存在：{url}")
    structure_ok, structure_line = True, ""
    if url.startswith("sqlite:///"):  # the file's own structure first (a server's storage is its own tools')
        from app.services.backup.health import structure_check

        file = Path(url.split("///", 1)[1])
        health = structure_check(file, "integrity_check")
        if not health.integrity_ok and any("unable to open" in p for p in health.problems):
            health = structure_check(file, "integrity_check", immutable=True)  # a read-only copy or mount
        structure_ok = health.integrity_ok
        structure_line = health.text().splitlines()[0]
        if not structure_ok:
            print(structure_line, file=sys.stderr)
            print("请由系统管理员从备份恢复：python -m app --user 登录名 restore --latest", file=sys.stderr)
    try:
        db = Database.open_read_only(url, audit_key=machine_key())
        try:
            legacy = KEYED_AUDIT_REVISION not in applied_revisions(current_revisions(db.reader))
            report = AuditService(db).verify(checkpoint, legacy=legacy)
            files = _files_report(db)
        finally:
            db.dispose()
    except Exception as e:  # noqa: BLE001 — a damaged file fails in many ways: all are a finding
        if structure_ok:
            raise
        print(
            f"审计日志校验链：无法读取（文件已损坏：{getattr(e, 'message', None) or getattr(e, 'orig', e)}）",
            file=sys.stderr,
        )
        return 3
    if structure_ok and structure_line:  # with the verdict: on stdout when all is well, else with the errors
        print(structure_line, file=sys.stdout if report.ok else sys.stderr)
    for w in report.warnings:
        print(f"注意：{w}", file=sys.stderr)
    print(files.text(), file=sys.stdout if files.ok else sys.stderr)
    if not report.ok:
        where = f"（首个异常记录：第 {report.first_bad_id} 条）" if report.first_bad_id else ""
        print(f"审计日志被篡改：{report.reason}{where}", file=sys.stderr)
        return 3
    against = f"，与校验点（{checkpoint['created']}，{checkpoint['head_id']} 条）相符" if checkpoint else ""
    print(f"审计日志完整：共 {report.entries} 条，校验链无误{against}")
    if not structure_ok or not files.ok:
        return 3
    return 4 if report.warnings else 0


def _files_report(db: Any) -> Any:
    """Every file kept with a record, re-hashed against the SHA-256 recorded when it was added."""
    from app.areas import all_areas
    from app.kit.files.check import verify_files

    registers = [r for a in all_areas() for r in a.registers]
    with db.read() as s:
        return verify_files(s, registers)


def cmd_checkpoint(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.services.audit_chain import checkpoint_text

    with _as_user(args) as (services, actor):
        cp = services.audit.export_checkpoint(actor, Path(args.out) if args.out else None)
        print(checkpoint_text(cp), end="")
        if args.out:
            print(f"校验点已写入：{args.out}（请保存在本机以外，如移动介质或打印件）", file=sys.stderr)
        return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from app.demo import fill_demo

    with closing(_services(args)) as services:
        summary = fill_demo(services, year=args.year)
        print(summary.text())
        return 0


def add(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser("init", help="新建数据库并创建三员账户（系统管理员、安全保密管理员、安全审计员）")
    s.add_argument("--sysadmin", default="sysadmin", help="系统管理员登录名")
    s.add_argument("--secadmin", default="secadmin", help="安全保密管理员登录名")
    s.add_argument("--auditor", default="auditor", help="安全审计员登录名")
    s.add_argument("--level", help="本机密级：非密/秘密/机密/绝密")
    s.set_defaults(func=cmd_init)

    s = sub.add_parser("passwd", help="修改自己的密码（新密码取自 APP_NEW_PASSWORD 或在终端输入）")
    s.set_defaults(func=cmd_passwd)

    s = sub.add_parser("users", help="账户管理（系统管理员建账户，安全保密管理员授岗位和涉密等级）")
    us = s.add_subparsers(dest="users_cmd", metavar="操作", required=True)
    us.add_parser("list", help="列出账户")
    a = us.add_parser("add", help="新建账户（系统管理员）")
    a.add_argument("login")
    a.add_argument("--name", required=True, help="姓名")
    a.add_argument("--department", help="部门")
    a.add_argument("--password-env", help="从该环境变量读取初始密码（缺省时随机生成并打印）")
    for verb, text in (("disable", "停用账户（系统管理员）"), ("enable", "启用账户（系统管理员）")):
        us.add_parser(verb, help=text).add_argument("login")
    r = us.add_parser("reset-password", help="重置密码（系统管理员）")
    r.add_argument("login")
    r.add_argument("--password-env", help="从该环境变量读取新密码（缺省时随机生成并打印）")
    for verb, text in (
        ("approve-reset", "批准系统管理员提出的密码重置（安全保密管理员；批准后新密码才生效）"),
        ("reject-reset", "驳回密码重置（安全保密管理员）"),
    ):
        us.add_parser(verb, help=text).add_argument("login")
    for verb, text in (
        ("grant", "授予岗位/设置涉密等级（安全保密管理员）"),
        ("revoke", "收回岗位（安全保密管理员）"),
    ):
        g = us.add_parser(verb, help=text)
        g.add_argument("login")
        g.add_argument("roles", nargs="*", help="岗位：" + "、".join(r.label for r in Role))
        g.add_argument("--clearance", help="涉密等级：非密/秘密/机密/绝密")
    s.set_defaults(func=cmd_users)

    s = sub.add_parser(
        "settings", help="系统设置（系统管理员）：编号格式、本机关名称、全宗号、文件份退回天数"
    )
    ss = s.add_subparsers(dest="settings_cmd", metavar="操作", required=True)
    ss.add_parser("list", help="列出设置项及当前值")
    st = ss.add_parser("set", help='修改一项设置（值写空字符串 "" 恢复默认）')
    st.add_argument("key", help="设置项，如 documents.organ_name")
    st.add_argument("value", help="新值")
    s.set_defaults(func=cmd_settings)

    s = sub.add_parser(
        "check",
        help="校验数据库结构、审计日志（密钥签名的哈希链、防改写触发器）和记录所附文件的 SHA-256（只读）",
    )
    s.add_argument("--against", metavar="CHECKPOINT", help="同时核对安全审计员导出的校验点文件")
    s.set_defaults(func=cmd_check)

    s = sub.add_parser("checkpoint", help="导出审计日志校验点（安全审计员）：打印，或用 --out 写入文件")
    s.add_argument("--out", help="写入该文件（如移动介质上的文件）")
    s.set_defaults(func=cmd_checkpoint)

    s = sub.add_parser("demo", help="向数据库填入一年的演示数据和演示账户")
    s.add_argument("--year", type=int, default=None, help="演示数据的年份（默认今年）")
    s.set_defaults(func=cmd_demo)

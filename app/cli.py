"""The command-line verbs. Every verb that reads or changes records runs as a user (--user LOGIN,
password from APP_PASSWORD or prompted)."""

from __future__ import annotations

import argparse
import getpass
import os
import secrets
import string
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from typing import TYPE_CHECKING

from app.domain.enums import AdminRole, Role, SecretLevel
from app.domain.errors import AppError, ValidationFailed
from app.services.actor import Actor

if TYPE_CHECKING:  # not at run time: `python -m app` must reach the login window without SQLAlchemy
    from app.services.container import Services


class CliError(Exception):
    pass


def _password(prompt: str, env: str = "APP_PASSWORD") -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise CliError(f"需要密码：请设置环境变量 {env}，或在终端中运行以输入密码")
    return getpass.getpass(prompt)


def _new_password(prompt: str, env: str) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise CliError(f"需要新密码：请设置环境变量 {env}")
    first = getpass.getpass(prompt)
    if getpass.getpass("再输入一次：") != first:
        raise CliError("两次输入的密码不一致")
    return first


def random_password() -> str:
    alphabet = string.ascii_letters + string.digits + "#@%+="
    while True:
        pw = "".join(secrets.choice(alphabet) for _ in range(12))
        if any(c.islower() for c in pw) and any(c.isupper() for c in pw) and any(c.isdigit() for c in pw):
            return pw


def _services(args: argparse.Namespace) -> Services:
    from app.bootstrap import open_services, resolve_database

    return open_services(resolve_database(args.db, getattr(args, "demo", False)))


def _login(services: Services, args: argparse.Namespace, allow_initial: bool = False) -> Actor:
    if not args.user:
        raise CliError("请用 --user 登录名 指定操作人")
    actor = services.auth.login(args.user, _password(f"{args.user} 的密码："))
    if not allow_initial:
        reason = services.auth.needs_password_change(actor)
        if reason:
            raise CliError(f"{reason}：python -m app passwd --user {args.user}")
    return actor


def _label(enum, text: str, what: str):  # type: ignore[no-untyped-def]
    """A LabeledEnum member from its Chinese label, or a ValidationFailed naming the valid ones."""
    try:
        return enum.from_label(text)
    except ValueError:
        options = "、".join(m.label for m in enum)
        raise ValidationFailed({what: f"“{text}”不是有效的{what}，可用：{options}"}) from None


@contextmanager
def _as_user(args: argparse.Namespace, allow_initial: bool = False) -> Iterator[tuple[Services, Actor]]:
    """The services of --db and the --user logged in, closed again whatever happens."""
    with closing(_services(args)) as services:
        yield services, _login(services, args, allow_initial)


def _print_errors(e: ValidationFailed) -> None:
    for field, message in e.errors.items():
        print(f"  {field}: {message}", file=sys.stderr)


# --- verbs ------------------------------------------------------------------------------------------
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
                f"账户 {args.login} 的密码已重置" + (f"：{password}（首次登录须修改）" if generated else "")
            )
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
    with closing(_services(args)) as services:
        report = services.audit.verify()
        if report.ok:
            print(f"审计日志完整：共 {report.entries} 条，校验链无误")
            return 0
        print(
            f"审计日志被篡改：{report.reason}（首个异常记录：第 {report.first_bad_id} 条）", file=sys.stderr
        )
        return 3


def cmd_demo(args: argparse.Namespace) -> int:
    from app.demo import fill_demo

    with closing(_services(args)) as services:
        summary = fill_demo(services, year=args.year)
        print(summary.text())
        return 0


# --- parser -------------------------------------------------------------------------------------------
def build_parser(
    extra: Sequence[Callable[[argparse._SubParsersAction], None]] = (),
) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m app", description="县委办公室综合事务管理系统")
    p.add_argument(
        "--db", help="数据库：SQLite 文件路径或 SQLAlchemy URL（默认：用户数据目录下的 office.sqlite）"
    )
    p.add_argument("--demo", action="store_true", help="使用演示数据库（不存在时自动生成并打印演示账户）")
    p.add_argument("--user", help="操作人登录名（密码取自环境变量 APP_PASSWORD，或在终端输入）")
    p.add_argument("--self-test", action="store_true", help="自检：临时数据库、迁移、生成 PDF 与 Word 各一份")
    sub = p.add_subparsers(dest="command", metavar="命令")

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

    s = sub.add_parser("check", help="校验审计日志的完整性（哈希链）")
    s.set_defaults(func=cmd_check)

    s = sub.add_parser("demo", help="向数据库填入一年的演示数据和演示账户")
    s.add_argument("--year", type=int, default=None, help="演示数据的年份（默认今年）")
    s.set_defaults(func=cmd_demo)

    for add in extra:
        add(sub)
    return p


def run(argv: Sequence[str] | None = None) -> int:
    from app.importing.cli import add_import_export
    from app.printing.cli import add_print

    parser = build_parser([add_import_export, add_print])
    args = parser.parse_args(argv)
    if args.self_test:
        from app.selftest import self_test

        return self_test()
    if not args.command:
        from app.bootstrap import run_gui

        return run_gui(args.db, args.demo)
    try:
        return int(args.func(args) or 0)
    except ValidationFailed as e:
        print(f"输入有误：{e.message}", file=sys.stderr)
        _print_errors(e)
        return 2
    except (AppError, CliError) as e:
        print(f"错误：{e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the output went to `head` or a closed pager: not an error of ours
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - Python flushes stdout at exit
        return 0


def main() -> None:
    sys.exit(run())

"""The command-line verbs: `python -m app VERB …`. Each group of verbs is a module of this package with an
``add(subparsers)``; every verb that reads or changes records runs as a user (--user LOGIN, password from
APP_PASSWORD or prompted)."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from app.cli.argparse_zh import WidthHelpFormatter, install_chinese_argparse
from app.cli.common import CliError, _print_errors
from app.domain.errors import AppError, ValidationFailed

VERB_GROUPS = (
    "app.cli.accounts",
    "app.cli.importing",
    "app.cli.printing",
    "app.cli.duty",
    "app.cli.meetings",
    "app.cli.workflow",
    "app.cli.reception",
    "app.cli.backup",
    "app.cli.report",
    "app.cli.server",
    "app.cli.files",
)


def build_parser(groups: Sequence[str] = VERB_GROUPS) -> argparse.ArgumentParser:
    install_chinese_argparse()
    p = argparse.ArgumentParser(
        prog="python -m app",
        description="县委办公室综合事务管理系统",
        epilog="示例（演示数据库）：\n"
        "  python -m app --db 演示.sqlite demo\n"
        "  APP_PASSWORD=Demo@2026 python -m app --db 演示.sqlite --user wangfang export incoming 收文.xlsx\n"
        "每个命令的用法：python -m app 命令 --help",
        formatter_class=WidthHelpFormatter,
    )
    p.add_argument(
        "--db", help="数据库：SQLite 文件路径或 SQLAlchemy URL（默认：用户数据目录下的 office.sqlite）"
    )
    p.add_argument(
        "--demo",
        action="store_true",
        help="使用演示数据库（图形界面：不存在时自动生成并打印演示账户；命令行：先运行 python -m app --demo demo）",
    )
    p.add_argument("--user", help="操作人登录名（密码取自环境变量 APP_PASSWORD，或在终端输入）")
    p.add_argument("--self-test", action="store_true", help="自检：临时数据库、迁移、生成 PDF 与 Word 各一份")
    sub = p.add_subparsers(dest="command", metavar="命令")

    for name in groups:
        importlib.import_module(name).add(sub)
    return p


def run(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
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
        if len(e.errors) <= 1:  # the message is that one error: print it once
            print(f"输入有误：{e.message}", file=sys.stderr)
        else:
            print("输入有误：", file=sys.stderr)
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
    except OSError as e:  # an output file on a full or read-only disk: say so, no traceback
        from db.errors import from_os_error

        problem = from_os_error(e)
        if problem is None:
            raise
        print(f"错误：{problem.message}", file=sys.stderr)
        return 2
    except Exception as e:
        # damage where the bounded start-up check did not look (a large file): a message, not a traceback
        if "malformed" in str(e) or "not a database" in str(e):
            print(
                "错误：数据库文件已损坏，操作未完成（未写出任何结果）。请运行 check，并由系统管理员从备份恢复。",
                file=sys.stderr,
            )
            return 2
        raise


def main() -> None:
    sys.exit(run())

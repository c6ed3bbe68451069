"""What every command-line verb shares: passwords from the environment or the terminal, opening --db, logging
in as --user, printing field errors."""

from __future__ import annotations

import argparse
import getpass
import os
import secrets
import string
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from typing import TYPE_CHECKING

from app.domain.errors import ValidationFailed
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
    print(f"{args.user}：{services.auth.login_notice(actor).text}", file=sys.stderr)
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

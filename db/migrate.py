"""Bring a database to the current schema: back the file up, refuse a newer revision, upgrade, check.

Alembic is imported only here and only when a migration is actually needed.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from app.domain.errors import DatabaseTooNew
from db.engine import is_sqlite

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _config(url: str):  # type: ignore[no-untyped-def]
    import sys

    from alembic.config import Config

    # stdout given each time: Config's default is the sys.stdout of the moment Alembic was first imported
    # (a closed capture buffer when that was inside a test or a redirected run)
    cfg = Config(stdout=sys.stdout)
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def _graph() -> tuple[set[str], set[str]]:
    """(every revision id, every id another revision names as down_revision or depends_on), read from the
    files with a regular expression: starting the app must not import Alembic when nothing is to do.
    Both fields must name revision ids (not branch labels); scripts/new_migration.py writes them so."""
    import re

    revs: set[str] = set()
    below: set[str] = set()
    for f in (MIGRATIONS_DIR / "versions").glob("*.py"):
        body = f.read_text(encoding="utf-8")
        m = re.search(r'^revision\s*(?::\s*str)?\s*=\s*"([^"]+)"', body, re.MULTILINE)
        if m:
            revs.add(m.group(1))
        for d in re.findall(r"^(?:down_revision|depends_on)[^=]*=\s*(.+)$", body, re.MULTILINE):
            below.update(re.findall(r'"([^"]+)"', d))
    return revs, below


def _parents() -> dict[str, set[str]]:
    import re

    out: dict[str, set[str]] = {}
    for f in (MIGRATIONS_DIR / "versions").glob("*.py"):
        body = f.read_text(encoding="utf-8")
        m = re.search(r'^revision\s*(?::\s*str)?\s*=\s*"([^"]+)"', body, re.MULTILINE)
        if m:
            out[m.group(1)] = {
                r
                for d in re.findall(r"^(?:down_revision|depends_on)[^=]*=\s*(.+)$", body, re.MULTILINE)
                for r in re.findall(r'"([^"]+)"', d)
            }
    return out


def applied_revisions(current: set[str]) -> set[str]:
    """Every revision a database at ``current`` (the heads its alembic_version holds) has run."""
    parents, seen, todo = _parents(), set(), list(current)
    while todo:
        rev = todo.pop()
        if rev not in seen:
            seen.add(rev)
            todo.extend(parents.get(rev, ()))
    return seen


def head_revisions() -> set[str]:
    """The revisions ``alembic_version`` holds once every branch is at its head. A core revision that an
    area revision names in ``depends_on`` is not among them: Alembic drops its row (an effective head)."""
    revs, below = _graph()
    return revs - below


def known_revisions() -> set[str]:
    return _graph()[0]


def current_revisions(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return set()
        return {row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))}


def backup_file(url: str, backup_dir: Path | None) -> Path | None:
    if not is_sqlite(url):
        return None
    src = Path(url.split("///", 1)[1])
    if not src.exists():
        return None
    target_dir = backup_dir or src.parent / "backups"
    target_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    dest = target_dir / f"{src.stem}-before-upgrade-{stamp}{src.suffix}"
    import sqlite3

    with sqlite3.connect(src) as s, sqlite3.connect(dest) as d:
        s.backup(d)
    return dest


def migrate(engine: Engine, url: str, backup_dir: Path | None = None) -> Path | None:
    """Upgrade to head. Returns the backup path when an existing database was upgraded."""
    current = current_revisions(engine)
    unknown = current - known_revisions()
    if unknown:
        raise DatabaseTooNew(
            "该数据库由更新版本的程序创建（版本 %s），本程序无法打开。请升级程序后再试。"
            % ", ".join(sorted(unknown))
        )
    if current == head_revisions():
        return None
    backup = backup_file(url, backup_dir) if current else None
    from alembic import command

    cfg = _config(url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")
    return backup


def is_initialised(engine: Engine) -> bool:
    with engine.connect() as conn:
        if not inspect(conn).has_table("users"):
            return False
        return bool(conn.execute(text("SELECT COUNT(*) FROM users")).scalar())

"""The one composition root: wires paths, logging, database, services and (for the GUI) windows."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import paths

# SQLAlchemy, the models and the services load in open_services(), not here: `python -m app` must show the
# login window without them (the GUI opens the database in a background thread while the user types).
if TYPE_CHECKING:
    from app.services.container import Services

log = logging.getLogger(__name__)


def setup_logging(verbose: bool = False) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=[logging.FileHandler(paths.log_dir() / "app.log", encoding="utf-8")],
    )


def _to_url(path_or_url: str | Path) -> str:
    """db.engine.to_url without importing SQLAlchemy (kept identical)."""
    text = str(path_or_url)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def resolve_database(db_arg: str | None, demo: bool = False) -> str:
    """--db, else the demo file, else the database the PC's settings file names (an office's server), else the
    per-user SQLite file."""
    if db_arg:
        return _to_url(db_arg)
    if demo:
        return _to_url(paths.demo_database())
    return _to_url(paths.configured_database() or paths.default_database())


def database_exists(url: str) -> bool:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        return path not in ("", ":memory:") and Path(path).exists() and Path(path).stat().st_size > 0
    return True


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.rsplit('@', 1)[1]}"
    return url


def _open_read_only(url: str, error: Exception) -> Any:
    """A current database on a read-only file or mount opens for reading: users can look things up and
    every write says the file is read-only (instead of failing at login). None when that is not the case."""
    from app.services.audit_key import keyed
    from db.engine import Database
    from db.migrate import current_revisions, head_revisions

    text = str(getattr(error, "orig", error)).lower()
    if not url.startswith("sqlite:///") or not ("readonly" in text or "unable to open" in text):
        return None
    try:
        db = keyed(Database.open_read_only(url))
        if current_revisions(db.reader) == head_revisions():
            return db
        db.dispose()
    except Exception:  # not readable either: the caller's message stands
        return None
    return None


def check_file(url: str) -> None:
    """The start-up PRAGMA quick_check: a damaged file is refused (DatabaseDamaged), never opened for work
    and never replaced by a new empty database."""
    if not database_exists(url) or not url.startswith("sqlite:///"):
        return
    from app.domain.errors import DatabaseDamaged
    from app.services.backup.health import structure_check

    path = Path(url.split("///", 1)[1])
    report = structure_check(path, "quick_check", bounded=True)
    if not report.integrity_ok and any("unable to open" in p for p in report.problems):
        # a read-only file or mount cannot make the WAL's shared-memory file: read it as it is (the
        # read-only handling below then says so at login instead of calling the file damaged)
        report = structure_check(path, "quick_check", bounded=True, immutable=True)
    if not report.integrity_ok:
        raise DatabaseDamaged(
            f"数据库文件已损坏，已停止使用以免损失扩大：{path}\n{'；'.join(report.problems[:3])}\n"
            "请由系统管理员从最近一次经校验的备份恢复（python -m app --user 登录名 restore --latest）。",
            str(path),
        )


def open_services(url: str, backup_dir: Path | None = None) -> Services:
    """Open (creating if needed) and migrate the database, then build every service."""
    from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

    from app.areas import all_areas
    from app.domain.errors import AppError, DatabaseUnavailable
    from app.services.audit_key import keyed
    from app.services.container import Services
    from db.engine import LONG_WAIT, Database
    from db.errors import classify

    url = _to_url(url)  # a plain file path too: the pre-upgrade backup only recognises sqlite URLs
    check_file(url)
    try:
        if url.startswith("sqlite:///"):
            Path(url.split("///", 1)[1]).parent.mkdir(parents=True, exist_ok=True)
        db = Database.open(url)
    except (ArgumentError, NoSuchModuleError, ImportError, OSError) as e:
        raise DatabaseUnavailable(
            f"无法打开数据库“{_safe(url)}”：地址格式不对或缺少该数据库的驱动（{e}）"
        ) from None
    try:
        from app.services.audit_chain import migrate_and_seal

        db = keyed(db)  # its own audit key (a database brought from another machine keeps its key)
        # an upgrade waits for a running import like any long write; a plain start only reads; the
        # default backup folder is a backups/ folder beside the file
        backup = migrate_and_seal(db, url, backup_dir, write_wait=LONG_WAIT)
    except AppError:
        db.dispose()
        raise
    except (DBAPIError, OSError) as e:
        db.dispose()
        problem = classify(e)  # busy, full, read-only, damaged: their own message, no SQL
        read_only = _open_read_only(url, e)
        if read_only is not None:
            return Services(read_only, all_areas())
        if problem is not None:
            raise problem from None
        raise DatabaseUnavailable(
            f"无法打开数据库“{_safe(url)}”：它不是本程序的数据库、文件已损坏或无法访问（{getattr(e, 'orig', e)}）"
        ) from None
    except Exception:
        db.dispose()
        raise
    if backup:
        log.info("database upgraded; backup at %s", backup)
    services = Services(db, all_areas())
    if not url.startswith("sqlite"):
        from app.kit.registers.search_tables import ensure_search_tables

        try:  # a server's search tables follow the registers (SQLite's FTS5 tables come with the migrations)
            ensure_search_tables(services.registers)
        except Exception:
            services.close()
            raise
    return services


def run_gui(db_arg: str | None, demo: bool) -> int:
    """Start the Qt application: the login dialog shows first, the database opens while the user types."""
    from ui.app import run

    return run(resolve_database(db_arg, demo), open_services, demo=demo)  # passed in: ui never imports us

"""The one composition root: wires paths, logging, database, services and (for the GUI) windows."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

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
    if db_arg:
        return _to_url(db_arg)
    return _to_url(paths.demo_database() if demo else paths.default_database())


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


def open_services(url: str, backup_dir: Path | None = None) -> Services:
    """Open (creating if needed) and migrate the database, then build every service."""
    from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

    from app.areas import all_areas
    from app.domain.errors import AppError, DatabaseUnavailable
    from app.services.container import Services
    from db.engine import Database
    from db.migrate import migrate

    url = _to_url(url)  # a plain file path too: the pre-upgrade backup only recognises sqlite URLs
    try:
        if url.startswith("sqlite:///"):
            Path(url.split("///", 1)[1]).parent.mkdir(parents=True, exist_ok=True)
        db = Database.open(url)
    except (ArgumentError, NoSuchModuleError, ImportError, OSError) as e:
        raise DatabaseUnavailable(
            f"无法打开数据库“{_safe(url)}”：地址格式不对或缺少该数据库的驱动（{e}）"
        ) from None
    try:
        backup = migrate(db.writer, url, backup_dir)  # default: a backups/ folder beside the file
    except AppError:
        db.dispose()
        raise
    except (DBAPIError, OSError) as e:
        db.dispose()
        raise DatabaseUnavailable(
            f"无法打开数据库“{_safe(url)}”：它不是本程序的数据库、文件已损坏或无法访问（{getattr(e, 'orig', e)}）"
        ) from None
    except Exception:
        db.dispose()
        raise
    if backup:
        log.info("database upgraded; backup at %s", backup)
    return Services(db, all_areas())


def run_gui(db_arg: str | None, demo: bool) -> int:
    """Start the Qt application: the login dialog shows first, the database opens while the user types."""
    from ui.app import run

    return run(resolve_database(db_arg, demo), open_services, demo=demo)  # passed in: ui never imports us

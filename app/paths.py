"""Where things live: per-user data, config, logs and backups (platformdirs); bundled resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app import APP_NAME


def _dirs():  # type: ignore[no-untyped-def]
    from platformdirs import PlatformDirs

    return PlatformDirs(APP_NAME, appauthor=False)


def data_dir() -> Path:
    override = os.environ.get("COUNTY_OFFICE_HOME")
    path = Path(override) if override else Path(_dirs().user_data_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    override = os.environ.get("COUNTY_OFFICE_HOME")
    path = Path(override) / "config" if override else Path(_dirs().user_config_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def backup_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database() -> Path:
    return data_dir() / "office.sqlite"


def demo_database() -> Path:
    return data_dir() / "demo.sqlite"


def resources_dir() -> Path:
    """resources/ next to the packages, or inside a PyInstaller bundle."""
    base = getattr(sys, "_MEIPASS", None)
    if base:
        return Path(base) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


DATABASE_SETTING = "database.conf"


def database_setting_files() -> list[Path]:
    """Where the administrator names the office's database once per PC (a server's URL): the machine-wide
    file (/etc/xdg/county-office/, C:\\ProgramData\\county-office\\) first, then the user's own."""
    override = os.environ.get("COUNTY_OFFICE_HOME")
    if override:
        return [Path(override) / "config" / DATABASE_SETTING]
    dirs = _dirs()
    return [Path(dirs.site_config_dir) / DATABASE_SETTING, Path(dirs.user_config_dir) / DATABASE_SETTING]


def configured_database() -> str | None:
    """The database named in the first settings file that names one: a line ``database = URL`` (or the URL
    alone); blank lines and ``#`` comments are skipped. None: the per-user SQLite file."""
    for f in database_setting_files():
        if not f.is_file():
            continue
        for line in f.read_text(encoding="utf-8-sig").splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            key, sep, value = line.partition("=")
            if sep and key.strip().lower() == "database":
                line = value.strip()
            if line:
                return line
    return None

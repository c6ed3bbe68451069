"""The database a PC works on: --db, else the settings file the administrator writes once per PC (an
office's PostgreSQL server), else the per-user SQLite file."""

from __future__ import annotations

from pathlib import Path

from app import paths
from app.bootstrap import resolve_database

SERVER = "postgresql+psycopg://pc07@192.168.10.5/office?sslmode=verify-full"


def _write(text: str) -> Path:
    f = paths.database_setting_files()[0]
    f.parent.mkdir(parents=True, exist_ok=True)
    f.write_text(text, encoding="utf-8")
    return f


def test_without_a_settings_file_the_per_user_sqlite_file_is_used():
    assert resolve_database(None) == f"sqlite:///{paths.default_database().resolve()}"


def test_the_settings_file_names_the_server_and_db_still_wins(tmp_path: Path):
    _write(f"# 县委办公室数据库服务器（系统管理员 2026-12-01 设置）\n\ndatabase = {SERVER}\n")
    assert resolve_database(None) == SERVER
    assert resolve_database(str(tmp_path / "x.sqlite")) == f"sqlite:///{(tmp_path / 'x.sqlite').resolve()}"
    assert resolve_database(None, demo=True).endswith("demo.sqlite")  # the demo never goes to the server


def test_a_bare_url_line_works_too_and_an_empty_file_means_the_default():
    _write(SERVER + "\n")
    assert resolve_database(None) == SERVER
    _write("# 尚未设置\n")
    assert resolve_database(None).endswith("office.sqlite")

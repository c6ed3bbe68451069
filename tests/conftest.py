"""Shared fixtures: one migrated template database per test session (with the standard test accounts),
copied for each test; services and actors built on the copy."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from hypothesis import settings as hypothesis_settings

# CI (COUNTY_OFFICE_CI=1) draws the property tests' examples from a fixed seed, so that a run that lands is
# the run that can be repeated; local runs keep exploring new examples on every run.
hypothesis_settings.register_profile("ci", derandomize=True)
if os.environ.get("COUNTY_OFFICE_CI") == "1":
    hypothesis_settings.load_profile("ci")

PASSWORD = "Test@2026x"

# login, name, roles, clearance (labels)
TEST_USERS = [
    ("clerk", "王芳", ("收发文",), "秘密"),
    ("jiyao", "李军", ("机要", "收发文"), "绝密"),
    ("leader", "周振荣", ("领导", "收发文"), "机密"),
    ("petition", "赵敏", ("信访接待",), "非密"),
    ("noroles", "钱多", (), "非密"),
    ("duty", "陈强", ("值班",), "秘密"),
    ("research", "孙丽", ("调研文稿",), "非密"),
    ("reception", "陈强", ("公务接待",), "非密"),
    ("huiwu", "刘敏", ("会务",), "秘密"),
    ("supervisor", "刘洋", ("督查",), "秘密"),
    ("info", "黄婷", ("信息",), "非密"),
    ("office", "吴晓", ("收发文", "督查"), "秘密"),
]


def _build_template(path: Path) -> None:
    from app.bootstrap import open_services
    from app.domain.enums import AdminRole, Role, SecretLevel
    from app.services.passwords import hash_password
    from db.models.core import User, UserRole

    services = open_services(str(path))
    try:
        services.accounts.initialise({r: PASSWORD for r in AdminRole})
        hashed = hash_password(PASSWORD)
        now = datetime.now()
        with services.db.write() as s:
            for u in s.query(User).all():
                u.must_change_password = False
                u.password_changed_at = now
            for login, name, roles, clearance in TEST_USERS:
                u = User(
                    login=login,
                    name=name,
                    department="",
                    password_hash=hashed,
                    clearance=SecretLevel.from_label(clearance).value,
                    admin_role=None,
                    is_active=True,
                    must_change_password=False,
                    password_changed_at=now,
                    created_at=now,
                )
                u.roles = [UserRole(role=Role.from_label(r).value) for r in roles]
                s.add(u)
        # The test office's machine may hold every level (tests of 本机密级 lower it themselves).
        from app.services.settings import POLICY_KEY, get_value, set_value

        with services.db.write() as s:
            policy = get_value(s, POLICY_KEY, {}) or {}
            set_value(s, POLICY_KEY, {**policy, "machine_level": SecretLevel.TOP_SECRET.value})
    finally:
        services.close()


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template")
    path = folder / "template.sqlite"
    # the template's audit chain is keyed with a key of its own home (never the real user's config folder);
    # db_path copies that key into each test's home, as an office copies the key with the database
    saved = os.environ.get("COUNTY_OFFICE_HOME")
    os.environ["COUNTY_OFFICE_HOME"] = str(folder / "home")
    try:
        _build_template(path)
    finally:
        if saved is None:
            os.environ.pop("COUNTY_OFFICE_HOME", None)
        else:
            os.environ["COUNTY_OFFICE_HOME"] = saved
    return path


def template_key(template_db: Path) -> Path:
    return template_db.parent / "home" / "config" / "audit.key"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNTY_OFFICE_HOME", str(tmp_path / "home"))


# --- SQLite and PostgreSQL ------------------------------------------------------------------------------
# A module marked `both_databases` runs each of its tests on SQLite and on the PostgreSQL server
# (tests/support/pg.py); there `db_path` is the test database's URL, so a test that needs a file is marked
# `sqlite_only`.


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "both_databases: run on SQLite and on the PostgreSQL test server")
    config.addinivalue_line("markers", "sqlite_only: in a both_databases module, only on SQLite (a file)")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_backend" not in metafunc.fixturenames:
        return
    both = metafunc.definition.get_closest_marker("both_databases")
    if both and not metafunc.definition.get_closest_marker("sqlite_only"):
        metafunc.parametrize("db_backend", ["sqlite", "postgresql"], indirect=True, scope="function")


@pytest.fixture
def db_backend(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def pg_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The PostgreSQL template database (URL) and its audit key, built once per session."""
    from tests.support import pg

    pg.require_server()
    folder = tmp_path_factory.mktemp("pg_template")
    url = pg.create_database()
    saved = os.environ.get("COUNTY_OFFICE_HOME")
    os.environ["COUNTY_OFFICE_HOME"] = str(folder / "home")
    try:
        _build_template(url)  # type: ignore[arg-type]
    finally:
        if saved is None:
            os.environ.pop("COUNTY_OFFICE_HOME", None)
        else:
            os.environ["COUNTY_OFFICE_HOME"] = saved
    yield url, folder / "home" / "config" / "audit.key"
    pg.drop_database(url)


@pytest.fixture
def db_path(db_backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path]:
    """The test's own database: a copy of the template (a file on SQLite, a database URL on PostgreSQL)."""
    from app.paths import config_dir

    if db_backend == "postgresql":
        from tests.support import pg

        pg.require_server()
        template_url, key = request.getfixturevalue("pg_template")
        url = pg.create_database(template=pg.name_of(template_url))
        shutil.copy(key, config_dir() / "audit.key")
        yield url  # type: ignore[misc]
        pg.drop_database(url)
        return
    template_db = request.getfixturevalue("template_db")
    target = tmp_path / "office.sqlite"
    shutil.copy(template_db, target)
    shutil.copy(template_key(template_db), config_dir() / "audit.key")
    yield target


def _close_after_background_work(s) -> None:  # type: ignore[no-untyped-def]
    """Close services only once the GUI's pool threads are done with them (a home-tab refresh of the test
    still querying while the engine is disposed can crash the process)."""
    qtcore = sys.modules.get("PySide6.QtCore")
    if qtcore is not None:
        qtcore.QThreadPool.globalInstance().waitForDone(60_000)
    s.close()


@pytest.fixture
def services(db_path: Path) -> Iterator:
    from app.bootstrap import open_services

    s = open_services(str(db_path))
    yield s
    _close_after_background_work(s)


def actor_for(services, login: str):  # type: ignore[no-untyped-def]
    from app.services.accounts import find_user, to_actor

    with services.db.read() as s:
        return to_actor(find_user(s, login))


@pytest.fixture
def actors(services):  # type: ignore[no-untyped-def]
    """Actors by login: sysadmin, secadmin, auditor, clerk, jiyao, leader, petition, noroles."""

    class _Actors(dict):
        def __missing__(self, login: str):  # type: ignore[no-untyped-def]
            self[login] = actor_for(services, login)
            return self[login]

    return _Actors()


@pytest.fixture
def sample_services(db_path: Path) -> Iterator:
    """Services whose only area is the test-only 样例登记 register (see tests/support/sample.py)."""
    from app.services.container import Services
    from db.engine import Database
    from tests.support.sample import SAMPLE_AREA, install_sample_table

    db = Database.open(str(db_path))
    install_sample_table(db)
    s = Services(db, [SAMPLE_AREA])
    yield s
    _close_after_background_work(s)

"""The PostgreSQL side of the test databases: a template database built once per session (migrated, with the
test accounts) and one copy per test (CREATE DATABASE … TEMPLATE), dropped afterwards.

The server is the one named by COUNTY_OFFICE_TEST_PG_URL (scripts/pg_test_server.sh starts a throw-away
one). Without it the PostgreSQL half of the tests is skipped — except in CI (COUNTY_OFFICE_CI set by
.ci/run), where a missing or unreachable server fails them."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

PG_URL = os.environ.get("COUNTY_OFFICE_TEST_PG_URL", "")
IN_CI = bool(os.environ.get("COUNTY_OFFICE_CI"))
_names = itertools.count(1)


def require_server() -> str:
    """The server's URL, or skip (locally) / fail (in CI) when there is none or it cannot be reached."""
    if not PG_URL:
        if IN_CI:
            pytest.fail("CI 必须在 PostgreSQL 上运行这些测试，但没有设置 COUNTY_OFFICE_TEST_PG_URL")
        pytest.skip("no PostgreSQL server: set COUNTY_OFFICE_TEST_PG_URL (scripts/pg_test_server.sh start)")
    problem = _reachable()
    if problem:
        if IN_CI:
            pytest.fail(f"CI 的 PostgreSQL 服务器无法连接：{problem}")
        pytest.skip(f"PostgreSQL server not reachable: {problem}")
    return PG_URL


_reach_cache: dict[str, str] = {}


def _reachable() -> str:
    if PG_URL not in _reach_cache:
        try:
            with _admin() as conn:
                conn.exec_driver_sql("SELECT 1")
            _reach_cache[PG_URL] = ""
        except Exception as e:  # any failure: say it once, skip or fail every test the same way
            _reach_cache[PG_URL] = str(e).splitlines()[0]
    return _reach_cache[PG_URL]


def database_url(name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


@contextmanager
def _admin() -> Iterator:  # type: ignore[type-arg]
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    engine = create_engine(PG_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


def create_database(template: str | None = None) -> str:
    """A new empty database (or a copy of ``template``); its URL."""
    name = f"co_test_{os.getpid()}_{next(_names)}"
    with _admin() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.exec_driver_sql(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
    return database_url(name)


def drop_database(url: str) -> None:
    from sqlalchemy.engine import make_url

    with _admin() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {make_url(url).database} WITH (FORCE)")


def name_of(url: str) -> str:
    from sqlalchemy.engine import make_url

    return str(make_url(url).database)

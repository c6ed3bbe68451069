"""The same core on a PostgreSQL server (a multi-PC office): migrations, accounts, registers, search
(the LIKE fallback behind db.search), the append-only audit log. Runs only when a disposable database is
named in COUNTY_OFFICE_TEST_PG_URL, e.g. postgresql+psycopg2://office:office@127.0.0.1/office_test;
the test empties that database first."""

from __future__ import annotations

import os

import pytest

PG_URL = os.environ.get("COUNTY_OFFICE_TEST_PG_URL")
# A PostgreSQL server (and its driver) is optional, not a declared dependency: SQLite is the default.
pytestmark = pytest.mark.skipif(
    not PG_URL, reason="optional PostgreSQL server: set COUNTY_OFFICE_TEST_PG_URL to a disposable database"
)


def test_core_and_areas_run_on_postgresql():
    from sqlalchemy import create_engine, text

    from app.bootstrap import open_services
    from app.demo import demo_actor, fill_demo
    from db.migrate import head_revisions

    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    services = open_services(PG_URL)
    try:
        summary = fill_demo(services, year=2026)
        assert summary.counts["收文"] == 802
        clerk = demo_actor(services, "wangfang")
        assert services.registers.page(clerk, "incoming", search="防").total > 0
        assert (
            services.registers.page(clerk, "incoming", search="防汛 通知").total
            <= services.registers.page(clerk, "incoming", search="防汛").total
        )
        assert services.audit.verify().ok
        with services.db.writer.connect() as conn:
            assert {
                r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))
            } == head_revisions()
            with pytest.raises(Exception, match="append-only"):
                conn.execute(text("UPDATE audit_log SET action = 'x'"))
    finally:
        services.close()

"""Alembic environment: runs on the connection handed in by db.migrate, or on sqlalchemy.url.

The revisions form a core chain (label ``core``) and one labelled branch per area, all starting at
``0001_core``; the app upgrades ``heads``. A new core revision: ``python scripts/new_migration.py core "msg"``
(down_revision = core@head); an area's: ``... AREA "msg"``. Why and how: db/migrations/README.md.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, text

import db.models  # noqa: F401  (registers every table on the metadata)
from db.base import Base

config = context.config
target_metadata = Base.metadata


def include_name(name, type_, parent_names):  # type: ignore[no-untyped-def]
    # FTS5 search tables and their shadow tables are managed by hand in the migrations.
    if type_ == "table" and name and "_fts" in name:
        return False
    return True


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    if connection.dialect.name != "sqlite":
        # Alembic makes version_num VARCHAR(32) and our revision ids are longer (SQLite ignores the length,
        # a server does not): the table is made first with room for them.
        connection.execute(
            text(
                "CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(128) NOT NULL, "
                "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
            )
        )
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_name=include_name,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.begin() as conn:
            _run(conn)
    finally:
        engine.dispose()  # no pooled connection left for the garbage collector (a server counts them)

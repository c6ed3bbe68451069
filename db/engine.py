"""Engine creation with per-connection pragmas and SQLAlchemy's documented SQLite transaction recipe.

Two engines share one URL: ``reader`` begins deferred transactions, ``writer`` begins with
BEGIN IMMEDIATE so that numbering and the audit chain are serialised across processes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


def to_url(path_or_url: str | Path) -> str:
    text = str(path_or_url)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def _sqlite_engine(url: str, begin: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None  # let SQLAlchemy emit BEGIN itself
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        if ":memory:" not in url and url != "sqlite://":
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        conn.exec_driver_sql(begin)

    return engine


@dataclass
class Database:
    """Both engines and their session factories. ``write()`` is one transaction: commit or nothing."""

    url: str
    reader: Engine
    writer: Engine

    def __post_init__(self) -> None:
        self._read_sessions = sessionmaker(self.reader, expire_on_commit=False)
        self._write_sessions = sessionmaker(self.writer, expire_on_commit=False)

    @classmethod
    def open(cls, path_or_url: str | Path) -> Database:
        url = to_url(path_or_url)
        if is_sqlite(url):
            return cls(url, _sqlite_engine(url, "BEGIN"), _sqlite_engine(url, "BEGIN IMMEDIATE"))
        reader = create_engine(url, pool_pre_ping=True)
        writer = create_engine(url, pool_pre_ping=True)
        if writer.dialect.name == "postgresql":
            # The counterpart of SQLite's BEGIN IMMEDIATE: one writer at a time, so numbering and the audit
            # chain (which read the last value and append) never race between office PCs.
            @event.listens_for(writer, "begin")
            def _serialise(conn):  # type: ignore[no-untyped-def]
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(727021)")

        return cls(url, reader, writer)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read_sessions() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self._write_sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.reader.dispose()
        if self.writer is not self.reader:
            self.writer.dispose()

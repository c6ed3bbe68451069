"""Engine creation with per-connection pragmas and SQLAlchemy's documented SQLite transaction recipe.

Two engines share one URL: ``reader`` begins deferred transactions, ``writer`` begins with
BEGIN IMMEDIATE so that numbering and the audit chain are serialised across processes. A writer waits for
its turn for a bounded time (WRITE_WAIT for a user's save), polling often so that writers take turns fairly
instead of one sleeping through its turns (SQLite's own busy handler backs off up to 100 ms); a long write
(an import) leaves a notice, so a clerk whose save cannot wait is told what runs and when it should end.
"""

from __future__ import annotations

import json
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from app.domain.errors import DatabaseBusy
from db.errors import busy_error, classify, damaged

WRITE_WAIT = 2.0  # seconds a user's save waits for the database before she is told why not
LONG_WAIT = 60.0  # a long write (import) waits longer for its turn
NOTICE_KEY = "long_write_notice"
WRITER_LOCK = 727021  # the advisory lock a server's writers take in turn (any number the office keeps)
BUSY_SHOWN_AFTER = 0.3  # a wait this long is told to the user while it lasts (then every BUSY_EVERY s)
BUSY_EVERY = 0.5


def to_url(path_or_url: str | Path) -> str:
    text = str(path_or_url)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def _begin_immediate(conn, wait: float, on_wait: Callable[[float], None] | None = None) -> None:  # type: ignore[no-untyped-def]
    """BEGIN IMMEDIATE, retried every few ms until ``wait`` seconds have passed (then DatabaseBusy).
    ``on_wait(seconds)`` is told while the wait lasts, so the window can say 数据库正忙 as it happens."""
    start = time.monotonic()
    told = BUSY_SHOWN_AFTER - BUSY_EVERY  # first told at BUSY_SHOWN_AFTER
    while True:
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            return
        except DBAPIError as e:
            problem = classify(e)
            waited = time.monotonic() - start
            if not isinstance(problem, DatabaseBusy):
                raise
            if waited >= wait:
                raise busy_error(waited) from None
            if on_wait is not None and waited >= BUSY_SHOWN_AFTER and waited - told >= BUSY_EVERY:
                told = waited
                on_wait(waited)
        # a writer that has waited longer polls faster, so turns go roughly in order of arrival
        time.sleep(random.uniform(0.005, 0.010) if waited < 0.05 else random.uniform(0.001, 0.002))


def _advisory_turn(conn, wait: float, on_wait: Callable[[float], None] | None = None) -> None:  # type: ignore[no-untyped-def]
    """A server writer's turn: the advisory lock WRITER_LOCK for this transaction, within ``wait`` seconds
    (then DatabaseBusy), ``on_wait(seconds)`` told while the wait lasts, as ``_begin_immediate`` does.

    Mostly one round trip (the lock is free). Otherwise the wait is the server's own queue, in steps up to
    the next time the user is told: each step is a blocking lock request bounded by lock_timeout inside a
    savepoint (a timed-out request aborts only the savepoint), so between two notices the waiter keeps its
    place in the queue instead of polling. On the DBAPI cursor: SQLAlchemy rolls back the whole transaction
    on an error raised while it is still beginning one."""
    cur = conn.connection.dbapi_connection.cursor()
    try:
        cur.execute(f"SELECT pg_try_advisory_xact_lock({WRITER_LOCK})")
        if cur.fetchone()[0]:
            return
        start = time.monotonic()
        told = BUSY_SHOWN_AFTER - BUSY_EVERY  # first told at BUSY_SHOWN_AFTER
        while True:
            waited = time.monotonic() - start
            if waited >= wait:
                raise busy_error(waited)
            step = wait - waited
            if on_wait is not None:
                step = min(step, max(told + BUSY_EVERY - waited, 0.01))
            cur.execute("SAVEPOINT writer_turn")
            cur.execute(f"SET LOCAL lock_timeout = {max(1, round(step * 1000))}")
            try:
                cur.execute(f"SELECT pg_advisory_xact_lock({WRITER_LOCK})")
            except Exception as e:  # the driver's own error: lock_timeout is a busy database, else raised
                if not isinstance(classify(e), DatabaseBusy):
                    raise
                cur.execute("ROLLBACK TO SAVEPOINT writer_turn")  # also undoes the SET LOCAL
                waited = time.monotonic() - start
                if on_wait is not None and waited >= BUSY_SHOWN_AFTER and waited - told >= BUSY_EVERY - 0.005:
                    told = waited
                    on_wait(waited)
                continue
            # the lock stays with the transaction; the save's own statements wait as the server is set to
            cur.execute("RELEASE SAVEPOINT writer_turn")
            cur.execute("SET LOCAL lock_timeout = DEFAULT")
            return
    finally:
        cur.close()


def _sqlite_engine(url: str, writer: bool) -> Engine:
    engine = create_engine(url, connect_args={"timeout": 0 if writer else 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None  # let SQLAlchemy emit BEGIN itself
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        if ":memory:" not in url and url != "sqlite://":
            try:
                cur.execute("PRAGMA journal_mode=WAL")
            except sqlite3.OperationalError:  # a read-only file: reading still works, writing says why not
                pass
        # the writer polls in _begin_immediate (SQLite's own handler would sleep through its turns); once it
        # holds the write lock its statements do not wait in WAL mode
        cur.execute(f"PRAGMA busy_timeout={0 if writer else 30000}")
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        if writer:
            options = conn.get_execution_options()
            _begin_immediate(conn, options.get("write_wait", WRITE_WAIT), options.get("on_wait"))
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


def _read_only_engine(path: Path) -> Engine:
    """A SQLite file opened for reading only (a read-only copy, a CD, a read-only mount): no pragma writes,
    and on a mount where not even the lock files can be made, the file is read as immutable."""

    def connect(immutable: bool) -> sqlite3.Connection:
        name = str(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
        uri = f"file:{name}?mode=ro" + ("&immutable=1" if immutable else "")
        con = sqlite3.connect(uri, uri=True, timeout=30, check_same_thread=False)
        con.isolation_level = None
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return con

    try:
        connect(False).close()
        immutable = False
    except sqlite3.OperationalError:
        immutable = True
    except sqlite3.DatabaseError as e:  # damaged or not a database at all
        raise (classify(e) or damaged()) from None
    return create_engine("sqlite://", creator=lambda: connect(immutable), poolclass=NullPool)


@dataclass
class Database:
    """Both engines and their session factories. ``write()`` is one transaction: commit or nothing."""

    url: str
    reader: Engine
    writer: Engine
    audit_key: bytes | None = None  # the HMAC key of the audit chain (None: the database's, looked up)
    # told while a save waits for its turn (the GUI shows 数据库正忙 in its status bar as it happens)
    on_wait: Callable[[float], None] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        # one dict for both factories: every new session reads it, so set_audit_key reaches the next one
        self._info: dict[str, object] = {"audit_key": self.audit_key} if self.audit_key else {}
        self._read_sessions = sessionmaker(self.reader, expire_on_commit=False, info=self._info)
        self._write_sessions = sessionmaker(self.writer, expire_on_commit=False, info=self._info)

    def set_audit_key(self, key: bytes) -> None:
        """The key the audit chain of this database is written with (changes only when a restore replaced
        the database by one keyed elsewhere)."""
        self.audit_key = key
        self._info["audit_key"] = key

    @classmethod
    def open(cls, path_or_url: str | Path, audit_key: bytes | None = None) -> Database:
        url = to_url(path_or_url)
        if is_sqlite(url):
            return cls(url, _sqlite_engine(url, False), _sqlite_engine(url, True), audit_key)
        # psycopg prepares a statement run five times, and the server may then plan it once for any value:
        # a search's LIKE planned without its word walked or scanned a million rows (11 s instead of 0.1 s)
        args = {"prepare_threshold": None} if make_url(url).get_driver_name() == "psycopg" else {}
        reader = create_engine(url, pool_pre_ping=True, connect_args=args)
        writer = create_engine(url, pool_pre_ping=True, connect_args=args)
        if writer.dialect.name == "postgresql":
            # The counterpart of SQLite's BEGIN IMMEDIATE: one writer at a time, so numbering and the audit
            # chain (which read the last value and append) never race between office PCs; a save waits for
            # its turn at most its write_wait, then is told the database is busy, as on SQLite.
            @event.listens_for(writer, "begin")
            def _serialise(conn):  # type: ignore[no-untyped-def]
                options = conn.get_execution_options()
                _advisory_turn(conn, options.get("write_wait", WRITE_WAIT), options.get("on_wait"))

        return cls(url, reader, writer, audit_key)

    @classmethod
    def open_read_only(cls, path_or_url: str | Path, audit_key: bytes | None = None) -> Database:
        """For `check`: reads only, works on a read-only file or mount (a server database opens as usual)."""
        url = to_url(path_or_url)
        if not is_sqlite(url) or url.split("///", 1)[-1] in ("", ":memory:"):
            return cls.open(url, audit_key)
        engine = _read_only_engine(Path(url.split("///", 1)[1]))
        return cls(url, engine, engine, audit_key)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with _translated(), self._read_sessions() as session, session.begin():
            yield session

    @contextmanager
    def write(self, wait: float = WRITE_WAIT) -> Iterator[Session]:
        """One write transaction; its turn comes within ``wait`` seconds or DatabaseBusy says who holds it."""
        try:
            with _translated(), self._write_sessions() as session, session.begin():
                # take the write lock now
                session.connection(execution_options={"write_wait": wait, "on_wait": self.on_wait})
                yield session
        except DatabaseBusy as e:
            raise self._busy_with_notice(e) from None

    @contextmanager
    def long_write(self, what: str, by: str, expected_seconds: float) -> Iterator[Session]:
        """A long write transaction (an import): first a notice in its own short transaction, so that a
        clerk's save that cannot wait is told what runs, by whom and until when; the notice goes after."""
        now = datetime.now()
        notice = {
            "what": what,
            "by": by,
            "started": now.isoformat(timespec="seconds"),
            "until": (now + timedelta(seconds=expected_seconds)).isoformat(timespec="seconds"),
        }
        self._set_notice(json.dumps(notice, ensure_ascii=False))
        try:
            with self.write(wait=LONG_WAIT) as session:
                yield session
        finally:
            self._set_notice(None)

    def _set_notice(self, value: str | None) -> None:
        with self.write(wait=LONG_WAIT) as s:
            s.execute(text("DELETE FROM settings WHERE key = :k"), {"k": NOTICE_KEY})
            if value is not None:
                s.execute(
                    text("INSERT INTO settings (key, value) VALUES (:k, :v)"), {"k": NOTICE_KEY, "v": value}
                )

    def _busy_with_notice(self, e: DatabaseBusy) -> DatabaseBusy:
        try:
            with self.read() as s:
                raw = s.execute(text("SELECT value FROM settings WHERE key = :k"), {"k": NOTICE_KEY}).scalar()
        except Exception:  # the notice is a courtesy: the busy message stands without it
            return e
        if not raw:
            return e
        n = json.loads(raw)
        until = datetime.fromisoformat(n["until"])
        left = (until - datetime.now()).total_seconds()
        when = (
            f"预计 {until:%H:%M:%S} 前后完成，还需约 {max(1, round(left))} 秒"
            if left > 0
            else "已超过预计时间，应很快完成"
        )
        started = datetime.fromisoformat(n["started"])
        return DatabaseBusy(
            f"数据库正忙：{n['by']}正在{n['what']}（{started:%H:%M} 开始，{when}）。"
            f"您的修改尚未保存，窗口保持打开；请在导入完成后再点“保存”。"
        )

    def dispose(self) -> None:
        self.reader.dispose()
        if self.writer is not self.reader:
            self.writer.dispose()


@contextmanager
def _translated() -> Iterator[None]:
    """Driver errors a user can act on (busy, full, read-only, damaged) as typed, SQL-free errors."""
    try:
        yield
    except DBAPIError as e:
        problem = classify(e)
        if problem is None:
            raise
        raise problem from None

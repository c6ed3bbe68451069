"""A save that waits for another writer's turn is told so while it waits (the window's 数据库正忙 notice),
then either goes through when the turn comes or is refused at its bound with nothing saved — the same on
SQLite (BEGIN IMMEDIATE retried) and on a PostgreSQL server (the writers' advisory lock)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from app.domain.errors import DatabaseBusy
from db.engine import BUSY_SHOWN_AFTER, Database

pytestmark = pytest.mark.both_databases


def _setting(db: Database, key: str) -> str | None:
    with db.read() as s:
        return s.execute(text("SELECT value FROM settings WHERE key = :k"), {"k": key}).scalar()


def test_a_save_past_its_bound_is_told_while_it_waits_then_refused(db_path: Path) -> None:
    holder, waiter = Database.open(db_path), Database.open(db_path)
    told: list[float] = []
    waiter.on_wait = told.append
    try:
        with holder.write():  # another PC (or process) holds the write turn throughout
            start = time.monotonic()
            with pytest.raises(DatabaseBusy, match="数据库正忙") as err:
                with waiter.write(wait=1.4) as s:
                    s.execute(text("INSERT INTO settings (key, value) VALUES ('busy_test', 'x')"))
            waited = time.monotonic() - start
        assert "没有保存" in str(err.value)
        assert waited >= 1.4
        # told from BUSY_SHOWN_AFTER on, again every half second, with the seconds waited so far
        assert len(told) >= 2, told
        assert told[0] >= BUSY_SHOWN_AFTER
        assert told == sorted(told) and told[-1] <= waited
        assert _setting(waiter, "busy_test") is None  # nothing of the refused save was written
    finally:
        holder.dispose()
        waiter.dispose()


def test_a_waiting_save_goes_through_when_the_other_writer_finishes(db_path: Path) -> None:
    holder, waiter = Database.open(db_path), Database.open(db_path)
    told: list[float] = []
    waiter.on_wait = told.append
    holding = threading.Event()

    def hold() -> None:
        with holder.write():
            holding.set()
            time.sleep(1.0)

    other = threading.Thread(target=hold)
    other.start()
    try:
        assert holding.wait(30)
        start = time.monotonic()
        with waiter.write(wait=20) as s:
            s.execute(text("INSERT INTO settings (key, value) VALUES ('busy_test', 'saved')"))
        waited = time.monotonic() - start
        other.join()
        assert told, "the wait was not told while it lasted"
        assert told[0] >= BUSY_SHOWN_AFTER and told[-1] <= waited
        assert waited < 20
        assert _setting(holder, "busy_test") == "saved"
        # the turn is given back with the transaction: the holder writes again at once
        with holder.write(wait=0.5) as s:
            s.execute(text("UPDATE settings SET value = 'again' WHERE key = 'busy_test'"))
        assert _setting(waiter, "busy_test") == "again"
    finally:
        other.join()
        holder.dispose()
        waiter.dispose()

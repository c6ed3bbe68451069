"""Database problems in the user's terms: busy (bounded wait, then who holds it and until when), disk full,
read-only, damaged — each its own Chinese message saying nothing was saved, never SQL or parameters."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from sqlalchemy import event

from app.domain.errors import DatabaseBusy, DatabaseDamaged, DatabaseReadOnly, DiskFull
from tests.conftest import PASSWORD

LETTER = {"received_on": "2026-03-02", "sender": "市委办公室", "title": "关于防汛的通知"}


def _clean(message: str) -> None:
    for raw in ("INSERT", "UPDATE", "SELECT", "parameters", "sqlite3", "Traceback"):
        assert raw not in message


def _count(services, actors) -> int:  # type: ignore[no-untyped-def]
    return services.registers.page(actors["clerk"], "sample").total


def test_a_save_while_another_process_writes_waits_then_says_busy(sample_services, actors, db_path):
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        with pytest.raises(DatabaseBusy) as err:
            sample_services.registers.create(actors["clerk"], "sample", LETTER)
        waited = time.monotonic() - started
    finally:
        holder.rollback()
        holder.close()
    assert 1.9 < waited < 20  # bounded: about WRITE_WAIT (2 s; more on a loaded machine), not 30 s
    assert "数据库正忙" in err.value.message and "没有保存" in err.value.message
    _clean(err.value.message)
    assert _count(sample_services, actors) == 0
    sample_services.registers.create(actors["clerk"], "sample", LETTER)  # free again: saves at once


def test_a_save_during_a_long_import_is_told_what_runs_and_when_it_ends(sample_services, actors):
    db = sample_services.db
    inside, release = threading.Event(), threading.Event()

    def long_import() -> None:
        with db.long_write("导入样例登记 154000 条", "李军", expected_seconds=600):
            inside.set()
            release.wait(10)

    t = threading.Thread(target=long_import)
    t.start()
    try:
        assert inside.wait(10)
        with pytest.raises(DatabaseBusy) as err:
            sample_services.registers.create(actors["clerk"], "sample", LETTER)
    finally:
        release.set()
        t.join()
    message = err.value.message
    assert "李军正在导入样例登记 154000 条" in message and "预计" in message and "完成" in message
    assert "尚未保存" in message
    sample_services.registers.create(actors["clerk"], "sample", LETTER)  # the notice is gone with the import
    with db.read() as s:
        from db.models.core import Setting

        assert s.get(Setting, "long_write_notice") is None


def test_a_full_disk_says_so_and_saves_nothing(sample_services, actors):
    writer = sample_services.db.writer
    writer.dispose()

    @event.listens_for(writer, "connect")
    def _no_room(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite answers SQLITE_FULL beyond this

    big = {**LETTER, "note": "备注" * 900}
    with pytest.raises(DiskFull) as err:
        for _ in range(60):
            sample_services.registers.create(actors["clerk"], "sample", big)
    assert "磁盘空间已满" in err.value.message and "没有保存" in err.value.message
    _clean(err.value.message)


def test_a_read_only_database_lets_nobody_in_with_a_clear_message(db_path):
    from app.bootstrap import open_services

    services = open_services(f"sqlite:///file:{db_path}?mode=ro&uri=true")
    try:
        with pytest.raises(DatabaseReadOnly) as err:
            services.auth.login("clerk", PASSWORD)
    finally:
        services.close()
    assert "只读" in err.value.message and "没有保存" in err.value.message
    _clean(err.value.message)


def test_a_damaged_file_says_damaged_and_to_restore_the_backup(db_path):
    from app.bootstrap import open_services

    with open(db_path, "r+b") as f:  # the header gone: not a database any more
        f.write(b"\0" * 100)
    with pytest.raises(DatabaseDamaged) as err:
        open_services(str(db_path))
    assert "已损坏" in err.value.message and "备份" in err.value.message
    _clean(err.value.message)


def test_check_reads_a_damaged_log_page_as_damaged_not_as_tampering(db_path):
    from db.engine import Database

    size = db_path.stat().st_size
    with open(db_path, "r+b") as f:  # scribble over the pages after the header
        f.seek(4096)
        f.write(b"\xff" * (size - 4096))
    from app.services.audit import AuditService

    with pytest.raises(DatabaseDamaged) as err:  # when opening or when reading the log, never raw
        db = Database.open_read_only(db_path)
        try:
            AuditService(db).verify()
        finally:
            db.dispose()
    _clean(err.value.message)


def test_a_printout_on_a_full_disk_says_so_and_leaves_nothing(sample_services, actors, tmp_path, monkeypatch):
    import errno

    from app.kit import print_service

    sample_services.registers.create(actors["clerk"], "sample", LETTER)
    real_replace = print_service.os.replace

    def full(src, dst):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(print_service.os, "replace", full)
    out = tmp_path / "登记簿.pdf"
    with pytest.raises(DiskFull) as err:
        sample_services.printing.render_book(actors["clerk"], "sample", out)
    assert "磁盘空间已满" in err.value.message and "登记簿.pdf" in err.value.message
    assert not out.exists() and not list(tmp_path.glob(".*part*"))
    monkeypatch.setattr(print_service.os, "replace", real_replace)


def test_an_export_on_a_full_disk_says_so_in_chinese_and_leaves_nothing(
    sample_services, actors, tmp_path, monkeypatch
):
    import errno

    from app.importing import export

    sample_services.registers.create(actors["clerk"], "sample", LETTER)

    def full(src, dst):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export.os, "replace", full)
    for name in ("导出.csv", "导出.xlsx"):
        out = tmp_path / name
        with pytest.raises(DiskFull) as err:
            sample_services.importer.export(actors["clerk"], "sample", out)
        assert "磁盘空间已满" in err.value.message and name in err.value.message
        assert "No space" not in err.value.message
        assert not out.exists() and not list(tmp_path.glob(".*part*"))

    def broken(src, dst):  # type: ignore[no-untyped-def]
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(export.os, "replace", broken)
    with pytest.raises(Exception) as err:
        sample_services.importer.export(actors["clerk"], "sample", tmp_path / "x.csv")
    assert "读写出错" in str(err.value) and "Input/output" not in str(err.value)

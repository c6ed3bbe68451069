"""0011 adds 收文 成文日期; a 备注 that 从扫描件登记 filled with only the recognised date (before the field
existed) moves into it, anything the clerk wrote stays in 备注."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def _fill_row(con: sqlite3.Connection, table: str, values: dict) -> None:  # type: ignore[type-arg]
    """Insert a row giving every NOT NULL column something of its type."""
    row = dict(values)
    for _cid, name, kind, notnull, default, pk in con.execute(f"PRAGMA table_info({table})"):
        if name in row or pk or not notnull or default is not None:
            continue
        kind = kind.upper()
        row[name] = 0 if "INT" in kind or "BOOL" in kind else "2026-03-05 09:30:00" if "DATE" in kind else ""
    cols = ", ".join(row)
    con.execute(f"INSERT INTO {table} ({cols}) VALUES ({', '.join('?' * len(row))})", list(row.values()))


def test_scan_dates_in_notes_move_into_the_new_field(tmp_path: Path) -> None:
    from alembic import command

    from db.engine import Database
    from db.migrate import _config

    path = tmp_path / "before.sqlite"
    db = Database.open(str(path))
    cfg = _config(db.url)
    with db.writer.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0010_documents_copy_no_pending_index")
    db.dispose()
    con = sqlite3.connect(path)
    cols = {row[1] for row in con.execute("PRAGMA table_info(incoming_docs)")}
    assert "written_on" not in cols
    notes = {
        1: "成文日期：2026年3月5日",  # exactly what the scan wrote: moves
        2: "成文日期：2026年3月5日\n请于周五前反馈",  # the clerk added to it: stays
        3: "成文日期：2026年2月30日",  # not a date: stays
        4: "",
    }
    for rid, note in notes.items():
        _fill_row(con, "incoming_docs", {"id": rid, "series": "incoming", "year": 2026, "seq": rid,
                                         "number": f"2026-{rid:04d}", "note": note})  # fmt: skip
    con.commit()
    con.close()
    db = Database.open(str(path))
    cfg = _config(db.url)
    with db.writer.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")
    db.dispose()
    con = sqlite3.connect(path)
    rows = {
        rid: (written, note)
        for rid, written, note in con.execute("SELECT id, written_on, note FROM incoming_docs")
    }
    con.close()
    assert rows == {
        1: ("2026-03-05", ""),
        2: (None, notes[2]),
        3: (None, notes[3]),
        4: (None, ""),
    }

"""The fast consistent copy: a live WAL database with commits not yet checkpointed into the main file comes
out as one self-contained file holding them, and its chunked checksum is that of the file written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from app.services.backup import snapshot as snap


def _live(path: Path, rows: int) -> sqlite3.Connection:
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA wal_autocheckpoint=0")  # every commit stays in the WAL, as between checkpoints
    con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)")
    con.executemany("INSERT INTO t (body) VALUES (?)", [("甲" * 300,) for _ in range(rows)])
    return con


def test_commits_still_in_the_wal_are_in_the_copy_and_the_copy_is_one_file(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(snap, "CHUNK", 64 * 1024)  # many chunks: only those the WAL touched are hashed again
    src, dest = tmp_path / "live.sqlite", tmp_path / "copy.sqlite"
    con = _live(src, 1000)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # part of the data in the main file …
    con.executemany("UPDATE t SET body = ? WHERE id = ?", [("乙" * 300, i) for i in range(1, 2000, 7)])
    con.executemany(
        "INSERT INTO t (body) VALUES (?)", [("丙" * 300,) for _ in range(2000)]
    )  # … part in the WAL
    assert (tmp_path / "live.sqlite-wal").stat().st_size > 1_000_000  # the rows are in the WAL only
    checksum = snap.snapshot(src, dest)
    con.execute("INSERT INTO t (body) VALUES ('after')")  # the source goes on; the copy is of its moment
    con.close()
    assert not (tmp_path / "copy.sqlite-wal").exists()
    copy = sqlite3.connect(f"file:{dest}?mode=ro&immutable=1", uri=True)
    assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT count(*) FROM t").fetchone()[0] == 3000
    assert copy.execute("SELECT count(*) FROM t WHERE body LIKE '乙%'").fetchone()[0] == len(
        range(1, 1000, 7)
    )
    copy.close()
    assert checksum == snap.chunked_checksum(dest)


@settings(max_examples=20, deadline=None)
@given(st.binary(max_size=3 * 1024), st.integers(min_value=0, max_value=3 * 1024 - 1))
def test_the_chunked_checksum_changes_with_any_byte(data: bytes, where: int) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "f"
        path.write_bytes(data)
        before = snap.chunked_checksum(path)
        if data:
            changed = bytearray(data)
            changed[where % len(data)] ^= 0x40
            path.write_bytes(bytes(changed))
            assert snap.chunked_checksum(path) != before


def test_taking_a_copy_keeps_this_process_locks_so_another_process_never_deletes_the_wal(
    tmp_path: Path,
) -> None:
    """POSIX drops a process's locks on a file when any descriptor on it is closed: had the copy closed its
    own descriptor on the live file, this process's connection would lose its shared lock, and another process
    closing its connection would take itself for the last one, checkpoint and delete the WAL under us (the
    `disk I/O error` of a backup taken while another process wrote)."""
    import subprocess
    import sys

    src = tmp_path / "live.sqlite"
    con = _live(src, 10)
    con.execute("SELECT count(*) FROM t").fetchone()
    for n in range(2):
        snap.snapshot(src, tmp_path / f"copy{n}.sqlite")
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "c.execute(\"INSERT INTO t (body) VALUES ('other')\"); c.commit(); c.close()",
            str(src),
        ],
        check=True,
    )
    assert (tmp_path / "live.sqlite-wal").exists(), "the other process took itself for the last connection"
    assert con.execute("SELECT count(*) FROM t").fetchone()[0] == 11
    con.close()

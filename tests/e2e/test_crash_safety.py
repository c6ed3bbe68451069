"""A machine that fails never takes the registers with it: a saving process killed (SIGKILL) at random
moments leaves a sound file with every acknowledged save, no gap or duplicate number and a verifying audit
chain; a backup taken while another process writes is consistent. (200 kills: bench/stress_kill.py.)"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from tests.support.crash import ROOT, check_after_kill, kill_once

KILLS = 20


def test_saves_survive_twenty_sigkills(db_path: Path) -> None:
    rng = random.Random(20261201)
    acknowledged: set[str] = set()
    checked = 0
    for _ in range(KILLS):
        acknowledged |= set(kill_once(db_path, "clerk", rng))
        checked = check_after_kill(db_path, acknowledged)
    assert len(acknowledged) >= KILLS  # the kills landed while it was saving, not before the first save
    assert checked >= len(acknowledged)


def test_backup_taken_while_another_process_writes_is_consistent(services, actors, tmp_path: Path) -> None:
    from app.services.backup.health import full_check

    db = Path(services.db.url.split("///", 1)[1])
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.support.writer", str(db), "clerk", "150"],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        lines: list[str] = []
        first_save = threading.Event()

        def read() -> None:
            for line in writer.stdout:  # type: ignore[union-attr]
                lines.append(line.strip())
                first_save.set()

        reader = threading.Thread(target=read)
        reader.start()
        assert first_save.wait(timeout=60)
        backups = []  # as many as fit while it writes (a loaded machine fits fewer), at most 20
        while writer.poll() is None and len(backups) < 20:
            backups.append(services.backup.backup(actors["sysadmin"], tmp_path / f"b{len(backups)}.sqlite"))
        writer.wait(timeout=120)
        reader.join()
        # and one after the writer closed its connections (it must not have taken itself for the last one)
        backups.append(services.backup.backup(actors["sysadmin"], tmp_path / "after.sqlite"))
    finally:  # a failed backup must not leave the writer running into the next tests
        if writer.poll() is None:
            writer.kill()
            writer.wait(timeout=30)
        if writer.stdout is not None and not writer.stdout.closed:
            writer.stdout.close()
    assert writer.returncode == 0 and len(lines) == 150
    in_flight = [b for b in backups if 0 < b.manifest.counts["incoming"] < 150]
    assert in_flight, "no backup was taken while the writer was saving"
    from app.services.backup.snapshot import chunked_checksum

    for b in backups:
        assert chunked_checksum(b.path) == b.manifest.sha256  # the checksum taken on the way is the file's
        report = full_check(b.path, immutable=True)
        assert report.integrity_ok and report.chain_ok, report.text()
        con = sqlite3.connect(f"file:{b.path}?mode=ro&immutable=1", uri=True)
        seqs = [r[0] for r in con.execute("SELECT seq FROM incoming_docs ORDER BY seq")]
        creates = con.execute(
            "SELECT count(*) FROM audit_log WHERE object_type = 'incoming' AND action = 'create'"
        ).fetchone()[0]
        con.close()
        # a snapshot of one moment: the counts of the manifest, every record with its audit entry, no gap
        assert len(seqs) == b.manifest.counts["incoming"] == creates
        assert seqs == list(range(1, len(seqs) + 1))

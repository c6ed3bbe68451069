"""Shared by the kill test and bench/stress_kill.py: start the writer, SIGKILL it at a random moment, then
check what a user would: the file is sound, every acknowledged save is there, numbers have no gap or
duplicate, the numbering counter is not behind, the audit chain verifies."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class KillResult:
    acknowledged: list[str]
    records: int


def kill_once(db: Path, login: str, rng: random.Random, max_delay: float = 0.4) -> list[str]:
    """Run the writer, kill it (SIGKILL) after a random delay once it is saving; its acknowledged numbers."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.support.writer", str(db), login],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    if first.strip() != "ready":
        proc.kill()
        raise AssertionError(f"writer did not start: {first!r} {proc.stderr.read() if proc.stderr else ''}")
    time.sleep(rng.uniform(0.0, max_delay))
    os.kill(proc.pid, signal.SIGKILL)
    out, _err = proc.communicate()
    # a line cut off by the kill is not an acknowledgement
    return [line for line in out.split("\n")[:-1] if line.strip()]


def check_after_kill(db: Path, acknowledged: set[str]) -> int:
    """Assert the invariants; return the number of 收文 records checked."""
    from app.services.backup.health import full_check

    report = full_check(db)
    assert report.integrity_ok, report.problems
    assert report.chain_ok, report.text()
    con = sqlite3.connect(db)
    try:
        rows = con.execute("SELECT number, seq FROM incoming_docs WHERE year = 2026 ORDER BY seq").fetchall()
        counter = con.execute(
            "SELECT max(last_value) FROM counters WHERE year = 2026 AND series LIKE 'incoming_docs%'"
        ).fetchone()[0]
    finally:
        con.close()
    numbers = [r[0] for r in rows]
    seqs = [r[1] for r in rows]
    assert acknowledged <= set(numbers), sorted(acknowledged - set(numbers))[:5]
    assert seqs == list(range(1, len(seqs) + 1)), "gap or duplicate in the 收文 numbers"
    assert counter is None or counter == len(seqs), (counter, len(seqs))
    return len(rows)

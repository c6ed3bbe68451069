"""Several office PCs saving at the same moment (one process each, on SQLite and on the PostgreSQL server):
gapless unique numbers, a conflict message instead of a lost update, an audit chain that stays verifiable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.both_databases

ROOT = Path(__file__).resolve().parents[2]
WRITERS = 4
SAVES = 15


def _start(*args: str) -> list[subprocess.Popen]:
    """WRITERS processes of tests.support.concurrent, each started and ready; then all told "go" at once."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.support.concurrent", *[a.format(i=i) for a in args]],
            cwd=ROOT,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(WRITERS)
    ]
    for p in procs:
        assert p.stdout is not None and p.stdout.readline().strip() == "ready", p.stderr and p.stderr.read()
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    return procs


def _outputs(procs: list[subprocess.Popen]) -> list[list[str]]:
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=240)
        assert p.returncode == 0, stderr
        out.append(stdout.split())
    return out


def test_writers_at_the_same_moment_get_gapless_unique_numbers_and_an_intact_chain(services, actors):
    url = services.db.url
    entries_before = services.audit.verify().entries
    numbers = [n for lines in _outputs(_start("save", url, "clerk", str(SAVES))) for n in lines]
    assert len(numbers) == WRITERS * SAVES
    assert len(set(numbers)) == len(numbers)  # nobody got another's number
    page = services.registers.page(actors["clerk"], "incoming", limit=1000)
    seqs = sorted(r["seq"] for r in page.records)
    assert seqs == list(range(1, WRITERS * SAVES + 1))  # and none was skipped
    report = services.audit.verify()
    assert report.ok, report.reason
    assert report.entries >= entries_before + WRITERS * SAVES  # one entry per save at least, all chained


def test_clerks_saving_the_same_record_at_once_one_wins_the_others_are_told(services, actors):
    docs = services.service("documents").incoming
    rec = docs.receive(
        actors["clerk"],
        {
            "received_at": "2026-03-05 09:30",
            "sender": "市委办",
            "sender_number": "市委办发〔2026〕3号",
            "title": "春季森林防火",
            "doc_type": "通知",
        },
    ).record
    version = rec["version"]
    lines = [
        " ".join(o) for o in _outputs(_start("edit", services.db.url, "office", str(rec.id), str(version)))
    ]
    assert lines.count("saved") == 1, lines
    conflicts = [line for line in lines if line.startswith("conflict")]
    assert len(conflicts) == WRITERS - 1
    assert all("吴晓" in c and "备注" in c for c in conflicts), conflicts  # who changed what
    now = services.registers.get(actors["clerk"], "incoming", rec.id)
    assert now["note"] == "office的意见" and now["version"] == version + 1  # one change, none lost silently
    assert services.audit.verify().ok

"""Backup figures: backing up the 1,000,000-row bench database (bench_documents.py's, generated and cached
under bench/cache/ if missing) against a plain file copy of it; the start-up quick check on the demo
database and, bounded, on the large one; an encrypted backup and a restore of the large one.

    .venv/bin/python bench/bench_backup.py [--restore]     # BENCH_ROWS=50000 for a quick run
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_documents import CACHE, ROWS, build  # noqa: E402


def median_ms(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> None:
    CACHE.mkdir(exist_ok=True)
    os.environ.setdefault("COUNTY_OFFICE_HOME", str(CACHE / "home"))
    big = CACHE / f"documents_{ROWS}.sqlite"
    if not big.exists():
        build(big)
    con = sqlite3.connect(big)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the main file: the copy is then complete
    con.close()
    from app.bootstrap import open_services
    from app.demo import fill_demo
    from app.services.backup.health import FULL_QUICK_CHECK_BYTES, startup_check, structure_check
    from tests.conftest import actor_for

    work = Path(tempfile.mkdtemp(prefix="bench-backup-", dir=CACHE))
    size_mb = big.stat().st_size / 2**20
    print(
        f"收文 rows: {ROWS:,}; file {size_mb:.0f} MB; {time.strftime('%Y-%m-%d')}; {os.cpu_count()} CPUs; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    services = open_services(str(big))
    sysadmin = actor_for(services, "sysadmin")

    # 1. backup (online backup API + manifest: counts, audit head, SHA-256 + audit entry) vs a plain copy,
    # alternating so that a drift of the machine's speed hits both
    ours, floor, durable = [], [], []
    for i in range(3):
        t = time.perf_counter()
        shutil.copyfile(big, work / "copy.sqlite")
        floor.append(time.perf_counter() - t)
        with open(work / "copy.sqlite", "rb+") as f:  # our backup ends with an fsync: a copy that is on disk
            os.fsync(f.fileno())
        durable.append(time.perf_counter() - t)
        (work / "copy.sqlite").unlink()
        t = time.perf_counter()
        entry = services.backup.backup(sysadmin, work / f"b{i}.sqlite")
        ours.append(time.perf_counter() - t)
        entry.path.unlink()
    b, c, d = statistics.median(ours), statistics.median(floor), statistics.median(durable)
    print(
        f"backup of the {ROWS:,}-row database (consistent copy under a read lock, manifest, chunked BLAKE3, fsync): {b:.2f} s vs plain "
        f"file copy {c:.2f} s (x{b / c:.2f}), vs copy + fsync {d:.2f} s (x{b / d:.2f}); target <= 2x"
    )
    t = time.perf_counter()
    enc = services.backup.backup(sysadmin, work / "carry.cobak", password="Bench#2026")
    print(
        f"  encrypted (scrypt + AES-256-GCM) backup: {time.perf_counter() - t:.2f} s (x{(time.perf_counter() - t) / c:.2f} of the copy)"
    )
    enc.path.unlink()

    # 2. the start-up check: demo database (full quick_check) and the large one (bounded)
    demo = CACHE / "demo.sqlite"
    if not demo.exists():
        s = open_services(str(demo))
        fill_demo(s)
        s.close()
    demo_ms = median_ms(lambda: startup_check(demo), 10)
    print(
        f"start-up quick check, demo database ({demo.stat().st_size / 2**20:.1f} MB, full quick_check): "
        f"{demo_ms:.1f} ms added to start-up; target <= 100 ms"
    )
    bounded = median_ms(lambda: startup_check(big), 5)
    full_quick = median_ms(lambda: structure_check(big, "quick_check"), 1)
    print(
        f"start-up check, {ROWS:,}-row database ({size_mb:.0f} MB > {FULL_QUICK_CHECK_BYTES // 2**20} MB: "
        f"accounts, settings, counters, audit log only): {bounded:.1f} ms; a full quick_check would take "
        f"{full_quick:.0f} ms (left to `check` and to every backup's verification)"
    )

    # 3. restore of the large database (checksum, integrity_check, audit chain, keeping the current one)
    if "--restore" in sys.argv:
        entry = services.backup.backup(sysadmin, work / "r.sqlite")
        t = time.perf_counter()
        report = services.backup.restore(sysadmin, entry.path)
        print(f"restore of the {ROWS:,}-row database, every check included: {time.perf_counter() - t:.1f} s")
        if report.previous_copy:
            report.previous_copy.unlink(missing_ok=True)
            Path(str(report.previous_copy) + ".manifest.json").unlink(missing_ok=True)
    services.close()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

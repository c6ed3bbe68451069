"""Writers wait fairly: N processes save registrations into the sample register (样例登记) for S seconds;
per writer the saves and the save times (p50, p95, slowest), under our bounded polling wait and under
SQLite's own busy handler (the floor: how it was, busy_timeout=30 s). Then a clerk's saves during a long
import (one transaction of ROWS rows): how long each waited, and what she was told.

    python bench/bench_writers.py [--writers 3] [--seconds 20] [--import-rows 60000]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROW = {"received_on": "2026-03-02", "sender": "市委办公室", "title": "关于做好防汛工作的通知", "pages": "2"}


def _services(url: str, old_busy_handler: bool):  # type: ignore[no-untyped-def]
    import db.engine as engine
    from app.services.container import Services
    from db.engine import Database
    from tests.support.sample import SAMPLE_AREA

    if old_busy_handler:  # the floor: SQLite's busy handler waits (backing off up to 100 ms) 30 s

        def old(conn, wait):  # type: ignore[no-untyped-def]
            conn.exec_driver_sql("PRAGMA busy_timeout=30000")
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        engine._begin_immediate = old  # type: ignore[assignment]
    return Services(Database.open(url), [SAMPLE_AREA])


def _actor():  # type: ignore[no-untyped-def]
    from app.domain.enums import Role, SecretLevel
    from app.services.actor import Actor

    return Actor(1, "bench", "王芳", SecretLevel.SECRET, frozenset({Role.DOCUMENTS}))


def writer(url: str, seconds: float, old: bool, start_at: float, out: mp.Queue) -> None:
    from app.domain.errors import DatabaseBusy

    services = _services(url, old)
    actor = _actor()
    times, busy = [], 0
    while time.time() < start_at:
        time.sleep(0.001)
    end = time.time() + seconds
    while time.time() < end:
        t0 = time.perf_counter()
        try:
            services.registers.create(actor, "sample", ROW)
        except DatabaseBusy:
            busy += 1
        times.append(time.perf_counter() - t0)
    services.close()
    out.put((os.getpid(), times, busy))


def run_writers(url: str, n: int, seconds: float, old: bool) -> list[tuple[int, list[float], int]]:
    out: mp.Queue = mp.Queue()
    start_at = time.time() + 2.0  # every process imported and connected before the clock starts
    procs = [mp.Process(target=writer, args=(url, seconds, old, start_at, out)) for _ in range(n)]
    for p in procs:
        p.start()
    results = [out.get() for _ in procs]
    for p in procs:
        p.join()
    return results


def report(title: str, results: list[tuple[int, list[float], int]]) -> None:
    print(title)
    slowest = 0.0
    for i, (_pid, times, busy) in enumerate(results, 1):
        q = statistics.quantiles(times, n=20)
        slowest = max(slowest, max(times))
        print(
            f"  writer {i}: {len(times):5d} saves  p50 {statistics.median(times) * 1000:6.1f} ms  "
            f"p95 {q[18] * 1000:6.1f} ms  slowest {max(times) * 1000:7.1f} ms  busy {busy}"
        )
    counts = [len(t) for _, t, _ in results]
    print(
        f"  total {sum(counts)} saves, fewest/most {min(counts) / max(counts):.2f}, slowest wait {slowest:.2f} s"
    )


def importer(url: str, rows: int, started: mp.Event) -> None:  # type: ignore[valid-type]
    services = _services(url, False)
    data = [services.registers.check_values(services.catalog.get("sample"), ROW) for _ in range(rows)]
    started.set()
    t0 = time.perf_counter()
    services.registers.bulk_create(_actor(), "sample", data)
    print(f"  import of {rows:,} rows in one transaction: {time.perf_counter() - t0:.1f} s")
    services.close()


def during_import(url: str, rows: int) -> None:
    from app.domain.errors import DatabaseBusy

    started = mp.Event()
    p = mp.Process(target=importer, args=(url, rows, started))
    p.start()
    started.wait()
    time.sleep(1.0)  # the import is inside its transaction now
    services = _services(url, False)
    tries = []
    message = ""
    while p.is_alive() and len(tries) < 5:
        t0 = time.perf_counter()
        try:
            services.registers.create(_actor(), "sample", ROW)
            tries.append((time.perf_counter() - t0, "saved"))
        except DatabaseBusy as e:
            tries.append((time.perf_counter() - t0, "told"))
            message = e.message
        time.sleep(1.0)
    p.join()
    services.close()
    for waited, what in tries:
        print(f"  clerk's save waited {waited:.2f} s: {what}")
    print(f"  she was told: {message}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--writers", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--import-rows", type=int, default=60_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["COUNTY_OFFICE_HOME"] = str(Path(tmp) / "home")
        from app.bootstrap import open_services
        from db.engine import Database, to_url
        from tests.support.sample import install_sample_table

        url = to_url(str(Path(tmp) / "bench.sqlite"))
        open_services(url).close()
        db = Database.open(url)
        install_sample_table(db)
        db.dispose()
        report(
            f"floor: SQLite's busy handler, {args.writers} writers, {args.seconds:.0f} s",
            run_writers(url, args.writers, args.seconds, True),
        )
        report(
            f"ours: bounded polling wait, {args.writers} writers, {args.seconds:.0f} s",
            run_writers(url, args.writers, args.seconds, False),
        )
        print(f"a clerk's saves during a {args.import_rows:,}-row import")
        during_import(url, args.import_rows)


if __name__ == "__main__":
    main()

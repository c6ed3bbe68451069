"""Benchmark of the 值班 area: a year's roster for 40 people (8 带班领导, 32 值班人员) generated and saved, next to
the floor of the same rotation with a bare executemany insert; the duty log on 100,000 entries: first screen
and search keystroke p95 next to the same queries in bare SQL. Ratios, not absolute times.

    python bench/bench_duty.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from app.areas.duty.service import SERVICE as DUTY_SERVICE

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

LEADERS = [f"领导{i}" for i in range(1, 9)]
STAFF = [f"干部{i}" for i in range(1, 33)]
WORDS = [
    "防汛",
    "安全生产",
    "交通事故",
    "山体滑坡",
    "会议通知",
    "值班情况",
    "森林火情",
    "停电",
    "来访",
    "疫情",
]
UNITS = ["市委办公室值班室", "县应急管理局", "城关镇", "县公安局指挥中心", "县气象局", "县水利局"]


def timed(fn, n: int = 1) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


def fresh_services(tmp: Path):  # type: ignore[no-untyped-def]
    from app.bootstrap import open_services
    from app.demo import demo_actor, ensure_demo_accounts

    services = open_services(f"sqlite:///{tmp}")
    ensure_demo_accounts(services)
    return services, demo_actor(services, "chenqiang")


def roster_year() -> None:
    from app.domain import roster
    from app.domain.workdays import default_calendar

    ours, floor = [], []
    for _ in range(5):
        with tempfile.TemporaryDirectory() as d:
            services, actor = fresh_services(Path(d) / "r.sqlite")
            svc = services.service(DUTY_SERVICE)
            t = time.perf_counter()
            svc.generate(
                actor, date(2026, 1, 1), date(2026, 12, 31), leaders=LEADERS, staff=STAFF, staff_per_shift=2
            )
            ours.append(time.perf_counter() - t)
            services.close()
            raw = sqlite3.connect(Path(d) / "floor.sqlite")
            raw.execute(
                "CREATE TABLE s (id INTEGER PRIMARY KEY, day TEXT, slot TEXT, leader TEXT, staff TEXT)"
            )
            t = time.perf_counter()
            plan = roster.generate(
                date(2026, 1, 1), date(2026, 12, 31), LEADERS, STAFF, default_calendar(), staff_per_shift=2
            )
            with raw:
                raw.executemany(
                    "INSERT INTO s (day, slot, leader, staff) VALUES (?, ?, ?, ?)",
                    [(x.day.isoformat(), x.slot, x.leader, "、".join(x.staff)) for x in plan.shifts],
                )
            floor.append(time.perf_counter() - t)
            raw.close()
    o, f = statistics.median(ours), statistics.median(floor)
    print(
        f"year roster, 40 people, 2 per shift (365 shifts saved, audited, indexed): {o * 1000:.0f} ms"
        f" vs bare rotation + executemany {f * 1000:.1f} ms -> ratio {o / f:.1f}x; target <= 1 s"
    )


def build_log(path: Path, rows: int) -> None:
    from db.search import SearchIndex

    services, _actor = fresh_services(path)
    rng = random.Random(1)
    table = services.catalog.get("duty_log").model.__table__
    index = SearchIndex("sqlite")
    start = datetime(2017, 1, 1)
    seqs: dict[int, int] = {}
    batch: list[dict] = []
    moments = sorted(start + timedelta(minutes=rng.randint(0, 10 * 365 * 24 * 60)) for _ in range(rows))
    for i, at in enumerate(moments, start=1):
        seqs[at.year] = seqs.get(at.year, 0) + 1
        content = f"报告{rng.choice(UNITS)}{rng.choice(WORDS)}情况"
        batch.append(
            {
                "id": i, "series": "", "year": at.year, "seq": seqs[at.year], "number": f"值〔{at.year}〕{seqs[at.year]}号",
                "secret_level": "none", "secret_period": "", "voided": False, "void_reason": "", "voided_by": "",
                "created_at": at, "created_by": "bench", "updated_by": "", "at": at, "kind": "来电",
                "unit": rng.choice(UNITS), "caller": "张科长", "phone": "0871-6100000", "content": content,
                "handling": "已报告带班领导", "instruction": "", "recorder": "干部1", "grade": None, "handover": "",
            }
        )  # fmt: skip
        if len(batch) == 20000 or i == rows:
            with services.db.write() as s:
                s.execute(table.insert(), batch)
                index.bulk_insert(
                    s,
                    table,
                    [
                        (r["id"], [r["number"], r["unit"], r["caller"], r["content"], r["handling"], ""])
                        for r in batch
                    ],
                )
            batch.clear()
    services.close()


def log_lists(rows: int) -> None:
    from app.bootstrap import open_services
    from app.demo import demo_actor
    from db.search import match_expression

    path = Path(__file__).resolve().parent / "cache" / f"duty_log_{rows}.sqlite"
    path.parent.mkdir(exist_ok=True)
    if not path.exists():
        t = time.perf_counter()
        build_log(path, rows)
        print(f"generated {rows:,} duty log entries in {time.perf_counter() - t:.1f}s (cached at {path})")
    services = open_services(f"sqlite:///{path}")
    actor = demo_actor(services, "chenqiang")
    raw = sqlite3.connect(path)
    first = statistics.median(
        timed(lambda: services.registers.page(actor, "duty_log", limit=200, with_total=False), 7)
    )
    bare = statistics.median(
        timed(
            lambda: raw.execute(
                "SELECT * FROM duty_log ORDER BY year DESC, seq DESC, id DESC LIMIT 200"
            ).fetchall(),
            7,
        )
    )
    print(
        f"duty log first screen (200 of {rows:,}): {first * 1000:.1f} ms vs bare SQL {bare * 1000:.1f} ms -> {first / bare:.1f}x"
    )
    ours, floor = [], []
    for q in ["防", "防汛", "山体", "山体滑坡", "县气", "县气象局", "值〔2024", "停电"] * 3:
        ours += timed(lambda: services.registers.page(actor, "duty_log", search=q, limit=200))
        expr = match_expression(q)
        floor += timed(
            lambda: raw.execute(
                "SELECT t.* FROM duty_log_fts f JOIN duty_log t ON t.id = f.rowid WHERE f.duty_log_fts MATCH ?"
                " ORDER BY f.rowid DESC LIMIT 200",
                (expr,),
            ).fetchall()
        )
    print(
        f"duty log search keystroke p95: {p95(ours) * 1000:.1f} ms vs bare FTS {p95(floor) * 1000:.1f} ms"
        f" -> {p95(ours) / p95(floor):.1f}x"
    )
    services.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    args = ap.parse_args()
    roster_year()
    log_lists(args.rows)


if __name__ == "__main__":
    main()

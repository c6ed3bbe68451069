"""Benchmark of 督办 on 100,000 items: the colour of every open item for the home tab (target ≤ 100 ms) next to
the bare SQL of the same rows, and the list's first screen and search keystroke p95 next to bare SQL/FTS.

    python bench/bench_supervision.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from app.areas.supervision.service import SERVICE as SUPERVISION_SERVICE

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

UNITS = ["县发展改革局", "县财政局", "县农业农村局", "县住建局", "县生态环境局", "城关镇", "河西乡"]
TASKS = ["落实安全生产大检查", "推进人居环境整治", "加快重点项目建设", "做好防汛准备", "化解信访积案"]


def timed(fn, n: int = 1) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def build(path: Path, rows: int) -> None:
    from app.bootstrap import open_services
    from app.demo import ensure_demo_accounts
    from db.search import SearchIndex

    services = open_services(f"sqlite:///{path}")
    ensure_demo_accounts(services)
    rng = random.Random(1)
    table = services.catalog.get("supervision_items").model.__table__
    index = SearchIndex("sqlite")
    today = date.today()
    seqs: dict[int, int] = {}
    batch: list[dict] = []
    for i in range(1, rows + 1):
        start = today - timedelta(days=rng.randint(0, 3650))
        seqs[start.year] = seqs.get(start.year, 0) + 1
        open_ = i > rows - 2000  # the last 2,000 are still open
        deadline = start + timedelta(days=rng.choice((7, 15, 30, 60)))
        batch.append(
            {
                "id": i, "series": "", "year": start.year, "seq": seqs[start.year],
                "number": f"督〔{start.year}〕{seqs[start.year]}号", "secret_level": "none", "secret_period": "",
                "voided": False, "void_reason": "", "voided_by": "", "created_at": datetime.now(),
                "created_by": "bench", "updated_by": "", "source": "市委督办", "source_ref": "",
                "source_register": "", "received_on": start, "content": rng.choice(TASKS),
                "lead_unit": rng.choice(UNITS), "assist_units": "", "responsible": "", "deadline": deadline,
                "cycle": rng.choice(("once", "weekly")), "state": "assigned" if open_ else "done",
                "assigned_on": start, "progress": "", "extension_reason": "", "extension_state": "",
                "extended": 0, "result": "", "done_on": None if open_ else deadline, "note": "",
            }
        )  # fmt: skip
        if len(batch) == 20000 or i == rows:
            with services.db.write() as s:
                s.execute(table.insert(), batch)
                index.bulk_insert(
                    s, table, [(r["id"], [r["number"], r["content"], r["lead_unit"]]) for r in batch]
                )
            batch.clear()
    services.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    args = ap.parse_args()
    from app.bootstrap import open_services
    from app.demo import demo_actor
    from db.search import match_expression

    path = Path(__file__).resolve().parent / "cache" / f"supervision_{args.rows}.sqlite"
    path.parent.mkdir(exist_ok=True)
    if not path.exists():
        t = time.perf_counter()
        build(path, args.rows)
        print(f"generated {args.rows:,} 督办事项 in {time.perf_counter() - t:.1f}s (cached at {path})")
    services = open_services(f"sqlite:///{path}")
    actor = demo_actor(services, "liuyang")
    raw = sqlite3.connect(path)
    svc = services.service(SUPERVISION_SERVICE)
    ours = statistics.median(timed(lambda: svc.coloured(actor), 7))
    bare = statistics.median(
        timed(
            lambda: raw.execute(
                "SELECT id, number, content, lead_unit, deadline, state, cycle, last_report_on, assigned_on,"
                " received_on, secret_level FROM supervision_items"
                " WHERE state IN ('registered', 'assigned', 'reported') AND voided = 0"
            ).fetchall(),
            7,
        )
    )
    n = len(svc.coloured(actor))
    print(f"colours of every open item ({n} coloured): {ours * 1000:.1f} ms vs bare SQL {bare * 1000:.1f} ms"
          f" -> {ours / bare:.1f}x; target <= 100 ms")  # fmt: skip
    first = statistics.median(
        timed(lambda: services.registers.page(actor, "supervision_items", limit=200, with_total=False), 7)
    )
    bare_first = statistics.median(
        timed(
            lambda: raw.execute(
                "SELECT * FROM supervision_items ORDER BY year DESC, seq DESC, id DESC LIMIT 200"
            ).fetchall(),
            7,
        )
    )
    print(
        f"first screen: {first * 1000:.1f} ms vs bare SQL {bare_first * 1000:.1f} ms -> {first / bare_first:.1f}x"
    )
    mine, floor = [], []
    for q in ["落", "落实", "安全", "安全生产", "县财", "县财政局", "督〔2024", "防汛"] * 3:
        mine += timed(lambda: services.registers.page(actor, "supervision_items", search=q, limit=200))
        expr = match_expression(q)
        floor += timed(
            lambda: raw.execute(
                "SELECT t.* FROM supervision_items_fts f JOIN supervision_items t ON t.id = f.rowid"
                " WHERE f.supervision_items_fts MATCH ? ORDER BY f.rowid DESC LIMIT 200",
                (expr,),
            ).fetchall()
        )

    def p95(v: list[float]) -> float:
        return sorted(v)[max(0, int(len(v) * 0.95) - 1)]

    print(f"search keystroke p95: {p95(mine) * 1000:.1f} ms vs bare FTS {p95(floor) * 1000:.1f} ms")
    services.close()


if __name__ == "__main__":
    main()

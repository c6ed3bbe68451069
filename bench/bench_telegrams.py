"""Benchmark of the telegram registers on 200,000 telegrams: first screen, search keystroke p95, save and
memory, each next to its floor (the same query in bare SQL / bare FTS MATCH). Ratios, not absolute times.

    python bench/bench_telegrams.py [--rows 200000] [--db /tmp/bench_telegrams.sqlite]
"""

from __future__ import annotations

import argparse
import random
import resource
import sqlite3
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

KEYS = ("plain_in", "plain_out", "cipher_in", "cipher_out")
WEIGHTS = (69, 15, 13, 3)  # the office's split of 489 明传 / 95 密码
WORDS = [
    "防汛抗旱",
    "森林防灭火",
    "安全生产",
    "寒潮防范",
    "值班值守",
    "信访维稳",
    "地质灾害",
    "道路交通",
    "耕地保护",
    "乡村振兴",
    "环保督察",
    "极端天气",
    "秋粮收购",
    "重大活动",
]
UNITS = ["国务院办公厅", "省委办公厅", "省政府办公厅", "市委办公室", "市政府办公室", "省应急管理厅"]


def build(path: Path, rows: int) -> None:
    from app.bootstrap import open_services
    from app.demo import ensure_demo_accounts
    from db.search import SearchIndex

    services = open_services(f"sqlite:///{path}")
    ensure_demo_accounts(services)
    rng = random.Random(1)
    index = SearchIndex("sqlite")
    table = services.catalog.get("plain_in").model.__table__
    seqs = {(k, y): 0 for k in KEYS for y in range(2016, 2026)}
    start = datetime(2016, 1, 1)
    batch: list[dict] = []
    next_id = 1

    def flush() -> None:
        with services.db.write() as s:
            s.execute(table.insert(), batch)
            index.bulk_insert(
                s,
                table,
                [
                    (r["id"], [r["number"], r["dept_no"], r["counterpart"], r["title"], r["readers"]])
                    for r in batch
                ],
            )
        batch.clear()

    moments = sorted(start + timedelta(minutes=rng.randint(0, 10 * 365 * 24 * 60)) for _ in range(rows))
    for at in moments:
        key = rng.choices(KEYS, WEIGHTS)[0]
        seqs[(key, at.year)] += 1
        seq = seqs[(key, at.year)]
        cipher = key.startswith("cipher")
        batch.append(
            {
                "id": next_id,
                "series": key,
                "year": at.year,
                "seq": seq,
                "number": f"{'密' if cipher else '明'}{'收' if key.endswith('in') else '发'}〔{at.year}〕{seq}号",
                "secret_level": "secret" if cipher else "none",
                "secret_period": "",
                "voided": False,
                "void_reason": "",
                "voided_by": "",
                "created_at": at,
                "created_by": "bench",
                "updated_by": "",
                "at": at,
                "dept_no": f"{rng.choice(['国办', '省委办', '市委办'])}明电〔{at.year}〕{seq}号",
                "total_no": "",
                "relay_no": "",
                "priority": rng.choice(["ordinary", "urgent", "extra_urgent"]),
                "counterpart": rng.choice(UNITS),
                "title": f"关于做好{rng.choice(WORDS)}工作的通知",
                "pages": 2,
                "copies_count": 1,
                "first_copy_no": "",
                "instructions": "",
                "leader_remarks": "",
                "readers": "",
                "handler_unit": "",
                "result": "",
                "reply_to": "",
            }
        )
        next_id += 1
        if len(batch) == 20000:
            flush()
    if batch:
        flush()
    with services.db.write() as s:
        from app.kit.registers.numbering import next_seq  # noqa: F401  (counters: continue after the bench rows)
        from db.models.core import Counter

        for (key, year), last in seqs.items():
            s.add(Counter(series=f"telegrams:{key}", year=year, last_value=last))
    services.close()


def timed(fn, n: int = 1) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--db", default=None, help="default: bench/cache/telegrams_<rows>.sqlite")
    args = ap.parse_args()
    path = (
        Path(args.db)
        if args.db
        else Path(__file__).resolve().parent / "cache" / f"telegrams_{args.rows}.sqlite"
    )
    path.parent.mkdir(exist_ok=True)
    if not path.exists():
        t = time.perf_counter()
        build(path, args.rows)
        print(f"generated {args.rows:,} telegrams in {time.perf_counter() - t:.1f}s (cached at {path})")
    from app.bootstrap import open_services
    from app.demo import demo_actor
    from db.search import match_expression

    services = open_services(f"sqlite:///{path}")
    actor = demo_actor(services, "lijun")
    raw = sqlite3.connect(path)

    # what a view shows first: one page without the total (counted afterwards in a worker, timed apart)
    first = statistics.median(
        timed(lambda: services.registers.page(actor, "plain_in", limit=200, with_total=False), 7)
    )
    bare_first = statistics.median(
        timed(
            lambda: raw.execute(
                "SELECT * FROM telegrams WHERE series='plain_in' ORDER BY year DESC, seq DESC, id DESC LIMIT 200"
            ).fetchall(),
            7,
        )
    )
    print(
        f"first screen (200 rows): {first * 1000:.1f} ms vs bare SQL {bare_first * 1000:.1f} ms"
        f" -> ratio {first / bare_first:.1f}x; target <= 150 ms"
    )
    count = statistics.median(timed(lambda: services.registers.count(actor, "plain_in"), 7))
    bare_count = statistics.median(
        timed(
            lambda: raw.execute(
                "SELECT count(*) FROM telegrams WHERE series='plain_in'"
                " AND secret_level IN ('none','secret','confidential','top_secret')"
            ).fetchone(),
            7,
        )
    )
    print(
        f"  background count: {count * 1000:.1f} ms vs bare COUNT {bare_count * 1000:.1f} ms"
        f" -> ratio {count / bare_count:.1f}x"
    )

    keystrokes = ["防", "防汛", "防汛抗", "防汛抗旱", "省", "省委", "省委办", "明收", "2024", "寒潮"]
    ours, bare = [], []
    for q in keystrokes * 3:
        ours += timed(lambda: services.registers.page(actor, "plain_in", search=q, limit=200))
        expr = match_expression(q)
        source = (
            "telegrams_fts f JOIN telegrams t ON t.id = f.rowid WHERE f.telegrams_fts MATCH ?"
            " AND t.series='plain_in' AND t.secret_level IN ('none','secret','confidential','top_secret')"
        )

        def bare_search() -> None:  # the plan the service uses: FTS-driven, newest first, count capped
            raw.execute(
                f"SELECT count(*) FROM (SELECT t.id FROM {source} ORDER BY f.rowid DESC LIMIT 10001)", (expr,)
            ).fetchone()
            raw.execute(f"SELECT t.* FROM {source} ORDER BY f.rowid DESC LIMIT 200", (expr,)).fetchall()

        bare += timed(bare_search)
    print(
        f"search keystroke p95: {p95(ours) * 1000:.1f} ms vs bare MATCH {p95(bare) * 1000:.1f} ms"
        f" -> ratio {p95(ours) / p95(bare):.1f}x"
    )

    now = datetime.now().strftime("%Y-%m-%d %H:%M")
    saves = timed(
        lambda: services.registers.create(
            actor,
            "plain_in",
            {
                "at": now,
                "dept_no": "国办明电〔2026〕8号",
                "priority": "平急",
                "counterpart": "市委办公室",
                "title": "关于做好寒潮防范工作的通知",
                "copies_count": "2",
            },
        ),
        20,
    )
    print(
        f"save (validate, number, 2 copies, index, audit): median {statistics.median(saves) * 1000:.1f} ms, "
        f"p95 {p95(saves) * 1000:.1f} ms"
    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS) of this process: {rss:.0f} MB")
    raw.close()
    services.close()


if __name__ == "__main__":
    main()

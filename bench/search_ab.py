"""Interleaved before/after of a search keystroke on a bench database: "before" = the capped count over the
joined register rows (RegisterService._index_only switched off), "after" = counted from the search index
alone, "floor" = the bare FTS listing of the same 200 rows. One untimed pass warms the cache for all three;
interleaving keeps a shared machine's load the same for each.

    python bench/search_ab.py meetings bench/cache/meetings_50000.sqlite chenqiang "防,座谈,第3会议室"
    python bench/search_ab.py petitions bench/cache/petitions_100000.sqlite zhaomin "征,张桂兰"
"""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)] * 1000


def main() -> None:
    from app.bootstrap import open_services
    from app.demo import demo_actor
    from app.kit.registers.service import RegisterService
    from db.search import match_expression

    key, path, user, queries = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split(",")
    services = open_services(f"sqlite:///{path}")
    actor = demo_actor(services, user)
    raw = sqlite3.connect(path)
    index_only = RegisterService._index_only
    times: dict[str, list[float]] = {"before": [], "after": [], "floor": []}
    floor_sql = (
        f"SELECT t.* FROM {key}_fts f JOIN {key} t ON t.id = f.rowid WHERE f.{key}_fts MATCH ?"
        " ORDER BY f.rowid DESC LIMIT 200"
    )
    for rep in range(6):
        for q in queries:
            for mode in times:
                t = time.perf_counter()
                if mode == "floor":
                    raw.execute(floor_sql, (match_expression(q),)).fetchall()
                else:
                    RegisterService._index_only = (  # type: ignore[method-assign]
                        index_only if mode == "after" else (lambda *_a, **_k: None)
                    )
                    services.registers.page(actor, key, search=q, limit=200)
                if rep:
                    times[mode].append(time.perf_counter() - t)
    floor = p95(times["floor"])
    print(
        f"{key} search keystroke p95: before {p95(times['before']):.1f} ms ({p95(times['before']) / floor:.1f}x),"
        f" after {p95(times['after']):.1f} ms ({p95(times['after']) / floor:.1f}x), bare FTS {floor:.1f} ms"
    )
    services.close()


if __name__ == "__main__":
    main()

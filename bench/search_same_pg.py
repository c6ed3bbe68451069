"""The search box's results on the server are SQLite's: bench_postgresql.py's two 1,000,000-row databases,
every prefix of bench_documents.py's 53 queries and three two-word queries, compared record by record —
the first page, the total, the capped flag and the id list (up to SEARCH_COUNT_CAP) of each.

    COUNTY_OFFICE_BENCH_PG_URL=postgresql+psycopg://office@127.0.0.1:54339/office_test \\
        python bench/search_same_pg.py       # after bench_postgresql.py has built both databases
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_documents import CACHE, QUERIES, ROWS  # noqa: E402
from bench.bench_postgresql import _server_url  # noqa: E402

MORE = ["县委组织部 防汛", "防 生", "县教育局 2025"]


def results(url: str) -> dict[str, tuple]:  # type: ignore[type-arg]
    from app.bootstrap import open_services
    from app.demo import demo_actor

    services = open_services(url)
    actor = demo_actor(services, "wangfang")
    out = {}
    try:
        for q in QUERIES + MORE:
            for n in range(1, len(q) + 1):
                term = q[:n]
                page = services.registers.page(actor, "incoming", search=term, limit=200)
                ids, capped = services.registers.ids(actor, "incoming", search=term)
                out[term] = (page.total, page.capped, [r.id for r in page.records], list(ids), capped)
    finally:
        services.close()
    return out


def main() -> None:
    os.environ.setdefault("COUNTY_OFFICE_HOME", str(CACHE / "home"))
    lite = results(str(CACHE / f"documents_{ROWS}.sqlite"))
    server = results(_server_url())
    differ = [k for k in lite if lite[k] != server[k]]
    found = sum(1 for k in lite if lite[k][2])
    print(f"{len(lite)} searches ({found} with matches): {len(differ)} differ {differ}")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()

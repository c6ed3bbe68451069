"""收文 on PostgreSQL next to SQLite: the same 1,000,000 records (bench_documents.py's cached database, copied
once into a server database with COPY), the same app code, the same figures: first screen (the 收文/发文 tab
until its first page is painted), search per keystroke p95 (the 53 prefixes of bench_documents.py, run on
both in turn, three rounds), saving a registration, a 10,000-row book.

    COUNTY_OFFICE_BENCH_PG_URL=postgresql+psycopg://office@127.0.0.1:54329/office_test \\
        python bench/bench_postgresql.py           # BENCH_ROWS=50000 for a quick run

The server database is named bench_documents_<rows> on that server and kept (drop it to rebuild).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_documents import CACHE, QUERIES, ROWS, build, p95, timed  # noqa: E402

PAGE = 200


def _server_url() -> str:
    from sqlalchemy.engine import make_url

    base = os.environ.get("COUNTY_OFFICE_BENCH_PG_URL") or os.environ.get("COUNTY_OFFICE_TEST_PG_URL")
    if not base:
        sys.exit("set COUNTY_OFFICE_BENCH_PG_URL (scripts/pg_test_server.sh start gives a server)")
    return make_url(base).set(database=f"bench_documents_{ROWS}").render_as_string(hide_password=False)


def _load(sqlite_path: Path, url: str) -> None:
    """Schema and accounts through the app (open_services on the empty server database), then the 收文
    rows, the counters and the search tokens with COPY; then ANALYZE, as autovacuum would on a server."""
    import sqlite3

    import psycopg
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    from app.bootstrap import open_services
    from app.demo import ensure_demo_accounts
    from db.search import token_sets

    admin = make_url(url).set(database="postgres")
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if conn.exec_driver_sql(
            f"SELECT 1 FROM pg_database WHERE datname = '{make_url(url).database}'"
        ).scalar():
            engine.dispose()
            return
        conn.exec_driver_sql(f"CREATE DATABASE {make_url(url).database}")
    engine.dispose()
    services = open_services(url)
    ensure_demo_accounts(services)
    services.close()
    src = sqlite3.connect(sqlite_path)
    cols = [r[1] for r in src.execute("PRAGMA table_info(incoming_docs)")]
    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    t = time.perf_counter()
    with psycopg.connect(dsn) as pg:
        bools = {"voided", "copy_no_pending"}
        with pg.cursor() as cur:
            with cur.copy(f"COPY incoming_docs ({', '.join(cols)}) FROM STDIN") as copy:
                for row in src.execute(f"SELECT {', '.join(cols)} FROM incoming_docs ORDER BY id"):
                    copy.write_row(
                        [bool(v) if c in bools and v is not None else v for c, v in zip(cols, row)]
                    )
            print(f"  copied {ROWS:,} 收文 rows in {time.perf_counter() - t:.0f} s")
            cur.execute("DELETE FROM counters")
            for series, year, last in src.execute("SELECT series, year, last_value FROM counters"):
                cur.execute(
                    "INSERT INTO counters (series, year, last_value) VALUES (%s, %s, %s)",
                    (series, year, last),
                )
            cur.execute(
                "SELECT setval(pg_get_serial_sequence('incoming_docs', 'id'), max(id)) FROM incoming_docs"
            )
            t = time.perf_counter()
            # what a server's administrator gives an index build: the GIN indexes sort in memory
            cur.execute("SET maintenance_work_mem = '1GB'")
            for suffix in ("uni", "bi", "walk"):  # built once after the rows, as a bulk load does
                cur.execute(f"DROP INDEX incoming_docs_fts_{suffix}")
            with cur.copy("COPY incoming_docs_fts (id, uni, bi, body) FROM STDIN") as copy:
                q = "SELECT id, number, sender, sender_number, title FROM incoming_docs ORDER BY id"
                for rid, *texts in src.execute(q):
                    copy.write_row([rid, *token_sets(texts)])
            cur.execute("CREATE INDEX incoming_docs_fts_uni ON incoming_docs_fts USING gin (uni)")
            cur.execute("CREATE INDEX incoming_docs_fts_bi ON incoming_docs_fts USING gin (bi)")
            cur.execute("CREATE INDEX incoming_docs_fts_walk ON incoming_docs_fts (id) INCLUDE (body)")
            print(f"  search tokens + GIN indexes in {time.perf_counter() - t:.0f} s")
        pg.commit()
        pg.autocommit = True
        pg.execute("VACUUM ANALYZE")
    src.close()


def measure(url: str, label: str) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from app.bootstrap import open_services
    from app.demo import demo_actor
    from ui.areas.documents.tab import DocumentsTab

    app = QApplication.instance() or QApplication([])
    services = open_services(url)
    actor = demo_actor(services, "wangfang")

    def open_tab() -> DocumentsTab:
        tab = DocumentsTab(services, actor)
        tab.resize(1280, 800)
        tab.show()
        app.processEvents()
        return tab

    opens = []
    for _ in range(5):
        t = time.perf_counter()
        tab = open_tab()
        opens.append(time.perf_counter() - t)
        model = tab.pages["incoming"].view.model
        assert model.rowCount() > 0
        model.wait_for_count()
        model.wait_for_ids()
        tab.close()
        tab.deleteLater()
        app.processEvents()
    docs = services.service("documents")
    raw = {
        "sender": "县委组织部",
        "sender_number": "县组发〔2026〕9号",
        "title": "关于报送年度考核材料的通知",
    }
    save = timed(lambda: docs.incoming.receive(actor, raw), repeat=9)
    span = (datetime(2000, 1, 1), datetime(2000, 1, 1) + timedelta(days=10000 * 27 * 365 / ROWS))
    t = time.perf_counter()
    services.printing.render_book(
        actor, "incoming", CACHE / f"book_{label}.pdf", filters={"received_at": span}
    )
    book = time.perf_counter() - t
    services.close()
    return {
        "first screen (ms)": statistics.median(opens) * 1000,
        "save a registration (median of 9, ms)": save,
        "10,000-row register book (s)": book,
    }


def search_keystrokes(lite_url: str, server_url: str, rounds: int = 3) -> dict[str, tuple[float, float]]:
    """Search per keystroke on both, interleaved (each prefix on SQLite, then on the server), so that a
    shared machine's load falls on both alike: the p95 of the 53 prefixes over ``rounds`` rounds."""
    from app.bootstrap import open_services
    from app.demo import demo_actor

    sides = [open_services(lite_url), open_services(server_url)]
    actors = [demo_actor(s, "wangfang") for s in sides]
    times: list[list[float]] = [[], []]
    for _ in range(rounds):
        for q in QUERIES:
            for n in range(1, len(q) + 1):
                for i, services in enumerate(sides):
                    t = time.perf_counter()
                    services.registers.page(actors[i], "incoming", search=q[:n], limit=PAGE)
                    times[i].append(time.perf_counter() - t)
    for services in sides:
        services.close()
    n = len(times[0]) // rounds
    return {
        f"search per keystroke p95 ({n} queries x {rounds}, interleaved, ms)": (p95(times[0]), p95(times[1]))
    }


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("COUNTY_OFFICE_HOME", str(CACHE / "home"))
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"documents_{ROWS}.sqlite"
    if not path.exists():
        build(path)
    url = _server_url()
    t = time.perf_counter()
    _load(path, url)
    print(f"server database ready in {time.perf_counter() - t:.0f} s")
    print(
        f"收文 rows: {ROWS:,}; {time.strftime('%Y-%m-%d')}; {os.cpu_count()} CPUs; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    figures = search_keystrokes(str(path), url)
    lite = measure(str(path), "sqlite")
    server = measure(url, "postgresql")
    figures.update({k: (lite[k], server[k]) for k in lite})
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    print(f"{'figure':<64}{'SQLite':>10}{'PostgreSQL':>12}{'ratio':>8}")
    for k, (a, b) in figures.items():
        print(f"{k:<64}{a:>10.1f}{b:>12.1f}{b / a:>7.2f}x")


if __name__ == "__main__":
    main()

"""Benchmark of the shared register table on 1,000,000 rows of the test-only 样例登记 register.

    python bench/bench_table.py [--rows 1000000] [--rebuild]

Prints each figure next to its floor (the same SQL in bare sqlite3) and the ratio:
  (a) opening a RegisterView until the first screen of rows is fetched and painted;
  (b) a search per keystroke (queries of 1..10 characters), 95th percentile;
  (c) memory added by opening the view and scrolling through it (tracemalloc).
The generated database is cached under bench/cache/ (bulk SQL inserts, FTS rows via db.search.tokens).
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CACHE = ROOT / "bench" / "cache"
UNITS = [
    "市委办公室",
    "县政府办公室",
    "县财政局",
    "县教育局",
    "县公安局",
    "县卫生健康局",
    "县应急管理局",
    "县自然资源局",
    "县住建局",
    "县交通运输局",
    "县农业农村局",
    "县水利局",
    "县民政局",
    "县人社局",
    "县生态环境局",
    "县商务局",
    "县文旅局",
    "县审计局",
    "县统计局",
    "县信访局",
    "县委组织部",
    "县委宣传部",
    "县委统战部",
    "县纪委监委",
    "县委政法委",
    "城关镇",
    "河西镇",
    "东山乡",
    "南岭乡",
    "北湖镇",
]
TOPICS = [
    "防汛抗旱",
    "安全生产",
    "森林防火",
    "乡村振兴",
    "营商环境",
    "疫情防控",
    "秋冬季农业生产",
    "耕地保护",
    "信访维稳",
    "财政预算",
    "审计整改",
    "招商引资",
    "环境保护",
    "民生实事",
    "干部培训",
    "党风廉政建设",
    "意识形态",
    "基层治理",
    "教育督导",
    "医疗保障",
    "就业创业",
    "养老服务",
    "道路交通安全",
    "燃气安全",
    "粮食安全",
    "文明城市创建",
    "河长制",
    "林长制",
    "矛盾纠纷排查",
    "统计调查",
]
ACTIONS = ["做好", "加强", "进一步加强", "开展", "推进", "落实", "部署", "规范"]
KINDS = ["工作的通知", "工作的意见", "情况的报告", "有关事项的请示", "工作方案", "会议纪要", "实施办法"]
URGENCY = ["normal"] * 8 + ["urgent", "extra_urgent"]
LEVELS = ["none"] * 9 + ["secret"]
SEARCH_TEXT = "关于进一步加强安全生产"  # typed one character at a time (10 queries)
PAGE = 200


def generate(path: Path, rows: int) -> None:
    from db.engine import Database
    from db.search import create_sql, tokens
    from tests.support.sample import install_sample_table

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    if tmp.exists():
        tmp.unlink()
    db = Database.open(str(tmp))
    install_sample_table(db)
    db.dispose()
    rnd = random.Random(20260305)
    con = sqlite3.connect(str(tmp))
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute(create_sql("sample_letters"))
    years = list(range(2016, 2026))
    per_year = rows // len(years) + 1
    sql = (
        "INSERT INTO sample_letters (id, series, year, seq, number, secret_level, secret_period, voided, void_reason,"
        " voided_by, created_at, created_by, updated_by, received_on, sender, title, pages, urgency, note, due_on)"
        " VALUES (?, 'sample', ?, ?, ?, ?, ?, ?, ?, '', ?, 'bench', '', ?, ?, ?, ?, ?, ?, ?)"
    )
    fts = "INSERT INTO sample_letters_fts (rowid, uni, bi) VALUES (?, ?, ?)"
    started = time.perf_counter()
    batch, fts_batch = [], []
    for i in range(1, rows + 1):
        year = years[(i - 1) // per_year]
        seq = (i - 1) % per_year + 1
        day = 1 + (seq * 365 // per_year) % 365
        received = f"{year}-{(day - 1) // 31 + 1:02d}-{(day - 1) % 28 + 1:02d}"
        number = f"样〔{year}〕{seq}号"
        sender = rnd.choice(UNITS)
        title = f"关于{rnd.choice(ACTIONS)}{rnd.choice(TOPICS)}{rnd.choice(KINDS)}"
        note = "" if rnd.random() < 0.8 else f"请{rnd.choice(UNITS)}牵头办理"
        level = rnd.choice(LEVELS)
        voided = 1 if rnd.random() < 0.01 else 0
        batch.append(
            (
                i,
                year,
                seq,
                number,
                level,
                "10年" if level != "none" else "",
                voided,
                "重复登记" if voided else "",
                f"{received} 09:00:00.000000",
                received,
                sender,
                title,
                rnd.randint(1, 30),
                rnd.choice(URGENCY),
                note,
                received if rnd.random() < 0.3 else None,
            )
        )
        uni, bi = tokens([number, sender, title, note])
        fts_batch.append((i, uni, bi))
        if len(batch) == 50000:
            con.executemany(sql, batch)
            con.executemany(fts, fts_batch)
            batch, fts_batch = [], []
            print(f"  generated {i:,} rows ({time.perf_counter() - started:.0f} s)", flush=True)
    if batch:
        con.executemany(sql, batch)
        con.executemany(fts, fts_batch)
    con.commit()
    con.execute("ANALYZE")
    con.close()
    tmp.rename(path)


def pctl(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def bare_floor(path: Path, match: str | None, with_count: bool) -> float:
    """The same query in bare sqlite3: first page (and optionally the count) of the default view. With a
    search, the same plan the service uses: driven by the FTS index newest first, count capped at 10,001."""
    from db.search import match_expression

    con = sqlite3.connect(str(path))
    where = "series = 'sample' AND secret_level IN ('none', 'secret') AND voided = 0"
    params: list = []
    started = time.perf_counter()
    if match:
        params.append(match_expression(match))
        source = (
            "sample_letters_fts f JOIN sample_letters s ON s.id = f.rowid"
            f" WHERE f.sample_letters_fts MATCH ? AND {where}"
        )
        if with_count:
            con.execute(f"SELECT count(*) FROM (SELECT s.id FROM {source} LIMIT 10001)", params).fetchone()
        con.execute(f"SELECT s.* FROM {source} ORDER BY f.rowid DESC LIMIT {PAGE}", params).fetchall()
    else:
        if with_count:
            con.execute(
                f"SELECT count(*) FROM (SELECT id FROM sample_letters WHERE {where})", params
            ).fetchone()
        con.execute(
            f"SELECT * FROM sample_letters WHERE {where} ORDER BY year DESC, seq DESC, id DESC LIMIT {PAGE}",
            params,
        ).fetchall()
    elapsed = time.perf_counter() - started
    con.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    path = CACHE / f"sample_{args.rows}.sqlite"
    if args.rebuild and path.exists():
        path.unlink()
    if not path.exists():
        print(f"generating {args.rows:,} rows into {path} …", flush=True)
        generate(path, args.rows)

    from PySide6.QtWidgets import QApplication

    from app.domain.enums import Role, SecretLevel
    from app.services.actor import Actor
    from app.services.container import Services
    from db.engine import Database
    from tests.support.sample import SAMPLE_AREA
    from ui.widgets.register_view import RegisterView

    os.environ.setdefault("COUNTY_OFFICE_HOME", str(CACHE / "home"))
    app = QApplication.instance() or QApplication([])
    services = Services(Database.open(str(path)), [SAMPLE_AREA])
    actor = Actor(1, "bench", "测试", SecretLevel.SECRET, frozenset({Role.DOCUMENTS}))

    # warm the OS page cache and SQLAlchemy's statement cache the same way for both sides
    bare_floor(path, None, True)
    RegisterView(services, actor, "sample").deleteLater()
    app.processEvents()

    # (a) open the view until the first screen is fetched and painted
    opens, floors_page, floors_count = [], [], []
    for _ in range(args.repeat):
        started = time.perf_counter()
        view = RegisterView(services, actor, "sample")
        view.resize(1280, 800)
        view.show()
        app.processEvents()
        opens.append(time.perf_counter() - started)
        assert view.model.rowCount() > 0 and view.model.cached_pages() == [0]
        view.close()
        view.deleteLater()
        app.processEvents()
        floors_page.append(bare_floor(path, None, False))
        floors_count.append(bare_floor(path, None, True))
    a, fp, fc = statistics.median(opens), statistics.median(floors_page), statistics.median(floors_count)
    print(
        f"(a) open view, first screen: {a * 1000:8.1f} ms | bare first-page SELECT {fp * 1000:7.1f} ms "
        f"(ratio {a / fp:6.1f}) | bare count + first page {fc * 1000:7.1f} ms (ratio {a / fc:5.2f})"
    )

    # (b) search per keystroke
    view = RegisterView(services, actor, "sample")
    view.resize(1280, 800)
    view.show()
    app.processEvents()
    ours, bare_page, bare_count = [], [], []
    for _ in range(args.repeat):
        for n in range(1, len(SEARCH_TEXT) + 1):
            query = SEARCH_TEXT[:n]
            started = time.perf_counter()
            view.search_box.setText(query)
            view.apply_query()  # what the debounce timer calls
            app.processEvents()
            ours.append(time.perf_counter() - started)
            bare_page.append(bare_floor(path, query, False))
            bare_count.append(bare_floor(path, query, True))
    b, bp, bc = pctl(ours, 95), pctl(bare_page, 95), pctl(bare_count, 95)
    print(
        f"(b) search per keystroke p95: {b * 1000:8.1f} ms | bare MATCH first page {bp * 1000:7.1f} ms "
        f"(ratio {b / bp:6.1f}) | bare MATCH count + first page {bc * 1000:7.1f} ms (ratio {b / bc:5.2f})"
    )
    for n in (1, 2, 4, 10):
        i = n - 1
        print(
            f"      {SEARCH_TEXT[:n]:<12} ours {statistics.median(ours[i :: len(SEARCH_TEXT)]) * 1000:7.1f} ms, "
            f"bare count+page {statistics.median(bare_count[i :: len(SEARCH_TEXT)]) * 1000:7.1f} ms"
        )
    view.close()
    view.deleteLater()
    app.processEvents()

    # (c) memory added by opening the view and scrolling through 100 pages
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    view = RegisterView(services, actor, "sample")
    view.resize(1280, 800)
    view.show()
    app.processEvents()
    opened = tracemalloc.get_traced_memory()[0] - base
    pages_after_open = len(view.model.cached_pages())
    for row in range(0, 100 * PAGE, PAGE):
        view.table.scrollTo(view.model.index(row, 0))
        app.processEvents()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rows = view.model.rowCount()
    print(
        f"(c) memory: +{opened / 1e6:.2f} MB after opening ({rows:,} rows, {pages_after_open} page "
        f"cached); +{(current - base) / 1e6:.2f} MB after scrolling 100 pages "
        f"({len(view.model.cached_pages())} cached, peak +{(peak - base) / 1e6:.2f} MB); "
        f"a full load would hold {rows:,} rows"
    )
    services.close()


if __name__ == "__main__":
    main()

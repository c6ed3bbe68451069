"""Benchmark of 信息报送 on 100,000 submissions (a third of them adopted, some twice): the list's first screen
and the search keystroke p95 next to the same rows in bare SQL and bare FTS (budgets of the documents
register: first screen within a few times the floor, search p95 ≤ 100 ms), and the 采用率 figures of a year.

    python bench/bench_information.py [--rows 100000]
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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.areas.information.registers import SUBMISSIONS  # noqa: E402
from app.areas.information.service import SERVICE as INFORMATION_SERVICE  # noqa: E402

UNITS = [
    "县发展改革局",
    "县财政局",
    "县农业农村局",
    "县住建局",
    "县生态环境局",
    "城关镇",
    "河西乡",
    "县委宣传部",
]
AUTHORS = ["张伟", "李娜", "王磊", "刘敏", "陈静", "杨帆", "赵强", "黄丽"]
TOPICS = ["秋粮收购进展顺利", "人居环境整治取得实效", "重点项目建设提速", "防汛准备工作扎实", "信访积案化解",
          "营商环境持续优化", "乡村振兴示范带建设", "安全生产大检查"]  # fmt: skip
CATEGORIES = ["动态", "经验", "问题", "建议", "专报", "要情"]
CHANNELS = [("市委办公室《每日要情》", "市级"), ("省委办公厅《信息快报》", "省级"), ("县委办《今日要讯》", "县级"),
            ("中办《综合与摘报》", "中央")]  # fmt: skip


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
    rng = random.Random(7)
    table = services.catalog.get(SUBMISSIONS).model.__table__
    adoptions = services.catalog.get(SUBMISSIONS).model.metadata.tables["info_adoptions"]
    index = SearchIndex("sqlite")
    today = date.today()
    seqs: dict[int, int] = {}
    batch: list[dict] = []
    adopted: list[dict] = []
    texts: dict[int, list[str]] = {}
    now = datetime.now()
    # registered in date order, as an office does (a year's rows lie together in the file)
    days = sorted(today - timedelta(days=rng.randint(0, 3650)) for _ in range(rows))
    for i in range(1, rows + 1):
        day = days[i - 1]
        seqs[day.year] = seqs.get(day.year, 0) + 1
        unit = rng.choice(UNITS)
        title = f"{unit}{rng.choice(TOPICS)}"
        batch.append(
            {
                "id": i, "series": "", "year": day.year, "seq": seqs[day.year],
                "number": f"信〔{day.year}〕{seqs[day.year]}号", "secret_level": "none", "secret_period": "",
                "voided": False, "void_reason": "", "voided_by": "", "created_at": now, "created_by": "bench",
                "updated_by": "", "title": title, "unit": unit, "author": rng.choice(AUTHORS), "phone": "",
                "submitted_on": day, "category": rng.choice(CATEGORIES), "urgency": "normal",
                "to_whom": "市委办公室", "summary": "", "adoption_text": "", "note": "",
            }
        )  # fmt: skip
        texts[i] = [batch[-1]["number"], title, unit, batch[-1]["author"], "", ""]
        if rng.random() < 0.33:
            for channel, level in rng.sample(CHANNELS, rng.choice((1, 1, 1, 2))):
                kind = rng.choice(("全文采用", "摘要采用", "综合采用"))
                adopted.append(
                    {"submission_id": i, "channel": channel, "level": level, "kind": kind, "issue": "",
                     "adopted_on": day + timedelta(days=3), "recorded_by": "bench", "recorded_at": now,
                     "voided": False}
                )  # fmt: skip
                texts[i].append(f"{channel} {level} {kind}")
        if len(batch) == 20000 or i == rows:
            with services.db.write() as s:
                s.execute(table.insert(), batch)
                if adopted:
                    s.execute(adoptions.insert(), adopted)
                index.bulk_insert(s, table, [(r["id"], texts.pop(r["id"])) for r in batch])
            batch.clear()
            adopted.clear()
    services.close()


def p95(v: list[float]) -> float:
    return sorted(v)[max(0, int(len(v) * 0.95) - 1)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    args = ap.parse_args()
    from app.bootstrap import open_services
    from app.demo import demo_actor
    from db.search import match_expression

    path = Path(__file__).resolve().parent / "cache" / f"information_{args.rows}.sqlite"
    path.parent.mkdir(exist_ok=True)
    if not path.exists():
        t = time.perf_counter()
        build(path, args.rows)
        print(f"generated {args.rows:,} 信息 in {time.perf_counter() - t:.1f}s (cached at {path})")
    services = open_services(f"sqlite:///{path}")
    actor = demo_actor(services, "liuyang")
    raw = sqlite3.connect(path)
    first = statistics.median(
        timed(lambda: services.registers.page(actor, SUBMISSIONS, limit=200, with_total=False), 9)
    )
    bare_first = statistics.median(
        timed(
            lambda: raw.execute(
                "SELECT * FROM info_submissions WHERE secret_level NOT IN ('confidential', 'top_secret')"
                " ORDER BY year DESC, seq DESC, id DESC LIMIT 200"
            ).fetchall(),
            9,
        )
    )
    print(
        f"first screen: {first * 1000:.1f} ms vs bare SQL {bare_first * 1000:.1f} ms -> {first / bare_first:.1f}x"
    )
    mine, floor = [], []
    for q in ["秋", "秋粮", "城关镇", "县财政局", "要情", "省委办公厅", "信〔2024", "张伟", "乡村振兴"] * 3:
        mine += timed(lambda: services.registers.page(actor, SUBMISSIONS, search=q, limit=200))
        expr = match_expression(q)
        floor += timed(
            lambda: raw.execute(
                "SELECT t.* FROM info_submissions_fts f JOIN info_submissions t ON t.id = f.rowid"
                " WHERE f.info_submissions_fts MATCH ? ORDER BY f.rowid DESC LIMIT 200",
                (expr,),
            ).fetchall()
        )
    print(f"search keystroke p95: {p95(mine) * 1000:.1f} ms vs bare FTS {p95(floor) * 1000:.1f} ms"
          f" -> {p95(mine) / p95(floor):.1f}x; budget <= 100 ms")  # fmt: skip
    svc = services.service(INFORMATION_SERVICE)
    year = date.today().year - 1
    ours = statistics.median(timed(lambda: svc.statistics(actor, date(year, 1, 1), date(year, 12, 31)), 5))
    period = f"t.submitted_on BETWEEN '{year}-01-01' AND '{year}-12-31' AND t.voided = 0"
    floor_sql = (
        f"SELECT t.id, t.unit, t.author, t.submitted_on FROM info_submissions t WHERE {period}",
        "SELECT a.submission_id, a.level, a.kind FROM info_adoptions a JOIN info_submissions t"
        f" ON t.id = a.submission_id WHERE a.voided = 0 AND {period}",
        "SELECT i.record_id, i.leader FROM instructions i JOIN info_submissions t ON t.id = i.record_id"
        f" WHERE i.register = 'info_submissions' AND {period}",
    )
    bare = statistics.median(timed(lambda: [raw.execute(q).fetchall() for q in floor_sql], 5))
    n = raw.execute(f"SELECT count(*) FROM info_submissions t WHERE {period}").fetchone()[0]
    print(f"采用率 and the rankings of {year} ({n:,} submissions): {ours * 1000:.1f} ms vs bare SQL of the"
          f" same three reads {bare * 1000:.1f} ms -> {ours / bare:.1f}x")  # fmt: skip
    services.close()


if __name__ == "__main__":
    main()

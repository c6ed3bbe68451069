"""The annual statistics report on the benchmark database: bench_documents.py's 1,000,000 收文 (2000-2026)
plus every other register in the office's proportions (its yearly summary: 63 发文, 489 明传 and 95 密码电报,
73 会议, 170 信息 of which 54 adopted, 342 督办, 148 信访, 17 公务接待, 33 调研活动, 20 课题, 24 文章, 112 文稿
and 267 值班记录 for 802 收文), spread over the same 27 years. Times the 2025 report written as .docx and .pdf
through the services (both years counted, rights, audit, atomic write), the key figures alone (what the
工作台 reuses), next to the same counts in bare sqlite3.

    python bench/bench_report.py              # BENCH_DOCUMENTS_DB=path to reuse an existing 收文 database
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CACHE = Path(__file__).resolve().parent / "cache"
# the benches' home (audit key, logs): bench_documents.py keys its file there, and this copy keeps that key
os.environ.setdefault("COUNTY_OFFICE_HOME", str(CACHE / "home"))
INCOMING = 1_000_000
YEARS = range(2000, 2027)
# per 802 收文, from the office's yearly summary (seed) and the demo's year
PER_802 = {
    "outgoing": 63,
    "plain": 489,
    "cipher": 95,
    "meetings": 73,
    "info": 170,
    "supervision": 342,
    "petitions": 148,
    "receptions": 17,
    "activities": 33,
    "topics": 20,
    "articles": 24,
    "drafts": 112,
    "duty_log": 267,
}
YEAR = 2025
CPU: dict[str, list[float]] = {}  # the process's CPU seconds (every thread) per figure: steadier under load


def amount(key: str) -> int:
    return INCOMING * PER_802[key] // 802


def _days(n: int, rng: random.Random):  # type: ignore[no-untyped-def]
    """n dates spread over the 27 years, in order, with (year, seq) numbering."""
    span = (date(2026, 12, 31) - date(2000, 1, 1)).days
    seq: dict[int, int] = {}
    for i in range(n):
        d = date(2000, 1, 1) + timedelta(days=i * span // n)
        seq[d.year] = seq.get(d.year, 0) + 1
        yield d, seq[d.year], rng


def _rows(table: str, n: int, make, series: str = "") -> None:  # type: ignore[no-untyped-def]
    """n rows of ``table`` through SQLAlchemy Core (so every column default applies), in batches."""
    from db.base import Base

    t = Base.metadata.tables[table]
    rng = random.Random(hash(table) & 0xFFFF)
    batch = []
    for d, s, r in _days(n, rng):
        row = {
            "series": series or table,
            "year": d.year,
            "seq": s,
            "number": f"{d.year}-{s:06d}",
            **make(d, r),
        }
        row.setdefault("secret_level", "none")
        batch.append(row)
        if len(batch) == 20_000:
            _CONN.execute(t.insert(), batch)
            batch = []
    if batch:
        _CONN.execute(t.insert(), batch)


_CONN = None


def build(path: Path, source: Path) -> None:
    global _CONN
    from sqlalchemy import create_engine, event

    src, dst = sqlite3.connect(source), sqlite3.connect(path)
    src.backup(dst)  # a consistent copy of the 收文 database, WAL included
    src.close()
    dst.close()
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _fast(con, _record):  # type: ignore[no-untyped-def]
        con.execute("PRAGMA synchronous=OFF")

    import db.models  # noqa: F401 - every table in the metadata

    at = lambda d, r: datetime.combine(d, datetime.min.time()) + timedelta(minutes=r.randrange(1440))  # noqa: E731
    levels = ["none"] * 6 + ["secret", "confidential", "top_secret"]
    with engine.begin() as conn:
        _CONN = conn
        prefixes = ["县委办发", "县委办函", "县委办"]
        for prefix in prefixes:
            _rows("outgoing_docs", amount("outgoing") // 3, lambda d, r, p=prefix: {
                "prefix": p, "doc_type": r.choice(["notice", "opinion", "letter", "report"]), "title": "发文",
                "signed_on": d, "state": "issued", "secret_level": r.choice(levels[:7])}, series=prefix)  # fmt: skip
        for key, n, level in (("plain_in", 0.82, "none"), ("plain_out", 0.18, "none")):
            _rows("telegrams", int(amount("plain") * n), lambda d, r, lv=level: {
                "at": at(d, r), "priority": r.choice(["ordinary", "urgent", "extra_urgent", "flash"]),
                "counterpart": "市委办公室", "title": "电报", "secret_level": lv}, series=key)  # fmt: skip
        for key, n in (("cipher_in", 0.8), ("cipher_out", 0.2)):
            _rows("telegrams", int(amount("cipher") * n), lambda d, r: {
                "at": at(d, r), "priority": r.choice(["ordinary", "urgent"]), "counterpart": "省委办公厅",
                "title": "密电", "secret_level": r.choice(["secret", "confidential"])}, series=key)  # fmt: skip
        _rows("meetings", amount("meetings"), lambda d, r: {
            "name": "会议", "kind": r.choice(["大型会议", "常委会", "专题会议", "工作会议"] + ["常委会"] * 4),
            "starts_at": at(d, r), "headcount": r.randrange(10, 300), "secret_level": r.choice(levels)})  # fmt: skip
        _rows("info_submissions", amount("info"), lambda d, r: {
            "submitted_on": d, "title": "信息", "unit": r.choice(["县农业农村局", "县财政局", "城关镇", "县委宣传部"]),
            "author": r.choice(["黄婷", "刘洋"]), "category": "动态", "secret_level": r.choice(levels[:7])})  # fmt: skip
        ids = [i for (i,) in conn.exec_driver_sql("SELECT id FROM info_submissions")]
        rng = random.Random(7)
        adopted = rng.sample(ids, len(ids) * 54 // 170)
        from db.base import Base

        conn.execute(Base.metadata.tables["info_adoptions"].insert(), [
            {"submission_id": i, "level": rng.choice(["市级", "省级", "县级"]), "kind": "全文采用",
             "channel": "市委办公室", "adopted_on": date(2000, 1, 1), "recorded_at": datetime(2000, 1, 1)}
            for i in adopted])  # fmt: skip
        _rows("supervision_items", amount("supervision"), lambda d, r: {
            "received_on": d, "source": r.choice(["市委督办"] * 8 + ["县委交办", "领导批示"]), "content": "督办",
            "lead_unit": r.choice(["县财政局", "县教育局", "城关镇", "县发改局"]), "deadline": d + timedelta(days=30),
            "state": "done" if r.random() < 0.97 else "assigned", "done_on": d + timedelta(days=r.randrange(40)),
            "secret_level": r.choice(levels[:8])})  # fmt: skip
        _rows("petitions", amount("petitions"), lambda d, r: {
            "registered_on": d, "channel": r.choice(["来信", "来访", "来访", "网上信访", "来电"]),
            "petitioner": "张某", "persons": r.choice([1, 1, 1, 2, 3, 6]), "category": r.choice(["土地征收", "劳动社保", "城乡建设"]),
            "township": r.choice(["城关镇", "河口镇", "白沙乡"]), "summary": "反映问题", "state": "closed",
            "accepted_on": d + timedelta(days=r.randrange(20)), "replied_on": d + timedelta(days=r.randrange(70)),
            "closed_on": d + timedelta(days=75) if r.random() < 0.9 else None,
            "satisfaction": r.choice(["满意", "基本满意", "不满意", ""])})  # fmt: skip
        _rows("receptions", amount("receptions"), lambda d, r: {
            "arrive_on": d, "leave_on": d, "guest_unit": "市委办公室", "guest_level": r.choice(["省级", "市级", "市级", "县级"]),
            "purpose": "调研", "persons": r.randrange(2, 9), "companions": 2, "cost_meals": 300})  # fmt: skip
        _rows("research_activities", amount("activities"), lambda d, r: {
            "kind": r.choice(["调研", "调研", "座谈会"]), "held_on": d, "subject": "调研"})  # fmt: skip
        _rows(
            "research_topics",
            amount("topics"),
            lambda d, r: {"title": "课题", "lead": "孙丽", "started_on": d},
        )
        _rows("research_articles", amount("articles"), lambda d, r: {
            "title": "文章", "authors": "孙丽", "finished_on": d, "level": r.choice(["省级", "市级", "县级", "未发表"])})  # fmt: skip
        _rows("drafts", amount("drafts"), lambda d, r: {
            "kind": r.choice(["讲话", "工作报告", "综合材料"]), "title": "文稿", "drafter": "马骏", "requested_on": d})  # fmt: skip
        _rows("duty_log", amount("duty_log"), lambda d, r: {
            "at": at(d, r), "kind": r.choice(["来电", "来文", "突发事件"]), "content": "来电", "recorder": "陈强",
            "secret_level": r.choice(levels[:7])})  # fmt: skip
        days = [
            date(2000, 1, 1) + timedelta(days=i)
            for i in range((date(2026, 12, 31) - date(2000, 1, 1)).days + 1)
        ]
        seqs: dict[int, int] = {}
        shifts = []
        for d in days:
            seqs[d.year] = seqs.get(d.year, 0) + 1
            shifts.append({"series": "duty_shifts", "year": d.year, "seq": seqs[d.year], "number": str(d), "day": d,
                           "slot": "全天", "leader": "周振荣", "staff": "陈强", "day_kind": "weekday"})  # fmt: skip
        conn.execute(Base.metadata.tables["duty_shifts"].insert(), shifts)
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    engine.dispose()


# the same counts in bare SQL (two years: the report's and the previous one's)
BARE = [
    "SELECT strftime('%m', received_at), sender, secret_level, doc_type, handling_kind, state IN ('done','archived'),"
    " due_on IS NOT NULL, count(*) FROM incoming_docs WHERE voided = 0 AND received_at >= ? AND received_at < ?"
    " AND secret_level IN ('none','secret','confidential') GROUP BY 1, 2, 3, 4, 5, 6, 7",
    "SELECT strftime('%m', coalesce(signed_on, issued_on, written_on)), prefix, doc_type, secret_level, count(*)"
    " FROM outgoing_docs WHERE voided = 0 AND number != '' AND coalesce(signed_on, issued_on, written_on) >= ?"
    " AND coalesce(signed_on, issued_on, written_on) < ? GROUP BY 1, 2, 3, 4",
    "SELECT series, secret_level, priority, strftime('%m', at), count(*) FROM telegrams WHERE voided = 0"
    " AND at >= ? AND at < ? GROUP BY 1, 2, 3, 4",
    "SELECT kind, strftime('%m', starts_at), count(*), sum(headcount) FROM meetings WHERE voided = 0"
    " AND starts_at >= ? AND starts_at < ? GROUP BY 1, 2",
    "SELECT strftime('%m', registered_on), channel, category, township, count(*), sum(persons),"
    " sum(closed_on IS NOT NULL), sum(satisfaction IN ('满意','基本满意')) FROM petitions WHERE voided = 0"
    " AND registered_on >= ? AND registered_on < ? GROUP BY 1, 2, 3, 4",
    "SELECT guest_level, strftime('%m', arrive_on), count(*), sum(persons) FROM receptions WHERE voided = 0"
    " AND arrive_on >= ? AND arrive_on < ? GROUP BY 1, 2",
    "SELECT source, lead_unit, strftime('%m', received_on), count(*), sum(state = 'done'),"
    " sum(deadline IS NOT NULL AND state = 'done' AND done_on <= deadline) FROM supervision_items"
    " WHERE voided = 0 AND received_on >= ? AND received_on < ? GROUP BY 1, 2, 3",
    "SELECT s.unit, strftime('%m', s.submitted_on), count(DISTINCT s.id), count(DISTINCT a.submission_id)"
    " FROM info_submissions s LEFT JOIN info_adoptions a ON a.submission_id = s.id AND a.voided = 0"
    " WHERE s.voided = 0 AND s.submitted_on >= ? AND s.submitted_on < ? GROUP BY 1, 2",
    "SELECT kind, strftime('%m', held_on), count(*) FROM research_activities WHERE voided = 0"
    " AND held_on >= ? AND held_on < ? GROUP BY 1, 2",
    "SELECT count(*) FROM research_topics WHERE voided = 0 AND started_on >= ? AND started_on < ?",
    "SELECT level, count(*) FROM research_articles WHERE voided = 0 AND finished_on >= ? AND finished_on < ?"
    " GROUP BY 1",
    "SELECT kind, count(*) FROM drafts WHERE voided = 0 AND requested_on >= ? AND requested_on < ? GROUP BY 1",
    "SELECT kind, strftime('%m', at), count(*) FROM duty_log WHERE voided = 0 AND at >= ? AND at < ? GROUP BY 1, 2",
    "SELECT count(*), sum(leader != '') FROM duty_shifts WHERE voided = 0 AND day >= ? AND day < ?",
]


def bare(path: Path) -> float:
    con = sqlite3.connect(path)
    t, c = time.perf_counter(), time.process_time()
    for year in (YEAR, YEAR - 1):
        for sql in BARE:
            con.execute(sql, (f"{year}-01-01", f"{year + 1}-01-01")).fetchall()
    con.close()
    CPU.setdefault("bare", []).append(time.process_time() - c)
    return time.perf_counter() - t


def main() -> None:
    from app.bootstrap import open_services
    from app.demo import demo_actor
    from app.services.statistics import Period, key_figures, prepare, write

    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"report_{INCOMING}.sqlite"
    if not path.exists():
        source = Path(os.environ.get("BENCH_DOCUMENTS_DB") or CACHE / f"documents_{INCOMING}.sqlite")
        if not source.exists():
            os.environ["BENCH_ROWS"] = str(INCOMING)
            from bench.bench_documents import build as build_documents

            build_documents(source)
        t = time.perf_counter()
        build(path.with_suffix(".part"), source)
        shutil.move(path.with_suffix(".part"), path)
        print(f"generated the other registers in {time.perf_counter() - t:.0f}s (cached at {path})")
    services = open_services(f"sqlite:///{path}")
    leader = demo_actor(services, "zhouzr")  # 领导 (机密): every area but 密码电报
    period = Period.of_year(YEAR)
    figures = {k.key: k.text for k in key_figures(services, leader, YEAR)}
    print("2025 figures (zhouzr, 领导, 机密):", "，".join(f"{k}={v}" for k, v in figures.items()))
    out = Path(tempfile.mkdtemp())
    floor = statistics.median(bare(path) for _ in range(3))
    keys = statistics.median(_timed(lambda: key_figures(services, leader, YEAR), "keys") for _ in range(3))
    both = statistics.median(_timed(lambda: prepare(services, leader, period), "both") for _ in range(3))
    docx = statistics.median(
        _timed(lambda: write(services, leader, period, out / "r.docx"), "docx") for _ in range(3)
    )
    pdf = statistics.median(
        _timed(lambda: write(services, leader, period, out / "r.pdf"), "pdf") for _ in range(3)
    )
    print(f"bare SQL, the same counts for 2025 and 2024: {floor * 1000:.0f} ms ({_cpu('bare')})")
    print(
        f"key figures of 2025 (工作台): {keys * 1000:.0f} ms ({keys / floor * 2:.1f}x the bare SQL of one year;"
        f" {_cpu('keys')})"
    )
    print(
        f"figures of 2025 and 2024 (prepare): {both * 1000:.0f} ms ({both / floor:.1f}x bare SQL; {_cpu('both')})"
    )
    print(
        f"annual report .docx written (prepare + layout + charts + audit): {docx * 1000:.0f} ms"
        f" ({docx / floor:.1f}x bare SQL; {_cpu('docx')}; budget 2000 ms)"
    )
    print(
        f"annual report .pdf written: {pdf * 1000:.0f} ms ({pdf / floor:.1f}x bare SQL; {_cpu('pdf')};"
        " budget 2000 ms)"
    )
    print(f"load average: {os.getloadavg()[0]:.1f}")
    shutil.rmtree(out)
    services.close()


def _timed(fn, label: str = "") -> float:  # type: ignore[no-untyped-def]
    t, c = time.perf_counter(), time.process_time()
    fn()
    if label:
        CPU.setdefault(label, []).append(time.process_time() - c)
    return time.perf_counter() - t


def _cpu(label: str) -> str:
    return f"cpu {statistics.median(CPU[label]) * 1000:.0f} ms"


if __name__ == "__main__":
    main()

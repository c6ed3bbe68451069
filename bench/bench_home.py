"""工作台 (home tab) benchmark on the office-sized database: 1,000,000 收文 (BENCH_ROWS) and proportional
amounts elsewhere (电报 1/5, 督办 1/10, 信访 1/10, 值班记录 1/10, 会议 1/20), each built by its own area's bench
generator into one file, plus today's open work (3,000 open 收文 with deadlines around today, 2,000 copies
out, 30 flash telegrams not acknowledged, this week's duty and meetings with their preparation items).

    python bench/bench_home.py            # BENCH_ROWS=50000 for a quick run
    BENCH_DOCUMENTS_DB=bench/cache/documents_1000000.sqlite python bench/bench_home.py   # reuse the 收文 file

Figures, each next to its floor: the attention lists (``WorkbenchService.attention``) and the year's figures
(``figures``) against the bare sqlite3 SQL of the same counts; the home tab's refresh from the change to
the lists painted (the worker's query and the GUI's filling).
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROWS = int(os.environ.get("BENCH_ROWS", "1000000"))
CACHE = Path(__file__).resolve().parent / "cache"
# before the file is built: its audit key is kept there, and the run after the build must find it
os.environ.setdefault("COUNTY_OFFICE_HOME", str(CACHE / "home"))


def build(path: Path) -> None:
    import bench_documents
    import bench_duty
    import bench_meetings
    import bench_reception
    import bench_supervision
    import bench_telegrams

    bench_documents.ROWS = ROWS
    reuse = os.environ.get("BENCH_DOCUMENTS_DB")  # bench_documents.py's file of the same ROWS
    if reuse:
        src, dst = sqlite3.connect(reuse), sqlite3.connect(path)
        src.backup(dst)  # a consistent copy, WAL included
        src.close()
        dst.close()
    else:
        bench_documents.build(path)
    bench_telegrams.build(path, ROWS // 5)
    bench_supervision.build(path, ROWS // 10)
    bench_reception.build(path, ROWS // 10)
    bench_meetings.build_meetings(path, ROWS // 20)
    bench_duty.build_log(path, ROWS // 10)
    today_work(path)


def today_work(path: Path) -> None:
    """What a working day has open: deadlines around today, copies out, alerts, duty and meetings."""
    from app.bootstrap import open_services
    from app.demo import demo_actor

    con = sqlite3.connect(path)
    con.execute(
        "UPDATE incoming_docs SET state = 'handling', handling_kind = 'act', lead_unit = '县财政局', "
        "due_on = date('now', ((id % 60) - 45) || ' days') WHERE id > ?",
        (ROWS - 3000,),
    )
    now = datetime.now().replace(microsecond=0)
    copies = [
        (i, "incoming", ROWS - i, "%06d" % i, "王芳", now - timedelta(days=3), "周振荣",
         now + timedelta(hours=(i % 72) - 60), None, "", "", None, now, "bench")
        for i in range(1, 2001)
    ]  # fmt: skip
    con.executemany("INSERT INTO copies VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", copies)
    top = con.execute("SELECT max(id) FROM telegrams WHERE series = 'plain_in'").fetchone()[0] or 0
    if top:
        alerts = [
            (
                i,
                "plain_in",
                top - i,
                f"特提电报：bench {i}",
                "",
                now - timedelta(minutes=i),
                "bench",
                None,
                "",
            )
            for i in range(1, 31)
        ]
        con.executemany("INSERT INTO alerts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", alerts)
    con.commit()
    con.execute("ANALYZE")
    con.close()
    services = open_services(f"sqlite:///{path}")
    duty, huiwu = demo_actor(services, "chenqiang"), demo_actor(services, "chenqiang")
    today = date.today()
    monday = today - timedelta(days=today.weekday())
    services.service("duty").generate(
        duty,
        monday,
        monday + timedelta(days=13),
        leaders=["周振荣", "吴建国"],
        staff=["刘洋", "陈强", "孙丽"],
    )
    for day in range(7):
        at = datetime.combine(monday + timedelta(days=day), datetime.min.time()).replace(hour=15)
        m = services.registers.create(
            huiwu,
            "meetings",
            {
                "name": f"工作调度会（{day + 1}）",
                "kind": "工作会议",
                "starts_at": at,
                "ends_at": at + timedelta(hours=2),
            },
        )
        for n in range(4):
            services.registers.create(
                huiwu,
                "meeting_tasks",
                {"meeting_no": m["number"], "kind": "材料", "item": f"材料{n + 1}", "who": "陈强",
                 "due_on": at.date() - timedelta(days=2 - n), "state": "待办"},
            )  # fmt: skip
    services.close()


def bare_counts(path: Path) -> float:
    """The floor: the same counts and lists in bare sqlite3 — 收文 overdue/due soon (first 30 each), copies
    out, pending alerts, petitions' clocks, 督办 open items, preparation, duty today, this week's meetings."""
    con = sqlite3.connect(path)
    today = date.today().isoformat()
    soon = (date.today() + timedelta(days=3)).isoformat()
    closed = "('done', 'archived', 'returned')"
    t0 = time.perf_counter()
    for sql, args in (
        (f"SELECT id, number, title, due_on FROM incoming_docs WHERE series='收文' AND voided=0 AND due_on < ? "
         f"AND state NOT IN {closed} ORDER BY due_on LIMIT 30", (today,)),
        (f"SELECT id, number, title, due_on FROM incoming_docs WHERE series='收文' AND voided=0 AND due_on >= ? "
         f"AND due_on <= ? AND state NOT IN {closed} ORDER BY due_on LIMIT 30", (today, soon)),
        ("SELECT c.id, c.due_back, d.number, d.title FROM copies c JOIN incoming_docs d ON d.id = c.record_id "
         "WHERE c.returned_at IS NULL AND c.destruction_id IS NULL AND c.due_back < ? ORDER BY c.due_back "
         "LIMIT 2000", (datetime.now() + timedelta(days=1),)),
        ("SELECT a.id, p.number FROM alerts a JOIN telegrams p ON p.id = a.record_id "
         "WHERE a.acknowledged_at IS NULL ORDER BY a.raised_at DESC LIMIT 500", ()),
        ("SELECT id, number, due_on FROM petitions WHERE due_on IS NOT NULL AND voided=0 AND due_on <= ?", (soon,)),
        ("SELECT id, number, deadline FROM supervision_items WHERE state IN ('registered','assigned','reported') "
         "AND voided=0", ()),
        ("SELECT t.id FROM meeting_tasks t JOIN meetings m ON m.id = t.meeting_id WHERE t.voided=0 AND "
         "m.voided=0 AND t.state != '已完成' AND t.due_on <= ?", (soon,)),
        ("SELECT id FROM duty_shifts WHERE day = ? AND voided=0", (today,)),
        ("SELECT id FROM meetings WHERE voided=0 AND starts_at >= ? AND starts_at < ?", (today, soon)),
    ):  # fmt: skip
        con.execute(sql, args).fetchall()
    took = time.perf_counter() - t0
    con.close()
    return took


def bare_figures(path: Path) -> float:
    """The floor of the year's figures: the same counts as the annual report's summary (bench_report.BARE:
    every register grouped by month and category, one query each) for this year, in bare sqlite3."""
    from bench_report import BARE

    con = sqlite3.connect(path)
    y = date.today().year
    t0 = time.perf_counter()
    for sql in BARE:
        con.execute(sql, (f"{y}-01-01", f"{y + 1}-01-01")).fetchall()
    took = time.perf_counter() - t0
    con.close()
    return took


def med(fn, n: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"home_{ROWS}.sqlite"
    if not path.exists():
        t0 = time.perf_counter()
        build(path)
        print(f"generated {path.name} in {time.perf_counter() - t0:.0f} s")
    from PySide6.QtWidgets import QApplication

    from app.bootstrap import open_services
    from app.demo import demo_actor

    app = QApplication(sys.argv)
    services = open_services(f"sqlite:///{path}")
    leader = demo_actor(services, "zhouzr")  # 领导: every area, the most to read
    wb = services.workbench
    attention = wb.attention(leader)
    print(
        f"leader's lists: {len(attention.alerts)} alerts, "
        + ", ".join(f"{g.heading} {len(g.items)}" for g in attention.groups)
    )
    floor = med(lambda: bare_counts(path))
    ours = med(lambda: wb.attention(leader))
    print(
        f"attention lists, median of 5:  {ours * 1000:7.1f} ms   bare SQL {floor * 1000:6.1f} ms   x{ours / floor:.1f}"
    )
    ffloor = med(lambda: bare_figures(path))
    fours = med(lambda: wb.figures(leader), 3)
    print(
        f"year's figures, median of 3:   {fours * 1000:7.1f} ms   bare SQL {ffloor * 1000:6.1f} ms"
        f"   x{fours / ffloor:.1f} (worker, after the lists)"
    )
    from ui.home import HomeTab

    home = HomeTab(services, leader, refresh_ms=3_600_000)
    home.resize(1280, 700)
    home.show()

    def until(flag) -> None:  # type: ignore[no-untyped-def]
        while not flag():
            app.processEvents()
            time.sleep(0.001)

    until(lambda: home.figures is not None)
    refreshes = []
    for _ in range(5):
        done = []
        home.refreshed.connect(lambda: done.append(time.perf_counter()))
        t0 = time.perf_counter()
        home.refresh()
        until(lambda: bool(done))
        home.repaint()
        refreshes.append(time.perf_counter() - t0)
        home.refreshed.disconnect()
        until(lambda: not home.tasks.busy)
    took = statistics.median(refreshes)
    print(
        f"home tab refresh until painted: {took * 1000:7.1f} ms   bare SQL {floor * 1000:6.1f} ms   x{took / floor:.1f}"
        "   (budget 300 ms)"
    )
    home.stop()
    services.close()


if __name__ == "__main__":
    main()

"""Benchmark of the 会议安排 area: seating for 300 participants computed and drawn (PDF), through the services
and from plain data, next to bare reportlab drawing the same 300 boxes; the 会议通知 and 会议纪要 .docx next
to bare python-docx writing the same paragraphs and table; the meeting list's first screen and search
keystroke p95 on 50,000 meetings next to the same queries in bare SQL. Ratios, not absolute times.

    python bench/bench_meetings.py [--rows 50000]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from app.areas.meetings.service import SERVICE as MEETINGS_SERVICE

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

UNITS = [
    f"{n}"
    for n in (
        "城关镇",
        "河西乡",
        "东山镇",
        "南湖乡",
        "县发改局",
        "县财政局",
        "县教育局",
        "县卫健局",
        "县农业农村局",
        "县住建局",
        "县交通局",
        "县水利局",
        "县公安局",
        "县民政局",
        "县人社局",
    )
]
NAMES = [
    "全县经济工作会议",
    "县委常委会会议",
    "防汛工作专题会议",
    "企业家座谈会",
    "党风廉政建设工作会议",
    "乡村振兴推进会",
    "安全生产工作会议",
    "项目建设调度会",
]
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
)
GIVEN = "建国志强丽华永刚晓军雪梅国庆文斌海波晓东明辉春燕红梅卫东立新秀英伟峰敏杰"


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


def _people(n: int) -> list[tuple[str, str, int, bool]]:
    rng = random.Random(3)
    used: set[str] = set()
    out = []
    while len(out) < n:
        name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2))
        if name in used:
            continue
        used.add(name)
        rank = len(out) + 1
        out.append((name, "县委" if rank <= 20 else rng.choice(UNITS), rank, rank <= 20))
    return out


def seating_and_documents(n: int = 300) -> None:
    from app.areas.meetings.seating import build_chart
    from app.areas.meetings.service import Participant
    from app.printing.fonts import FANGSONG, HEITI, pdf_font
    from app.printing.meeting_seating import SEATING, SeatingPrintout
    from app.printing.meta import PrintMeta

    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        services, actor = fresh_services(tmp / "m.sqlite")
        regs = services.registers
        regs.create(
            actor,
            "meeting_rooms",
            {"name": "大礼堂", "rostrum_rows": "9，11", "rows": 20, "seats_per_row": 15},
        )
        m = regs.create(actor, "meetings", {
            "name": "全县经济工作会议", "kind": "大型会议", "starts_at": "2026-03-05 09:00", "room": "大礼堂",
            "topics": "\n".join(f"议题{i}——县发改局" for i in range(1, 6)),
            "decisions": "\n".join(f"会议同意第{i}项工作安排" for i in range(1, 11)), "unit_order": "\n".join(UNITS),
        })  # fmt: skip
        people = _people(n)
        reg = services.catalog.get("meeting_participants")
        with services.db.write() as s:
            for name, unit, rank, rostrum in people:
                values = regs.check_values(reg, {"meeting_no": m["number"], "name": name, "unit": unit, "rank": rank,
                                                 "rostrum": rostrum, "title": "主要负责同志"})  # fmt: skip
                regs.create_in(s, actor, reg, values)
        svc = services.service(MEETINGS_SERVICE)
        info = svc.meeting(actor, m.id)
        plist = [
            Participant(i, nm, u, "", r, "", "出席", ro, "待到", "", None, False, "未回", "")
            for i, (nm, u, r, ro) in enumerate(people, start=1)
        ]
        meta = PrintMeta.for_actor(actor)

        def pure() -> None:
            chart = build_chart(info, plist, [9, 11], 20, 15)
            SEATING.write(SeatingPrintout(chart, meta), tmp / "pure.pdf")

        def full() -> None:
            services.printing.render_form(actor, "meetings", "seating", m.id, tmp / "seat.pdf")

        def floor() -> None:
            from reportlab.lib.pagesizes import A3, landscape
            from reportlab.pdfgen.canvas import Canvas

            c = Canvas(str(tmp / "floor.pdf"), pagesize=landscape(A3))
            c.setFont(pdf_font(HEITI), 14)
            c.drawCentredString(600, 800, "全县经济工作会议座次图")
            c.setFont(pdf_font(FANGSONG), 8)
            for i, (name, *_rest) in enumerate(people):
                x, y = 40 + (i % 15) * 50, 700 - (i // 15) * 30
                c.rect(x, y, 48, 28)
                c.drawCentredString(x + 24, y + 10, name)
            c.showPage()
            c.save()

        pure()
        full()
        floor()
        o_pure, o_full, f = (statistics.median(timed(fn, 7)) for fn in (pure, full, floor))
        print(
            f"seating, {n} participants (20 on a 9+11 主席台, 280 in 15 unit blocks), computed + drawn:"
            f" from plain data {o_pure * 1000:.0f} ms, through the services (read, audit, atomic write)"
            f" {o_full * 1000:.0f} ms vs bare reportlab 300 boxes {f * 1000:.0f} ms -> {o_full / f:.1f}x; budget <= 200 ms"
        )

        def docx_floor() -> None:
            from docx import Document

            doc = Document()
            for i in range(30):
                doc.add_paragraph(f"第{i}段：经研究，定于2026年3月5日召开全县经济工作会议。")
            t = doc.add_table(rows=1, cols=5)
            for u in [*UNITS, "", "", "", "", "", ""]:  # the 回执: a row per unit and six blank ones
                t.add_row().cells[0].text = u
            doc.save(str(tmp / "floor.docx"))

        for form in ("notice", "minutes"):
            ours = statistics.median(
                timed(
                    lambda form=form: services.printing.render_form(
                        actor, "meetings", form, m.id, tmp / f"{form}.docx"
                    ),
                    5,
                )
            )
            fl = statistics.median(timed(docx_floor, 5))
            print(
                f"{form} .docx for {n} participants: {ours * 1000:.0f} ms vs bare python-docx (30 paragraphs +"
                f" a {len(UNITS) + 6}-row table) {fl * 1000:.0f} ms -> {ours / fl:.1f}x; budget <= 1 s"
            )
        services.close()


def build_meetings(path: Path, rows: int) -> None:
    from db.search import SearchIndex

    services, _actor = fresh_services(path)
    rng = random.Random(1)
    table = services.catalog.get("meetings").model.__table__
    index = SearchIndex("sqlite")
    start = datetime(2000, 1, 3, 9)
    seqs: dict[int, int] = {}
    batch: list[dict] = []
    for i in range(1, rows + 1):
        at = start + timedelta(hours=4 * i)
        seqs[at.year] = seqs.get(at.year, 0) + 1
        name = f"{rng.choice(NAMES)}（{rng.choice(UNITS)}）"
        batch.append({
            "id": i, "series": "meetings", "year": at.year, "seq": seqs[at.year], "number": f"会〔{at.year}〕{seqs[at.year]}号",
            "secret_level": "none", "secret_period": "", "voided": False, "void_reason": "", "voided_by": "",
            "created_at": at, "created_by": "bench", "updated_by": "", "name": name, "kind": "专题会议", "state": "结束",
            "starts_at": at, "ends_at": at + timedelta(hours=2), "checkin_place": "", "room": f"第{i % 7 + 1}会议室",
            "host_unit": "县委办公室", "chair": "周振荣", "attendees_scope": "", "topics": "研究部署有关工作——县发改局",
            "agenda": "", "schedule": "", "requirements": "", "contact": "", "contact_phone": "", "unit_order": "",
            "swaps": "", "decisions": "", "minutes_summary": "", "headcount": 30, "note": "",
        })  # fmt: skip
        if len(batch) == 10000 or i == rows:
            with services.db.write() as s:
                s.execute(table.insert(), batch)
                index.bulk_insert(
                    s,
                    table,
                    [
                        (
                            r["id"],
                            [r["number"], r["name"], r["room"], r["host_unit"], r["chair"], r["topics"], ""],
                        )
                        for r in batch
                    ],
                )
            batch.clear()
    services.close()


def meeting_lists(rows: int) -> None:
    from app.bootstrap import open_services
    from app.demo import demo_actor
    from db.search import match_expression

    path = Path(__file__).resolve().parent / "cache" / f"meetings_{rows}.sqlite"
    path.parent.mkdir(exist_ok=True)
    if not path.exists():
        t = time.perf_counter()
        build_meetings(path, rows)
        print(f"generated {rows:,} meetings in {time.perf_counter() - t:.1f}s (cached at {path})")
    services = open_services(f"sqlite:///{path}")
    actor = demo_actor(services, "chenqiang")
    raw = sqlite3.connect(path)
    first = statistics.median(
        timed(lambda: services.registers.page(actor, "meetings", limit=200, with_total=False), 7)
    )
    bare = statistics.median(
        timed(
            lambda: raw.execute(
                "SELECT * FROM meetings ORDER BY starts_at DESC, id DESC LIMIT 200"
            ).fetchall(),
            7,
        )
    )
    print(
        f"meeting list first screen (200 of {rows:,}): {first * 1000:.1f} ms vs bare SQL {bare * 1000:.1f} ms -> {first / bare:.1f}x"
    )
    # one untimed pass first, ours and the floor alike: otherwise the floor always reads pages ours has
    # just brought into the cache and the p95 is ours' cold first run against a warm floor
    for q in ["防", "防汛", "座谈", "企业家座谈会", "城关", "县财政局", "会〔2020", "第3会议室"]:
        services.registers.page(actor, "meetings", search=q, limit=200)
        raw.execute(
            "SELECT count(*) FROM meetings_fts WHERE meetings_fts MATCH ?", (match_expression(q),)
        ).fetchall()
    ours, floor = [], []
    for q in ["防", "防汛", "座谈", "企业家座谈会", "城关", "县财政局", "会〔2020", "第3会议室"] * 3:
        ours += timed(lambda: services.registers.page(actor, "meetings", search=q, limit=200))
        expr = match_expression(q)
        floor += timed(
            lambda: raw.execute(
                "SELECT t.* FROM meetings_fts f JOIN meetings t ON t.id = f.rowid WHERE f.meetings_fts MATCH ?"
                " ORDER BY f.rowid DESC LIMIT 200",
                (expr,),
            ).fetchall()
        )
    print(
        f"meeting search keystroke p95: {p95(ours) * 1000:.1f} ms vs bare FTS {p95(floor) * 1000:.1f} ms -> {p95(ours) / p95(floor):.1f}x"
    )
    raw.execute("ANALYZE")
    raw.commit()
    services.close()
    services = open_services(f"sqlite:///{path}")
    actor = demo_actor(services, "chenqiang")
    first = statistics.median(
        timed(lambda: services.registers.page(actor, "meetings", limit=200, with_total=False), 7)
    )
    ours = []
    for q in ["防", "防汛", "座谈", "企业家座谈会", "城关", "县财政局", "会〔2020", "第3会议室"] * 3:
        ours += timed(lambda: services.registers.page(actor, "meetings", search=q, limit=200))
    print(f"after ANALYZE: first screen {first * 1000:.1f} ms, search p95 {p95(ours) * 1000:.1f} ms")
    services.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=50_000)
    args = ap.parse_args()
    seating_and_documents()
    meeting_lists(args.rows)


if __name__ == "__main__":
    main()

"""Import benchmark: dry run and import of an N-row .xlsx into the sample register (样例登记), next to the
floor, openpyxl reading the same file (read-only, values only), quoted as ratios; the calamine read; a
GBK CSV dry run; and the peak memory of importing a large CSV (in a subprocess).

    python bench/bench_import.py [ROWS] [BIG_ROWS]      (default 10000 150000)
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

UNITS = ["市委办公室", "市政府办公室", "县纪委监委", "县委组织部", "县委宣传部", "县发展和改革局", "县财政局"]
WORDS = [
    "关于",
    "进一步",
    "加强",
    "做好",
    "全县",
    "安全生产",
    "防汛抗旱",
    "工作",
    "的通知",
    "实施方案",
    "有关事项",
    "专项整治",
    "乡村振兴",
    "基层党建",
    "督查情况",
    "的报告",
    "意见",
]


def make_file(path: Path, n: int, seed: int = 7) -> None:
    """How offices keep it: a title row, a header with synonyms, dates written several ways."""
    from openpyxl import Workbook

    rnd = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("收文")
    ws.append(["2026年样例登记簿"])
    ws.append(["序号", "收文日期", "来文单位（必填）", "文件标题", "页数", "紧急程度", "密级", "备注"])
    for i in range(1, n + 1):
        m, d = rnd.randint(1, 12), rnd.randint(1, 28)
        when = rnd.choice(
            [datetime(2026, m, d), f"2026-{m}-{d}", f"2026.{m:02d}.{d:02d}", f"2026年{m}月{d}日"]
        )
        title = "".join(rnd.choice(WORDS) for _ in range(rnd.randint(3, 12)))
        ws.append(
            [
                i,
                when,
                rnd.choice(UNITS),
                title,
                rnd.randint(1, 30),
                rnd.choice(["平件", "加急", "特急", None]),
                rnd.choice(["非密", "非密", None]),
                "" if rnd.random() < 0.7 else "已阅，请按要求办理",
            ]
        )
    wb.save(path)


def floor(path: Path) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    return count


def calamine_floor(path: Path) -> int:
    import python_calamine as pc

    wb = pc.load_workbook(str(path))
    count = sum(1 for _ in wb.get_sheet_by_index(0).iter_rows())
    wb.close()
    return count


def make_csv(path: Path, n: int, encoding: str = "gbk", seed: int = 7, note: str = "") -> None:
    import csv

    rnd = random.Random(seed)
    with path.open("w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["序号", "收文日期", "来文单位", "文件标题", "页数", "紧急程度", "密级", "备注"])
        for i in range(1, n + 1):
            m, d = rnd.randint(1, 12), rnd.randint(1, 28)
            title = "".join(rnd.choice(WORDS) for _ in range(rnd.randint(3, 12)))
            w.writerow(
                [i, f"2026-{m}-{d}", rnd.choice(UNITS), title, rnd.randint(1, 30), "平件", "非密", note]
            )


def memory_child(path: str, db: str) -> None:
    """Run in a subprocess: import a large CSV and print rows imported and peak resident memory (MB)."""
    import resource

    from app.domain.enums import Role, SecretLevel
    from app.services.actor import Actor
    from app.services.container import Services
    from db.engine import Database, to_url
    from tests.support.sample import SAMPLE_AREA, install_sample_table

    database = Database.open(to_url(db))
    install_sample_table(database)
    services = Services(database, [SAMPLE_AREA])
    actor = Actor(
        id=0, login="bench", name="基准", clearance=SecretLevel.TOP_SECRET, roles=frozenset({Role.DOCUMENTS})
    )
    result = services.importer.run(actor, "sample", Path(path))
    services.close()
    print(result.imported, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--memory-child":
        memory_child(sys.argv[2], sys.argv[3])
        return
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    big = int(sys.argv[2]) if len(sys.argv) > 2 else 150_000
    from app.bootstrap import open_services
    from app.domain.enums import Role, SecretLevel
    from app.services.actor import Actor
    from app.services.container import Services
    from db.engine import Database, to_url
    from tests.support.sample import SAMPLE_AREA, install_sample_table

    with tempfile.TemporaryDirectory() as tmp:
        xlsx = Path(tmp) / "import.xlsx"
        make_file(xlsx, n)
        url = to_url(str(Path(tmp) / "bench.sqlite"))
        open_services(url).close()  # create and migrate
        db = Database.open(url)
        install_sample_table(db)
        services = Services(db, [SAMPLE_AREA])
        actor = Actor(
            id=0,
            login="bench",
            name="基准",
            clearance=SecretLevel.TOP_SECRET,
            roles=frozenset({Role.DOCUMENTS}),
        )
        try:
            t0 = time.perf_counter()
            floor(xlsx)
            t_floor = time.perf_counter() - t0
            t0 = time.perf_counter()
            calamine_floor(xlsx)
            t_cal = time.perf_counter() - t0
            t0 = time.perf_counter()
            plan = services.importer.plan(actor, "sample", xlsx)
            t_plan = time.perf_counter() - t0
            assert plan.errors == (), plan.errors[:5]
            t0 = time.perf_counter()
            result = services.importer.run(actor, "sample", xlsx)
            t_run = time.perf_counter() - t0
            assert result.imported == n
            gbk = Path(tmp) / "import.csv"
            make_csv(gbk, n, seed=8)
            t0 = time.perf_counter()
            assert services.importer.plan(actor, "sample", gbk, renumber=True).errors == ()
            t_csv = time.perf_counter() - t0
        finally:
            services.close()
        import subprocess

        large = Path(tmp) / "large.csv"
        make_csv(large, big, "utf-8", note="已阅，请按要求办理并于月底前反馈落实情况。" * 6)
        size = large.stat().st_size // (1024 * 1024)
        db2 = Path(tmp) / "mem.sqlite"
        open_services(to_url(str(db2))).close()
        out = subprocess.run(
            [sys.executable, __file__, "--memory-child", str(large), str(db2)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        rows_big, peak = int(out[0]), int(out[1])
    print(f"rows: {n}")
    print(f"floor  openpyxl read-only read : {t_floor:7.2f} s")
    print(f"calamine read (our reader)    : {t_cal:7.2f} s   ratio {t_cal / t_floor:5.2f}x openpyxl")
    print(f"dry run (read, map, validate) : {t_plan:7.2f} s   ratio {t_plan / t_floor:5.2f}x floor")
    print(f"import (dry run + write, 1 tx): {t_run:7.2f} s   ratio {t_run / t_floor:5.2f}x floor")
    print(f"dry run, {n}-row GBK CSV     : {t_csv:7.2f} s   ratio {t_csv / t_floor:5.2f}x xlsx floor")
    print(f"import, {size} MB / {rows_big}-row CSV : peak memory {peak} MB (goal <= 300 MB)")


if __name__ == "__main__":
    main()

"""Import benchmark: dry run and import of an N-row .xlsx into the sample register (样例登记), next to the
floor, openpyxl reading the same file (read-only, values only), quoted as ratios.

    python bench/bench_import.py [ROWS]      (default 10000)
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


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
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
            plan = services.importer.plan(actor, "sample", xlsx)
            t_plan = time.perf_counter() - t0
            assert plan.errors == (), plan.errors[:5]
            t0 = time.perf_counter()
            result = services.importer.run(actor, "sample", xlsx)
            t_run = time.perf_counter() - t0
            assert result.imported == n
        finally:
            services.close()
    print(f"rows: {n}")
    print(f"floor  openpyxl read-only read : {t_floor:7.2f} s")
    print(f"dry run (read, map, validate) : {t_plan:7.2f} s   ratio {t_plan / t_floor:5.2f}x floor")
    print(f"import (dry run + write, 1 tx): {t_run:7.2f} s   ratio {t_run / t_floor:5.2f}x floor")


if __name__ == "__main__":
    main()

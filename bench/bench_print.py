"""Register-book printing benchmark: our renderer for N rows next to the floor, bare reportlab with the
same data as one Table per page (fixed rows per page, no measuring, no wrapping), quoted as a ratio.

    python bench/bench_print.py [ROWS]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.printing.book import BookColumn, BookRow, RegisterBook, render_book_pdf
from app.printing.fonts import HEITI, SONGTI, pdf_font
from app.printing.pdf_common import MM, PrintMeta

COLUMNS = (
    BookColumn("收文编号", 1.1),
    BookColumn("收文日期", 1),
    BookColumn("来文机关", 1.6),
    BookColumn("来文字号", 1.3),
    BookColumn("文件标题", 3.5),
    BookColumn("密级", 0.6),
    BookColumn("份数", 0.5),
    BookColumn("承办单位", 1.2),
    BookColumn("备注", 1.2),
)
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


def make_rows(n: int, seed: int = 7) -> list[BookRow]:
    rnd = random.Random(seed)
    rows = []
    for i in range(1, n + 1):
        title = "".join(rnd.choice(WORDS) for _ in range(rnd.randint(3, 12)))
        rows.append(
            BookRow(
                [
                    f"2026-{i:05d}",
                    f"2026-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
                    rnd.choice(UNITS),
                    f"市办发〔2026〕{rnd.randint(1, 300)}号",
                    title,
                    rnd.choice(["非密", "秘密", "机密"]),
                    str(rnd.randint(1, 5)),
                    rnd.choice(UNITS),
                    "" if rnd.random() < 0.7 else "已阅，请按要求办理",
                ],
                voided=rnd.random() < 0.01,
            )
        )
    return rows


def floor(rows: list[BookRow], out: Path, per_page: int = 30) -> None:
    """Bare reportlab: the same cells, one Table per page, no wrapping and no decorations."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import PageBreak, SimpleDocTemplate, Table, TableStyle

    doc = SimpleDocTemplate(
        str(out),
        pagesize=landscape(A4),
        leftMargin=15 * MM,
        rightMargin=15 * MM,
        topMargin=18 * MM,
        bottomMargin=14 * MM,
    )
    total = sum(c.width for c in COLUMNS)
    widths = [(doc.width - 12) * c.width / total for c in COLUMNS]
    style = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), pdf_font(SONGTI), 9),
            ("FONT", (0, 0), (-1, 0), pdf_font(HEITI), 9),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ]
    )
    header = [c.label for c in COLUMNS]
    story = []
    for start in range(0, len(rows), per_page):
        if story:
            story.append(PageBreak())
        t = Table(
            [header, *[list(r.cells) for r in rows[start : start + per_page]]], colWidths=widths, repeatRows=1
        )
        t.setStyle(style)
        story.append(t)
    doc.build(story)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    rows = make_rows(n)
    pdf_font(SONGTI)  # register fonts outside the timings
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        floor(rows, Path(tmp) / "floor.pdf")
        t_floor = time.perf_counter() - t0
        t0 = time.perf_counter()
        render_book_pdf(
            RegisterBook("收文登记簿", COLUMNS, rows, subtitle="2026年"),
            PrintMeta("基准测试", marking="机密★10年", running_title="收文登记簿"),
            Path(tmp) / "book.pdf",
        )
        t_ours = time.perf_counter() - t0
    print(
        f"register book, {n} rows: ours {t_ours:.2f} s, floor (bare reportlab, one Table per page) "
        f"{t_floor:.2f} s, ratio {t_ours / t_floor:.2f}"
    )


if __name__ == "__main__":
    main()

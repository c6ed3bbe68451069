"""Deep scrolling in a register view (used by bench_documents.py): Ctrl+End and scroll-bar drags on a
freshly loaded listing, from the key press / bar move until the rows there are painted, next to the bare
SQL of the same plan (the screen's 200 rows by primary key) and of the OFFSET plan it replaced."""

from __future__ import annotations

import sqlite3
import statistics
import time
from collections.abc import Callable
from typing import Any


def _ms(fn: Callable[[], Any], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def _p95(xs: list[float]) -> float:
    return sorted(xs)[max(0, int(len(xs) * 0.95) - 1)]


def measure(app: Any, view: Any, bare: sqlite3.Connection, table: str, where: str, order: str) -> list[str]:
    """Figures for ``view`` (a shown RegisterView); ``where``/``order`` are its listing's SQL for the bare
    floor. Each jump lands on pages not cached yet. Wall time and the GUI thread's own CPU time (which
    other processes' load cannot inflate) are both given."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    model, grid = view.model, view.table
    bar = grid.verticalScrollBar()
    names = [c.name for c in view.services.registers._record_columns(model.register)[0]]
    wall: dict[str, list[float]] = {"end": [], "early": [], "drag": [], "step": [], "paint": []}
    cpu: dict[str, list[float]] = {k: [] for k in wall}

    def shown(kind: str, action: Callable[[], Any]) -> None:
        t, c = time.perf_counter(), time.thread_time()
        action()
        grid.viewport().repaint()  # paints now: data() for every visible cell, fetching what is missing
        wall[kind].append((time.perf_counter() - t) * 1000)
        cpu[kind].append((time.thread_time() - c) * 1000)
        top, bottom = grid.rowAt(0), grid.rowAt(grid.viewport().height() - 1)
        assert top >= 0 and model.record_at(top) is not None and model.record_at(bottom) is not None

    end = Qt.Key.Key_End
    for _ in range(3):  # Ctrl+End as soon as the count is in, the ids still being read in the worker
        model.reload()
        assert model.wait_for_count(120_000) and model.listing
        grid.setCurrentIndex(model.index(0, 0))
        shown("early", lambda: QTest.keyClick(grid, end, Qt.KeyboardModifier.ControlModifier))  # noqa: B023
        assert model.wait_for_ids(120_000)
    arrivals = []
    for _ in range(5):
        t = time.perf_counter()
        model.reload()
        assert model.wait_for_ids(120_000)
        arrivals.append((time.perf_counter() - t) * 1000)
        grid.scrollToTop()
        app.processEvents()
        grid.setCurrentIndex(
            model.index(0, 0)
        )  # the user's row (with none, Qt's first key press picks row 0)
        shown("end", lambda: QTest.keyClick(grid, end, Qt.KeyboardModifier.ControlModifier))  # noqa: B023
        assert grid.currentIndex().row() == model.rowCount() - 1
    # the scroll bar dragged to the middle, then to other places, each on pages not read yet
    for f in (0.5, 0.1, 0.3, 0.7, 0.9):
        shown("drag", lambda f=f: bar.setValue(int(bar.maximum() * f)))
    # a continuous drag across the middle: 40 moves of 0.5% of the bar each (a new page every move)
    for i in range(40):
        shown("step", lambda i=i: bar.setValue(int(bar.maximum() * (0.4 + i / 200))))
    for _ in range(5):  # the floor of painting: the same screen again, every row cached
        shown("paint", lambda: None)

    total = model.rowCount()
    ids = [r[0] for r in bare.execute(f"SELECT id FROM {table} WHERE {where} ORDER BY {order}")]
    assert len(ids) == total
    by_id = f"SELECT {', '.join(names)} FROM {table} WHERE {where} AND id IN ({', '.join('?' * 200)})"
    floor_end = _ms(lambda: bare.execute(by_id, ids[-200:]).fetchall())
    floor_mid = _ms(lambda: bare.execute(by_id, ids[total // 2 : total // 2 + 200]).fetchall())
    listing = f"SELECT id FROM {table} WHERE {where} ORDER BY {order}"
    bare_ids = _ms(lambda: bare.execute(listing).fetchall(), 3)
    bare_count = _ms(lambda: bare.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone(), 3)
    offset = f"SELECT * FROM {table} WHERE {where} ORDER BY {order} LIMIT 200 OFFSET"
    old_end = _ms(lambda: bare.execute(f"{offset} {total - 200}").fetchall(), 3)
    old_mid = _ms(lambda: bare.execute(f"{offset} {total // 2}").fetchall(), 3)
    med = {k: statistics.median(v) for k, v in wall.items()}
    cmed = {k: statistics.median(v) for k, v in cpu.items()}
    return [
        f"deep scroll, Ctrl+End to row {total:,} (median of 5, worst {max(wall['end']):.1f} ms): {med['end']:.1f} ms "
        f"until painted vs bare SQL of the same plan (its 200 rows by id) {floor_end:.1f} ms "
        f"(x{med['end'] / floor_end:.1f}); GUI-thread CPU {cmed['end']:.1f} ms; target <= 100 ms",
        f"  scroll bar dragged to the middle (and 4 other places; worst {max(wall['drag']):.1f} ms): "
        f"{med['drag']:.1f} ms vs bare {floor_mid:.1f} ms (x{med['drag'] / floor_mid:.1f}); GUI-thread CPU "
        f"{cmed['drag']:.1f} ms",
        f"  Ctrl+End before the ids have arrived (read from the listing's far end; median of 3): "
        f"{med['early']:.1f} ms, GUI-thread CPU {cmed['early']:.1f} ms",
        f"  a 40-move drag across the middle (a page not read yet at every move): p95 {_p95(wall['step']):.1f} ms "
        f"a move, GUI-thread CPU p95 {_p95(cpu['step']):.1f} ms",
        f"  painting the same screen with its rows cached (the floor of any jump): {med['paint']:.1f} ms, "
        f"GUI-thread CPU {cmed['paint']:.1f} ms",
        f"  the ids behind it, read in a worker after the count: listed {statistics.median(arrivals):.0f} ms "
        f"after a reload vs bare COUNT + SELECT id of the same plan {bare_count + bare_ids:.0f} ms",
        f"  the OFFSET plan it replaced, bare SQL: last page {old_end:.0f} ms, middle page {old_mid:.0f} ms",
    ]

"""The long kill run: a process saving 收文 in a loop is SIGKILLed at random moments (200 times by default),
and after every kill the file must pass integrity_check, hold every acknowledged save, have no gap or
duplicate number, a counter that is not behind, and a verifying audit chain (tests/support/crash.py).

    .venv/bin/python bench/stress_kill.py [KILLS] [SEED]
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    kills = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 20261201
    work = Path(tempfile.mkdtemp(prefix="stress-kill-"))
    os.environ.setdefault("COUNTY_OFFICE_HOME", str(work / "home"))
    from app.bootstrap import open_services
    from app.demo import ensure_demo_accounts
    from tests.support.crash import check_after_kill, kill_once

    db = work / "office.sqlite"
    services = open_services(str(db))
    ensure_demo_accounts(services)
    services.close()
    rng = random.Random(seed)
    acknowledged: set[str] = set()
    checked = 0
    t = time.perf_counter()
    for i in range(1, kills + 1):
        acknowledged |= set(kill_once(db, "wangfang", rng))
        checked = check_after_kill(db, acknowledged)
        if i % 20 == 0:
            print(f"{i} kills: {len(acknowledged)} acknowledged saves, {checked} records checked", flush=True)
    print(
        f"survived {kills} SIGKILLs in {time.perf_counter() - t:.0f} s: integrity ok, audit chain ok, "
        f"{len(acknowledged)} acknowledged saves all present, {checked} records numbered 1..{checked} "
        f"without gap or duplicate (seed {seed}; {db})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Start-up benchmark.

(a) Cold start of `python -m app` until the login dialog is shown, as a ratio to a bare PySide6 dialog
    start measured the same way (fresh subprocesses, offscreen, median of several runs). Goal ≤ 1.5x.
(b) From the password submitted to a usable main window on the demo database. Goal ≤ 0.5 s.

    python bench/bench_startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / "cache"

# Both children print SHOWN from the dialog's showEvent and leave at once; the parent times spawn → SHOWN.
BARE = """
import os
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout
class D(QDialog):
    def showEvent(self, e):
        print("SHOWN", flush=True); os._exit(0)
app = QApplication([])
d = D(); lay = QVBoxLayout(d); lay.addWidget(QLabel("title")); f = QFormLayout(); f.addRow("a", QLineEdit())
f.addRow("b", QLineEdit()); lay.addLayout(f); lay.addWidget(QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel))
d.show(); app.exec()
"""

APP = """
import os, sys
from ui import login
def shown(self, e):
    print("SHOWN", flush=True); os._exit(0)
login.LoginDialog.showEvent = shown
from app.cli import run
sys.exit(run(["--db", sys.argv[1]]))
"""


def _time_child(code: str, *args: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=env,
        text=True,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == "SHOWN":
            elapsed = time.perf_counter() - start
            proc.wait(timeout=30)
            return elapsed
    proc.wait(timeout=30)
    raise RuntimeError(f"child never showed its dialog: {proc.stderr.read() if proc.stderr else ''}")


def cold_start(runs: int, db: Path) -> tuple[float, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env["COUNTY_OFFICE_HOME"] = tempfile.mkdtemp(prefix="bench-startup-")
    _time_child(BARE, env=env)  # warm the OS file cache for both, as after any earlier run
    _time_child(APP, str(db), env=env)
    bare, app = [], []
    for _ in range(runs):  # interleaved so drift in machine load hits both alike
        bare.append(_time_child(BARE, env=env))
        app.append(_time_child(APP, str(db), env=env))
    return statistics.median(bare), statistics.median(app)


def demo_database() -> Path:
    """The demo database, generated once and cached (as `python -m app --demo` would create it)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / "startup-demo.sqlite"
    if not path.exists():
        from app.bootstrap import open_services
        from app.demo import fill_demo

        services = open_services(str(path))
        try:
            print(fill_demo(services).text().splitlines()[-1])
        except Exception:
            services.close()
            path.unlink(missing_ok=True)
            raise
        services.close()
    return path


def login_to_window(runs: int, db: Path) -> float:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["COUNTY_OFFICE_HOME"] = tempfile.mkdtemp(prefix="bench-login-")
    from PySide6.QtWidgets import QApplication

    from app.bootstrap import open_services
    from app.demo import DEMO_PASSWORD
    from ui.app import Startup

    app = QApplication.instance() or QApplication([])
    times = []
    for _ in range(runs):
        services = open_services(str(db))  # opened while the user types: not part of this figure
        startup = Startup(str(db))
        startup.show_login()
        startup._opened(services, True)
        import ui.main_window  # noqa: F401 — the opener thread loads it while the user types

        login = startup.login
        assert login is not None
        login.login_edit.setText("wangfang")
        login.password_edit.setText(DEMO_PASSWORD)
        start = time.perf_counter()
        login.submit()  # verifies the password (argon2), then builds and shows the main window
        window = startup.window
        assert window is not None, "login failed"
        while not window.isVisible():
            app.processEvents()
        app.processEvents()  # first paint: the window is usable
        times.append(time.perf_counter() - start)
        window.close()
        app.processEvents()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    db = demo_database()
    bare, app = cold_start(args.runs, db)
    print(
        f"(a) cold start to login dialog: app {app * 1000:.0f} ms, bare PySide6 dialog {bare * 1000:.0f} ms "
        f"(floor) → ratio {app / bare:.2f}x (goal ≤ 1.5x)"
    )
    seconds = login_to_window(max(3, args.runs // 2), db)
    print(
        f"(b) password submitted → usable main window (demo database): {seconds * 1000:.0f} ms "
        f"(goal ≤ 500 ms; includes the argon2 password check)"
    )


if __name__ == "__main__":
    main()

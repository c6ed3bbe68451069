"""Developer check: fill a fresh database with the demo data, export every exportable register (.xlsx and
.csv), import each file into an empty database and compare every field, 作废 and the kept columns.

    python scripts/round_trip_check.py        (prints one line per register and file type; exit 1 on a diff)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _rows(services, actor, reg, names):  # type: ignore[no-untyped-def]
    records = services.registers.iter_records(actor, reg.key, sort=("id", False))
    return [{n: r.values.get(n) for n in names} for r in records]


def main() -> int:
    from app.bootstrap import open_services
    from app.domain.enums import Role, SecretLevel
    from app.services.actor import Actor

    actor = Actor(id=0, login="check", name="核对", clearance=SecretLevel.TOP_SECRET, roles=frozenset(Role))
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "demo.sqlite"
        subprocess.run(
            [sys.executable, "-m", "app", "--db", str(source), "demo"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        services = open_services(str(source))
        try:
            for reg in [r for r in services.catalog if r.exportable]:
                names = [f.name for f in reg.all_fields] + ["voided", "void_reason", "extra_columns"]

                before = _rows(services, actor, reg, names)
                for suffix in (".xlsx", ".csv"):
                    out = Path(tmp) / f"{reg.key}{suffix}"
                    services.importer.export(actor, reg.key, out, sort=("id", False))
                    fresh = open_services(str(Path(tmp) / f"{reg.key}{suffix}.sqlite"))
                    try:
                        fresh.importer.run(actor, reg.key, out)
                        after = _rows(fresh, actor, reg, names)
                    finally:
                        fresh.close()
                    diffs = sum(1 for a, b in zip(before, after) if a != b) + abs(len(before) - len(after))
                    failed += bool(diffs)
                    print(f"{reg.key:<20} {suffix:<6} {len(before):>6} records  {diffs} differ")
        finally:
            services.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

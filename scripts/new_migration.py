"""Developer helper: autogenerate a migration on one branch, against a scratch database at every head.

    python scripts/new_migration.py core "workflow history"        # next revision of the core chain
    python scripts/new_migration.py documents "incoming due time"  # on the documents branch
    python scripts/new_migration.py meetings "meetings" --new-area # starts a new area's branch

Shared tables (used by more than one area) go on ``core``; an area's own tables on its branch. The script
refuses a change that touches another branch's tables. See db/migrations/README.md.
"""

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from db.migrations.authoring import AuthoringError, make_revision  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("area", help="core, or an area's branch label (documents, telegrams, …)")
parser.add_argument("message", help="what the revision does (ASCII words also go into its id)")
parser.add_argument("--rev-id", help="revision id (default: next number, e.g. 0005_core_workflow_history)")
parser.add_argument("--new-area", action="store_true", help="start the branch of a new area off 0001_core")
args = parser.parse_args()
try:
    made = make_revision(args.area, args.message, rev_id=args.rev_id, new_area=args.new_area)
except AuthoringError as e:
    sys.exit(f"new_migration: {e}")
# the project's style (and an empty revision's unused imports) before anyone reads it
for fix in (["check", "--fix", "--quiet"], ["format", "--quiet"]):
    subprocess.run([sys.executable, "-m", "ruff", *fix, str(made.path)], check=False)
print(f"{made.path}\n  revision {made.revision} <- {made.down_revision}", end="")
print(f", branch {made.branch_label}, depends on {made.depends_on}" if made.branch_label else "")
print("Read it before committing: autogenerate misses renames, data moves and FTS tables.")

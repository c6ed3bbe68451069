"""Developer helper: autogenerate a migration against a database migrated to head.

python scripts/new_migration.py "message" REVISION_ID
"""

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from alembic import command

from db.engine import Database
from db.migrate import _config, migrate

message, rev_id = sys.argv[1], sys.argv[2]
with tempfile.TemporaryDirectory() as tmp:
    db = Database.open(Path(tmp) / "gen.sqlite")
    migrate(db.writer, db.url)
    cfg = _config(db.url)
    command.revision(cfg, message=message, autogenerate=True, rev_id=rev_id)

"""scripts/new_migration.py: a revision lands on the branch asked for, a new area gets its own labelled
branch, changes to another branch's tables are refused, and what it writes still upgrades old databases
without an upgrade (and backup) at every later start."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

import db.migrate
from db.migrate import MIGRATIONS_DIR
from db.migrations.authoring import AuthoringError, check_ops_belong, make_revision, table_areas

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "release_0_1.sqlite"


@pytest.fixture
def scripts_copy(tmp_path: Path) -> Path:
    target = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def _script(location: Path):  # type: ignore[no-untyped-def]
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(location))
    return ScriptDirectory.from_config(cfg)


def test_revisions_land_on_the_branch_asked_for(scripts_copy: Path, tmp_path: Path, monkeypatch):
    core_head = _script(scripts_copy).get_revision("core@head").revision
    docs_head = _script(scripts_copy).get_revision("documents@head").revision
    heads_before = len(_script(scripts_copy).get_heads())
    n = 1 + max(int(p.name[:4]) for p in (scripts_copy / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))
    core = make_revision("core", "workflow history", script_location=scripts_copy)
    assert (core.revision, core.down_revision) == (f"{n:04d}_core_workflow_history", core_head)
    docs = make_revision("documents", "due time", script_location=scripts_copy)
    assert (docs.revision, docs.down_revision) == (f"{n + 1:04d}_documents_due_time", docs_head)
    meetings = make_revision("trips", "出行", script_location=scripts_copy, new_area=True)
    assert meetings.revision == f"{n + 2:04d}_trips"
    assert (meetings.down_revision, meetings.depends_on) == ("0001_core", core.revision)
    text = meetings.path.read_text(encoding="utf-8")
    assert 'branch_labels = ("trips",)' in text and f'depends_on = "{core.revision}"' in text
    assert meetings.path.name == f"{n + 2:04d}_trips.py"

    script = _script(scripts_copy)
    for label, rev in (("core", core), ("documents", docs), ("trips", meetings)):
        assert script.get_revision(f"{label}@head").revision == rev.revision
    assert (
        len(script.get_heads()) == heads_before + 1
    )  # the new area adds its head; the others still one each

    # the start-up check reads these files too: a release database upgrades once, then is left alone
    monkeypatch.setattr(db.migrate, "MIGRATIONS_DIR", scripts_copy)
    from db.engine import Database

    path = tmp_path / "office.sqlite"
    shutil.copy(FIXTURE, path)
    database = Database.open(str(path))
    try:
        assert db.migrate.migrate(database.writer, database.url) is not None  # upgraded, backed up
        assert db.migrate.migrate(database.writer, database.url) is None  # nothing more to do
    finally:
        database.dispose()
    con = sqlite3.connect(path)
    versions = {r[0] for r in con.execute("SELECT version_num FROM alembic_version")}
    con.close()
    assert versions == db.migrate.head_revisions() == set(script.get_heads(consider_depends_on=True))
    assert core.revision not in versions  # met through the new area's depends_on, as Alembic records it


def test_a_change_to_another_branchs_table_is_refused():
    from alembic.operations import ops

    owners = table_areas({"core", "documents", "telegrams"})
    assert (owners["telegrams"], owners["incoming_docs"], owners["copies"]) == (
        "telegrams",
        "documents",
        "core",
    )
    change = ops.UpgradeOps(
        ops=[ops.ModifyTableOps("telegrams", [ops.AddColumnOp("telegrams", sa.Column("x", sa.Integer()))])]
    )
    check_ops_belong("telegrams", change, owners)
    with pytest.raises(AuthoringError, match=r"telegrams \(telegrams\)"):
        check_ops_belong("documents", change, owners)
    with pytest.raises(AuthoringError, match="copies"):
        check_ops_belong("documents", ops.UpgradeOps(ops=[ops.DropTableOp("copies")]), owners)


def test_unknown_area_and_existing_new_area_are_refused(scripts_copy: Path):
    with pytest.raises(AuthoringError, match="--new-area"):
        make_revision("meeting", "x", script_location=scripts_copy)
    with pytest.raises(AuthoringError, match="exists already"):
        make_revision("documents", "x", script_location=scripts_copy, new_area=True)
    assert sorted(p.name for p in (scripts_copy / "versions").glob("*.py")) == sorted(
        p.name for p in (MIGRATIONS_DIR / "versions").glob("*.py")
    )


def test_the_script_reports_a_wrong_area_without_writing(tmp_path: Path):
    before = sorted(p.name for p in (MIGRATIONS_DIR / "versions").glob("*.py"))
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "new_migration.py"), "nosuch", "x"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    assert "no branch labelled 'nosuch'" in run.stderr and "core" in run.stderr
    assert sorted(p.name for p in (MIGRATIONS_DIR / "versions").glob("*.py")) == before

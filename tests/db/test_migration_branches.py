"""The migration graph: a core chain and one labelled branch per area. Each branch builds exactly the
tables of its models, alone on core or all together; the app's start-up view of the heads matches
Alembic's, so an up-to-date database is neither upgraded nor backed up again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from db.migrate import MIGRATIONS_DIR, _config, head_revisions, known_revisions
from db.migrations.authoring import CORE, area_labels, table_areas

AREAS = sorted(area_labels(MIGRATIONS_DIR) - {CORE})


def _script():  # type: ignore[no-untyped-def]
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config("sqlite://"))


def _upgrade(path: Path, *targets: str) -> tuple[set[str], set[str]]:
    """Upgrade a file to each target in turn; return (its tables, its alembic_version rows)."""
    from alembic import command

    engine = create_engine(f"sqlite:///{path}")
    cfg = _config(f"sqlite:///{path}")
    for target in targets:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, target)
    with engine.connect() as conn:
        tables = {t for t in inspect(conn).get_table_names() if "_fts" not in t and t != "alembic_version"}
    engine.dispose()
    con = sqlite3.connect(path)
    versions = {r[0] for r in con.execute("SELECT version_num FROM alembic_version")}
    con.close()
    return tables, versions


def _needs(script, revision: str) -> set[str]:  # type: ignore[no-untyped-def]
    """Every revision ``revision`` stands on: down revisions and depends_on, transitively."""
    seen: set[str] = set()
    todo = [revision]
    while todo:
        rev = script.get_revision(todo.pop())
        for r in (*rev._all_down_revisions, *(rev._resolved_dependencies or ())):
            if r not in seen:
                seen.add(r)
                todo.append(r)
    return seen


def _branch(script, area: str) -> set[str]:  # type: ignore[no-untyped-def]
    """The revisions of an area's own branch (its head and down to, not including, 0001_core)."""
    head = script.get_revision(f"{area}@head").revision
    out, rev = set(), script.get_revision(head)
    while rev is not None and rev.revision != "0001_core":
        out.add(rev.revision)
        rev = script.get_revision(rev.down_revision) if rev.down_revision else None
    return out


def _tables_of(*branches: str) -> set[str]:
    owners = table_areas(area_labels(MIGRATIONS_DIR))
    return {t for t, owner in owners.items() if owner in branches}


def test_the_graph_is_a_core_chain_and_one_labelled_head_per_area():
    script = _script()
    heads = script.get_heads(consider_depends_on=True)
    labels = [set(script.get_revision(h).branch_labels) for h in script.get_heads()]
    assert all(len(lab) == 1 for lab in labels), labels  # every head on exactly one branch
    assert {next(iter(lab)) for lab in labels} == {CORE, *AREAS}
    assert {"documents", "telegrams"} <= set(AREAS)
    # the app reads the files without Alembic: it must agree with Alembic on the ids and the heads
    assert head_revisions() == set(heads)
    assert known_revisions() == {r.revision for r in script.walk_revisions()}
    for area in AREAS:  # an area's model module carries its name (new_migration.py relies on it)
        assert (Path(MIGRATIONS_DIR).parents[1] / "db" / "models" / f"{area}.py").exists(), area


def test_core_alone_builds_the_shared_tables_and_no_area_table(tmp_path: Path):
    tables, versions = _upgrade(tmp_path / "core.sqlite", "core@head")
    assert tables == _tables_of(CORE)
    assert {"users", "audit_log", "copies", "copy_steps", "destruction_batches", "alerts"} <= tables
    assert versions == {_script().get_revision("core@head").revision}


@pytest.mark.parametrize("area", AREAS)
def test_each_area_builds_on_core_alone(tmp_path: Path, area: str):
    tables, versions = _upgrade(tmp_path / f"{area}.sqlite", "core@head", f"{area}@head")
    assert tables == _tables_of(CORE, area)
    script = _script()
    # Alembic records only heads: a core revision the area names in depends_on is met through it
    expected = {script.get_revision("core@head").revision, script.get_revision(f"{area}@head").revision}
    assert versions == {r for r in expected if not any(r in _needs(script, o) for o in expected - {r})}


@pytest.mark.parametrize("area", AREAS)
def test_an_area_branch_makes_only_its_own_tables(tmp_path: Path, area: str):
    # the root plus the core revisions the branch names in depends_on (they come with it)
    script = _script()
    deps = sorted(_needs(script, script.get_revision(f"{area}@head").revision) - _branch(script, area))
    root, _ = _upgrade(tmp_path / "root.sqlite", "0001_core", *deps)
    tables, _ = _upgrade(tmp_path / f"{area}.sqlite", f"{area}@head")
    assert tables - root == _tables_of(area)  # no shared table hides in an area branch


def test_everything_together_from_nothing(tmp_path: Path):
    tables, versions = _upgrade(tmp_path / "all.sqlite", "heads")
    assert tables == _tables_of(CORE, *AREAS)
    assert versions == head_revisions()


def test_an_area_first_then_core_gives_the_same_schema(tmp_path: Path):
    # branches are independent: the order an old database meets them in must not matter
    first = _upgrade(tmp_path / "a.sqlite", "telegrams@head", "documents@head", "heads")
    second = _upgrade(tmp_path / "b.sqlite", "heads")
    assert first == second


def test_a_database_at_the_heads_is_not_upgraded_or_backed_up_again(db_path: Path):
    from db.engine import Database
    from db.migrate import migrate

    db = Database.open(str(db_path))
    try:
        assert migrate(db.writer, db.url) is None
    finally:
        db.dispose()
    assert not (db_path.parent / "backups").exists()

"""The whole application on a PostgreSQL server (a multi-PC office): migrations, an office's year copied from
its SQLite file (migrate-to), search through the server's token index, prints, the CLI, the append-only audit log and its keyed chain.

Runs on the server named by COUNTY_OFFICE_TEST_PG_URL (scripts/pg_test_server.sh starts one); each test
works in a database of its own. Skipped without a server, except in CI (tests/support/pg.py)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import pg
from tests.support.pg import require_server


@pytest.fixture
def empty_pg() -> Iterator[str]:
    require_server()
    url = pg.create_database()
    yield url
    pg.drop_database(url)


@pytest.fixture
def pg_services(db_path: str) -> Iterator:  # type: ignore[type-arg]
    from app.bootstrap import open_services

    s = open_services(db_path)
    yield s
    s.close()


@pytest.fixture
def db_backend() -> str:  # every test here on the server (conftest's db_path then gives a database URL)
    return "postgresql"


RELEASE = Path(__file__).resolve().parents[1] / "fixtures" / "release_0_1.sqlite"


def _office_file(tmp_path: Path) -> Path:
    """A copy of release 0.1's office database (a demo year of 收发文 and 电报, tests/fixtures/README.md):
    migrate-to first upgrades it like any start of the new version, then copies it."""
    target = tmp_path / "office.sqlite"
    shutil.copy(RELEASE, target)
    return target


def test_migrate_to_copies_an_office_year_and_the_office_works_on_the_server(
    empty_pg: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    from sqlalchemy import text

    from app.bootstrap import open_services
    from app.cli import run
    from app.demo import demo_actor
    from db.migrate import head_revisions
    from tests.unit.test_printing_support import pdf_pages

    source = _office_file(tmp_path)
    monkeypatch.setenv("APP_PASSWORD", "Demo@2026")
    assert run(["--db", str(source), "--user", "sysadmin", "migrate-to", empty_pg]) == 0
    out = capsys.readouterr().out
    assert "各表行数与原文件一致" in out and "校验链完整" in out

    before = open_services(str(source))
    services = open_services(empty_pg)
    try:
        clerk = demo_actor(services, "wangfang")
        # the same registers, the same searches (through the server's token index) as on the file
        for q in ("防", "防汛", "防汛 通知", "县委办公室"):
            on_file = before.registers.page(demo_actor(before, "wangfang"), "incoming", search=q)
            on_server = services.registers.page(clerk, "incoming", search=q)
            assert on_server.total == on_file.total > 0, q
            assert [r.id for r in on_server.records] == [r.id for r in on_file.records], q
        # the sequences go on after the copied ids: a new 收文 saves and gets the next number of the year
        last = services.registers.page(clerk, "incoming").records[0]
        docs = services.service("documents").incoming
        new = docs.receive(
            clerk,
            {
                "received_at": "2026-12-30 09:30",
                "sender": "市委办公室",
                "sender_number": "市委办发〔2026〕999号",
                "title": "关于做好元旦期间值班工作的通知",
                "doc_type": "通知",
            },
        ).record
        with before.db.read() as s:
            top = s.execute(text("SELECT max(seq) FROM incoming_docs WHERE year = 2026")).scalar()
        assert new.id > last.id and new["seq"] == top + 1
        assert docs.propose(clerk, new.id, "请李主任阅示").record["state"] != new["state"]  # a workflow step
        slip = services.printing.render_form(clerk, "incoming", "slip", new.id, tmp_path / "slip.pdf")
        assert "关于做好元旦期间值班工作的通知" in "".join(pdf_pages(slip)).replace("\n", "")
        book = services.printing.render_book(clerk, "incoming", tmp_path / "book.pdf", filters={"year": 2026})
        assert "收文" in pdf_pages(book)[0]
        assert services.audit.verify().ok
        with services.db.writer.connect() as conn:
            assert {
                r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))
            } == head_revisions()
            with pytest.raises(Exception, match="append-only"):
                conn.execute(text("UPDATE audit_log SET action = 'x'"))
    finally:
        services.close()
        before.close()
    # the command line on the server: export, the audit check; migrating again is refused (not empty)
    xlsx = tmp_path / "收文.xlsx"
    assert (
        run(["--db", empty_pg, "--user", "wangfang", "export", "incoming", str(xlsx), "--year", "2026"]) == 0
    )
    assert xlsx.stat().st_size > 10_000
    assert run(["--db", empty_pg, "--user", "auditor", "check"]) == 0
    capsys.readouterr()
    assert run(["--db", str(source), "--user", "sysadmin", "migrate-to", empty_pg]) != 0
    assert "目标数据库不是空的" in capsys.readouterr().err


def test_migrate_to_is_for_the_system_administrator_only(
    empty_pg: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    from app.cli import run
    from tests.support.pg import _admin

    source = _office_file(tmp_path)
    monkeypatch.setenv("APP_PASSWORD", "Demo@2026")
    assert run(["--db", str(source), "--user", "wangfang", "migrate-to", empty_pg]) != 0
    assert "系统管理员" in capsys.readouterr().err
    with _admin() as conn:  # nothing was written to the server
        tables = conn.exec_driver_sql(
            f"SELECT count(*) FROM pg_database WHERE datname = '{pg.name_of(empty_pg)}'"
        ).scalar()
    assert tables == 1


def _letter(title: str, sender: str = "市委办公室") -> dict[str, str]:
    return {"received_on": "2026-03-05", "sender": sender, "title": title, "pages": "1"}


def test_search_finds_one_and_two_characters_and_exact_phrases(db_path: str, actors) -> None:  # type: ignore[no-untyped-def]
    from app.services.container import Services
    from db.engine import Database
    from tests.support.sample import SAMPLE_AREA, install_sample_table

    db = Database.open(db_path)
    install_sample_table(db)
    services = Services(db, [SAMPLE_AREA])
    try:
        reg = services.registers
        clerk = actors["clerk"]
        a = reg.create(clerk, "sample", _letter("关于做好防汛工作的通知"))
        b = reg.create(clerk, "sample", _letter("汛期值班安排", sender="县应急局"))
        c = reg.create(clerk, "sample", _letter("防火与汛情通报"))  # 防 and 汛 but never 防汛 in a row

        def found(q: str) -> list[int]:
            return sorted(r.id for r in reg.page(clerk, "sample", search=q, limit=50).records)

        assert found("汛") == sorted([a.id, b.id, c.id])
        assert found("防汛") == [a.id]
        assert found("做好防汛") == [a.id]
        assert found("防汛工作 通知") == [a.id]
        assert found("应急") == [b.id]  # another field (来文单位) is indexed too
        assert found("好防") == [a.id] and found("防汛期") == []
        assert found("ＦＡ") == [] and found("，") == sorted([a.id, b.id, c.id])  # no word: no condition
        # an edit re-indexes: the old words are gone, the new ones found
        reg.update(clerk, "sample", c.id, {"title": "森林防火通报"}, expected_version=1)
        assert found("汛") == sorted([a.id, b.id]) and found("森林") == [c.id]
    finally:
        services.close()


def test_one_and_two_character_terms_go_through_the_gin_index(db_path: str, actors) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    from app.services.container import Services
    from db.engine import Database
    from tests.support.sample import SAMPLE_AREA, install_sample_table

    db = Database.open(db_path)
    install_sample_table(db)
    services = Services(db, [SAMPLE_AREA])
    try:
        reg = services.registers
        clerk = actors["clerk"]
        for i in range(40):
            reg.create(clerk, "sample", _letter(f"第{i}号通知" if i % 2 else f"防汛第{i}批"))
        table = services.catalog.get("sample").model.__table__
        for term, index in (("汛", "sample_letters_fts_uni"), ("防汛", "sample_letters_fts_bi")):
            cond = reg.search_index.where(table, term, [])
            compiled = (
                table.select()
                .where(cond)
                .compile(dialect=db.reader.dialect, compile_kwargs={"literal_binds": True})
            )
            with db.reader.connect() as conn:
                conn.execute(
                    text("SET enable_seqscan = off")
                )  # a tiny table: make the planner show its index
                plan = "\n".join(r[0] for r in conn.execute(text(f"EXPLAIN {compiled}")))
            assert index in plan, plan
            assert reg.page(clerk, "sample", search=term).total == 20
    finally:
        services.close()


def test_a_missing_search_table_is_made_and_filled_at_start(pg_services, actors) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    from app.bootstrap import open_services

    docs = pg_services.service("documents").incoming
    raw = {
        "received_at": "2026-03-05 09:30",
        "sender": "市委办",
        "sender_number": "市委办发〔2026〕3号",
        "title": "春季森林防火",
        "doc_type": "通知",
    }
    docs.receive(actors["clerk"], raw)
    url = pg_services.db.url
    with pg_services.db.writer.begin() as conn:  # as a database an older version wrote on the server
        conn.execute(text("DROP TABLE incoming_docs_fts"))
    pg_services.close()
    again = open_services(url)
    try:
        assert again.registers.page(actors["clerk"], "incoming", search="防火").total == 1
        # analysed once filled: the statistics that choose how a search runs are there at once
        assert again.registers.search_index.server.estimated_matches("incoming_docs", "防火") is not None
    finally:
        again.close()


def test_a_search_table_made_before_its_walk_index_gets_it_at_start(pg_services, actors) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import inspect, text

    from app.bootstrap import open_services

    url = pg_services.db.url
    with pg_services.db.writer.begin() as conn:  # as the first server version made its token tables
        conn.execute(text("DROP INDEX incoming_docs_fts_walk"))
    pg_services.close()
    again = open_services(url)
    try:
        with again.db.reader.connect() as conn:
            names = {i["name"] for i in inspect(conn).get_indexes("incoming_docs_fts")}
        assert {"incoming_docs_fts_walk", "incoming_docs_fts_uni", "incoming_docs_fts_bi"} <= names
    finally:
        again.close()


def test_a_writer_waiting_past_its_turn_is_told_the_database_is_busy(pg_services) -> None:  # type: ignore[no-untyped-def]
    from app.domain.errors import DatabaseBusy
    from db.engine import Database

    with pg_services.db.write():  # one office PC holds the write turn ...
        other = Database.open(pg_services.db.url)
        try:
            with pytest.raises(DatabaseBusy, match="数据库正忙"):  # ... another's save waits, then is told
                with other.write(wait=0.3):
                    pass
        finally:
            other.dispose()


def test_backups_on_the_server_are_pg_dumps_and_the_program_says_so(pg_services, actors) -> None:  # type: ignore[no-untyped-def]
    from app.services.backup import BackupRefused

    with pytest.raises(BackupRefused, match="pg_dump"):
        pg_services.backup.backup(actors["sysadmin"])
    assert pg_services.backup.auto_backup(force=True) is None  # the automatic ones leave a server alone

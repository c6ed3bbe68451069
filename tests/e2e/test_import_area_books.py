"""Old Excel books of the newer areas (会议, 信访, 公务接待, 来客, 督办, 信息报送, 值班, 文稿, 调研课题) through
`python -m app import`, as an office brings them in: dry run first (every column mapped or kept, every bad
row named), then the import with --skip-invalid: the good rows come in with their own numbers, states and
dates, the office's own column kept, and the year's counter continues after the highest kept number."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import run
from tests.conftest import PASSWORD
from tests.support.legacy_books import SPECS, write_book

USERS = {
    "meetings": "huiwu",
    "petitions": "petition",
    "receptions": "reception",
    "visitors": "petition",
    "supervision_items": "supervisor",
    "info_submissions": "info",
    "duty_log": "duty",
    "drafts": "research",
    "research_topics": "research",
}
STATES = {  # what the book's state column says (or its dates, when it has none) -> the record's state label
    "meetings": "已结束",  # held in 2024-2026, not 筹备 as a new meeting
    "receptions": "已结束",  # received, not 待确认
    "petitions": "已办结",
    "supervision_items": "已办结",
    "research_topics": "已结题",
}


@pytest.fixture
def db(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("APP_PASSWORD", PASSWORD)
    return str(db_path)


@pytest.mark.parametrize("register", sorted(SPECS))
def test_an_old_book_comes_in_whole(register, db, tmp_path, capsys):  # type: ignore[no-untyped-def]
    spec = SPECS[register]
    facts = write_book(register, tmp_path / f"{spec.title}.xlsx")
    base = ["--db", db, "--user", USERS[register], "import", register, str(facts.path)]
    assert run([*base, "--dry-run"]) != 0  # the bad rows: nothing written
    out = capsys.readouterr()
    report = out.out + out.err
    assert f"编号：{facts.good} 行按表保留" in report
    assert f"共 {facts.good + 3} 行数据：{facts.good} 行正确，3 行有错误" in report
    for row in facts.bad_rows:
        assert f"第 {row} 行" in report
    assert "2025.13.45" in report and "与第 5 行重复" in report
    assert f"{spec.kept} → 原表其他列" in report.replace("\u3000", "")
    assert run([*base, "--skip-invalid", "--rejects", str(tmp_path / "未导入.xlsx")]) == 0
    capsys.readouterr()

    from app.bootstrap import open_services
    from app.kit.registers.numbering import peek_next
    from tests.conftest import actor_for

    services = open_services(db)
    try:
        actor = actor_for(services, USERS[register])
        records = list(services.registers.iter_records(actor, register))
        assert sorted(r["number"] for r in records) == sorted(facts.numbers)
        reg = services.catalog.get(register)
        first = next(r for r in records if r["number"] == facts.numbers[0])
        assert first["imported_by"] == USERS[register] and "第3行" in first["import_source"]
        assert spec.kept in json.loads(first["extra_columns"])  # the office's own column, kept
        years = {r[reg.numbering.year_field].year for r in records}
        assert years == {2024, 2025, 2026}  # rows of the neighbouring years, dated by their own year
        with services.db.read() as s:
            series, _ = services.registers._series(reg, {})
            counter = f"{reg.model.__tablename__}:{series}"  # the counter live registration draws from
            for year, highest in facts.highest.items():
                assert peek_next(s, counter, year) == highest + 1  # the counter continues after the book
        if register == "meetings":  # the book's own types joined the type table with it
            from app.areas.meetings.checks import DEFAULT_TYPES, meeting_types

            with services.db.read() as s:
                table = meeting_types(s)[0]
            own = {r["kind"] for r in records} - set(DEFAULT_TYPES)
            assert own == {"常委会议", "茶话会"} and own <= set(table)
            assert f"将新增会议类型：{'、'.join(t for t in table if t in own)}（不计入大型会议" in report
        if register in STATES:
            from app.kit.registers.values import display

            state = reg.field("state")
            assert STATES[register] in {display(state, r["state"]) for r in records}
    finally:
        services.close()


def test_a_number_already_in_the_database_is_named_once(services, actors, tmp_path):  # type: ignore[no-untyped-def]
    """A register without a title (来客登记): the clash names the number once and tells the record by
    its visitor and date, not by the number again."""
    facts = write_book("visitors", tmp_path / "来客.xlsx")
    clerk = actors[USERS["visitors"]]
    services.importer.run(clerk, "visitors", facts.path, skip_invalid=True, rejects=tmp_path / "r.xlsx")
    plan = services.importer.plan(clerk, "visitors", facts.path)
    first = next(e for e in plan.errors if e.row == 3)
    record = next(
        r for r in services.registers.iter_records(clerk, "visitors") if r["number"] == facts.numbers[0]
    )
    when = record["came_at"]
    from app.areas.reception.service import SERVICE as RECEPTION_SERVICE

    assert services.service(RECEPTION_SERVICE).inside(clerk) == []  # an old book's visitors have left
    assert services.registers.count(clerk, "visitors", filters={"inside": True})[0] == 0
    assert first.message == (
        f"编号“{facts.numbers[0]}”已被数据库中的来客（{record['visitor']}，{when.year}年{when.month}月{when.day}日）使用"
    )

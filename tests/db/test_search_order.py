"""The search box lists the same records in the same order (newest registered first) on SQLite and on a
PostgreSQL server, and on the server whichever way a search is run: through the GIN token index (rare
words) or by walking the token table newest first (words matching much of the register, as FTS5 does).
The expected listing is worked out here from the texts themselves: every word stands in one field."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from db.search import normalise, words

pytestmark = pytest.mark.both_databases

SENDERS = ["县委组织部", "县应急管理局", "市委办公室", "东乡县", "县委宣传部"]
PARTS = [
    "关于",
    "做好",
    "防汛",
    "安全生产",
    "森林防火",
    "乡村振兴",
    "委托",
    "工作",
    "的",
    "通知",
    "ＡＢ班",
    "2026年",
]
QUERIES = [
    "县",  # in nearly every record
    "县委",  # frequent, in the 来信单位
    "县委组织部",  # a frequent phrase
    "防汛",
    "做好防汛",  # a phrase: its pairs must stand in a row
    "安全生产 通知",  # two words, both must be found
    "县委托",  # 县 ends one field, 委托 starts another: never found across fields
    "ab班",  # normalised like the index (full-width, case)
    "值班",  # in no record
    "森林防火 县委组织部 2026",
    "2026年",  # in the number (样〔2026〕N号: 2026 then 〕) and in titles
    "的",
]


@dataclass
class Letters:
    services: object
    clerk: object
    fields: dict[int, list[str]]  # record id -> its searched fields' normalised texts


@pytest.fixture
def letters(db_path, actors) -> Iterator[Letters]:  # type: ignore[no-untyped-def]
    from app.services.container import Services
    from db.engine import Database
    from tests.support.sample import SAMPLE_AREA, install_sample_table

    db = Database.open(db_path)
    install_sample_table(db)
    services = Services(db, [SAMPLE_AREA])
    clerk = actors["clerk"]
    rng = random.Random(16)
    fields: dict[int, list[str]] = {}
    for n in range(90):
        sender = rng.choice(SENDERS) if n else "东乡县"
        title = "".join(rng.sample(PARTS, rng.randint(2, 5))) if n else "委托工作的通知"
        note = rng.choice(["", "", "请县委办公室阅处", "已电话通知"])
        values = {"received_on": "2026-03-05", "sender": sender, "title": title, "pages": "1"}
        if note:
            values["note"] = note
        rec = services.registers.create(clerk, "sample", values)
        # the register number (样〔2026〕N号) is searched too
        fields[rec.id] = [normalise(rec["number"]), normalise(sender), normalise(title), normalise(note)]
    if db.writer.dialect.name == "postgresql":
        with db.writer.connect() as conn:  # what autovacuum does on an office's server
            conn.exec_driver_sql("ANALYZE sample_letters_fts")
            conn.commit()
    yield Letters(services, clerk, fields)
    services.close()  # type: ignore[attr-defined]


def _expected(fields: dict[int, list[str]], query: str) -> list[int]:
    return sorted(
        (i for i, texts in fields.items() if all(any(w in t for t in texts) for w in words(query))),
        reverse=True,
    )


def test_search_lists_the_same_records_newest_first_either_way(letters, monkeypatch, db_backend) -> None:  # type: ignore[no-untyped-def]
    from db import search_pg

    monkeypatch.setattr("app.kit.registers.reads.SEARCH_COUNT_CAP", 25)  # frequent words reach the cap
    reg = letters.services.registers
    assert len(_expected(letters.fields, "县")) > 25 and _expected(letters.fields, "值班") == []
    assert _expected(letters.fields, "县委托") == []  # the data does hold 县 before a 委托 title
    assert any(t[1].endswith("县") and t[2].startswith("委托") for t in letters.fields.values())
    # on the server: as its statistics choose, then every search walked, then every one through GIN
    ways = [search_pg.WALK_FROM, 0, float("inf")] if db_backend == "postgresql" else [None]
    for walk_from in ways:
        if walk_from is not None:
            monkeypatch.setattr(search_pg, "WALK_FROM", walk_from)
        for q in QUERIES:
            want = _expected(letters.fields, q)
            page = reg.page(letters.clerk, "sample", search=q, limit=10)
            assert [r.id for r in page.records] == want[:10], (walk_from, q)
            assert (page.total, page.capped) == (min(len(want), 25), len(want) > 25), (walk_from, q)
            ids, capped = reg.ids(letters.clerk, "sample", search=q)
            assert (list(ids), capped) == (want[:25], len(want) > 25), (walk_from, q)
            assert reg.count(letters.clerk, "sample", search=q) == (page.total, page.capped)
            later = reg.page(letters.clerk, "sample", search=q, offset=10, limit=10, with_total=False)
            assert [r.id for r in later.records] == want[10:20], (walk_from, q)


def test_the_server_walks_for_frequent_words_and_uses_gin_for_rare_ones(
    letters, monkeypatch, db_backend
) -> None:  # type: ignore[no-untyped-def]
    from db import search_pg

    if db_backend != "postgresql":
        pytest.skip("SQLite's FTS5 always hands matches out newest first")

    index = letters.services.registers.search_index.server
    often = index.estimated_matches("sample_letters", "县委")
    rare = index.estimated_matches("sample_letters", "做好防汛")
    # the statistics' estimate follows the real counts (an upper bound by the rarest pair)
    assert often >= len(_expected(letters.fields, "县委")) * 0.8
    assert rare < often and rare >= len(_expected(letters.fields, "做好防汛")) * 0.8
    monkeypatch.setattr(search_pg, "WALK_FROM", (often + rare) / 2)
    table = letters.services.catalog.get("sample").model.__table__
    from sqlalchemy import select

    def sql(q: str) -> str:
        stmt, _ = index.join_newest_first(select(table.c.id), table, q)
        return str(stmt.compile(dialect=letters.services.db.reader.dialect))

    assert "@>" not in sql("县委")  # walked newest first, no GIN condition to collect every candidate
    assert "@>" in sql("做好防汛")

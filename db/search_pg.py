"""The search index on PostgreSQL: the tokens db/search.py makes for FTS5, in a GIN-indexed token table.

``<table>_fts (id, uni text[], bi text[], body text)`` holds, per record, its distinct characters, its
distinct character pairs and its normalised text. A word of the search box is

* 1 character: ``uni @> {字}`` (GIN look-up, exact);
* 2 characters: ``bi @> {字词}`` (GIN look-up, exact);
* 3 or more: ``bi @> {every pair}`` through the index, then ``body LIKE '%word%'`` on those candidates only,
  so the pairs must also stand in a row (as FTS5's phrase query of bigrams does).

pg_trgm cannot do this: it indexes nothing for terms under 3 characters, which most Chinese searches are.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, Integer, Select, Table, Text, and_, column, select
from sqlalchemy import table as table_clause
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.orm import Session

from db.search import fts_table, token_sets, words


def create_statements(table_name: str) -> list[str]:
    name = fts_table(table_name)
    return [
        f"CREATE TABLE IF NOT EXISTS {name} (id integer PRIMARY KEY, uni text[] NOT NULL, "
        "bi text[] NOT NULL, body text NOT NULL)",
        f"CREATE INDEX IF NOT EXISTS {name}_uni ON {name} USING gin (uni)",
        f"CREATE INDEX IF NOT EXISTS {name}_bi ON {name} USING gin (bi)",
    ]


def _tokens(table_name: str) -> Table:
    return table_clause(
        fts_table(table_name),
        column("id", Integer),
        column("uni", ARRAY(Text)),
        column("bi", ARRAY(Text)),
        column("body", Text),
    )  # type: ignore[return-value]


def _word(t: Table, word: str) -> ColumnElement[bool]:
    if len(word) == 1:
        return t.c.uni.contains([word])
    pairs = sorted({word[i : i + 2] for i in range(len(word) - 1)})
    cond = t.c.bi.contains(pairs)
    if len(word) == 2:
        return cond
    return and_(cond, t.c.body.contains(word, autoescape=True))


class PostgresIndex:
    def update(
        self,
        session: Session,
        table_name: str,
        rows: Sequence[tuple[int, Sequence[str | None]]],
        replace: bool,
    ) -> None:
        if not rows:
            return
        t = _tokens(table_name)
        params = []
        for record_id, texts in rows:
            uni, bi, body = token_sets(texts)
            params.append({"id": record_id, "uni": uni, "bi": bi, "body": body})
        stmt = insert(t)
        if replace:
            # a record's index row is replaced whole; a reused id (a rolled-back insert) too
            stmt = stmt.on_conflict_do_update(
                index_elements=["id"],
                set_={"uni": stmt.excluded.uni, "bi": stmt.excluded.bi, "body": stmt.excluded.body},
            )
        session.execute(stmt, params)

    def delete(self, session: Session, table_name: str, ids: list[int]) -> None:
        if ids:
            t = _tokens(table_name)
            session.execute(t.delete().where(t.c.id.in_(ids)))

    def _conditions(self, t: Table, query: str) -> list[ColumnElement[bool]]:
        return [_word(t, w) for w in words(query)]

    def where(self, table: Table, query: str) -> ColumnElement[bool] | None:
        t = _tokens(table.name)
        conds = self._conditions(t, query)
        if not conds:
            return None
        return table.c.id.in_(select(t.c.id).where(*conds))

    def join_newest_first(self, q: Select, table: Table, query: str) -> tuple[Select, ColumnElement] | None:
        t = _tokens(table.name)
        conds = self._conditions(t, query)
        if not conds:
            return None
        return q.join(t, t.c.id == table.c.id).where(*conds), t.c.id

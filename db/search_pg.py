"""The search index on PostgreSQL: the tokens db/search.py makes for FTS5, in a GIN-indexed token table.

``<table>_fts (id, uni text[], bi text[], body text)`` holds, per record, its distinct characters, its
distinct character pairs and its normalised text. A word of the search box is

* 1 character: ``uni @> {字}`` (GIN look-up, exact);
* 2 characters: ``bi @> {字词}`` (GIN look-up, exact);
* 3 or more: ``bi @> {every pair}`` through the index, then ``body LIKE '%word%'`` on those candidates only,
  so the pairs must also stand in a row (as FTS5's phrase query of bigrams does).

pg_trgm cannot do this: it indexes nothing for terms under 3 characters, which most Chinese searches are.

A search listed newest first (the search box's listing, its capped count and id list) that matches a large
part of the register is found the other way round: the token table's ids walked backwards (through the narrow
``_walk`` index of id and body) testing the body for each word (the same matches: a word stands in the body exactly when its characters and pairs do),
stopping at the LIMIT, as FTS5 hands out matches newest first and stops. Through the GIN index the server
would collect and sort every candidate first (143,000 for 县委组织部 in a million 收文: 15 s instead of
milliseconds). Which way is chosen from the server's own statistics of the token columns (ANALYZE, which
autovacuum runs): a word is estimated by its rarest token, a query by the product of its words; without
statistics the GIN index is used.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Engine, Integer, Select, Table, Text, and_, column, func, select, text
from sqlalchemy import table as table_clause
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from db.search import fts_table, token_sets, words


def create_statements(table_name: str) -> list[str]:
    name = fts_table(table_name)
    return [
        f"CREATE TABLE IF NOT EXISTS {name} (id integer PRIMARY KEY, uni text[] NOT NULL, "
        "bi text[] NOT NULL, body text NOT NULL)",
        f"CREATE INDEX IF NOT EXISTS {name}_uni ON {name} USING gin (uni)",
        f"CREATE INDEX IF NOT EXISTS {name}_bi ON {name} USING gin (bi)",
        # the walk of a frequent word newest first reads this narrow index only (id, body), not the table
        # rows with their token arrays (127 MB instead of 781 MB for a million 收文)
        f"CREATE INDEX IF NOT EXISTS {name}_walk ON {name} (id) INCLUDE (body)",
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


WALK_FROM = 30_000  # a search estimated to match this many records or more walks the table newest first
STATS_TTL = 300.0  # seconds the token statistics are kept before they are read again


@dataclass(frozen=True)
class _TokenStats:
    """The server's statistics of one token table: its rows, and for ``uni``/``bi`` the share of records
    holding each frequent token (most_common_elems) and the share below which a token is not listed."""

    rows: float
    shares: dict[str, dict[str, float]]
    floors: dict[str, float]

    def share(self, word: str) -> float:
        """The estimated share of records holding ``word``: that of its rarest token (an upper bound)."""
        if len(word) == 1:
            column_name, toks = "uni", [word]
        else:
            column_name, toks = "bi", [word[i : i + 2] for i in range(len(word) - 1)]
        known, floor = self.shares.get(column_name, {}), self.floors.get(column_name, 0.0)
        return min(known.get(tok, floor) for tok in toks)


def _read_stats(engine: Engine, name: str) -> _TokenStats | None:
    try:
        return _stats_of(engine, name)
    except DBAPIError:  # a server without these views (a compatible database): the GIN index serves
        return None


def _stats_of(engine: Engine, name: str) -> _TokenStats | None:
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT reltuples FROM pg_class WHERE oid = to_regclass(:t)"), {"t": name}
        ).scalar()
        found = conn.execute(
            text(
                "SELECT attname, most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                "WHERE schemaname = current_schema() AND tablename = :t AND attname IN ('uni', 'bi')"
            ),
            {"t": name},
        ).all()
    if not rows or rows <= 0 or not found:
        return None  # never analysed: no estimate, the GIN index serves every search
    shares: dict[str, dict[str, float]] = {}
    floors: dict[str, float] = {}
    for attname, elems, freqs in found:
        if not elems or not freqs:
            continue
        # most_common_elem_freqs: one share per element, then the smallest and largest of them, then nulls.
        # A token not listed is taken at half the smallest listed share, at most 0.5 %, as the server's own
        # estimator does (array_selfuncs.c): in a small vocabulary every listed token is frequent.
        shares[attname] = dict(zip(elems, freqs))
        floors[attname] = min(0.005, float(freqs[len(elems)]) / 2)
    return _TokenStats(float(rows), shares, floors)


class PostgresIndex:
    def __init__(self, reader: Engine | None = None) -> None:
        self.reader = reader  # where the statistics are read (None: always through the GIN index)
        self._stats: dict[str, tuple[float, _TokenStats | None]] = {}  # by table: (read at, statistics)
        self._stats_lock = threading.Lock()

    def _token_stats(self, name: str) -> _TokenStats | None:
        if self.reader is None:
            return None
        now = time.monotonic()
        with self._stats_lock:
            cached = self._stats.get(name)
        if cached is not None and now - cached[0] < STATS_TTL:
            return cached[1]
        stats = _read_stats(self.reader, name)
        with self._stats_lock:
            self._stats[name] = (now, stats)
        return stats

    def estimated_matches(self, table_name: str, query: str) -> float | None:
        """The number of records the server's statistics expect to match ``query`` (None: no statistics)."""
        stats = self._token_stats(fts_table(table_name))
        if stats is None:
            return None
        share = 1.0
        for w in words(query):
            share *= stats.share(w)
        return share * stats.rows

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

    def _newest_first_conditions(self, t: Table, table_name: str, query: str) -> list[ColumnElement[bool]]:
        found = words(query)
        estimate = self.estimated_matches(table_name, query) if found else None
        if estimate is not None and estimate >= WALK_FROM:
            # many matches: walk newest first and stop at the LIMIT (the body holds a word exactly when the
            # GIN conditions hold); offered no GIN condition, the server walks the `_walk` index backwards.
            # strpos, not LIKE '%word%': the same test at about half the cost a row (24 vs 43 ms to count
            # 10,001 of 县委组织部)
            return [func.strpos(t.c.body, w) > 0 for w in found]
        return [_word(t, w) for w in found]

    def join_newest_first(self, q: Select, table: Table, query: str) -> tuple[Select, ColumnElement] | None:
        t = _tokens(table.name)
        conds = self._newest_first_conditions(t, table.name, query)
        if not conds:
            return None
        return q.join(t, t.c.id == table.c.id).where(*conds), t.c.id

    def matching_ids(self, table: Table, query: str) -> Select | None:
        """The matching ids newest first from the token table alone (a walk reads only its `_walk` index)."""
        t = _tokens(table.name)
        conds = self._newest_first_conditions(t, table.name, query)
        if not conds:
            return None
        return select(t.c.id).where(*conds).order_by(t.c.id.desc())

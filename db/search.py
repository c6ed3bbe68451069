"""Full-text search of Chinese text, 1- and 2-character terms included.

SQLite's trigram tokenizer returns nothing for terms shorter than 3 characters, and a LIKE scan reads
every row. Like CJK search engines, each record's text is indexed as single-character and overlapping
two-character tokens in an FTS5 table ``<table>_fts`` (rowid = record id):

* a 1-character term is a look-up of the unigram column;
* a term of 2+ characters is a phrase query of its consecutive bigrams, which is an exact substring match.

This is the one dialect-specific piece. On PostgreSQL (db/search_pg.py) the same tokens sit in arrays of a
``<table>_fts`` table with GIN indexes (pg_trgm cannot index terms under 3 characters); any other database
scans the columns with LIKE.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from sqlalchemy import (
    ColumnElement,
    Engine,
    Integer,
    Select,
    Table,
    and_,
    bindparam,
    column,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy import table as table_clause
from sqlalchemy.orm import Session

_KEEP = re.compile(r"[\w]", re.UNICODE)
FIELD_BREAK = "qqbrk"  # a token no query can produce (queries give 1-2 character tokens)


def normalise(value: str) -> str:
    value = unicodedata.normalize("NFKC", value or "").lower()
    return "".join(ch for ch in value if _KEEP.match(ch) and ch != "_")


def tokens(texts: Iterable[str | None]) -> tuple[str, str]:
    """Unigram and bigram token strings for the index."""
    uni: list[str] = []
    bi: list[str] = []
    for raw in texts:
        norm = normalise(raw or "")
        if not norm:
            continue
        if uni:
            uni.append(FIELD_BREAK)
            bi.append(FIELD_BREAK)
        uni.extend(norm)
        bi.extend(norm[i : i + 2] for i in range(len(norm) - 1))
        if len(norm) == 1:
            bi.append(FIELD_BREAK)
    return " ".join(uni), " ".join(bi)


def match_expression(query: str) -> str | None:
    """The FTS5 MATCH string for a user's query (all words must match), or None if nothing to search."""
    parts = []
    for word in (query or "").split():
        norm = normalise(word)
        if not norm:
            continue
        if len(norm) == 1:
            parts.append(f'uni : "{norm}"')
        else:
            grams = " ".join(norm[i : i + 2] for i in range(len(norm) - 1))
            parts.append(f'bi : "{grams}"')
    return " AND ".join(parts) if parts else None


def words(query: str) -> list[str]:
    """The normalised words of a query (what must all be found), empty ones dropped."""
    return [n for n in (normalise(w) for w in (query or "").split()) if n]


def token_sets(texts: Iterable[str | None]) -> tuple[list[str], list[str], str]:
    """For a server's token table: the distinct characters, the distinct character pairs (within one field)
    and the normalised fields joined by a space (a query's normalised word never holds one)."""
    norms = [n for n in (normalise(t or "") for t in texts) if n]
    uni = sorted({ch for n in norms for ch in n})
    bi = sorted({n[i : i + 2] for n in norms for i in range(len(n) - 1)})
    return uni, bi, " ".join(norms)


class ServerIndex(Protocol):
    def update(
        self,
        session: Session,
        table_name: str,
        rows: Sequence[tuple[int, Sequence[str | None]]],
        replace: bool,
    ) -> None: ...
    def delete(self, session: Session, table_name: str, ids: list[int]) -> None: ...
    def where(self, table: Table, query: str) -> ColumnElement[bool] | None: ...
    def join_newest_first(
        self, q: Select, table: Table, query: str
    ) -> tuple[Select, ColumnElement] | None: ...
    def matching_ids(self, table: Table, query: str) -> Select | None: ...


def fts_table(table_name: str) -> str:
    return f"{table_name}_fts"


def _fts_match(table: Table, query: str) -> tuple[Any, Any] | None:
    """The FTS5 table of ``table`` (its rowid column) and the MATCH condition of ``query``; None when the
    query has no term to match."""
    expr = match_expression(query)
    if expr is None:
        return None
    name = fts_table(table.name)
    fts = table_clause(name, column("rowid", Integer))
    return fts, literal_column(name).op("MATCH")(bindparam("fts_query", expr))


def create_sql(table_name: str) -> str:
    return f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts_table(table_name)} USING fts5(uni, bi, tokenize='unicode61')"


def create_statements(dialect_name: str, table_name: str) -> list[str]:
    """The DDL of ``table_name``'s search index on this database (nothing where search scans with LIKE)."""
    if dialect_name == "sqlite":
        return [create_sql(table_name)]
    if dialect_name == "postgresql":
        from db import search_pg

        return search_pg.create_statements(table_name)
    return []


class SearchIndex:
    """Keeps ``<table>_fts`` in step with the records and turns a query into a WHERE clause."""

    def __init__(self, dialect_name: str, reader: Engine | None = None) -> None:
        self.fts = dialect_name == "sqlite"
        self.server: ServerIndex | None = None
        if dialect_name == "postgresql":
            from db.search_pg import PostgresIndex

            # the reader: where the server's statistics of its token tables are read (search_pg)
            self.server = PostgresIndex(reader)

    @property
    def indexed(self) -> bool:
        """Whether records are kept in a token index (FTS5 or the server's token table)."""
        return self.fts or self.server is not None

    def update(self, session: Session, table: Table, record_id: int, texts: Sequence[str | None]) -> None:
        if self.server is not None:
            self.server.update(session, table.name, [(record_id, texts)], replace=True)
            return
        if not self.fts:
            return
        name = fts_table(table.name)
        uni, bi = tokens(texts)
        session.execute(text(f"DELETE FROM {name} WHERE rowid = :id"), {"id": record_id})
        session.execute(
            text(f"INSERT INTO {name}(rowid, uni, bi) VALUES (:id, :uni, :bi)"),
            {"id": record_id, "uni": uni, "bi": bi},
        )

    def bulk_insert(
        self, session: Session, table: Table, rows: Iterable[tuple[int, Sequence[str | None]]]
    ) -> None:
        if self.server is not None:
            self.server.update(session, table.name, list(rows), replace=False)
            return
        if not self.fts:
            return
        name = fts_table(table.name)
        params = []
        for record_id, texts in rows:
            uni, bi = tokens(texts)
            params.append({"id": record_id, "uni": uni, "bi": bi})
        if params:
            session.execute(text(f"INSERT INTO {name}(rowid, uni, bi) VALUES (:id, :uni, :bi)"), params)

    def index_new(
        self, session: Session, table: Table, rows: Sequence[tuple[int, Sequence[str | None]]]
    ) -> None:
        """Index freshly created records in two executemany statements (a stale entry left under a reused
        id is cleared first, as ``update`` does)."""
        if not rows:
            return
        if self.server is not None:
            self.server.update(session, table.name, rows, replace=True)
        elif self.fts:
            session.execute(
                text(f"DELETE FROM {fts_table(table.name)} WHERE rowid = :id"), [{"id": i} for i, _ in rows]
            )
            self.bulk_insert(session, table, rows)

    def delete(self, session: Session, table: Table, record_id: int) -> None:
        if self.server is not None:
            self.server.delete(session, table.name, [record_id])
        elif self.fts:
            session.execute(text(f"DELETE FROM {fts_table(table.name)} WHERE rowid = :id"), {"id": record_id})

    def join_newest_first(self, q: Select, table: Table, query: str) -> tuple[Select, ColumnElement] | None:
        """Drive ``q`` from the FTS index: join it and order by its rowid, newest first.

        FTS5 hands rowids out in order and stops at the LIMIT, so the first screen of a search costs about a
        millisecond even when a one-character term matches most of a million records; an ``id IN (...)``
        condition would collect every match and sort them first. None when there is no FTS (or no query).
        """
        if self.server is not None:
            return self.server.join_newest_first(q, table, query)
        if not self.fts:
            return None
        found = _fts_match(table, query)
        if found is None:
            return None
        fts, match = found
        rowid = fts.c.rowid
        return q.join(fts, rowid == table.c.id).where(match), rowid

    def matching_ids(self, table: Table, query: str) -> Select | None:
        """The ids of the records matching ``query``, newest first, read from the index alone (no row of
        ``table`` touched): the count and id list of a search that nothing else narrows. None without an index."""
        if self.server is not None:
            return self.server.matching_ids(table, query)
        if not self.fts:
            return None
        found = _fts_match(table, query)
        if found is None:
            return None
        fts, match = found
        return select(fts.c.rowid).where(match).order_by(fts.c.rowid.desc())

    def where(self, table: Table, query: str, columns: Sequence[str]) -> ColumnElement[bool] | None:
        """A condition on ``table`` selecting the records that contain every word of ``query``."""
        if not (query or "").strip():
            return None
        if self.server is not None:
            return self.server.where(table, query)
        if self.fts:
            expr = match_expression(query)
            if expr is None:
                return None
            ids = text(f"SELECT rowid FROM {fts_table(table.name)} WHERE {fts_table(table.name)} MATCH :q")
            return table.c.id.in_(ids.bindparams(q=expr).columns(column("rowid", Integer)))
        conds = []
        for word in query.split():
            conds.append(or_(*[table.c[c].contains(word, autoescape=True) for c in columns]))
        return and_(*conds)

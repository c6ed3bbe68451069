"""The search index tables on a database server: made at start-up for every searched register's table (a
new area's too) and filled from the records when they were missing (a database an older version wrote on the
server, or one whose index was dropped). On SQLite the area migrations make the FTS5 tables themselves."""

from __future__ import annotations

from sqlalchemy import inspect, select, text

from app.kit.registers.service import RegisterService
from db.search import create_statements, fts_table

BATCH = 2_000
INDEXES = ("uni", "bi", "walk")  # db/search_pg.py's indexes of a token table, by suffix


def ensure_search_tables(registers: RegisterService) -> list[str]:
    """Create and fill the missing index tables; the tables created, by name."""
    db = registers.db
    dialect = db.writer.dialect.name
    if dialect == "sqlite" or not registers.search_index.indexed:
        return []
    by_table: dict[str, list] = {}
    for reg in registers.catalog:
        if reg.search_fields:
            by_table.setdefault(reg.model.__tablename__, []).append(reg)
    with db.reader.connect() as conn:
        found = inspect(conn)
        present = set(found.get_table_names())
        # a table made before one of its indexes was added (the `_walk` index of frequent words): made now
        older = [
            t
            for t in by_table
            if fts_table(t) in present
            and not {f"{fts_table(t)}_{k}" for k in INDEXES}
            <= {i["name"] for i in found.get_indexes(fts_table(t))}
        ]
    missing = [t for t in by_table if fts_table(t) not in present and t in present]
    if older:
        with db.write(wait=60) as s:
            for table in older:
                for sql in create_statements(dialect, table):  # IF NOT EXISTS: only the missing ones
                    s.execute(text(sql))
    if not missing:
        return []
    with db.write(wait=60) as s:
        for table in missing:
            for sql in create_statements(dialect, table):
                s.execute(text(sql))
            for reg in by_table[table]:
                q = select(reg.model).order_by(reg.model.id)
                if reg.series_value:
                    q = q.where(reg.model.series == reg.series_value)
                rows = []
                for obj in s.scalars(q).yield_per(BATCH):
                    rows.append((obj.id, registers._index_texts(s, reg, obj)))
                    if len(rows) >= BATCH:
                        registers.search_index.index_new(s, reg.model.__table__, rows)
                        rows = []
                registers.search_index.index_new(s, reg.model.__table__, rows)
            # the statistics that choose how a search runs (db/search_pg.py), before autovacuum gets to it
            s.execute(text(f"ANALYZE {fts_table(table)}"))
    return missing

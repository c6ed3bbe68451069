"""Reading any declared register: listing (SQL sort, filter, search, paging by id list), counting, one
record, earlier values of a field. The write side is RegisterService in service.py, built on this."""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import operators

from app.domain.enums import SecretLevel
from app.domain.errors import NotFound, PermissionDenied
from app.kit.registers.base import DATE, DATETIME, Page, Record, Register, RegisterCatalog
from app.kit.registers.records import META_FIELDS, masked, masker, record_of
from app.services import audit
from app.services.actor import Actor
from db.engine import Database
from db.search import SearchIndex

SEARCH_COUNT_CAP = 10_000  # a search listing more than this asks the user to narrow it down


def _reversed(clause: Any) -> Any:
    """The opposite direction of one ORDER BY term (``col.desc()`` <-> ``col.asc()``)."""
    return clause.element.asc() if clause.modifier is operators.desc_op else clause.element.desc()


def _above(actor: Actor) -> list[str]:
    """The 密级 values above the user's clearance (none for 绝密)."""
    return [m.value for m in SecretLevel if m.rank > actor.clearance.rank]


class RegisterReads:
    """The read half of RegisterService: every query runs in the actor's scope (read role, the register's
    series, clearance), and records come back masked for users without the register's reveal roles."""

    def __init__(self, db: Database, catalog: RegisterCatalog) -> None:
        self.db = db
        self.catalog = catalog
        self.search_index = SearchIndex(db.reader.dialect.name, db.reader)

    # --- reading -------------------------------------------------------------------------------
    def _base_query(
        self,
        actor: Actor,
        reg: Register,
        search: str,
        filters: Mapping[str, Any],
        *,
        with_search: bool = True,
    ) -> Select:
        actor.require_role(*reg.read_roles, action=f"查看{reg.title}")
        model = reg.model
        table = reg.table
        q = select(model)
        if reg.series_value:
            q = q.where(model.series == reg.series_value)
        if reg.classified:
            # As "not above the clearance" (nothing at all for a 绝密 user): a NOT IN cannot use the 密级
            # index, so without statistics (an office database is never ANALYZEd) SQLite walks the listing's
            # own order index and stops after one screen, instead of sorting every 非密 record first.
            above = _above(actor)
            if above:
                q = q.where(model.secret_level.not_in(above))
        cond = (
            self.search_index.where(table, search, [f.name for f in reg.search_fields])
            if with_search
            else None
        )
        if cond is not None:
            q = q.where(cond)
        customs = {c.name: c for c in reg.filters}
        for name, value in filters.items():
            if value in (None, "", ()):
                continue
            if name == "year":
                q = q.where(model.year == int(value))
            elif name == "voided":
                q = q.where(model.voided.is_(bool(value)))
            elif name in customs:
                if value:
                    q = q.where(customs[name].clause(table))
            else:
                f = reg.field(name)
                col = getattr(model, name)
                if f.kind in (DATE, DATETIME) and isinstance(value, tuple):
                    start, end = value
                    if start is not None:
                        q = q.where(col >= start)
                    if end is not None:
                        q = q.where(col <= end)
                elif isinstance(value, (list, set, tuple)):
                    q = q.where(col.in_(list(value)))
                else:
                    q = q.where(col == value)
        return q

    def _ordered(
        self,
        actor: Actor,
        reg: Register,
        search: str,
        filters: Mapping[str, Any],
        sort: tuple[str, bool] | None,
    ) -> tuple[Select, list[Any], bool]:
        """The listing query, its ORDER BY and whether it is driven by the search index.

        With a search and no column chosen by the user (``sort`` None or the register's default), matches
        come newest registered first straight from the search index."""
        model = reg.model
        if search.strip() and sort in (None, reg.default_sort):
            base = self._base_query(actor, reg, search, filters, with_search=False)
            driven = self.search_index.join_newest_first(base, reg.table, search)
            if driven is not None:
                q, rowid = driven
                return q, [rowid.desc()], True
        q = self._base_query(actor, reg, search, filters)
        field, desc = sort or reg.default_sort
        col = getattr(model, field if field != "number" else "seq")
        order = [col.desc() if desc else col.asc()]
        if field == "number":
            order.insert(0, model.year.desc() if desc else model.year.asc())
        order.append(model.id.desc() if desc else model.id.asc())
        return q, order, False

    @staticmethod
    def _record_columns(reg: Register) -> tuple[list[Any], list[str]] | None:
        """The table columns a Record needs (id first) and the value names they fill, or None when a field
        is not a plain column (then ORM objects are loaded)."""
        table = reg.table
        names = [f.name for f in reg.all_fields] + [n for n in META_FIELDS if n in table.c]
        if any(n not in table.c for n in names):
            return None
        return [table.c.id, *(table.c[n] for n in names)], names

    def _records(
        self, s: Session, reg: Register, q: Select, *, yield_per: int | None = None
    ) -> Iterator[Record]:
        """Records of an ordered/limited query. Plain rows, not ORM objects: building 45-attribute objects
        in the identity map was most of the cost of a page and of printing a register book."""
        plain = self._record_columns(reg)
        if plain is None:
            stmt = q.execution_options(yield_per=yield_per) if yield_per else q
            for obj in s.scalars(stmt):
                yield record_of(reg, obj)
            return
        columns, names = plain
        absent = {n: None for n in META_FIELDS if n not in names}
        stmt = q.with_only_columns(*columns)
        if yield_per:
            stmt = stmt.execution_options(yield_per=yield_per)
        for row in s.execute(stmt):
            values = dict(zip(names, row[1:]))
            values.update(absent)
            yield Record(row[0], values, bool(values.get("voided")))

    def page(
        self,
        actor: Actor,
        key: str,
        *,
        search: str = "",
        filters: Mapping[str, Any] | None = None,
        sort: tuple[str, bool] | None = None,
        offset: int = 0,
        limit: int = 100,
        with_total: bool = True,
        from_end: bool = False,
    ) -> Page:
        """One screen of a register. With a search and no column chosen by the user (``sort`` None or
        the register's default), matches come newest registered first straight from the search index, and
        the total is counted up to SEARCH_COUNT_CAP (``Page.capped`` says when there were more).

        ``from_end``: ``offset`` counts from the end of the listing (the rows still come in listing
        order), so the last screens of a long listing are read from the other end of the index instead
        of walking every row before them (the table view's Ctrl+End before its id list has arrived)."""
        reg = self.catalog.get(key)
        model = reg.model
        q, order, driven = self._ordered(actor, reg, search, filters or {}, sort)
        total, capped = -1, False
        with self.db.read() as s:
            if with_total:
                only = self._index_only(actor, reg, search, filters or {}, sort) if driven else None
                total, capped = self._count(s, model, q, driven, order, only)
            by = [_reversed(o) for o in order] if from_end else order
            records = tuple(self._records(s, reg, q.order_by(*by).offset(offset).limit(limit)))
        records = records[::-1] if from_end else records
        mask = masker(reg, actor)
        if mask is not None:
            records = tuple(mask(r) for r in records)
        return Page(total, offset, records, capped)

    def _index_only(
        self,
        actor: Actor,
        reg: Register,
        search: str,
        filters: Mapping[str, Any],
        sort: tuple[str, bool] | None,
    ) -> Select | None:
        """For a search driven by the index that nothing else narrows (no filter, no series, no 密级 limit
        for this user), the matching ids from the index alone: counting 10,000 matches then reads no
        register row (0.7 ms instead of 8 ms of joined rows on 100,000 信访件; 2 instead of 9 on 50,000
        meetings). Records above the user's clearance are taken out by the 密级 index."""
        if sort not in (None, reg.default_sort) or reg.series_value:
            return None
        if any(v not in (None, "", ()) for v in filters.values()):
            return None
        ids = self.search_index.matching_ids(reg.table, search)
        above = _above(actor) if reg.classified else []
        if ids is not None and above:
            # the few records above the user's clearance, from the 密级 index, taken out of the matches
            model = reg.model
            hidden = select(model.id).where(model.secret_level.in_(above))
            ids = ids.where(ids.selected_columns[0].not_in(hidden))
        return ids

    @staticmethod
    def _count(
        s: Session, model: Any, q: Select, capped: bool, order: Any, index_only: Select | None = None
    ) -> tuple[int, bool]:
        if capped and index_only is not None:
            counted = index_only.limit(SEARCH_COUNT_CAP + 1).subquery()
            total = s.scalar(select(func.count()).select_from(counted)) or 0
            return min(total, SEARCH_COUNT_CAP), total > SEARCH_COUNT_CAP
        if capped:
            # Keep the index's order in the counting query too: without it SQLite may scan the register
            # (e.g. by series) and run the full-text match once per row — seconds instead of milliseconds.
            counted = q.with_only_columns(model.id).order_by(*order).limit(SEARCH_COUNT_CAP + 1).subquery()
            total = s.scalar(select(func.count()).select_from(counted)) or 0
            return min(total, SEARCH_COUNT_CAP), total > SEARCH_COUNT_CAP
        return s.scalar(
            select(func.count()).select_from(q.with_only_columns(model.id).subquery())
        ) or 0, False

    def count(
        self,
        actor: Actor,
        key: str,
        *,
        search: str = "",
        filters: Mapping[str, Any] | None = None,
        sort: tuple[str, bool] | None = None,
    ) -> tuple[int, bool]:
        """(total, capped) of a listing without fetching rows: the table view asks for it off the GUI
        thread after showing the first page, since on a million rows the COUNT is most of opening a view."""
        reg = self.catalog.get(key)
        q, order, driven = self._ordered(actor, reg, search, filters or {}, sort)
        only = self._index_only(actor, reg, search, filters or {}, sort) if driven else None
        with self.db.read() as s:
            return self._count(s, reg.model, q, driven, order, only)

    def month_counts(self, actor: Actor, key: str, year: int) -> dict[int, int]:
        """Records of ``year`` month by month (1..12, zeros included) by the register's date field, voided
        ones not counted, only what the actor may see: one grouped query (the home tab's small charts)."""
        reg = self.catalog.get(key)
        col = getattr(reg.model, reg.date_field)
        lo, hi = date(year, 1, 1), date(year + 1, 1, 1)
        if reg.field(reg.date_field).kind == DATETIME:
            lo, hi = datetime.combine(lo, time.min), datetime.combine(hi, time.min)
        q = self._base_query(actor, reg, "", {"voided": False}).where(col >= lo, col < hi)
        month = func.extract("month", col)
        with self.db.read() as s:
            rows = s.execute(q.with_only_columns(month, func.count()).group_by(month)).all()
        counts = dict.fromkeys(range(1, 13), 0)
        counts.update({int(m): n for m, n in rows if m is not None})
        return counts

    def ids(
        self,
        actor: Actor,
        key: str,
        *,
        search: str = "",
        filters: Mapping[str, Any] | None = None,
        sort: tuple[str, bool] | None = None,
    ) -> tuple[array[int], bool]:
        """(ids, capped): every matching record's id in listing order, the table view's map from row to
        record (as Anki's browser keeps its card ids). A row anywhere in a million is then fetched by id
        (``records``) instead of by an OFFSET that walks every row before it. 4 bytes a row; a search
        driven by the index lists at most SEARCH_COUNT_CAP ids, as ``count`` counts."""
        reg = self.catalog.get(key)
        q, order, driven = self._ordered(actor, reg, search, filters or {}, sort)
        stmt = q.with_only_columns(reg.model.id).order_by(*order)
        if driven:
            only = self._index_only(actor, reg, search, filters or {}, sort)
            stmt = (stmt if only is None else only).limit(SEARCH_COUNT_CAP + 1)
        ids = array("i")  # 4 bytes an id; widened to 8 only if an id needs it
        with self.db.read() as s:
            result = s.connection().execute(stmt)
            # The DBAPI cursor's plain tuples: wrapping each of a million ids in a Row cost a third more;
            # small batches leave less freed memory behind (4.3 MB held for a million ids, 6.6 with 20,000).
            cursor = result.cursor
            while chunk := cursor.fetchmany(2_000):
                values = [row[0] for row in chunk]
                done = len(ids)
                try:
                    ids.extend(values)
                except OverflowError:
                    ids = array("q", ids[:done])
                    ids.extend(values)
            result.close()
        capped = driven and len(ids) > SEARCH_COUNT_CAP
        if capped:
            del ids[SEARCH_COUNT_CAP:]
        return ids, capped

    def records(self, actor: Actor, key: str, ids: Sequence[int]) -> tuple[Record, ...]:
        """The records of ``ids`` in that order (one screen of the table view, ids from ``ids()``): a
        primary-key lookup per row, as cheap at row 999,999 as at row 0. Read within the actor's scope
        (read role, series, clearance); an id outside it, or gone, is left out."""
        reg = self.catalog.get(key)
        base = self._base_query(actor, reg, "", {})
        found: dict[int, Record] = {}
        wanted = list(dict.fromkeys(ids))
        with self.db.read() as s:
            for start in range(0, len(wanted), 500):  # well under every database's bound-parameter limit
                chunk = wanted[start : start + 500]
                found.update((r.id, r) for r in self._records(s, reg, base.where(reg.model.id.in_(chunk))))
        mask = masker(reg, actor)  # ID numbers and phones stay masked on every page, not only the first
        return tuple(mask(found[i]) if mask else found[i] for i in ids if i in found)

    def iter_records(
        self,
        actor: Actor,
        key: str,
        *,
        search: str = "",
        filters: Mapping[str, Any] | None = None,
        sort: tuple[str, bool] | None = None,
        batch: int = 2000,
    ) -> Iterator[Record]:
        """Every matching record in order (export, register-book printing): ONE query in one read
        transaction, streamed ``batch`` rows at a time, so a printed book is one consistent snapshot and
        no OFFSET re-scans the rows already read (the permission check runs before the first row)."""
        reg = self.catalog.get(key)
        q, order, _driven = self._ordered(actor, reg, search, filters or {}, sort)
        return self._stream(reg, q.order_by(*order), batch, actor)

    def _stream(self, reg: Register, q: Select, batch: int, actor: Actor) -> Iterator[Record]:
        mask = masker(reg, actor)
        with self.db.read() as s:
            if mask is None:
                yield from self._records(s, reg, q, yield_per=batch)
            else:
                for rec in self._records(s, reg, q, yield_per=batch):
                    yield mask(rec)

    def get(self, actor: Actor, key: str, record_id: int) -> Record:
        reg = self.catalog.get(key)
        actor.require_role(*reg.read_roles, action=f"查看{reg.title}")
        with self.db.read() as s:
            obj = self._load(s, reg, record_id)
            if reg.classified:
                actor.require_clearance(obj.secret_level)
            rec = record_of(reg, obj)
        if reg.audit_views:
            with self.db.write() as s:
                audit.record(s, actor, "view", reg.key, record_id, detail={"number": rec["number"]})
            return masked(reg, actor, rec)
        if reg.classified and SecretLevel(rec["secret_level"]).is_classified:
            with self.db.write() as s:
                audit.record(
                    s,
                    actor,
                    "view",
                    reg.key,
                    record_id,
                    detail={"number": rec["number"], "secret_level": SecretLevel(rec["secret_level"]).label},
                )
        return rec

    def distinct_values(self, actor: Actor, key: str, field: str, limit: int = 500) -> list[str]:
        """Earlier values of a field, most used first (autocomplete)."""
        reg = self.catalog.get(key)
        f = reg.field(field)
        if not f.autocomplete:
            raise PermissionDenied(f"“{f.label}”不提供历史值")
        col = getattr(reg.model, field)
        # the same scope as the list: this register's series, the actor's clearance
        q = self._base_query(actor, reg, "", {}).with_only_columns(col, func.count())
        with self.db.read() as s:
            rows = s.execute(
                q.where(col.is_not(None), col != "").group_by(col).order_by(func.count().desc()).limit(limit)
            )
            return [r[0] for r in rows]

    @staticmethod
    def _load(s: Session, reg: Register, record_id: int) -> Any:
        obj = s.get(reg.model, record_id)
        if obj is None or (reg.series_value and obj.series != reg.series_value):
            raise NotFound(f"{reg.title}中没有这条{reg.record_label}")
        return obj

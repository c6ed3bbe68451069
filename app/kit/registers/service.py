"""The generic register service: list (SQL sort, filter, search, paging), read, create, update and void
for any declared register. Areas add their workflows on top; they never copy this."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import operators

from app.domain.enums import SecretLevel
from app.domain.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from app.kit.registers.base import DATE, DATETIME, Page, Record, Register, RegisterCatalog
from app.kit.registers.numbering import format_number, next_seq, reserve_block
from app.kit.registers.values import display, validate
from app.kit.registers.versions import require_version
from app.services import audit
from app.services.actor import Actor
from app.services.settings import get_value
from db.engine import Database
from db.models.common import bump_version
from db.search import SearchIndex

SEARCH_COUNT_CAP = 10_000  # a search listing more than this asks the user to narrow it down
# An import of this many rows is a long write: it leaves a notice (what, who, expected end) so that a clerk
# whose save cannot wait for it is told so; the expected end assumes a slow office PC (bench_import.py).
LONG_WRITE_ROWS = 2_000
IMPORT_ROWS_PER_SECOND = 1_500

META_FIELDS = (
    "series",
    "year",
    "seq",
    "number",
    "voided",
    "void_reason",
    "voided_at",
    "voided_by",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    "version",
    # imported history (app.kit.import_writer)
    "imported_at",
    "imported_by",
    "import_source",
    "import_missing",
    "extra_columns",
    "copy_no_pending",
)


def record_of(register: Register, obj: Any) -> Record:
    values = {f.name: getattr(obj, f.name, None) for f in register.all_fields}
    for name in META_FIELDS:
        values[name] = getattr(obj, name, None)
    return Record(obj.id, values, bool(getattr(obj, "voided", False)))


REDACTED = "（涉密内容，不记入审计日志）"
_NEVER_REDACTED = {"secret_level", "secret_period", "number"}


def audit_values(reg: Register, obj: Any, values: dict[str, Any], other_level: Any = None) -> dict[str, Any]:
    """The field values an audit entry may carry. The 安全审计员 holds no clearance and reads no business
    records, so for a classified record (before or after the change) only WHICH fields changed is kept."""
    levels = {getattr(obj, "secret_level", None), other_level} - {None, ""}
    classified = reg.classified and any(SecretLevel(lv).is_classified for lv in levels)
    if not classified:
        return values
    return {k: (v if k in _NEVER_REDACTED else REDACTED) for k, v in values.items()}


def _reversed(clause: Any) -> Any:
    """The opposite direction of one ORDER BY term (``col.desc()`` <-> ``col.asc()``)."""
    return clause.element.asc() if clause.modifier is operators.desc_op else clause.element.desc()


def masker(reg: Register, actor: Actor) -> Callable[[Record], Record] | None:
    """What this user sees of a record: masked fields (ID numbers, phones) masked unless the user holds
    one of the register's ``reveal_roles``; None when nothing is masked (most registers: no cost per row)."""
    fields = [(f.name, f.mask) for f in reg.all_fields if f.mask is not None]
    if not fields or actor.has_role(*reg.reveal_roles):
        return None

    def apply(rec: Record) -> Record:
        values = dict(rec.values)
        for name, mask in fields:
            if values.get(name):
                values[name] = mask(str(values[name]))
        return Record(rec.id, values, rec.voided)

    return apply


def masked(reg: Register, actor: Actor, rec: Record) -> Record:
    m = masker(reg, actor)
    return m(rec) if m else rec


def _above(actor: Actor) -> list[str]:
    """The 密级 values above the user's clearance (none for 绝密)."""
    return [m.value for m in SecretLevel if m.rank > actor.clearance.rank]


def _json_safe(v: Any) -> Any:
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    return v


class RegisterService:
    def __init__(self, db: Database, catalog: RegisterCatalog) -> None:
        self.db = db
        self.catalog = catalog
        self.search_index = SearchIndex(db.reader.dialect.name)

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
        table = model.__table__
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
            driven = self.search_index.join_newest_first(base, model.__table__, search)
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
        table = reg.model.__table__
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
        ids = self.search_index.matching_ids(reg.model.__table__, search)
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

    # --- writing -------------------------------------------------------------------------------
    @staticmethod
    def _load(s: Session, reg: Register, record_id: int) -> Any:
        obj = s.get(reg.model, record_id)
        if obj is None or (reg.series_value and obj.series != reg.series_value):
            raise NotFound(f"{reg.title}中没有这条{reg.record_label}")
        return obj

    @staticmethod
    def db_check(s: Session, reg: Register, values: Mapping[str, Any], obj: Any) -> None:
        """The register's database-dependent checks, inside the saving transaction (nothing half-saved)."""
        if reg.db_validator:
            errors = reg.db_validator(s, values, obj)
            if errors:
                raise ValidationFailed(errors)

    @staticmethod
    def require_exportable(reg: Register) -> None:
        """Exporters call this first: some registers' contents may not leave the program (密码电报)."""
        if not reg.exportable:
            from app.domain.errors import PermissionDenied

            raise PermissionDenied(f"{reg.title}的内容不得导出，只能打印登记簿和规定的表单")

    def check_values(self, reg: Register, raw: Mapping[str, Any]) -> dict[str, Any]:
        values, errors = validate(reg, raw)
        if errors:
            raise ValidationFailed(errors)
        return values

    def machine_level(self) -> SecretLevel:
        """本机密级: the highest level this machine (this database) may hold."""
        from app.services.settings import load_policy

        with self.db.read() as s:
            return load_policy(s).machine_secret_level

    def highest_level(self) -> SecretLevel:
        """The highest 密级 among the records held (voided ones too: they are still on this machine)."""
        highest = SecretLevel.NONE
        with self.db.read() as s:
            for reg in self.catalog:
                if not reg.classified:
                    continue
                col = reg.model.secret_level
                query = select(col).distinct()
                if reg.series_value:
                    query = query.where(reg.model.series == reg.series_value)
                for level in s.scalars(query):
                    if level and SecretLevel(level).rank > highest.rank:
                        highest = SecretLevel(level)
        return highest

    @staticmethod
    def level_refusal(actor: Actor, level: SecretLevel, machine: SecretLevel) -> str | None:
        """Why a record of ``level`` may not be saved here, or None. The machine's level comes first: a user
        cleared for 绝密 still cannot put a 绝密 record on a machine approved for 秘密."""
        if level.rank > machine.rank:
            return (
                f"本机密级为{machine.label}，不能存放{level.label}级记录"
                f"（本机只能处理{machine.label}及以下的记录；本机密级由安全保密管理员设置）"
            )
        if not actor.can_see(level):
            return f"您的涉密等级不足，不能登记{level.label}级记录"
        return None

    def _clearance_check(
        self, actor: Actor, reg: Register, values: Mapping[str, Any], machine: SecretLevel | None = None
    ) -> None:
        if reg.classified and values.get("secret_level"):
            level = SecretLevel(values["secret_level"])
            problem = self.level_refusal(actor, level, machine or self.machine_level())
            if problem:
                raise ValidationFailed({"secret_level": problem})

    def assign_number(
        self,
        s: Session,
        reg: Register,
        obj: Any,
        values: Mapping[str, Any],
        seq: int | None = None,
        template: str | None = None,
    ) -> None:
        """Give ``obj`` its series, year and number: the next one, or ``seq`` from a reserved block."""
        obj.series, key = self._series(reg, values)
        n = reg.numbering
        if n is None or key is None:
            return
        counter, year = key
        if seq is None:
            seq = next_seq(s, counter, year)
        if template is None:
            template = self._number_template(s, reg)
        obj.year, obj.seq = year, seq
        obj.number = format_number(template, year=year, seq=seq, series=obj.series)

    @staticmethod
    def _series(reg: Register, values: Mapping[str, Any]) -> tuple[str, tuple[str, int] | None]:
        """(series, (counter name, year)); the counter is None for a register without numbering."""
        n = reg.numbering
        series = reg.series_value or (n.series_for(values) if n else "")
        if n is None:
            return series, None
        when = values.get(n.year_field) or date.today()
        return series, (f"{reg.model.__tablename__}:{series}", when.year)

    @staticmethod
    def _number_template(s: Session, reg: Register) -> str:
        n = reg.numbering
        assert n is not None
        return (get_value(s, n.format_setting) if n.format_setting else None) or n.default_format

    def reindex(self, s: Session, reg: Register, obj: Any) -> None:
        self.search_index.update(s, reg.model.__table__, obj.id, self._index_texts(s, reg, obj))

    @staticmethod
    def _index_texts(s: Session, reg: Register, obj: Any) -> list[str]:
        texts = [str(getattr(obj, f.name) or "") for f in reg.search_fields]
        if reg.search_extra:
            texts.extend(reg.search_extra(s, obj.id))
        return texts

    def _index_new(self, s: Session, reg: Register, rows: list[tuple[int, list[str]]]) -> None:
        """Index freshly created records in bulk (see SearchIndex.index_new)."""
        self.search_index.index_new(s, reg.model.__table__, rows)

    def create_in(
        self,
        s: Session,
        actor: Actor,
        reg: Register,
        values: Mapping[str, Any],
        extra: Mapping[str, Any] | None = None,
    ) -> Any:
        """Create inside an open transaction (areas call this from their own workflow methods)."""
        self.db_check(s, reg, values, None)
        obj = reg.model(**values, **(extra or {}))
        obj.created_by = actor.login
        obj.created_at = datetime.now()
        self.assign_number(s, reg, obj, values)
        s.add(obj)
        s.flush()
        if reg.after_save:
            reg.after_save(s, actor, obj, True)
        self.reindex(s, reg, obj)
        audit.record(
            s,
            actor,
            "create",
            reg.key,
            obj.id,
            detail={
                "number": obj.number,
                **audit_values(reg, obj, {k: _json_safe(v) for k, v in values.items() if v is not None}),
            },
        )
        return obj

    def create(
        self,
        actor: Actor,
        key: str,
        raw: Mapping[str, Any],
        *,
        then: Callable[[Session, Any], None] | None = None,
    ) -> Record:
        """``then(session, obj)`` runs in the same transaction (the 扫描件 of a record registered from it)."""
        reg = self.catalog.get(key)
        actor.require_role(*reg.write_roles, action=f"登记{reg.title}")
        values = self.check_values(reg, raw)
        self._clearance_check(actor, reg, values)
        with self.db.write() as s:
            obj = self.create_in(s, actor, reg, values)
            if then is not None:
                then(s, obj)
            return record_of(reg, obj)

    def update_in(self, s: Session, actor: Actor, reg: Register, obj: Any, values: Mapping[str, Any]) -> dict:
        if obj.voided:
            raise Conflict(f"该{reg.record_label}已作废，不能修改")
        self.db_check(s, reg, values, obj)
        locks = reg.locks(record_of(reg, obj))
        refused = {n: locks[n] for n, v in values.items() if n in locks and getattr(obj, n) != v}
        if refused:  # fixed by a workflow step: changed only through that step
            raise ValidationFailed(refused)
        changes = {}
        for name, value in values.items():
            before = getattr(obj, name)
            if before != value:
                changes[name] = {"before": _json_safe(before), "after": _json_safe(value)}
                setattr(obj, name, value)
        if changes:
            obj.updated_at, obj.updated_by = datetime.now(), actor.login
            version = bump_version(s, obj)
            s.flush()
            if reg.after_save:
                reg.after_save(s, actor, obj, False)
            self.reindex(s, reg, obj)
            before_level = changes.get("secret_level", {}).get("before")
            audit.record(
                s,
                actor,
                "update",
                reg.key,
                obj.id,
                detail={
                    "number": obj.number,
                    "version": version,
                    "changes": audit_values(reg, obj, changes, before_level),
                },
            )
        return changes

    def update(
        self,
        actor: Actor,
        key: str,
        record_id: int,
        raw: Mapping[str, Any],
        *,
        expected_version: int | None = None,
    ) -> Record:
        """Write the fields in ``raw`` (the others keep their stored values, so a form sends only what its
        user changed). With ``expected_version`` (the version the user read) a record changed since is
        refused with StaleRecord saying who changed what; nothing is saved then."""
        reg = self.catalog.get(key)
        actor.require_role(*reg.write_roles, action=f"修改{reg.title}")
        editable = {f.name for f in reg.form_fields if f.editable}
        with self.db.write() as s:
            obj = self._load(s, reg, record_id)
            if reg.classified:
                actor.require_clearance(obj.secret_level)
            require_version(s, reg, obj, expected_version)
            current = {f.name: getattr(obj, f.name) for f in reg.form_fields}
            values = self.check_values(reg, {**current, **raw})
            values = {k: v for k, v in values.items() if k in editable and k in raw}
            self._clearance_check(actor, reg, values)
            self.update_in(s, actor, reg, obj, values)
            return record_of(reg, obj)

    def void(
        self, actor: Actor, key: str, record_id: int, reason: str, *, expected_version: int | None = None
    ) -> Record:
        reg = self.catalog.get(key)
        actor.require_role(*reg.write_roles, action=f"作废{reg.title}")
        reason = (reason or "").strip()
        if not reason:
            raise ValidationFailed({"void_reason": "请填写作废原因"})
        with self.db.write() as s:
            obj = self._load(s, reg, record_id)
            if reg.classified:
                actor.require_clearance(obj.secret_level)
            if obj.voided:
                raise Conflict(f"该{reg.record_label}已经作废")
            require_version(s, reg, obj, expected_version)
            obj.voided, obj.void_reason = True, reason
            obj.voided_at, obj.voided_by = datetime.now(), actor.login
            version = bump_version(s, obj)
            audit.record(
                s,
                actor,
                "void",
                reg.key,
                obj.id,
                detail={"number": obj.number, "reason": reason, "version": version},
            )
            return record_of(reg, obj)

    # --- helpers for import/export/printing ------------------------------------------------------
    def display_row(self, key: str, record: Record, fields: Sequence[str] | None = None) -> list[str]:
        reg = self.catalog.get(key)
        chosen = [reg.field(n) for n in fields] if fields else reg.print_fields
        return [display(f, record[f.name]) for f in chosen]

    def bulk_create(
        self,
        actor: Actor,
        key: str,
        rows: Sequence[Mapping[str, Any]],
        action: str = "import",
        detail: Mapping[str, Any] | None = None,
    ) -> list[int]:
        """Create already-validated rows in ONE transaction (importer); all or nothing."""
        reg = self.catalog.get(key)
        actor.require_role(*reg.write_roles, action=f"导入{reg.title}")
        machine = self.machine_level()
        for values in rows:
            self._clearance_check(actor, reg, values, machine)
        if len(rows) >= LONG_WRITE_ROWS:
            expected = 5 + len(rows) / IMPORT_ROWS_PER_SECOND
            writing = self.db.long_write(f"导入{reg.title} {len(rows):,} 条", actor.name, expected)
        else:
            writing = self.db.write()
        with writing as s:
            return self.bulk_create_in(s, actor, reg, rows, action, detail)

    def bulk_create_in(
        self,
        s: Session,
        actor: Actor,
        reg: Register,
        rows: Sequence[Mapping[str, Any]],
        action: str,
        detail: Mapping[str, Any] | None = None,
    ) -> list[int]:
        """``bulk_create`` inside an open transaction (an area generating many records in one action)."""
        ids: list[int] = []
        # one UPDATE per series and year reserves the whole block, then rows take them in order
        seqs: list[int | None] = [None] * len(rows)
        template = None
        if reg.numbering is not None:
            template = self._number_template(s, reg)
            wanted: dict[tuple[str, int], list[int]] = {}
            for i, values in enumerate(rows):
                key = self._series(reg, values)[1]
                if key is not None:
                    wanted.setdefault(key, []).append(i)
            for (counter, year), positions in wanted.items():
                first = reserve_block(s, counter, year, len(positions))
                for offset, i in enumerate(positions):
                    seqs[i] = first + offset
        hooks = reg.after_save is not None or reg.db_validator is not None
        created: list[Any] = []
        indexed: list[tuple[int, list[str]]] = []
        for i, values in enumerate(rows, start=1):
            try:
                self.db_check(s, reg, values, None)
            except ValidationFailed as e:
                raise ValidationFailed(
                    {f"row:{i}:{k}": f"第{i}行：{v}" for k, v in e.errors.items()}
                ) from None
            obj = reg.model(**values)
            obj.created_by, obj.created_at = actor.login, datetime.now()
            self.assign_number(s, reg, obj, values, seq=seqs[i - 1], template=template)
            s.add(obj)
            if hooks:  # the hooks see each row saved, as on a single registration
                s.flush()
                reg.after_save and reg.after_save(s, actor, obj, True)
                indexed.append((obj.id, self._index_texts(s, reg, obj)))
                ids.append(obj.id)
            else:
                created.append(obj)
        if created:  # no hooks: one batched INSERT for all rows
            s.flush()
            for obj in created:
                indexed.append((obj.id, self._index_texts(s, reg, obj)))
                ids.append(obj.id)
        self._index_new(s, reg, indexed)
        audit.record(s, actor, action, reg.key, "", detail={"rows": len(ids), **(detail or {})})
        return ids

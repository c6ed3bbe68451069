"""Writing checked import rows in ONE transaction: kept numbers (the year's counter then continues after
the highest), system numbers for rows without one, imported-history marks, kept columns, 作废, search
index and one audit entry. Rows arrive as a stream, so a 150,000-row file is never held as objects."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.domain.enums import SecretLevel
from app.domain.errors import ValidationFailed
from app.importing.plan import NewTerms
from app.importing.rows import Row, add_mark, extra_json, provenance, rule_mark
from app.kit.registers.base import MULTILINE, TEXT, Register
from app.kit.registers.numbering import format_number
from app.services import audit
from app.services.actor import Actor
from db.models.core import Counter

BATCH = 500


class RowFailed(ValidationFailed):
    """A database check failed for one row inside the transaction; nothing was written."""

    def __init__(self, row: Row, errors: Mapping[str, str]) -> None:
        self.row = row
        super().__init__(dict(errors))


def _counter(s: Session, name: str, year: int) -> Counter:
    c = s.scalar(select(Counter).where(Counter.series == name, Counter.year == year))
    if c is None:
        c = Counter(series=name, year=year, last_value=0)
        s.add(c)
        s.flush()
    return c


def _described_by(reg: Register) -> list[str]:
    """The columns that tell a clerk which record holds a number: its title-like text (the first
    searchable text field: 标题, 会议名称, 姓名 …) and its date."""
    names = [f.name for f in reg.search_fields if f.name != "number" and f.kind in (TEXT, MULTILINE)][:1]
    if reg.date_field and reg.date_field not in names:
        names.append(reg.date_field)
    return [n for n in names if hasattr(reg.model, n)]


def _about(hit: Any, described: list[str], written: str) -> str:
    """What names the record holding a number besides the number the message already gave:
    （张建国，2026年1月5日）; the stored number too when the book wrote it differently (会[2026]1号)."""
    parts = [f"“{hit.number}”"] if hit.number != written else []
    for name in described:
        value = getattr(hit, name)
        if hasattr(value, "strftime"):
            value = f"{value.year}年{value.month}月{value.day}日"
        text = str(value or "").strip()[:20]
        if text and text != hit.number:
            parts.append(text)
    return f"（{'，'.join(parts)}）" if parts else ""


def clashes(s: Session, reg: Register, rows: list[Row], can_see: Any) -> dict[tuple[str, int], list]:
    """Kept numbers already used in the database: {row key: [("number", message)]} (names both rows; a
    record the importer may not see is not described)."""
    wanted = [r for r in rows if r.kept]
    if not wanted or reg.numbering is None:
        return {}
    model = reg.model
    found: dict[tuple[str, int, int], Any] = {}
    series = {r.kept.series for r in wanted if r.kept}
    years = {r.kept.year for r in wanted if r.kept}
    seqs = sorted({r.kept.seq for r in wanted if r.kept})
    described = _described_by(reg)
    for i in range(0, len(seqs), 500):
        q = select(model.id, model.series, model.year, model.seq, model.number, model.secret_level)
        q = q.add_columns(*(getattr(model, name).label(name) for name in described))
        q = q.where(model.series.in_(series), model.year.in_(years), model.seq.in_(seqs[i : i + 500]))
        for row in s.execute(q):
            found[(row.series, row.year, row.seq)] = row
    result: dict[tuple[str, int], list] = {}
    for r in wanted:
        assert r.kept is not None
        hit = found.get((r.kept.series, r.kept.year, r.kept.seq))
        if hit is None:
            continue
        label = reg.number_label
        if reg.classified and not can_see(SecretLevel(hit.secret_level or "none")):
            message = f"{label}“{r.kept.text}”已被数据库中另一条记录使用"
        else:
            about = _about(hit, described, r.kept.text)
            message = f"{label}“{r.kept.text}”已被数据库中的{reg.record_label}{about}使用"
        result[r.key] = [("number", message)]
    return result


def history_errors(reg: Register, row: Row, errors: dict[str, str]) -> dict[str, str]:
    """The database checks' errors that refuse a row of history: a live-only check (relaxed) is
    dropped; a broken approval rule (marked) becomes a mark on the row."""
    h = reg.history
    out = {}
    for key, message in errors.items():
        if key in h.marked_checks:
            add_mark(row, rule_mark(reg, key, message))
        elif key not in h.relaxed_checks:
            out[key] = message
    return out


def _add_terms(s: Session, actor: Actor, reg: Register, new_terms: Sequence[NewTerms], file: str) -> None:
    """The book's new 会议类型 … join the office's table in the import's transaction, audited as the
    settings change they are."""
    for new in new_terms:
        vocabulary = next(v for v in reg.history.vocabularies if v.field == new.field)
        for change in vocabulary.add(s, new.terms):
            detail = {"label": change.label, "before": change.before, "after": change.after}
            audit.record(
                s,
                actor,
                "setting_change",
                "office_settings",
                change.key,
                detail={**detail, "source": f"导入{file}"},
            )
    s.flush()  # the checks below read the table through the session


def write_rows(
    svc: Any,
    actor: Actor,
    reg: Register,
    rows: Iterable[Row],
    kept_max: Mapping[tuple[str, int], int],
    file: str,
    detail: Mapping[str, Any],
    *,
    new_terms: Sequence[NewTerms] = (),
) -> list[int]:
    """Create every row in one write transaction; all or nothing."""
    ids: list[int] = []
    table = reg.model.__tablename__
    now = datetime.now()
    with svc.db.write() as s:
        _add_terms(s, actor, reg, new_terms, file)
        template = svc._number_template(s, reg) if reg.numbering else None
        counters: dict[tuple[str, int], Counter] = {}

        def counter(series: str, year: int) -> Counter:
            key = (series, year)
            if key not in counters:
                counters[key] = _counter(s, f"{table}:{series}", year)
            return counters[key]

        for (series, year), highest in kept_max.items():
            c = counter(series, year)
            c.last_value = max(c.last_value or 0, highest)  # the next live number follows the history
        hooks = reg.after_save is not None
        pending: list[Any] = []
        indexed: list[tuple[int, list[str]]] = []

        def write() -> None:
            try:
                s.flush()
            except IntegrityError:
                raise ValidationFailed(
                    {"number": f"{reg.number_label}与数据库中已有的记录重复（导入期间有人登记了同一编号）"}
                ) from None

        def flush() -> None:
            write()
            for obj in pending:
                indexed.append((obj.id, svc._index_texts(s, reg, obj)))
                ids.append(obj.id)
            pending.clear()
            if len(indexed) >= BATCH:
                svc._index_new(s, reg, indexed)
                indexed.clear()

        for row in rows:
            values = row.values
            svc._clearance_check(actor, reg, values)
            if reg.db_validator:
                errors = history_errors(reg, row, dict(reg.db_validator(s, values, None)))
                if errors:
                    raise RowFailed(row, errors)
            obj = reg.model(**values)
            obj.created_by, obj.created_at = actor.login, now
            obj.imported_at, obj.imported_by = now, actor.login
            obj.import_source = provenance(file, row.sheet, row.number)
            obj.import_missing = "、".join(row.missing)
            obj.extra_columns = extra_json(row.extra)
            obj.copy_no_pending = row.pending
            obj.import_rule_notes = "\n".join(row.marks)
            if row.voided:
                obj.voided, obj.void_reason = True, row.void_reason
                obj.voided_at, obj.voided_by = now, actor.login
            if row.kept is not None:
                obj.series, obj.year, obj.seq = row.kept.series, row.kept.year, row.kept.seq
                obj.number = row.kept.text
            elif reg.numbering is not None:
                series, key = svc._series(reg, values)
                assert key is not None and template is not None
                c = counter(series, key[1])
                c.last_value = (c.last_value or 0) + 1
                obj.series, obj.year, obj.seq = series, key[1], c.last_value
                obj.number = format_number(template, year=key[1], seq=c.last_value, series=series)
            else:
                obj.series = svc._series(reg, values)[0]
            s.add(obj)
            pending.append(obj)
            if hooks:  # the hooks see each row saved, as on a single registration
                write()
                reg.after_save(s, actor, obj, True)  # type: ignore[misc]
                flush()
            elif len(pending) >= BATCH:
                flush()
        flush()
        svc._index_new(s, reg, indexed)
        audit.record(s, actor, "import", reg.key, "", detail={"rows": len(ids), **detail})
    return ids

"""Moving an office from its SQLite file onto a PostgreSQL server (`python -m app migrate-to URL`).

The target must be an empty database. It gets the same migrations, then every table of the file is copied
row by row in one transaction (parents before children), the id sequences are moved past the copied ids,
the search index is built on the server, and the copy is checked before anyone works on it: the rows of
every table counted on both sides and the audit log's keyed chain verified. The file itself is not changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Table, func, inspect, select, text

from app.domain.errors import AppError
from app.services import audit
from app.services.actor import Actor

BATCH = 5_000


class MigrateRefused(AppError):
    code = "migrate_refused"


@dataclass(frozen=True)
class TableCount:
    table: str
    source: int
    target: int


@dataclass(frozen=True)
class MigrateReport:
    target: str
    counts: tuple[TableCount, ...]
    audit_entries: int
    skipped: tuple[str, ...] = field(default=())  # tables of the file that belong to no model (not copied)

    @property
    def rows(self) -> int:
        return sum(c.target for c in self.counts)

    def text(self) -> str:
        lines = [
            f"已复制到 {self.target}：{len(self.counts)} 张表，共 {self.rows} 行，各表行数与原文件一致。"
        ]
        lines += [f"  {c.table}: {c.target}" for c in self.counts if c.target]
        lines.append(f"审计日志 {self.audit_entries} 条，校验链完整。")
        if self.skipped:
            lines.append("未复制（不属于本程序的表）：" + "、".join(self.skipped))
        return "\n".join(lines)


def _safe(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def migrate_to(
    source_url: str,
    target_url: str,
    actor: Actor | None = None,
    progress: Callable[[str], None] = lambda _m: None,
) -> MigrateReport:
    """Copy the (migrated) SQLite database at ``source_url`` into the empty server database ``target_url``;
    the copy's audit log then records who moved it there from which file."""
    from app.bootstrap import open_services
    from db.base import Base
    from db.engine import Database, is_sqlite
    from db.migrate import current_revisions, head_revisions, migrate

    if not is_sqlite(source_url):
        raise MigrateRefused("迁移的来源应是 SQLite 数据库文件")
    if is_sqlite(target_url) or not target_url.startswith("postgresql"):
        raise MigrateRefused(
            "迁移的目标应是 PostgreSQL 数据库的地址，例如 postgresql+psycopg://用户@服务器/数据库"
        )
    source = open_services(source_url)  # brings the file to the current schema first (backed up if upgraded)
    try:
        if current_revisions(source.db.reader) != head_revisions():
            raise MigrateRefused("源数据库的版本与本程序不一致，无法迁移")
        target = Database.open(target_url)  # rows only: the copied chain keeps the key it was written with
        try:
            with target.reader.connect() as conn:
                existing = inspect(conn).get_table_names()
            if existing:
                raise MigrateRefused(
                    f"目标数据库不是空的（已有 {len(existing)} 张表，如 {'、'.join(sorted(existing)[:3])}）："
                    "为免覆盖数据，只迁移到新建的空数据库。"
                )
            progress("在目标数据库上建立表结构……")
            migrate(target.writer, target_url)
            tables = [t for t in Base.metadata.sorted_tables]
            with source.db.reader.connect() as conn:
                in_file = set(inspect(conn).get_table_names())
            skipped = sorted(
                n for n in in_file - {t.name for t in tables} - {"alembic_version"} if "_fts" not in n
            )
            with target.write(wait=60) as s:
                for t in tables:
                    if t.name not in in_file:
                        continue
                    if t.name != "audit_log" and s.execute(select(func.count()).select_from(t)).scalar():
                        s.execute(t.delete())  # rows a migration put in (defaults) give way to the file's
                    progress(f"复制 {t.name} ……")
                    _copy_table(source.db, s, t)
                for t in tables:
                    _move_sequence(s, t)
            counts = _compare(source.db, target, [t for t in tables if t.name in in_file])
        finally:
            target.dispose()
    finally:
        source.close()
    progress("在服务器上建立检索索引并校验审计日志……")
    copied = open_services(target_url)  # builds the server's search tables from the copied records
    try:
        report = copied.audit.verify()
        if report.ok and actor is not None:
            with copied.db.write() as s:
                audit.record(
                    s, actor, "migrated_in", "database", detail={"from": source_url.split("///", 1)[-1]}
                )
    finally:
        copied.close()
    if not report.ok:
        raise MigrateRefused(
            f"复制后的审计日志校验未通过：{report.reason}。请勿使用目标数据库，并检查源文件。"
        )
    return MigrateReport(_safe(target_url), tuple(counts), report.entries, tuple(skipped))


def _copy_table(source, s, t: Table) -> None:  # type: ignore[no-untyped-def]
    with source.reader.connect() as conn:
        rows = conn.execute(select(t).order_by(*t.primary_key.columns)).mappings()
        batch = []
        for row in rows:
            batch.append(dict(row))
            if len(batch) >= BATCH:
                s.execute(t.insert(), batch)
                batch = []
        if batch:
            s.execute(t.insert(), batch)


def _move_sequence(s, t: Table) -> None:  # type: ignore[no-untyped-def]
    """Copied rows kept their ids: the id sequence must go on after the largest, or the next save fails."""
    pk = list(t.primary_key.columns)
    if len(pk) != 1:
        return
    col = pk[0]
    seq = s.execute(text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": t.name, "c": col.name}).scalar()
    if not seq:
        return
    top = s.execute(select(func.max(col))).scalar()
    if top is None:
        s.execute(text("SELECT setval(:seq, 1, false)"), {"seq": seq})
    else:
        s.execute(text("SELECT setval(:seq, :top, true)"), {"seq": seq, "top": int(top)})


def _compare(source, target, tables: list[Table]) -> list[TableCount]:  # type: ignore[no-untyped-def]
    out = []
    with source.reader.connect() as a, target.reader.connect() as b:
        for t in tables:
            n, m = (c.execute(select(func.count()).select_from(t)).scalar() or 0 for c in (a, b))
            out.append(TableCount(t.name, n, m))
    wrong = [c for c in out if c.source != c.target]
    if wrong:
        raise MigrateRefused(
            "复制后行数不一致："
            + "；".join(f"{c.table} 原 {c.source} 行、复制后 {c.target} 行" for c in wrong)
        )
    return out

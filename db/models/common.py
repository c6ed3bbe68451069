"""Columns every register record shares: its place in a numbered series, 密级, 作废, who and when."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import FromClause, Index, String, Text, UniqueConstraint, event, text
from sqlalchemy.orm import Mapped, Session, declared_attr, mapped_column, object_session


class RegisterRecord:
    """Mixin for register tables. ``number`` is the displayed 编号; (series, year, seq) never repeats."""

    if TYPE_CHECKING:  # set by the declarative base on every mapped register table
        __tablename__: Any
        __table__: ClassVar[FromClause]

    id: Mapped[int] = mapped_column(primary_key=True)
    series: Mapped[str] = mapped_column(String(32), default="")
    year: Mapped[int] = mapped_column(default=0)
    seq: Mapped[int] = mapped_column(default=0)
    number: Mapped[str] = mapped_column(String(64), default="")
    secret_level: Mapped[str] = mapped_column(String(16), default="none")
    secret_period: Mapped[str] = mapped_column(String(64), default="")
    voided: Mapped[bool] = mapped_column(default=False)
    void_reason: Mapped[str] = mapped_column(Text, default="")
    voided_at: Mapped[datetime | None] = mapped_column(nullable=True)
    voided_by: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(default=datetime.now)
    created_by: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[datetime | None] = mapped_column(nullable=True)
    updated_by: Mapped[str] = mapped_column(String(64), default="")
    # Optimistic lock: every write raises it, and a write that names the version it was read at is refused
    # when the record changed since (two clerks on the same record; see kit/registers/versions.py).
    version: Mapped[int] = mapped_column(default=1, server_default=text("1"))
    # Imported history (from an office's old Excel register): who imported it, when, from which file and
    # row, and which fields the live workflow would have filled that the book did not have.
    imported_at: Mapped[datetime | None] = mapped_column(nullable=True)
    imported_by: Mapped[str] = mapped_column(String(64), default="")
    import_source: Mapped[str] = mapped_column(String(300), default="")  # 文件名 / 工作表 / 第N行
    import_missing: Mapped[str] = mapped_column(Text, default="")  # labels, separated by 、
    # Columns of the office's book that map to no field, kept as JSON {header: text} (原表其他列).
    extra_columns: Mapped[str] = mapped_column(Text, default="")
    # 份号待补: classified history imported without 份号 (live registration still requires it).
    copy_no_pending: Mapped[bool] = mapped_column(default=False)
    # Imported history that breaks a rule of live registration (陪餐 limits, spending standards): what the
    # book recorded is kept, and each rule it breaks is noted here, one "字段：规则" a line.
    import_rule_notes: Mapped[str] = mapped_column(Text, default="")

    @declared_attr.directive
    def __table_args__(cls) -> tuple[Any, ...]:
        name = cls.__tablename__
        return (
            UniqueConstraint("series", "year", "seq", name=f"uq_{name}_series_year_seq"),
            Index(f"ix_{name}_year_seq", "year", "seq"),
            Index(f"ix_{name}_secret_level", "secret_level"),
        )


_BUMPED = "register_versions_bumped"


def bump_version(session: Session, obj: Any) -> int:
    """Raise ``obj.version`` once per transaction and return the new value (several steps of one user
    action — update, then the history step — count as one change; each write is its own session)."""
    done: dict[tuple[str, int], int] = session.info.setdefault(_BUMPED, {})
    key = (obj.__tablename__, obj.id)
    if key not in done:
        obj.version = (obj.version or 0) + 1
        done[key] = obj.version
    return done[key]


@event.listens_for(RegisterRecord, "before_update", propagate=True)
def _bump_on_any_update(_mapper: Any, _connection: Any, target: Any) -> None:
    # The safety net: a write path that forgets bump_version still moves the version, so no later write
    # based on an older read can pass the check.
    session = object_session(target)
    if session is not None and session.is_modified(target, include_collections=False):
        bump_version(session, target)

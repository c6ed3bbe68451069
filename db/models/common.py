"""Columns every register record shares: its place in a numbered series, 密级, 作废, who and when."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, declared_attr, mapped_column


class RegisterRecord:
    """Mixin for register tables. ``number`` is the displayed 编号; (series, year, seq) never repeats."""

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

    @declared_attr.directive
    def __table_args__(cls):  # type: ignore[no-untyped-def]
        name = cls.__tablename__  # type: ignore[attr-defined]
        return (
            UniqueConstraint("series", "year", "seq", name=f"uq_{name}_series_year_seq"),
            Index(f"ix_{name}_year_seq", "year", "seq"),
            Index(f"ix_{name}_secret_level", "secret_level"),
        )

"""Electronic files kept with a record of any register (扫描件, 正文, 附件, 底稿/核稿/定稿, 批示件).

Stored inside the database: a file's content is one ``file_blobs`` row (content-addressed by SHA-256) and
its bytes in ``file_chunks`` of at most 1 MiB, so the SQLite online backup copies records and files in one
consistent snapshot, an encrypted backup encrypts them too, and nothing is ever read or written whole.
``record_files`` says which record carries which content in which role; rows are never deleted (作废).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class FileBlob(Base):
    """One stored content; shared by every attachment of the same bytes."""

    __tablename__ = "file_blobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(BigInteger)
    chunks: Mapped[int]  # how many chunk rows: a missing one is noticed without reading the others
    created_at: Mapped[datetime]


class FileChunk(Base):
    __tablename__ = "file_chunks"

    blob_id: Mapped[int] = mapped_column(ForeignKey("file_blobs.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class RecordFile(Base):
    """One file on one record: role, original name, type, size, SHA-256, who added it and when."""

    __tablename__ = "record_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    register: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[int]
    role: Mapped[str] = mapped_column(String(16))  # 正文 附件 扫描件 底稿 核稿 定稿 批示件
    version: Mapped[int] = mapped_column(default=1)  # 第N稿 among the drafts, else the Nth of its role
    name: Mapped[str] = mapped_column(String(255))  # the name it was added under
    kind: Mapped[str] = mapped_column(String(16))  # pdf jpeg png tiff docx doc wps xlsx xls et ofd
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    pages: Mapped[int | None] = mapped_column(nullable=True)  # PDF and TIFF pages
    blob_id: Mapped[int] = mapped_column(ForeignKey("file_blobs.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    added_at: Mapped[datetime]
    added_by: Mapped[str] = mapped_column(String(64))
    added_by_name: Mapped[str] = mapped_column(String(64), default="")
    voided: Mapped[bool] = mapped_column(default=False)
    void_reason: Mapped[str] = mapped_column(Text, default="")
    voided_at: Mapped[datetime | None] = mapped_column(nullable=True)
    voided_by: Mapped[str] = mapped_column(String(64), default="")


Index("ix_record_files_register_record_id", RecordFile.register, RecordFile.record_id)
Index("ix_record_files_blob_id", RecordFile.blob_id)

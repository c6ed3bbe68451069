"""File content inside the database: written and read in 1 MiB chunks (a 200 MB scan never sits whole in
memory), content-addressed by SHA-256 so the same bytes are stored once, and verified chunk by chunk."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.domain.errors import ValidationFailed
from db.models.files import FileBlob, FileChunk

CHUNK = 1 << 20


@dataclass(frozen=True)
class Digest:
    sha256: str
    size: int


def digest(f: BinaryIO) -> Digest:
    h, size = hashlib.sha256(), 0
    while data := f.read(CHUNK):
        h.update(data)
        size += len(data)
    return Digest(h.hexdigest(), size)


def digest_of(source: Path | bytes) -> Digest:
    if isinstance(source, bytes):
        return Digest(hashlib.sha256(source).hexdigest(), len(source))
    with open(source, "rb") as f:
        return digest(f)


def store_blob(s: Session, f: BinaryIO, expected: Digest, name: str) -> FileBlob:
    """The blob of these bytes: the stored one when the same content is already kept, else a new one
    written chunk by chunk with Core inserts (no ORM object holds the bytes). The content is hashed again
    while it is written: a file changed on disk since it was checked is refused, and nothing is kept."""
    existing = s.scalar(select(FileBlob).where(FileBlob.sha256 == expected.sha256))
    if existing is not None:
        return existing
    blob = FileBlob(sha256=expected.sha256, size=expected.size, chunks=0, created_at=datetime.now())
    s.add(blob)
    s.flush()
    h, size, seq = hashlib.sha256(), 0, 0
    while data := f.read(CHUNK):
        s.execute(insert(FileChunk), {"blob_id": blob.id, "seq": seq, "data": data})
        h.update(data)
        size += len(data)
        seq += 1
    if h.hexdigest() != expected.sha256 or size != expected.size:
        raise ValidationFailed({"file": f"“{name}”在添加过程中被改动了，未添加；请在文件不再变化后重试"})
    blob.chunks = seq
    return blob


class MissingContent(Exception):
    """A chunk of a stored file is gone (the database was edited outside the program)."""


def chunks(s: Session, blob_id: int) -> Iterator[bytes]:
    """The blob's bytes in order, one chunk per primary-key read (bounded memory, any size)."""
    blob = s.get(FileBlob, blob_id)
    if blob is None:
        raise MissingContent(f"内容记录 {blob_id} 不存在")
    for seq in range(blob.chunks):
        data = s.scalar(select(FileChunk.data).where(FileChunk.blob_id == blob_id, FileChunk.seq == seq))
        if data is None:
            raise MissingContent(f"第 {seq + 1}/{blob.chunks} 段内容缺失")
        yield bytes(data)


def read_all(s: Session, blob_id: int) -> bytes:
    return b"".join(chunks(s, blob_id))


def write_to(s: Session, blob_id: int, target: BinaryIO) -> Digest:
    h, size = hashlib.sha256(), 0
    for data in chunks(s, blob_id):
        target.write(data)
        h.update(data)
        size += len(data)
    return Digest(h.hexdigest(), size)


def verify_blob(s: Session, blob: FileBlob) -> str:
    """'' when the stored bytes still hash to the blob's SHA-256, else what is wrong (Chinese)."""
    h, size = hashlib.sha256(), 0
    try:
        for data in chunks(s, blob.id):
            h.update(data)
            size += len(data)
    except MissingContent as e:
        return f"内容缺失（{e}）"
    extra = s.scalar(
        select(FileChunk.seq).where(FileChunk.blob_id == blob.id, FileChunk.seq >= blob.chunks).limit(1)
    )
    if size != blob.size or h.hexdigest() != blob.sha256 or extra is not None:
        return "内容已被改动（SHA-256 与添加时不符）"
    return ""

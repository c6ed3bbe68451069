"""`check` for the files on records: every stored content hashed again and compared with the SHA-256
recorded when it was added; each file whose content changed or went missing is named. Reads only."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from app.domain.enums import SecretLevel
from app.kit.files.data import DRAFT_ROLES, FileProblem, FilesReport
from app.kit.files.store import verify_blob
from db.models.files import FileBlob, RecordFile


def _where(f: RecordFile, registers: dict[str, Any], s: Session) -> str:
    reg = registers.get(f.register)
    if reg is None:
        return f"{f.register} #{f.record_id} {f.role}"
    obj = s.get(reg.model, f.record_id)
    number = getattr(obj, "number", "") if obj is not None else "（记录不存在）"
    level = (getattr(obj, "secret_level", "") or "none") if obj is not None else "none"
    # the checker may be any administrator: a classified record's file is named by number, not by its name
    name = f"“{f.name}”" if not SecretLevel(level).is_classified else f"（{SecretLevel(level).label}）"
    role = f"{f.role}（第{f.version}稿）" if f.role in DRAFT_ROLES else f.role
    return f"{reg.title} {number} {role}{name}"


def verify_files(s: Session, registers: Iterable[Any] = ()) -> FilesReport:
    """Every blob re-hashed once (shared contents are read once); every file row compared with its blob."""
    if not inspect(s.connection()).has_table("record_files"):
        return FilesReport(0, 0)  # a database from before files: nothing to check
    by_key = {r.key: r for r in registers}
    bad_blobs: dict[int, str] = {}
    blobs = 0
    for blob in s.scalars(select(FileBlob).order_by(FileBlob.id)):
        blobs += 1
        problem = verify_blob(s, blob)
        if problem:
            bad_blobs[blob.id] = problem
        s.expunge(blob)
    problems = []
    known = set(s.scalars(select(FileBlob.id)))
    for f in s.scalars(select(RecordFile).order_by(RecordFile.id)):
        if f.blob_id not in known:
            problem = "内容缺失（内容记录不存在）"
        elif f.blob_id in bad_blobs:
            problem = bad_blobs[f.blob_id]
        else:
            sha = s.scalar(select(FileBlob.sha256).where(FileBlob.id == f.blob_id))
            problem = "" if sha == f.sha256 else "内容已被改动（SHA-256 与添加时不符）"
        if problem:
            problems.append(FileProblem(f.id, f.register, f.record_id, _where(f, by_key, s), problem))
    files = s.scalar(select(func.count()).select_from(RecordFile)) or 0
    return FilesReport(files, blobs, tuple(problems))

"""Files on the records of any register: attach (one transaction: checked, stored, listed, audited, or
nothing), list, read for preview, export (另存为), a copy for the office's own program, 作废.

Permissions are the record's: the register's read roles and the record's 密级 for every read, the write
roles to add or 作废; a register whose fields are masked for this user (ID numbers) keeps its files' content
from them too, and a register that may not be exported (密码电报) lets its files be previewed only.
Every read of content — preview, export, open, print — is one audit entry.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.enums import SecretLevel
from app.domain.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from app.kit.files import store
from app.kit.files.data import (
    DEFAULT_MAX_MB,
    MAX_MB_SETTING,
    MAX_NAME,
    MAX_NOTE,
    FileContent,
    FileInfo,
    human_size,
    normalise_role,
    role_group,
)
from app.kit.files.kinds import Inspected, inspect
from app.kit.registers.base import Register
from app.kit.registers.service import REDACTED, RegisterService
from app.services import audit
from app.services.actor import Actor
from app.services.settings import get_value
from db.models.files import RecordFile

Source = Path | str | bytes


def _classified(reg: Register, obj: Any) -> bool:
    level = getattr(obj, "secret_level", "") or "none"
    return reg.classified and SecretLevel(level).is_classified


def info_of(f: RecordFile, obj: Any) -> FileInfo:
    return FileInfo(
        id=f.id,
        register=f.register,
        record_id=f.record_id,
        record_number=getattr(obj, "number", "") or "",
        secret_level=getattr(obj, "secret_level", "") or "none",
        role=f.role,
        version=f.version,
        name=f.name,
        kind=f.kind,
        size=f.size,
        sha256=f.sha256,
        pages=f.pages,
        note=f.note,
        added_at=f.added_at,
        added_by=f.added_by,
        added_by_name=f.added_by_name,
        voided=f.voided,
        void_reason=f.void_reason,
    )


class Prepared:
    """A file checked before the write transaction: kind, pages, size and SHA-256 (the slow part)."""

    def __init__(self, source: Source, name: str, inspected: Inspected, digest: store.Digest) -> None:
        self.source, self.name, self.inspected, self.digest = source, name, inspected, digest

    def open(self) -> Any:
        return io.BytesIO(self.source) if isinstance(self.source, bytes) else open(self.source, "rb")  # noqa: SIM115


class FilesService:
    def __init__(self, registers: RegisterService) -> None:
        self.registers = registers
        self.db = registers.db

    # --- limits and checks -----------------------------------------------------------------------
    def max_bytes(self) -> int:
        with self.db.read() as s:
            mb = get_value(s, MAX_MB_SETTING) or DEFAULT_MAX_MB
        return int(mb) * 1024 * 1024

    def prepare(self, source: Source, name: str | None = None, max_bytes: int | None = None) -> Prepared:
        """Check a file before attaching it (no database write): readable, within the size limit, of an
        allowed kind whose bytes match its extension, not an encrypted or broken PDF."""
        if isinstance(source, str):
            source = Path(source)
        if isinstance(source, Path):
            name = name or source.name
            try:
                size = source.stat().st_size
            except OSError as e:
                raise ValidationFailed({"file": f"“{name}”无法读取：{e.strerror or e}"}) from None
            if not source.is_file():
                raise ValidationFailed({"file": f"“{name}”不是文件"})
        else:
            size = len(source)
        name = (name or "").strip().replace("\\", "/").rsplit("/", 1)[-1]
        if not name:
            raise ValidationFailed({"file": "请给出文件名（含扩展名，如 来文.pdf）"})
        if len(name) > MAX_NAME:
            raise ValidationFailed({"file": f"文件名不能超过{MAX_NAME}个字符"})
        limit = self.max_bytes() if max_bytes is None else max_bytes
        if size > limit:
            raise ValidationFailed(
                {
                    "file": f"“{name}”有 {human_size(size)}，超过本机允许的单个文件上限 {human_size(limit)}"
                    "（系统管理员可在系统设置“文件：单个文件大小上限”中调整），未添加"
                }
            )
        try:
            inspected = inspect(source, name)
            digest = store.digest_of(source)
        except OSError as e:
            raise ValidationFailed({"file": f"“{name}”无法读取：{e.strerror or e}"}) from None
        return Prepared(source, name, inspected, digest)

    def record_id(self, actor: Actor, register: str, ref: str | int) -> int:
        """A record of any register by id ("12", "#12") or by its number ("2026-0012"), within the
        user's scope (a record they may not see is "not found", as if absent)."""
        reg = self.registers.catalog.get(register)
        text = str(ref).strip().lstrip("#")
        model = reg.model
        q = self.registers._base_query(actor, reg, "", {}).with_only_columns(model.id)
        q = q.where(model.id == int(text)) if text.isdigit() else q.where(model.number == text)
        with self.db.read() as s:
            found = s.scalars(q.limit(1)).first()
        if found is None:
            raise NotFound(f"{reg.title}中没有编号为“{text}”的{reg.record_label}")
        return int(found)

    # --- permission helpers ----------------------------------------------------------------------
    def _record(
        self, s: Session, actor: Actor, register: str, record_id: int, write: bool
    ) -> tuple[Register, Any]:
        reg = self.registers.catalog.get(register)
        roles = reg.write_roles if write else reg.read_roles
        actor.require_role(*roles, action=f"{'添加' if write else '查看'}{reg.title}的文件")
        obj = self.registers._load(s, reg, record_id)
        if reg.classified:
            actor.require_clearance(obj.secret_level)
        return reg, obj

    def _file(
        self, s: Session, actor: Actor, file_id: int, write: bool = False
    ) -> tuple[Register, Any, RecordFile]:
        f = s.get(RecordFile, file_id)
        if f is None:
            raise NotFound("没有这个文件")
        try:
            reg, obj = self._record(s, actor, f.register, f.record_id, write)
        except (NotFound, PermissionDenied):
            # the same answer as for a file that does not exist: its record's existence is not told either
            raise NotFound("没有这个文件，或您无权查看它所在的记录") from None
        return reg, obj, f

    @staticmethod
    def _content_allowed(reg: Register, actor: Actor, action: str) -> None:
        if any(f.mask is not None for f in reg.all_fields) and not actor.has_role(*reg.reveal_roles):
            raise PermissionDenied(
                f"{reg.title}的证件号码、电话等对您隐去，所附文件原件同样不能{action}"
                f"（需要“{'、'.join(r.label for r in reg.reveal_roles)}”岗位权限）"
            )

    @staticmethod
    def _detail(reg: Register, obj: Any, f: RecordFile, **more: Any) -> dict[str, Any]:
        name = REDACTED if _classified(reg, obj) else f.name
        return {
            "number": getattr(obj, "number", ""),
            "file_id": f.id,
            "role": f.role,
            "name": name,
            "size": f.size,
            "sha256": f.sha256,
            **more,
        }

    # --- attaching -------------------------------------------------------------------------------
    def attach(
        self,
        actor: Actor,
        register: str,
        record_id: int,
        source: Source,
        role: str,
        *,
        name: str | None = None,
        note: str = "",
    ) -> FileInfo:
        """Attach one file (a path, or bytes with ``name``) to the record in ``role``; all or nothing."""
        role = normalise_role(role)
        reg = self.registers.catalog.get(register)
        actor.require_role(*reg.write_roles, action=f"添加{reg.title}的文件")
        prepared = self.prepare(source, name)
        with self.db.write() as s:
            reg, obj = self._record(s, actor, register, record_id, write=True)
            f = self.attach_in(s, actor, reg, obj, prepared, role, note=note)
            return info_of(f, obj)

    def attach_in(
        self,
        s: Session,
        actor: Actor,
        reg: Register,
        obj: Any,
        prepared: Prepared,
        role: str,
        *,
        note: str = "",
    ) -> RecordFile:
        """Attach inside the caller's transaction (registering a record from its scan: the record and its
        扫描件 in one commit). The caller has checked the record's permissions."""
        role = normalise_role(role)
        note = (note or "").strip()
        if len(note) > MAX_NOTE:
            raise ValidationFailed({"note": f"说明不能超过{MAX_NOTE}个字"})
        if getattr(obj, "voided", False):
            raise Conflict(f"该{reg.record_label}已作废，不能再添加文件")
        same = s.scalar(
            select(RecordFile.id).where(
                RecordFile.register == reg.key,
                RecordFile.record_id == obj.id,
                RecordFile.role == role,
                RecordFile.sha256 == prepared.digest.sha256,
                RecordFile.voided.is_(False),
            )
        )
        if same is not None:
            raise Conflict(
                f"“{prepared.name}”已作为{role}附在这条{reg.record_label}上（内容相同），未重复添加"
            )
        group = role_group(role)
        last = s.scalar(
            select(func.max(RecordFile.version)).where(
                RecordFile.register == reg.key, RecordFile.record_id == obj.id, RecordFile.role.in_(group)
            )
        )
        with prepared.open() as source:
            blob = store.store_blob(s, source, prepared.digest, prepared.name)
        f = RecordFile(
            register=reg.key,
            record_id=obj.id,
            role=role,
            version=(last or 0) + 1,
            name=prepared.name,
            kind=prepared.inspected.kind.key,
            size=prepared.digest.size,
            sha256=prepared.digest.sha256,
            pages=prepared.inspected.pages,
            blob_id=blob.id,
            note=note,
            added_at=datetime.now().replace(microsecond=0),
            added_by=actor.login,
            added_by_name=actor.name,
        )
        s.add(f)
        s.flush()
        audit.record(
            s, actor, "file_attach", reg.key, obj.id, detail=self._detail(reg, obj, f, version=f.version)
        )
        return f

    # --- reading ---------------------------------------------------------------------------------
    def list(
        self, actor: Actor, register: str, record_id: int, *, include_voided: bool = True
    ) -> tuple[FileInfo, ...]:
        """The record's files, oldest first (drafts in their version order)."""
        with self.db.read() as s:
            _reg, obj = self._record(s, actor, register, record_id, write=False)
            q = select(RecordFile).where(RecordFile.register == register, RecordFile.record_id == record_id)
            if not include_voided:
                q = q.where(RecordFile.voided.is_(False))
            return tuple(info_of(f, obj) for f in s.scalars(q.order_by(RecordFile.id)))

    def counts(self, actor: Actor, register: str, record_ids: Sequence[int]) -> dict[int, int]:
        """How many files (not voided) each of these records carries (a list column, a badge)."""
        reg = self.registers.catalog.get(register)
        actor.require_role(*reg.read_roles, action=f"查看{reg.title}")
        out: dict[int, int] = {}
        with self.db.read() as s:
            for start in range(0, len(record_ids), 500):
                chunk = record_ids[start : start + 500]
                rows = s.execute(
                    select(RecordFile.record_id, func.count())
                    .where(RecordFile.register == register, RecordFile.record_id.in_(chunk))
                    .where(RecordFile.voided.is_(False))
                    .group_by(RecordFile.record_id)
                )
                out.update({r[0]: r[1] for r in rows})
        return out

    def get(self, actor: Actor, file_id: int) -> FileInfo:
        with self.db.read() as s:
            _reg, obj, f = self._file(s, actor, file_id)
            return info_of(f, obj)

    def _read_audited(
        self,
        actor: Actor,
        file_id: int,
        action: str,
        label: str,
        use: Callable[[Session, RecordFile], Any],
        **more: Any,
    ) -> tuple[FileInfo, Any]:
        # Read in a read transaction (a 100 MB export does not hold up every other writer), then the audit
        # entry in a short write; the caller shows or renames the result only after that has committed.
        with self.db.read() as s:
            reg, obj, f = self._file(s, actor, file_id)
            self._content_allowed(reg, actor, label)
            if action in ("file_export", "file_open"):
                if not reg.exportable:
                    raise PermissionDenied(f"{reg.title}的文件不得导出，只能在本程序中查看")
            if action == "file_open" and _classified(reg, obj):
                raise PermissionDenied(
                    "涉密记录的文件不能用本机其他程序打开（其他程序会留下临时文件、最近文件记录和自动保存副本，"
                    "本程序无法清除）；请在本程序中预览，确需留存请用“另存为”保存到经批准的涉密存储介质"
                )
            try:
                result = use(s, f)
            except store.MissingContent as e:
                raise Conflict(f"文件内容已缺失（{e}），请由系统管理员运行 check 并从备份恢复") from None
            info, detail = info_of(f, obj), self._detail(reg, obj, f, **more)
        with self.db.write() as s:
            audit.record(s, actor, action, reg.key, info.record_id, detail=detail)
        return info, result

    def read(self, actor: Actor, file_id: int) -> FileContent:
        """The file's bytes for the preview (kept in memory, never in a temporary file); audited."""
        info, data = self._read_audited(
            actor, file_id, "file_view", "查看", lambda s, f: store.read_all(s, f.blob_id)
        )
        return FileContent(info, data)

    def export(self, actor: Actor, file_id: int, target: Path | str) -> Path:
        """另存为: write the file to ``target`` (a folder: under its own name); audited as an export. The
        target is written under a temporary name and renamed, so a failure leaves no half file."""
        target = Path(target)
        info = self.get(actor, file_id)
        if target.is_dir():
            target = target / info.name
        if not target.parent.is_dir():
            raise ValidationFailed({"target": f"目标文件夹不存在：{target.parent}"})
        self._write_out(actor, file_id, target, "file_export", "导出")
        return target

    def open_copy(self, actor: Actor, file_id: int, folder: Path | str) -> Path:
        """A copy in ``folder`` (the window's private temporary folder, removed when it closes) for the
        office's own program; refused for a classified record's file. Audited."""
        info = self.get(actor, file_id)
        target = Path(folder) / f"{info.id}-{info.name}"
        self._write_out(actor, file_id, target, "file_open", "用本机程序打开")
        return target

    def _write_out(self, actor: Actor, file_id: int, target: Path, action: str, label: str) -> None:
        partial = target.with_name(target.name + ".part")

        def write(s: Session, f: RecordFile) -> store.Digest:
            with open(partial, "wb") as out:
                got = store.write_to(s, f.blob_id, out)
            if got.sha256 != f.sha256:
                raise Conflict(f"文件内容与添加时不符（SHA-256 不同），未{label}；请由系统管理员运行 check")
            return got

        try:
            self._read_audited(
                actor, file_id, action, label, write, to=str(target) if action == "file_export" else ""
            )
            os.replace(partial, target)  # under its name only once the export is in the audit log
        finally:
            partial.unlink(missing_ok=True)

    def record_print(self, actor: Actor, file_id: int, pages: int, copies: int = 1) -> None:
        """A file sent to the printer (pages rendered by the window): audited like a printed form."""
        self._read_audited(
            actor, file_id, "file_print", "打印", lambda s, f: None, pages=pages, copies=copies
        )

    # --- 作废 -------------------------------------------------------------------------------------
    def void(self, actor: Actor, file_id: int, reason: str) -> FileInfo:
        """A file added by mistake is marked 作废 with the reason; it stays listed and kept, never deleted."""
        reason = (reason or "").strip()
        if not reason:
            raise ValidationFailed({"void_reason": "请填写作废原因"})
        with self.db.write() as s:
            reg, obj, f = self._file(s, actor, file_id, write=True)
            if f.voided:
                raise Conflict("该文件已经作废")
            f.voided, f.void_reason = True, reason
            f.voided_at, f.voided_by = datetime.now().replace(microsecond=0), actor.login
            audit.record(
                s, actor, "file_void", reg.key, obj.id, detail=self._detail(reg, obj, f, reason=reason)
            )
            s.flush()
            return info_of(f, obj)

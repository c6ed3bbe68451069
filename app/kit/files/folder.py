"""Folder import: a folder of scans named by the office's own numbers ("2025-0123.pdf",
"2025-0123-附件1.pdf") attached to their records in one action. The dry run lists what would be attached
to which record, the files without a record and the files refused (with why); the real run attaches every
matched file in ONE transaction, or none."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.domain.errors import AppError, ValidationFailed
from app.kit.files.data import normalise_role
from app.kit.files.service import FilesService, Prepared
from app.services import audit
from app.services.actor import Actor
from db.models.files import RecordFile

IGNORED = {"thumbs.db", "desktop.ini", ".ds_store"}
# Where a number may end inside a file name: the name itself, or before a separator and a suffix.
_CUT = re.compile(r"[\s_\-－—（(、，,#]")


@dataclass(frozen=True)
class FolderMatch:
    path: Path
    record_id: int
    number: str
    title: str
    size: int


@dataclass(frozen=True)
class FolderRefusal:
    path: Path
    reason: str
    number: str = ""  # the record it matched, when it did


@dataclass(frozen=True)
class FolderPlan:
    register: str
    folder: Path
    role: str
    matches: tuple[FolderMatch, ...]
    unmatched: tuple[Path, ...]  # no record with that number (or none this user may see)
    refused: tuple[FolderRefusal, ...]  # matched a record but cannot be attached, and why
    attached: int = 0  # after the real run

    def text(self) -> str:
        lines = [f"可添加 {len(self.matches)} 个文件（作为{self.role}）："]
        lines += [f"  {m.path.name} → {m.number} {m.title}" for m in self.matches]
        if self.unmatched:
            lines.append(f"没有对应记录的文件 {len(self.unmatched)} 个：")
            lines += [f"  {p.name}" for p in self.unmatched]
        if self.refused:
            lines.append(f"不能添加的文件 {len(self.refused)} 个：")
            lines += [f"  {r.path.name}：{r.reason}" for r in self.refused]
        return "\n".join(lines)


def candidates(stem: str) -> list[str]:
    """The numbers a file name may stand for, longest first: "2025-0123-附件1" → itself, "2025-0123",
    "2025" (the longest one that is a record's number wins)."""
    stem = stem.strip()
    out = [stem]
    for m in reversed(list(_CUT.finditer(stem))):
        head = stem[: m.start()].strip()
        if head and head not in out:
            out.append(head)
    return out


def plan_folder(
    files: FilesService, actor: Actor, register: str, folder: Path | str, role: str = "扫描件"
) -> tuple[FolderPlan, dict[Path, Prepared]]:
    role = normalise_role(role)
    folder = Path(folder)
    if not folder.is_dir():
        raise ValidationFailed({"folder": f"文件夹不存在：{folder}"})
    reg = files.registers.catalog.get(register)
    actor.require_role(*reg.write_roles, action=f"添加{reg.title}的文件")
    paths = sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.name.lower() not in IGNORED
    )
    wanted = {p: candidates(p.stem) for p in paths}
    all_numbers = sorted({n for c in wanted.values() for n in c})
    found: dict[str, tuple[int, str, bool]] = {}  # number -> (id, title, voided), within the user's scope
    base = files.registers._base_query(actor, reg, "", {})
    model = reg.model
    title_col = getattr(model, "title", None)
    with files.db.read() as s:
        for start in range(0, len(all_numbers), 500):
            chunk = all_numbers[start : start + 500]
            cols = [model.id, model.number, model.voided] + ([title_col] if title_col is not None else [])
            for row in s.execute(base.where(model.number.in_(chunk)).with_only_columns(*cols)):
                found[row[1]] = (row[0], row[3] if title_col is not None else "", bool(row[2]))
        attached = {
            (r.record_id, r.sha256)
            for r in s.execute(
                select(RecordFile.record_id, RecordFile.sha256).where(
                    RecordFile.register == register, RecordFile.role == role, RecordFile.voided.is_(False)
                )
            )
        }
    limit = files.max_bytes()
    matches, unmatched, refused = [], [], []
    prepared: dict[Path, Prepared] = {}
    for p in paths:
        number = next((n for n in wanted[p] if n in found), None)
        if number is None:
            unmatched.append(p)
            continue
        record_id, title, voided = found[number]
        if voided:
            refused.append(FolderRefusal(p, f"{number} 已作废，不能再添加文件", number))
            continue
        try:
            ready = files.prepare(p, max_bytes=limit)
        except AppError as e:
            reason = str(e).removeprefix(f"“{p.name}”").lstrip("：:的")  # the row already names the file
            refused.append(FolderRefusal(p, reason, number))
            continue
        if (record_id, ready.digest.sha256) in attached:
            refused.append(FolderRefusal(p, f"已作为{role}附在 {number} 上（内容相同），不重复添加", number))
            continue
        attached.add((record_id, ready.digest.sha256))  # the same scan twice in the folder: once
        prepared[p] = ready
        matches.append(FolderMatch(p, record_id, number, title or "", ready.digest.size))
    plan = FolderPlan(register, folder, role, tuple(matches), tuple(unmatched), tuple(refused))
    return plan, prepared


def import_folder(
    files: FilesService,
    actor: Actor,
    register: str,
    folder: Path | str,
    role: str = "扫描件",
    *,
    dry_run: bool = False,
) -> FolderPlan:
    """The plan (dry run), or the plan carried out: every match attached in one transaction."""
    plan, prepared = plan_folder(files, actor, register, folder, role)
    if dry_run or not plan.matches:
        return plan
    with files.db.write() as s:
        for m in plan.matches:
            reg, obj = files._record(s, actor, register, m.record_id, write=True)
            try:
                files.attach_in(s, actor, reg, obj, prepared[m.path], plan.role)
            except AppError as e:
                raise ValidationFailed({"file": f"{m.path.name}：{e}（整批未添加）"}) from None
        audit.record(
            s,
            actor,
            "file_import",
            register,
            "",
            detail={"folder": str(plan.folder), "files": len(plan.matches), "role": plan.role},
        )
    return FolderPlan(
        plan.register, plan.folder, plan.role, plan.matches, plan.unmatched, plan.refused, len(plan.matches)
    )

"""Plain data of the paper-copies component (份号, read steps, destruction batches) and how it is read
from the rows; the actions live in app.kit.copies."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models.copies import Copy, DestructionBatch

REMARK_KINDS = {"circle": "圈阅", "instruction": "批示"}


def normalise_copy_no(text: Any) -> str:
    """'12', '０１２', '000012' → '000012'. Raises ValueError with a Chinese message."""
    raw = unicodedata.normalize("NFKC", str(text if text is not None else "")).strip()
    if not re.fullmatch(r"\d{1,6}", raw):
        raise ValueError("份号应为不超过6位的数字，如 000123")
    if int(raw) == 0:
        raise ValueError("份号不能为 000000")
    return raw.zfill(6)


@dataclass(frozen=True)
class CopyStepInfo:
    id: int
    reader: str
    sent_at: datetime
    sent_by: str
    taken_back_at: datetime | None
    taken_back_by: str
    remark_kind: str
    remark: str

    @property
    def is_open(self) -> bool:
        return self.taken_back_at is None

    @property
    def remark_label(self) -> str:
        return REMARK_KINDS.get(self.remark_kind, "")


@dataclass(frozen=True)
class CopyDue:
    """A copy out and due back (the home tab's line): no read steps."""

    register: str
    record_id: int
    copy_no: str
    holder: str
    due_back: datetime
    record_number: str
    record_title: str


@dataclass(frozen=True)
class CopyInfo:
    id: int
    register: str
    record_id: int
    copy_no: str
    signed_by: str
    signed_at: datetime | None
    holder: str
    due_back: datetime | None
    returned_at: datetime | None
    returned_by: str
    received_by: str
    destruction_id: int | None
    destruction_number: str
    destroyed_on: date | None
    steps: tuple[CopyStepInfo, ...]
    overdue: bool
    record_number: str = ""
    record_title: str = ""

    @property
    def status(self) -> str:
        if self.destruction_id:
            return "已销毁"
        if self.returned_at:
            return "已清退"
        if self.steps and self.steps[-1].is_open:
            return f"送{self.steps[-1].reader}阅"
        return "在办公室" if self.signed_at or self.steps else "未签收"


@dataclass(frozen=True)
class DestructionInfo:
    id: int
    number: str
    listed_by: str
    approver: str
    witnesses: tuple[str, str]
    destroyed_on: date
    method: str
    note: str
    copies: tuple[CopyInfo, ...]


def info_of(
    c: Copy, now: datetime, batches: dict[int, DestructionBatch], number: str = "", title: str = ""
) -> CopyInfo:
    batch = batches.get(c.destruction_id) if c.destruction_id else None
    steps = tuple(
        CopyStepInfo(
            st.id,
            st.reader,
            st.sent_at,
            st.sent_by,
            st.taken_back_at,
            st.taken_back_by,
            st.remark_kind,
            st.remark,
        )
        for st in c.steps
    )
    overdue = bool(c.due_back and not c.returned_at and not c.destruction_id and c.due_back < now)
    return CopyInfo(
        c.id,
        c.register,
        c.record_id,
        c.copy_no,
        c.signed_by,
        c.signed_at,
        c.holder,
        c.due_back,
        c.returned_at,
        c.returned_by,
        c.received_by,
        c.destruction_id,
        batch.number if batch else "",
        batch.destroyed_on if batch else None,
        steps,
        overdue,
        number,
        title,
    )


def batches_of(s: Session, copies: Iterable[Copy]) -> dict[int, DestructionBatch]:
    ids = {c.destruction_id for c in copies if c.destruction_id}
    if not ids:
        return {}
    return {b.id: b for b in s.scalars(select(DestructionBatch).where(DestructionBatch.id.in_(ids)))}

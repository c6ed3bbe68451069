"""Paper copies (份号) of any register record: 签收, 传阅/阅电 through the secretary, 清退 and 销毁.

Used by 文件传阅 and 电报. Every hand-off goes back through the secretary: a copy is sent to one reader
and must be taken back before it goes to the next (no 横传). Copies are never deleted; a destroyed copy
stays listed with its destruction batch (销毁清册).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.dates import DateParseError, parse_datetime
from app.domain.enums import SecretLevel
from app.domain.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from app.kit.copies_info import (  # noqa: F401  (callers import them from here too)
    REMARK_KINDS,
    CopyDue,
    CopyInfo,
    CopyStepInfo,
    DestructionInfo,
    batches_of,
    info_of,
    normalise_copy_no,
)
from app.kit.registers.base import Register
from app.kit.registers.numbering import next_seq
from app.kit.registers.service import RegisterService
from app.services import audit
from app.services.actor import Actor
from app.services.settings import get_value
from db.engine import Database
from db.models.copies import Copy, CopyStep, DestructionBatch

DUE_SETTING = "copies.due_days.{register}"  # int days after receipt (0 = same day); null = no due time
MAX_COPIES = 999


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _when(value: Any, label: str, default: datetime | None = None) -> datetime:
    if value is None or value == "":
        return default or _now()
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time(9, 0))
    try:
        return parse_datetime(value)
    except DateParseError as e:
        raise ValidationFailed({label: f"时间有误：{e}"}) from None


def due_time(s: Session, reg: Register, obj: Any, start: datetime) -> datetime | None:
    """When a copy must be back: the register's setting, else the same day for classified records."""
    days = get_value(s, DUE_SETTING.format(register=reg.key), "default")
    if days == "default":
        level = getattr(obj, "secret_level", SecretLevel.NONE.value) or SecretLevel.NONE.value
        days = 0 if SecretLevel(level).is_classified else None
    if days is None:
        return None
    return datetime.combine(start.date() + timedelta(days=int(days)), time(23, 59, 59))


def _record_start(reg: Register, obj: Any) -> datetime:
    value = getattr(obj, reg.date_field, None) if reg.date_field else None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time(9, 0))
    return _now()


def create_copies_in(
    s: Session,
    actor: Actor,
    reg: Register,
    obj: Any,
    count: int,
    first_no: str = "",
    signed_by: str = "",
    signed_at: datetime | None = None,
) -> list[Copy]:
    """Add ``count`` copies numbered consecutively, inside the caller's transaction (registration hooks)."""
    if not 1 <= count <= MAX_COPIES:
        raise ValidationFailed({"copies_count": f"份数应在1到{MAX_COPIES}之间"})
    existing = set(s.scalars(select(Copy.copy_no).where(Copy.register == reg.key, Copy.record_id == obj.id)))
    if first_no:
        try:
            start_no = int(normalise_copy_no(first_no))
        except ValueError as e:
            raise ValidationFailed({"first_copy_no": str(e)}) from None
    else:
        start_no = max((int(n) for n in existing), default=0) + 1
    numbers = [f"{n:06d}" for n in range(start_no, start_no + count)]
    if start_no + count - 1 > 999999:  # compare numbers: "1000000" sorts before "999999" as text
        raise ValidationFailed({"first_copy_no": "份号超过 999999"})
    clash = [n for n in numbers if n in existing]
    if clash:
        raise Conflict(f"份号 {clash[0]} 已经登记")
    start = signed_at or _record_start(reg, obj)
    due = due_time(s, reg, obj, start) if reg.copies_due == "return" else None
    copies = []
    for n in numbers:
        c = Copy(
            register=reg.key,
            record_id=obj.id,
            copy_no=n,
            signed_by=signed_by,
            signed_at=signed_at if signed_by else None,
            holder=signed_by or "",
            due_back=due,
            created_at=_now(),
            created_by=actor.login,
        )
        s.add(c)
        copies.append(c)
    s.flush()
    audit.record(
        s,
        actor,
        "copy_create",
        reg.key,
        obj.id,
        detail={"number": getattr(obj, "number", ""), "copies": f"{numbers[0]}-{numbers[-1]}"},
    )
    return copies


class CopiesService:
    def __init__(self, db: Database, registers: RegisterService) -> None:
        self.db = db
        self.registers = registers

    # --- permission helpers ----------------------------------------------------------------------
    def _record(
        self, s: Session, actor: Actor, register: str, record_id: int, write: bool
    ) -> tuple[Register, Any]:
        reg = self.registers.catalog.get(register)
        roles = reg.write_roles if write else reg.read_roles
        actor.require_role(*roles, action=f"{'办理' if write else '查看'}{reg.title}的文件份")
        obj = self.registers._load(s, reg, record_id)
        if reg.classified:
            actor.require_clearance(obj.secret_level)
        return reg, obj

    def _copy(self, s: Session, actor: Actor, copy_id: int) -> tuple[Register, Any, Copy]:
        c = s.get(Copy, copy_id)
        if c is None:
            raise NotFound("没有这一份文件")
        reg, obj = self._record(s, actor, c.register, c.record_id, write=True)
        return reg, obj, c

    def _out(self, s: Session, c: Copy) -> CopyInfo:
        s.flush()
        s.refresh(c)
        return info_of(c, _now(), batches_of(s, [c]))

    @staticmethod
    def _label(reg: Register, obj: Any, c: Copy) -> dict[str, str]:
        return {"number": getattr(obj, "number", ""), "copy_no": c.copy_no}

    # --- actions ---------------------------------------------------------------------------------
    def create_copies(
        self,
        actor: Actor,
        register: str,
        record_id: int,
        count: int,
        first_no: str = "",
        signed_by: str = "",
        signed_at: Any = None,
    ) -> list[CopyInfo]:
        with self.db.write() as s:
            reg, obj = self._record(s, actor, register, record_id, write=True)
            at = _when(signed_at, "signed_at") if signed_by else None
            copies = create_copies_in(s, actor, reg, obj, int(count), first_no, signed_by.strip(), at)
            return [self._out(s, c) for c in copies]

    def sign(self, actor: Actor, copy_id: int, signed_by: str, at: Any = None) -> CopyInfo:
        """签收: who took the copy in for the office, and when."""
        with self.db.write() as s:
            return self._out(s, self.sign_in(s, actor, copy_id, signed_by, at))

    def sign_in(self, s: Session, actor: Actor, copy_id: int, signed_by: str, at: Any = None) -> Copy:
        """签收 inside the caller's transaction (a workflow step adds its history to the same commit)."""
        signed_by = (signed_by or "").strip()
        if not signed_by:
            raise ValidationFailed({"signed_by": "请填写签收人"})
        reg, obj, c = self._copy(s, actor, copy_id)
        if c.signed_at:
            raise Conflict(f"第{c.copy_no}份已由{c.signed_by}签收")
        c.signed_by, c.signed_at, c.holder = signed_by, _when(at, "signed_at"), signed_by
        audit.record(
            s, actor, "copy_sign", reg.key, obj.id, detail={**self._label(reg, obj, c), "by": signed_by}
        )
        return c

    @staticmethod
    def _check_movable(c: Copy) -> None:
        if c.destruction_id:
            raise Conflict(f"第{c.copy_no}份已销毁")
        if c.returned_at:
            raise Conflict(f"第{c.copy_no}份已清退")

    def send(self, actor: Actor, copy_id: int, reader: str, at: Any = None) -> CopyInfo:
        """送阅: the secretary hands the copy to one reader."""
        with self.db.write() as s:
            return self._out(s, self.send_in(s, actor, copy_id, reader, at))

    def send_in(self, s: Session, actor: Actor, copy_id: int, reader: str, at: Any = None) -> Copy:
        """送阅 inside the caller's transaction (an area adds its own bookkeeping to the same commit)."""
        reader = (reader or "").strip()
        if not reader:
            raise ValidationFailed({"reader": "请填写阅件人"})
        if len(reader) > 64:
            raise ValidationFailed({"reader": "阅件人不能超过64个字"})
        reg, obj, c = self._copy(s, actor, copy_id)
        self._check_movable(c)
        if c.steps and c.steps[-1].taken_back_at is None:
            raise Conflict(f"第{c.copy_no}份还在{c.steps[-1].reader}处，须先收回，不得横传")
        when = _when(at, "sent_at")
        if c.steps and c.steps[-1].taken_back_at and when < c.steps[-1].taken_back_at:
            raise ValidationFailed({"sent_at": "送阅时间不能早于上一次收回时间"})
        c.steps.append(CopyStep(reader=reader, sent_at=when, sent_by=actor.name))
        c.holder = reader
        if reg.copies_due == "reading":
            c.due_back = due_time(s, reg, obj, when)
        audit.record(
            s, actor, "copy_send", reg.key, obj.id, detail={**self._label(reg, obj, c), "reader": reader}
        )
        s.flush()
        return c

    def take_back(
        self, actor: Actor, copy_id: int, remark_kind: str = "circle", remark: str = "", at: Any = None
    ) -> CopyInfo:
        """收回: the copy comes back from the reader, with 圈阅 or a 批示 text."""
        with self.db.write() as s:
            return self._out(s, self.take_back_in(s, actor, copy_id, remark_kind, remark, at))

    def take_back_in(
        self,
        s: Session,
        actor: Actor,
        copy_id: int,
        remark_kind: str = "circle",
        remark: str = "",
        at: Any = None,
    ) -> Copy:
        """收回 inside the caller's transaction; the closed step is ``copy.steps[-1]``."""
        if remark_kind not in REMARK_KINDS:
            raise ValidationFailed({"remark_kind": "阅批方式应为：圈阅、批示"})
        remark = (remark or "").strip()
        if remark_kind == "instruction" and not remark:
            raise ValidationFailed({"remark": "请填写批示内容"})
        if len(remark) > 2000:
            raise ValidationFailed({"remark": "批示内容不能超过2000个字"})
        reg, obj, c = self._copy(s, actor, copy_id)
        step = c.steps[-1] if c.steps else None
        if step is None or step.taken_back_at is not None:
            raise Conflict(f"第{c.copy_no}份没有在阅，无需收回")
        when = _when(at, "taken_back_at")
        if when < step.sent_at:
            raise ValidationFailed({"taken_back_at": "收回时间不能早于送阅时间"})
        step.taken_back_at, step.taken_back_by = when, actor.name
        step.remark_kind, step.remark = remark_kind, remark
        c.holder = actor.name
        if reg.copies_due == "reading":
            c.due_back = None  # back in the office: nothing is due any more
        audit.record(
            s,
            actor,
            "copy_take_back",
            reg.key,
            obj.id,
            detail={**self._label(reg, obj, c), "reader": step.reader, "kind": REMARK_KINDS[remark_kind]},
        )
        s.flush()
        return c

    def return_copy(
        self, actor: Actor, copy_id: int, returned_by: str, received_by: str, at: Any = None
    ) -> CopyInfo:
        """清退: who returned the copy, to whom, when."""
        with self.db.write() as s:
            return self._out(s, self.return_in(s, actor, copy_id, returned_by, received_by, at))

    def return_in(
        self, s: Session, actor: Actor, copy_id: int, returned_by: str, received_by: str, at: Any = None
    ) -> Copy:
        """清退 inside the caller's transaction."""
        returned_by, received_by = (returned_by or "").strip(), (received_by or "").strip()
        errors = {}
        if not returned_by:
            errors["returned_by"] = "请填写清退人"
        if not received_by:
            errors["received_by"] = "请填写接收人"
        if errors:
            raise ValidationFailed(errors)
        reg, obj, c = self._copy(s, actor, copy_id)
        self._check_movable(c)
        if c.steps and c.steps[-1].taken_back_at is None:
            raise Conflict(f"第{c.copy_no}份还在{c.steps[-1].reader}处，须先收回再清退")
        c.returned_at, c.returned_by, c.received_by = _when(at, "returned_at"), returned_by, received_by
        c.holder = received_by
        audit.record(
            s,
            actor,
            "copy_return",
            reg.key,
            obj.id,
            detail={**self._label(reg, obj, c), "returned_by": returned_by, "received_by": received_by},
        )
        return c

    def destroy_batch(
        self,
        actor: Actor,
        copy_ids: Sequence[int],
        approver: str,
        witnesses: Sequence[str],
        destroyed_on: Any,
        method: str,
        note: str = "",
    ) -> DestructionInfo:
        """销毁: one approved list (造册) of returned copies, destroyed before two distinct 监销人."""
        approver, method = (approver or "").strip(), (method or "").strip()
        names = [(w or "").strip() for w in witnesses]
        errors: dict[str, str] = {}
        if not copy_ids:
            errors["copies"] = "请选择要销毁的文件份"
        if not approver:
            errors["approver"] = "请填写批准人"
        if len(names) != 2 or not all(names):
            errors["witnesses"] = "须由两名监销人监销"
        elif names[0] == names[1]:
            errors["witnesses"] = "两名监销人不能是同一人"
        if not method:
            errors["method"] = "请填写销毁方式"
        try:
            day = _when(destroyed_on, "destroyed_on").date()
        except ValidationFailed as e:
            errors.update(e.errors)
        if errors:
            raise ValidationFailed(errors)
        with self.db.write() as s:
            copies = []
            for cid in dict.fromkeys(copy_ids):
                reg, obj, c = self._copy(s, actor, cid)
                if c.destruction_id:
                    raise Conflict(f"{getattr(obj, 'number', '')} 第{c.copy_no}份已经销毁，不能重复销毁")
                if not c.returned_at:
                    raise Conflict(f"{getattr(obj, 'number', '')} 第{c.copy_no}份尚未清退，不能销毁")
                copies.append(c)
            seq = next_seq(s, "destruction_batches", day.year)
            batch = DestructionBatch(
                number=f"销〔{day.year}〕{seq}号",
                year=day.year,
                seq=seq,
                listed_by=actor.name,
                approver=approver,
                witness1=names[0],
                witness2=names[1],
                destroyed_on=day,
                method=method,
                note=(note or "").strip(),
                created_at=_now(),
                created_by=actor.login,
            )
            s.add(batch)
            s.flush()
            for c in copies:
                c.destruction_id, c.holder = batch.id, ""
            audit.record(
                s,
                actor,
                "copy_destroy",
                "destruction_batches",
                batch.id,
                detail={
                    "number": batch.number,
                    "copies": [f"{c.register}:{c.record_id}:{c.copy_no}" for c in copies],
                    "approver": approver,
                    "witnesses": names,
                    "method": method,
                },
            )
            batch_id = batch.id
        return self.destruction(actor, batch_id)

    # --- reading ---------------------------------------------------------------------------------
    def copies(self, actor: Actor, register: str, record_id: int) -> list[CopyInfo]:
        """Every copy of a record with its read steps (viewing a classified record's copies is audited)."""
        with self.db.read() as s:
            reg, obj = self._record(s, actor, register, record_id, write=False)
            rows = list(
                s.scalars(
                    select(Copy)
                    .where(Copy.register == register, Copy.record_id == record_id)
                    .order_by(Copy.copy_no)
                )
            )
            now, batches = _now(), batches_of(s, rows)
            out = [info_of(c, now, batches, obj.number, getattr(obj, "title", "")) for c in rows]
            classified = reg.classified and SecretLevel(obj.secret_level).is_classified
        if classified and out:
            with self.db.write() as s:
                audit.record(
                    s,
                    actor,
                    "view",
                    register,
                    record_id,
                    detail={"number": out[0].record_number, "copies": len(out)},
                )
        return out

    def _visible(self, s: Session, actor: Actor, rows: list[Copy]) -> list[CopyInfo]:
        """Copies the actor may see (register read role + clearance), with their record's number/title."""
        by_reg: dict[str, list[Copy]] = defaultdict(list)
        for c in rows:
            by_reg[c.register].append(c)
        now, batches, out = _now(), batches_of(s, rows), []
        for key, copies in by_reg.items():
            try:
                reg = self.registers.catalog.get(key)
            except NotFound:
                continue  # an area not in this build
            if not actor.has_role(*reg.read_roles):
                continue
            model = reg.model
            ids = {c.record_id for c in copies}
            cols = [
                model.id,
                model.number,
                model.secret_level,
                getattr(model, "title", model.number).label("title"),
            ]
            recs = {r.id: r for r in s.execute(select(*cols).where(model.id.in_(ids)))}
            for c in copies:
                r = recs.get(c.record_id)
                if r is None or (reg.classified and not actor.can_see(r.secret_level)):
                    continue
                out.append(info_of(c, now, batches, r.number, r.title or ""))
        return out

    def overdue(
        self, actor: Actor, register: str | None = None, now: datetime | None = None
    ) -> list[CopyInfo]:
        """Copies past their due-back time, not returned, not destroyed (list flag and home tab)."""
        q = select(Copy).where(
            Copy.returned_at.is_(None),
            Copy.destruction_id.is_(None),
            Copy.due_back.is_not(None),
            Copy.due_back < (now or _now()),
        )
        if register:
            q = q.where(Copy.register == register)
        with self.db.read() as s:
            return self._visible(s, actor, list(s.scalars(q.order_by(Copy.due_back).limit(2000))))

    def due_back(
        self, actor: Actor, registers: Sequence[str], before: datetime, limit: int = 30
    ) -> list[CopyDue]:
        """Copies out (not returned, not destroyed) due back before ``before``, soonest first, at most
        ``limit`` per register: one query per register joined with its records, the 密级 filtered in SQL
        (the home tab; ``overdue()`` loads every copy with its read steps)."""
        out: list[CopyDue] = []
        with self.db.read() as s:
            for key in registers:
                try:
                    reg = self.registers.catalog.get(key)
                except NotFound:
                    continue  # an area not in this build
                if not actor.has_role(*reg.read_roles):
                    continue
                m = reg.model
                q = (
                    select(Copy.record_id, Copy.copy_no, Copy.holder, Copy.due_back, m.number,
                           getattr(m, "title", m.number))
                    .join(m, m.id == Copy.record_id)
                    .where(
                        Copy.register == key,
                        Copy.returned_at.is_(None),
                        Copy.destruction_id.is_(None),
                        Copy.due_back.is_not(None),
                        Copy.due_back < before,
                        m.voided.is_(False),
                    )
                )  # fmt: skip
                above = [lv.value for lv in SecretLevel if lv.rank > actor.clearance.rank]
                if reg.classified and above:
                    q = q.where(m.secret_level.not_in(above))
                for rid, no, holder, due, number, title in s.execute(q.order_by(Copy.due_back).limit(limit)):
                    out.append(CopyDue(key, rid, no, holder, due, number, title or ""))
        return sorted(out, key=lambda c: c.due_back)

    def destroyable(self, actor: Actor, register: str | None = None) -> list[CopyInfo]:
        """Returned copies not yet destroyed: the candidates for a 造册."""
        q = select(Copy).where(Copy.returned_at.is_not(None), Copy.destruction_id.is_(None))
        if register:
            q = q.where(Copy.register == register)
        with self.db.read() as s:
            return self._visible(s, actor, list(s.scalars(q.order_by(Copy.returned_at).limit(5000))))

    def destruction(self, actor: Actor, batch_id: int) -> DestructionInfo:
        with self.db.read() as s:
            b = s.get(DestructionBatch, batch_id)
            if b is None:
                raise NotFound("没有这份销毁清册")
            rows = list(s.scalars(select(Copy).where(Copy.destruction_id == b.id).order_by(Copy.id)))
            visible = self._visible(s, actor, rows)
            if len(visible) < len(rows):
                raise PermissionDenied("这份销毁清册中有您无权查看的文件份")
            return DestructionInfo(
                b.id,
                b.number,
                b.listed_by,
                b.approver,
                (b.witness1, b.witness2),
                b.destroyed_on,
                b.method,
                b.note,
                tuple(visible),
            )

    def batches(self, actor: Actor, year: int | None = None) -> list[DestructionInfo]:
        with self.db.read() as s:
            q = select(DestructionBatch.id).order_by(DestructionBatch.id.desc())
            if year:
                q = q.where(DestructionBatch.year == year)
            ids = list(s.scalars(q))
        out = []
        for i in ids:
            try:
                info = self.destruction(actor, i)
            except PermissionDenied:
                continue  # a batch of copies this user may not see is simply not listed
            if info.copies:
                out.append(info)
        return out

"""收文 workflow: 签收 → 登记 → 拟办 → 批示 → 承办/传阅 → 办结, plus 退文 and 催办. Each step is one
transaction with a history row and an audit entry; 归档 is in documents_archive, 作废 is the engine's void."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select

from app.areas.documents.common import DocumentsBase, StepResult, as_date, leader_name, text_arg
from app.areas.documents.registers import INCOMING, DocState, HandlingKind, UrgeMethod
from app.domain.enums import Role
from app.domain.errors import ValidationFailed
from app.kit.copies_info import REMARK_KINDS
from app.kit.registers.service import RegisterService, record_of
from app.kit.registers.values import validate
from app.services.actor import Actor
from db.models.documents import DocInstruction, DocUrge, IncomingDocument

S = DocState
# A 办件's deadline, prefilled in 拟办/承办: this many working days from today (系统设置); a 阅件 has none.
ACT_DUE_SETTING = "documents.act_due_workdays"
DEFAULT_ACT_DUE_WORKDAYS = 10
OPEN_FOR_ACTION = (
    S.REGISTERED.value,
    S.PROPOSED.value,
    S.INSTRUCTED.value,
    S.HANDLING.value,
    S.CIRCULATING.value,
)


@dataclass(frozen=True)
class InstructionInfo:
    id: int
    leader: str
    text: str
    given_on: date
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True)
class UrgeInfo:
    id: int
    method: str
    method_label: str
    urged_on: date
    person: str
    target: str
    note: str
    recorded_by: str


class IncomingWorkflow(DocumentsBase):
    def __init__(self, registers: RegisterService, copies: Any = None) -> None:
        super().__init__(registers, INCOMING)
        self.copies = copies

    # --- 签收 / 登记 ----------------------------------------------------------------------------
    def duplicates(
        self, actor: Actor, sender: str, sender_number: str, year: int, exclude_id: int | None = None
    ) -> list[str]:
        """收文编号 of earlier records with the same 来文机关 + 文号 in the year (warning, not a block)."""
        actor.require_role(*self.reg.read_roles, action="查看收文")
        with self.db.read() as s:
            return self._duplicates(s, sender, sender_number, year, exclude_id)

    @staticmethod
    def _duplicates(s: Any, sender: str, sender_number: str, year: int, exclude_id: int | None) -> list[str]:
        if not sender or not sender_number or sender_number.startswith("无"):
            return []
        m = IncomingDocument
        q = select(m.number).where(
            m.sender == sender, m.sender_number == sender_number, m.year == year, m.voided.is_(False)
        )
        if exclude_id:
            q = q.where(m.id != exclude_id)
        return list(s.scalars(q.order_by(m.seq)))

    def receive(self, actor: Actor, raw: Mapping[str, Any], *, complete: bool = True) -> StepResult:
        """签收 (and, when ``complete``, 登记 in the same step, the usual case at the desk)."""
        actor.require_role(*self.reg.write_roles, action="签收收文")
        raw = dict(raw)
        raw.setdefault("received_by", actor.name)
        if not raw.get("received_at"):
            raw["received_at"] = datetime.now().replace(second=0, microsecond=0)
        values = self.registers.check_values(self.reg, raw)
        self.registers._clearance_check(actor, self.reg, values)
        state = S.REGISTERED.value if complete else S.RECEIVED.value
        with self.db.write() as s:
            dup = self._duplicates(
                s, values["sender"], values["sender_number"], values["received_at"].year, None
            )
            obj = self.registers.create_in(s, actor, self.reg, values, extra={"state": state})
            self.record_step(
                s, actor, obj, "sign", {"received_by": values["received_by"]}, at=values["received_at"]
            )
            if complete:
                self.record_step(s, actor, obj, "register")
            rec = record_of(self.reg, obj)
        warnings = (
            (
                f"{values['sender']}的{values['sender_number']}今年已登记过（{'、'.join(dup)}），请核对是否重复",
            )
            if dup
            else ()
        )
        return StepResult(rec, warnings)

    def register(self, actor: Actor, record_id: int, raw: Mapping[str, Any]) -> StepResult:
        """登记 of a document only signed in so far, or correcting the registration later (修改)."""
        with self.db.write() as s:
            obj = self.load_for_write(s, actor, record_id, "登记")
            current = {f.name: getattr(obj, f.name) for f in self.reg.form_fields}
            values, errors = validate(self.reg, {**current, **raw})
            if errors:
                raise ValidationFailed(errors)
            editable = {f.name for f in self.reg.form_fields if f.editable}
            values = {k: v for k, v in values.items() if k in editable}
            self.registers._clearance_check(actor, self.reg, values)
            changes = self.registers.update_in(s, actor, self.reg, obj, values)
            step = "register" if obj.state == S.RECEIVED.value else "update"
            if obj.state == S.RECEIVED.value:
                obj.state = S.REGISTERED.value
            self.record_step(s, actor, obj, step, {"changes": sorted(changes)})
            dup = self._duplicates(s, obj.sender, obj.sender_number, obj.year, obj.id)
            rec = self.finish_write(s, obj)
        return StepResult(rec, (f"该来文机关的同一文号今年已登记过（{'、'.join(dup)}）",) if dup else ())

    # --- 拟办 / 批示 / 承办 ------------------------------------------------------------------------
    def default_due(self, actor: Actor, record_id: int, *, acting: bool = False) -> date | None:
        """The 办理期限 to offer: the one already set; for a 办件 (or ``acting``: 承办 makes it one) today plus
        the configured working days; for a 阅件 none. Only a suggestion: the step saves what is entered."""
        from app.domain.workdays import default_calendar
        from app.services.settings import get_value

        self._check_read(actor, record_id)
        with self.db.read() as s:
            obj = s.get(IncomingDocument, record_id)
            if obj is None:
                return None
            if obj.due_on:
                return obj.due_on
            if not acting and obj.handling_kind != HandlingKind.ACT.value:
                return None
            days = get_value(s, ACT_DUE_SETTING) or DEFAULT_ACT_DUE_WORKDAYS
        return default_calendar().add_workdays(date.today(), int(days))

    def propose(
        self,
        actor: Actor,
        record_id: int,
        text: str,
        *,
        lead_unit: str = "",
        assist_units: str = "",
        due_on: Any = None,
        handling_kind: str | None = None,
        readers: str = "",
    ) -> StepResult:
        text = text_arg(text, "proposal", "拟办意见")
        due = as_date(due_on, "due_on", "办理期限", required=False)
        if handling_kind and handling_kind not in {m.value for m in HandlingKind}:
            handling_kind = HandlingKind.from_label(handling_kind).value
        with self.db.write() as s:
            obj = self.load_for_write(s, actor, record_id, "拟办")
            self.require_state(obj, (S.REGISTERED.value, S.PROPOSED.value), "拟办", DocState)
            obj.proposal, obj.proposal_by, obj.proposal_on = text, actor.name, date.today()
            if lead_unit:
                obj.lead_unit = text_arg(lead_unit, "lead_unit", "主办单位", max_length=128)
            if assist_units:
                obj.assist_units = text_arg(assist_units, "assist_units", "协办单位", max_length=300)
            if due:
                obj.due_on = due
            if handling_kind:
                obj.handling_kind = handling_kind
            if readers:
                obj.readers = text_arg(readers, "readers", "传阅范围", max_length=500)
            obj.state = S.PROPOSED.value
            self.record_step(
                s, actor, obj, "propose", {"text": text, "lead_unit": obj.lead_unit, "due_on": obj.due_on}
            )
            return StepResult(self.finish_write(s, obj))

    def instruct(
        self, actor: Actor, record_id: int, text: str, *, leader: str = "", given_on: Any = None
    ) -> StepResult:
        """领导批示: a leader writes their own; the clerk records one written on paper, naming the leader."""
        actor.require_role(Role.DOCUMENTS, Role.LEADER, action="登记领导批示")
        leader = leader_name(actor, leader, "leader", "批示领导")
        text = text_arg(text, "text", "批示内容")
        day = as_date(given_on, "given_on", "批示日期", required=False) or date.today()
        with self.db.write() as s:
            obj = self.load_for_write(s, actor, record_id, "登记批示", roles=(Role.DOCUMENTS, Role.LEADER))
            self.require_state(obj, OPEN_FOR_ACTION, "登记批示", DocState)
            s.add(
                DocInstruction(
                    incoming_id=obj.id,
                    leader=leader,
                    text=text,
                    given_on=day,
                    recorded_by=actor.login,
                    recorded_at=datetime.now(),
                )
            )
            if obj.state in (S.REGISTERED.value, S.PROPOSED.value):
                obj.state = S.INSTRUCTED.value
            self.record_step(s, actor, obj, "instruct", {"leader": leader, "text": text, "given_on": day})
            return StepResult(self.finish_write(s, obj))

    def instructions(self, actor: Actor, record_id: int) -> list[InstructionInfo]:
        self._check_read(actor, record_id)
        with self.db.read() as s:
            rows = s.scalars(
                select(DocInstruction)
                .where(DocInstruction.incoming_id == record_id)
                .order_by(DocInstruction.given_on, DocInstruction.id)
            )
            return [
                InstructionInfo(r.id, r.leader, r.text, r.given_on, r.recorded_by, r.recorded_at)
                for r in rows
            ]

    def assign(
        self, actor: Actor, record_id: int, lead_unit: str, *, assist_units: str = "", due_on: Any = None
    ) -> StepResult:
        """承办: the document goes to its 主办 unit (and 协办 units) with a deadline."""
        lead = text_arg(lead_unit, "lead_unit", "主办单位", max_length=128)
        assist = text_arg(assist_units, "assist_units", "协办单位", required=False, max_length=300)
        due = as_date(due_on, "due_on", "办理期限", required=False)
        with self.db.write() as s:
            obj = self.load_for_write(s, actor, record_id, "交办")
            self.require_state(obj, OPEN_FOR_ACTION, "交办", DocState)
            if obj.urgency in ("urgent", "extra_urgent") and not (due or obj.due_on):
                raise ValidationFailed({"due_on": "紧急公文须明确办理期限"})
            if due and obj.received_at and due < obj.received_at.date():
                raise ValidationFailed({"due_on": "办理期限不能早于签收时间"})
            obj.lead_unit, obj.assist_units = lead, assist
            if due:
                obj.due_on = due
            obj.handling_kind = HandlingKind.ACT.value
            obj.state = S.HANDLING.value
            self.record_step(
                s, actor, obj, "assign", {"lead_unit": lead, "assist_units": assist, "due_on": obj.due_on}
            )
            return StepResult(self.finish_write(s, obj))

    # --- 催办 / 办结 / 退文 ------------------------------------------------------------------------
    def urge(
        self,
        actor: Actor,
        record_id: int,
        method: str,
        *,
        person: str = "",
        target: str = "",
        note: str = "",
        urged_on: Any = None,
    ) -> StepResult:
        try:
            method_value = (
                UrgeMethod(method).value
                if method in {m.value for m in UrgeMethod}
                else UrgeMethod.from_label(method).value
            )
        except ValueError:
            raise ValidationFailed(
                {"method": "催办方式应为：" + "、".join(m.label for m in UrgeMethod)}
            ) from None
        person = text_arg(person or actor.name, "person", "催办人", max_length=64)
        target = text_arg(target, "target", "被催办单位", required=False, max_length=128)
        note = text_arg(note, "note", "催办情况", required=False)
        day = as_date(urged_on, "urged_on", "催办日期", required=False) or date.today()
        with self.db.write() as s:
            obj = self.load_for_write(s, actor, record_id, "催办")
            self.require_state(obj, OPEN_FOR_ACTION, "催办", DocState)
            s.add(
                DocUrge(
                    incoming_id=obj.id,
                    method=method_value,
                    urged_on=day,
                    person=person,
                    target=target or obj.lead_unit,
                    note=note,
                    recorded_by=actor.login,
                    recorded_at=datetime.now(),
                )
            )
            self.record_step(
                s,
                actor,
                obj,
                "urge",
                {
                    "method": UrgeMethod(method_value).label,
                    "person": person,
                    "target": target or obj.lead_unit,
                    "note": note,
                },
            )
            return StepResult(self.finish_write(s, obj))

    def urges(self, actor: Actor, record_id: int) -> list[UrgeInfo]:
        self._check_read(actor, record_id)
        with self.db.read() as s:
            rows = s.scalars(
                select(DocUrge).where(DocUrge.incoming_id == record_id).order_by(DocUrge.urged_on, DocUrge.id)
            )
            return [
                UrgeInfo(
                    r.id,
                    r.method,
                    UrgeMethod(r.method).label,
                    r.urged_on,
                    r.person,
                    r.target,
                    r.note,
                    r.recorded_by,
                )
                for r in rows
            ]

    def finish(self, actor: Actor, record_id: int, result: str, *, done_on: Any = None) -> StepResult:
        result = text_arg(result, "result", "办理结果", max_length=4000)
        day = as_date(done_on, "done_on", "办结日期", required=False) or date.today()
        with self.db.write() as s:
            obj = self.load_for_write(s, actor, record_id, "办结")
            self.require_state(obj, OPEN_FOR_ACTION, "办结", DocState)
            if obj.received_at and day < obj.received_at.date():
                raise ValidationFailed({"done_on": "办结日期不能早于签收时间"})
            obj.result, obj.done_on, obj.state = result, day, S.DONE.value
            self.record_step(s, actor, obj, "finish", {"result": result, "done_on": day})
            return StepResult(self.finish_write(s, obj))

    def return_to_sender(self, actor: Actor, record_id: int, reason: str) -> StepResult:
        """退文: the document does not meet the rules and goes back to the sender with the reason."""
        reason = text_arg(reason, "reason", "退文理由")
        with self.db.write() as s:
            obj = self.load_for_write(s, actor, record_id, "退文")
            self.require_state(
                obj, (S.RECEIVED.value, S.REGISTERED.value, S.PROPOSED.value), "退文", DocState
            )
            obj.return_reason, obj.state = reason, S.RETURNED.value
            self.record_step(s, actor, obj, "return", {"reason": reason})
            return StepResult(self.finish_write(s, obj))

    def void(self, actor: Actor, record_id: int, reason: str) -> StepResult:
        """作废: the number stays on the register, marked void with the reason (the engine's void)."""
        return StepResult(self.registers.void(actor, self.reg.key, record_id, reason))

    # --- 传阅 (paper copies through the generic copies service) ------------------------------------
    def circulate(self, actor: Actor, record_id: int, readers: Sequence[str] | str) -> StepResult:
        """Start a 传阅: the reading order, and the paper copies to track (份号) if not yet registered."""
        from app.kit.copies import create_copies_in
        from db.models.copies import Copy

        names = [
            n.strip()
            for n in (
                readers.replace("，", "、").replace(",", "、").split("、")
                if isinstance(readers, str)
                else readers
            )
            if n and n.strip()
        ]
        if not names:
            raise ValidationFailed({"readers": "请填写传阅人（按传阅顺序）"})
        if len(set(names)) != len(names):
            raise ValidationFailed({"readers": "传阅人不能重复"})
        with self.db.write() as s:
            obj = self.load_for_write(s, actor, record_id, "传阅")
            self.require_state(obj, OPEN_FOR_ACTION, "传阅", DocState)
            obj.readers = text_arg("、".join(names), "readers", "传阅范围", max_length=500)
            have = (
                s.scalar(
                    select(func.count())
                    .select_from(Copy)
                    .where(Copy.register == self.reg.key, Copy.record_id == obj.id)
                )
                or 0
            )
            if not have:
                first = obj.copy_numbers.split("-")[0].strip() if obj.copy_numbers else ""
                create_copies_in(
                    s,
                    actor,
                    self.reg,
                    obj,
                    max(1, obj.copies or 1),
                    first if first.isdigit() else "",
                    obj.received_by,
                    obj.received_at,
                )
            obj.state = S.CIRCULATING.value
            obj.holder = self._holder_text(s, obj.id)
            self.record_step(s, actor, obj, "circulate", {"readers": obj.readers})
            return StepResult(self.finish_write(s, obj))

    def send_copy(
        self, actor: Actor, record_id: int, copy_id: int, reader: str, at: Any = None
    ) -> StepResult:
        """送阅 one copy: the hand-off, the 持有人 column and the history commit together."""
        with self.db.write() as s:
            obj = self._copy_owner(s, actor, record_id, copy_id, "送阅")
            self.copies.send_in(s, actor, copy_id, reader, at)
            return self._after_copy_move(
                s, actor, obj, "send_copy", {"copy_no": self._copy_no(s, copy_id), "reader": reader.strip()}
            )

    def take_back(
        self,
        actor: Actor,
        record_id: int,
        copy_id: int,
        remark_kind: str = "circle",
        remark: str = "",
        at: Any = None,
    ) -> StepResult:
        """收回 a copy; a 批示 written on it is also entered among the document's 领导批示 (one transaction)."""
        with self.db.write() as s:
            obj = self._copy_owner(s, actor, record_id, copy_id, "收回")
            c = self.copies.take_back_in(s, actor, copy_id, remark_kind, remark, at)
            step = c.steps[-1]
            if remark_kind == "instruction":
                when = step.taken_back_at or datetime.now()
                s.add(
                    DocInstruction(
                        incoming_id=obj.id,
                        leader=step.reader,
                        text=step.remark,
                        given_on=when.date(),
                        recorded_by=actor.login,
                        recorded_at=datetime.now(),
                    )
                )
            return self._after_copy_move(
                s,
                actor,
                obj,
                "take_back",
                {
                    "copy_no": c.copy_no,
                    "reader": step.reader,
                    "kind": REMARK_KINDS[step.remark_kind],
                    "remark": step.remark,
                },
            )

    def _copy_owner(self, s: Any, actor: Actor, record_id: int, copy_id: int, action: str) -> Any:
        from app.domain.errors import NotFound
        from db.models.copies import Copy

        obj = self.load_for_write(s, actor, record_id, action)
        c = s.get(Copy, copy_id)
        if c is None or c.register != self.reg.key or c.record_id != record_id:
            raise NotFound("该文件没有这一份")
        return obj

    @staticmethod
    def _copy_no(s: Any, copy_id: int) -> str:
        from db.models.copies import Copy

        return s.get(Copy, copy_id).copy_no

    def _after_copy_move(self, s: Any, actor: Actor, obj: Any, step: str, detail: dict) -> StepResult:
        obj.holder = self._holder_text(s, obj.id)
        self.record_step(s, actor, obj, step, detail)
        return StepResult(self.finish_write(s, obj))

    @staticmethod
    def _holder_text(s: Any, record_id: int) -> str:
        from db.models.copies import Copy

        rows = s.execute(
            select(Copy.copy_no, Copy.holder)
            .where(Copy.register == INCOMING.key, Copy.record_id == record_id, Copy.destruction_id.is_(None))
            .order_by(Copy.copy_no)
        ).all()
        holders = list(dict.fromkeys(h for _n, h in rows if h))
        return "、".join(holders)[:200]

    def _check_read(self, actor: Actor, record_id: int) -> None:
        actor.require_role(*self.reg.read_roles, action="查看收文")
        with self.db.read() as s:
            obj = self.registers._load(s, self.reg, record_id)
            actor.require_clearance(obj.secret_level)

    def as_of(self, actor: Actor, record_id: int) -> Any:
        return self.registers.get(actor, self.reg.key, record_id)

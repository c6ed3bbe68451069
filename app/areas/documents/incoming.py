"""收文 workflow: 签收 → 登记 → 拟办 → 批示 → 承办/传阅 → 办结, plus 退文, 催办 and 归档, declared on the
workflow kit (app.kit.workflow); what only 收文 does (duplicate check, 传阅 copies, the 承办 deadline rule)
are the hooks here. 作废 is the engine's void."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select

from app.areas.documents.archive import archive_step
from app.areas.documents.common import STEP_LABELS, DocumentsBase, given
from app.areas.documents.registers import INCOMING, DocState, HandlingKind
from app.domain.enums import Role, SecretLevel
from app.kit.copies import create_copies_in
from app.kit.registers.service import record_of
from app.kit.registers.values import validate
from app.kit.workflow import Step, StepContext, StepField, StepResult, Workflow, today
from app.kit.workflow.copy_steps import holder_text, send_copy_step, take_back_step
from app.kit.workflow.pieces import instruct_step, urge_step
from app.services.actor import Actor
from db.models.copies import Copy
from db.models.documents import IncomingDocument

S = DocState
# A 办件's deadline when 拟办/承办 leave it blank: this many working days from today (系统设置); a 阅件 has none.
ACT_DUE_SETTING = "documents.act_due_workdays"
DEFAULT_ACT_DUE_WORKDAYS = 10


def _act_due(ctx: StepContext) -> date | None:
    """The 办理期限 a step offers and, left blank, gives: the record's own; for a 办件 (承办 makes one)
    today + the configured working days (holidays skipped); for a 阅件 none — a deadline is optional."""
    from app.domain.workdays import default_calendar
    from app.services.settings import get_value

    if ctx.obj.due_on:
        return ctx.obj.due_on
    kind = ctx.values.get("handling_kind") or ctx.obj.handling_kind
    if ctx.step.key != "assign" and kind != HandlingKind.ACT.value:
        return None
    days = get_value(ctx.session, ACT_DUE_SETTING) or DEFAULT_ACT_DUE_WORKDAYS
    return default_calendar().add_workdays(date.today(), int(days))


OPEN_FOR_ACTION = (
    S.REGISTERED.value,
    S.PROPOSED.value,
    S.INSTRUCTED.value,
    S.HANDLING.value,
    S.CIRCULATING.value,
)


def _proposed(ctx: StepContext) -> None:
    ctx.obj.proposal_by, ctx.obj.proposal_on = ctx.actor.name, today(ctx)


def _assign_check(ctx: StepContext) -> dict[str, str]:
    due = ctx.values.get("due_on", ctx.obj.due_on)
    if ctx.obj.urgency in ("urgent", "extra_urgent") and not due:
        return {"due_on": "紧急公文须明确办理期限"}
    if due and ctx.obj.received_at and due < ctx.obj.received_at.date():
        return {"due_on": "办理期限不能早于签收时间"}
    return {}


def _finish_check(ctx: StepContext) -> dict[str, str]:
    if ctx.obj.received_at and ctx.values["done_on"] < ctx.obj.received_at.date():
        return {"done_on": "办结日期不能早于签收时间"}
    return {}


def _readers_check(ctx: StepContext) -> dict[str, str]:
    """传阅人 in reading order, separated by 、，or commas; stored joined by 、."""
    text = str(ctx.values.get("readers") or "").replace("，", "、").replace(",", "、")
    names = [n.strip() for n in text.split("、") if n.strip()]
    if not names:
        return {"readers": "请填写传阅人（按传阅顺序）"}
    if len(set(names)) != len(names):
        return {"readers": "传阅人不能重复"}
    ctx.values["readers"] = "、".join(names)
    return {}


def _circulate(ctx: StepContext) -> None:
    """Start a 传阅: the paper copies to track (份号) are registered if not yet."""
    obj, s = ctx.obj, ctx.session
    have = s.scalar(
        select(func.count()).select_from(Copy).where(Copy.register == INCOMING.key, Copy.record_id == obj.id)
    )
    if not have:
        first = obj.copy_numbers.split("-")[0].strip() if obj.copy_numbers else ""
        create_copies_in(
            s,
            ctx.actor,
            INCOMING,
            obj,
            max(1, obj.copies or 1),
            first if first.isdigit() else "",
            obj.received_by,
            obj.received_at,
        )
    obj.holder = holder_text(ctx)


def _instructed(ctx: StepContext) -> str | None:
    return S.INSTRUCTED.value if ctx.obj.state in (S.REGISTERED.value, S.PROPOSED.value) else None


FLOW = Workflow(
    register=INCOMING,
    states=DocState,
    audit_prefix="doc_",
    labels=STEP_LABELS,
    steps=(
        Step(
            "propose",
            "拟办",
            from_states=(S.REGISTERED.value, S.PROPOSED.value),
            to_state=S.PROPOSED.value,
            fields=(
                StepField("proposal", required=True),
                StepField("lead_unit"),
                StepField("assist_units"),
                StepField("handling_kind"),
                StepField("due_on", default=_act_due),
                StepField("readers"),
            ),
            effect=_proposed,
        ),
        instruct_step(
            from_states=OPEN_FOR_ACTION,
            to_state=_instructed,
            roles=(Role.DOCUMENTS, Role.LEADER),
            recorder_roles=(Role.DOCUMENTS,),
        ),
        Step(
            "assign",
            "承办",
            from_states=OPEN_FOR_ACTION,
            to_state=S.HANDLING.value,
            fields=(
                StepField("lead_unit", required=True),
                StepField("assist_units"),
                StepField("due_on", default=_act_due),
            ),
            validate=_assign_check,
            effect=lambda ctx: setattr(ctx.obj, "handling_kind", HandlingKind.ACT.value),
            action="交办",
        ),
        Step(
            "circulate",
            "传阅",
            from_states=OPEN_FOR_ACTION,
            to_state=S.CIRCULATING.value,
            fields=(StepField("readers", label="传阅人", placeholder="按传阅顺序，用顿号分隔"),),
            validate=_readers_check,
            effect=_circulate,
        ),
        send_copy_step(holder_field="holder"),
        take_back_step(holder_field="holder", instructions=True),
        urge_step(from_states=OPEN_FOR_ACTION, target_field="lead_unit"),
        Step(
            "finish",
            "办结",
            from_states=OPEN_FOR_ACTION,
            to_state=S.DONE.value,
            fields=(StepField("result", required=True), StepField("done_on", default=today)),
            validate=_finish_check,
        ),
        Step(
            "return",
            "退文",
            from_states=(S.RECEIVED.value, S.REGISTERED.value, S.PROPOSED.value),
            to_state=S.RETURNED.value,
            reason=True,
            reason_label="退文理由",
            effect=lambda ctx: setattr(ctx.obj, "return_reason", ctx.values["reason"]),
        ),
        archive_step(INCOMING.key),
    ),
)


class IncomingWorkflow(DocumentsBase):
    """收文 as Python calls (tests, demo, the registration form); every step runs through the kit."""

    def __init__(self, services: Any) -> None:
        super().__init__(services, FLOW)

    # --- 签收 / 登记: the record is created or corrected here, the history kept by the kit ----------
    def duplicates(
        self, actor: Actor, sender: str, sender_number: str, year: int, exclude_id: int | None = None
    ) -> list[str]:
        """收文编号 of earlier records with the same 来文机关 + 文号 in the year (warning, not a block)."""
        actor.require_role(*self.reg.read_roles, action="查看收文")
        with self.db.read() as s:
            return self._duplicates(s, actor, sender, sender_number, year, exclude_id)

    @staticmethod
    def _duplicates(
        s: Any, actor: Actor, sender: str, sender_number: str, year: int, exclude_id: int | None
    ) -> list[str]:
        """Only records the actor may see: a warning naming a 机密 record to a 秘密-cleared clerk would tell
        her that it exists, and its number."""
        if not sender or not sender_number or sender_number.startswith("无"):
            return []
        m = IncomingDocument
        q = select(m.number).where(
            m.sender == sender,
            m.sender_number == sender_number,
            m.year == year,
            m.voided.is_(False),
            m.secret_level.in_(SecretLevel.levels_up_to(actor.clearance)),
        )
        if exclude_id:
            q = q.where(m.id != exclude_id)
        return list(s.scalars(q.order_by(m.seq)))

    def receive(
        self, actor: Actor, raw: Mapping[str, Any], *, complete: bool = True, then: Any = None
    ) -> StepResult:
        """签收 (and, when ``complete``, 登记 in the same step, the usual case at the desk); ``then(session,
        obj)`` runs in the same transaction (the 扫描件 of a record registered from it)."""
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
                s, actor, values["sender"], values["sender_number"], values["received_at"].year, None
            )
            obj = self.registers.create_in(s, actor, self.reg, values, extra={"state": state})
            signed = {"received_by": values["received_by"]}
            self.flow.record_in(s, actor, self.reg.key, obj, "sign", signed, at=values["received_at"])
            if complete:
                self.flow.record_in(s, actor, self.reg.key, obj, "register", {"state": state})
            if then is not None:
                then(s, obj)
            rec = record_of(self.reg, obj)
        warnings = (
            (
                f"{values['sender']}的{values['sender_number']}今年已登记过（{'、'.join(dup)}），请核对是否重复",
            )
            if dup
            else ()
        )
        return StepResult(rec, warnings)

    def register(
        self, actor: Actor, record_id: int, raw: Mapping[str, Any], *, expected_version: int | None = None
    ) -> StepResult:
        """登记 of a document only signed in so far, or correcting the registration later (修改)."""
        from app.domain.errors import ValidationFailed

        with self.db.write() as s:
            obj = self.load_for_write(s, actor, record_id, "登记", expected_version=expected_version)
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
            self.flow.record_in(s, actor, self.reg.key, obj, step, {"changes": sorted(changes)})
            dup = self._duplicates(s, actor, obj.sender, obj.sender_number, obj.year, obj.id)
            rec = self.finish_write(s, obj)
        return StepResult(rec, (f"该来文机关的同一文号今年已登记过（{'、'.join(dup)}）",) if dup else ())

    # --- the declared steps, with the keyword arguments Python callers use ------------------------
    def propose(self, actor: Actor, record_id: int, text: str, **kw: Any) -> StepResult:
        return self.step(actor, record_id, "propose", {"proposal": text, **given(kw)})

    def instruct(
        self, actor: Actor, record_id: int, text: str, *, leader: str = "", given_on: Any = None
    ) -> StepResult:
        """领导批示: a leader writes their own; the clerk records one written on paper, naming the leader."""
        raw = {"text": text, "leader": leader, "given_on": given_on}
        return self.step(actor, record_id, "instruct", raw)

    def assign(
        self, actor: Actor, record_id: int, lead_unit: str, *, assist_units: str = "", due_on: Any = None
    ) -> StepResult:
        """承办: the document goes to its 主办 unit (and 协办 units) with a deadline."""
        raw = {"lead_unit": lead_unit, "assist_units": assist_units, **given({"due_on": due_on})}
        return self.step(actor, record_id, "assign", raw)

    def urge(self, actor: Actor, record_id: int, method: str, **kw: Any) -> StepResult:
        return self.step(actor, record_id, "urge", {"method": method, **given(kw)})

    def finish(self, actor: Actor, record_id: int, result: str, *, done_on: Any = None) -> StepResult:
        return self.step(actor, record_id, "finish", {"result": result, "done_on": done_on})

    def return_to_sender(self, actor: Actor, record_id: int, reason: str) -> StepResult:
        """退文: the document does not meet the rules and goes back to the sender with the reason."""
        return self.step(actor, record_id, "return", {"reason": reason})

    def circulate(self, actor: Actor, record_id: int, readers: Sequence[str] | str) -> StepResult:
        names = readers if isinstance(readers, str) else "、".join(readers)
        return self.step(actor, record_id, "circulate", {"readers": names})

    def send_copy(
        self, actor: Actor, record_id: int, copy_id: int, reader: str, at: Any = None
    ) -> StepResult:
        """送阅 one copy: the hand-off, the 持有人 column and the history commit together."""
        return self.step(actor, record_id, "send_copy", {"reader": reader, "at": at}, copy_id=copy_id)

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
        raw = {"remark_kind": remark_kind, "remark": remark, "at": at}
        return self.step(actor, record_id, "take_back", raw, copy_id=copy_id)

    def instructions(self, actor: Actor, record_id: int) -> list[Any]:
        return self.flow.instructions(actor, self.reg.key, record_id)

    def urges(self, actor: Actor, record_id: int) -> list[Any]:
        return self.flow.urges(actor, self.reg.key, record_id)

    def as_of(self, actor: Actor, record_id: int) -> Any:
        return self.registers.get(actor, self.reg.key, record_id)

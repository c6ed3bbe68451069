"""The workflow service: runs one declared step as ONE transaction (permission, state, field validation,
the record written, one history row, one audit entry) and reads the history back as plain data."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import Conflict, NotFound, ValidationFailed
from app.kit.registers.base import Field, Record
from app.kit.registers.service import RegisterService, audit_values, record_of
from app.kit.registers.values import coerce, display
from app.kit.registers.versions import require_version
from app.kit.workflow.data import (
    DETAIL_LABELS,
    FormField,
    HistoryEntry,
    StepContext,
    StepForm,
    StepInfo,
    StepResult,
)
from app.kit.workflow.declare import BoundField, Step, Workflow
from app.services import audit
from app.services.actor import Actor
from db.models.common import bump_version
from db.models.workflow import StepEvent


def _json(v: Any) -> Any:
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return [_json(x) for x in v]
    return v


class WorkflowCatalog:
    def __init__(self, workflows: Iterable[Workflow] = ()) -> None:
        self._by_key = {w.key: w for w in workflows}

    def get(self, key: str) -> Workflow:
        try:
            return self._by_key[key]
        except KeyError:
            names = "、".join(self._by_key) or "无"
            raise NotFound(f"登记簿“{key}”没有办理流程。有流程的：{names}") from None

    def __contains__(self, key: str) -> bool:
        return key in self._by_key

    def keys(self) -> list[str]:
        return list(self._by_key)


class WorkflowService:
    def __init__(self, registers: RegisterService, catalog: WorkflowCatalog, services: Any = None) -> None:
        self.registers = registers
        self.db = registers.db
        self.catalog = catalog
        self.services = services

    # --- running a step --------------------------------------------------------------------------
    def run(
        self,
        actor: Actor,
        register: str,
        record_id: int,
        step: str,
        raw: Mapping[str, Any] | None = None,
        *,
        extra: Mapping[str, Any] | None = None,
        expected_version: int | None = None,
    ) -> StepResult:
        """Take ``step`` on the record with the field values in ``raw`` (keys: field names or labels;
        a field left out keeps the record's value or takes the step's default). ``expected_version``: the
        version the user saw when choosing the step; a record changed since is refused (StaleRecord)."""
        wf = self.catalog.get(register)
        st = wf.step(step)
        actor.require_role(*wf.roles(st), action=st.action or st.label)
        bound = wf.bind(st)
        raw = self._by_name(st, bound, raw or {})
        with self.db.write() as s:
            obj = self.load_for_step(s, actor, wf, st, record_id)
            require_version(s, wf.register, obj, expected_version)
            ctx = StepContext(s, actor, wf, st, obj, extra=dict(extra or {}), services=self.services)
            ctx.values = self._values(ctx, bound, raw)
            if st.validate:
                errors = st.validate(ctx)
                if errors:
                    raise ValidationFailed(errors)
            before: dict[str, Any] = {}
            after: dict[str, Any] = {}
            for b in bound:
                if b.name not in ctx.values:
                    continue
                value = ctx.values[b.name]
                if b.store:
                    before[b.name] = _json(getattr(obj, b.name))
                    setattr(obj, b.name, value)
                if b.name != "reason" and (b.store or value not in (None, "")):
                    after[b.name] = _json(value)
            if st.effect:
                st.effect(ctx)
            if wf.states is not None:
                target = st.to_state(ctx) if callable(st.to_state) else st.to_state
                current = getattr(obj, wf.state_field)
                if target and target != current:
                    before[wf.state_field] = current
                    after[wf.state_field] = target
                    setattr(obj, wf.state_field, target)
            after.update({k: _json(v) for k, v in ctx.detail.items()})
            reason = ctx.values.get("reason") or ""
            self.record_in(s, actor, wf.key, obj, st.key, after, before=before, reason=reason, at=ctx.at)
            s.flush()
            self.registers.reindex(s, wf.register, obj)
            rec = record_of(wf.register, obj)
        return StepResult(rec, tuple(ctx.warnings), dict(ctx.output))

    def load_for_step(self, s: Session, actor: Actor, wf: Workflow, st: Step, record_id: int) -> Any:
        """The record, if this user may see it and it is in a state the step starts from."""
        reg = wf.register
        obj = self.registers._load(s, reg, record_id)
        if reg.classified:
            actor.require_clearance(obj.secret_level)
        action = st.action or st.label
        if getattr(obj, "voided", False):
            raise Conflict(f"该{reg.record_label}已作废，不能{action}")
        if wf.states is not None and st.from_states:
            current = getattr(obj, wf.state_field)
            if current not in st.from_states:
                raise Conflict(f"该{reg.record_label}当前状态为“{wf.state_label(current)}”，不能{action}")
        return obj

    @staticmethod
    def _by_name(st: Step, bound: list[BoundField], raw: Mapping[str, Any]) -> dict[str, Any]:
        """Field keys in English or in Chinese (the label); an unknown key is refused, never ignored."""
        names = {b.name: b.name for b in bound}
        names.update({b.label: b.name for b in bound})
        out: dict[str, Any] = {}
        unknown = []
        for key, value in raw.items():
            name = names.get(str(key).strip())
            if name is None:
                unknown.append(str(key))
            else:
                out[name] = value
        if unknown:
            allowed = "、".join(f"{b.name}（{b.label}）" for b in bound) or "无"
            raise ValidationFailed({k: f"“{st.label}”没有“{k}”这一项。可填：{allowed}" for k in unknown})
        return out

    @staticmethod
    def _values(ctx: StepContext, bound: list[BoundField], raw: Mapping[str, Any]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for b in bound:
            given = raw.get(b.name)
            blank = given is None or (isinstance(given, str) and not given.strip())
            if blank and b.default is not None:
                given = b.default(ctx) if callable(b.default) else b.default
            elif b.name not in raw and b.store:
                continue  # not given: the record keeps what it has (unless the field is required)
            try:
                values[b.name] = coerce(b.field, given)
            except ValueError as e:
                errors[b.name] = str(e)
                continue
            if values[b.name] in (None, "") and b.field.required:
                errors[b.name] = f"请填写{b.label}"
        for b in bound:
            if b.field.required and b.store and b.name not in values and b.name not in errors:
                if getattr(ctx.obj, b.name, None) in (None, ""):
                    errors[b.name] = f"请填写{b.label}"
            if b.name in values and b.name not in errors and b.field.validator:
                message = b.field.validator(values[b.name], values)
                if message:
                    errors[b.name] = message
        if errors:
            raise ValidationFailed(errors)
        return values

    def record_in(
        self,
        s: Session,
        actor: Actor,
        register: str,
        obj: Any,
        step: str,
        after: Mapping[str, Any] | None = None,
        *,
        before: Mapping[str, Any] | None = None,
        reason: str = "",
        at: datetime | None = None,
    ) -> None:
        """One history row and one audit entry inside the caller's transaction (steps the area takes
        itself, such as 签收 on registration, call this directly)."""
        wf = self.catalog.get(register)
        version = bump_version(s, obj) if hasattr(obj, "version") else None
        safe_after = {k: _json(v) for k, v in (after or {}).items()}
        s.add(
            StepEvent(
                register=register,
                record_id=obj.id,
                step=step,
                at=at or datetime.now(),
                actor_login=actor.login,
                actor_name=actor.name,
                before=json.dumps({k: _json(v) for k, v in (before or {}).items()}, ensure_ascii=False),
                after=json.dumps(safe_after, ensure_ascii=False),
                reason=reason,
            )
        )
        shown = {**safe_after, **({"reason": reason} if reason else {})}
        audit.record(
            s,
            actor,
            f"{wf.audit_prefix}{step}",
            register,
            obj.id,
            detail={
                "number": wf.title_of(obj),
                "step": wf.label(step),
                **audit_values(wf.register, obj, shown),
                **({"version": version} if version is not None else {}),
            },
        )

    # --- reading ---------------------------------------------------------------------------------
    def history(self, actor: Actor, register: str, record_id: int) -> list[HistoryEntry]:
        wf = self.catalog.get(register)
        rec = self.registers.get(actor, register, record_id)  # permission + clearance (+ audited view)
        with self.db.read() as s:
            rows = s.scalars(
                select(StepEvent)
                .where(StepEvent.register == register, StepEvent.record_id == record_id)
                .order_by(StepEvent.at, StepEvent.id)
            ).all()
            out = [
                self._entry(wf, e.step, e.at, e.actor_login, e.actor_name, e.before, e.after, e.reason)
                for e in rows
            ]
        if rec.voided:
            # 作废 goes through the engine's void (audited there); its who/when live on the record itself.
            out.append(
                self._entry(
                    wf,
                    "void",
                    rec["voided_at"],
                    rec["voided_by"],
                    rec["voided_by"],
                    "{}",
                    "{}",
                    rec["void_reason"] or "",
                )
            )
        return out

    def _entry(
        self,
        wf: Workflow,
        step: str,
        at: datetime,
        login: str,
        name: str,
        before: str,
        after: str,
        reason: str,
    ) -> HistoryEntry:
        b, a = json.loads(before or "{}"), json.loads(after or "{}")
        fields = self._fields_of(wf, step)
        items = []
        for k, v in a.items():
            if v in (None, "", []):
                continue
            f = fields.get(k)
            label = f.label if f else DETAIL_LABELS.get(k, k)
            if k == wf.state_field and wf.states is not None:
                text = wf.state_label(v)
            elif isinstance(v, list):
                text = "、".join(str(self._field_label(wf, x)) for x in v)
            else:
                text = display(f, v) if f else str(v)
            items.append((label, text))
        if reason:
            items.append((DETAIL_LABELS["reason"], reason))
        return HistoryEntry(step, wf.label(step), at, login, name, b, a, reason, tuple(items))

    @staticmethod
    def _fields_of(wf: Workflow, step: str) -> dict[str, Field]:
        out = {f.name: f for f in wf.register.all_fields}
        for st in wf.steps:
            if st.key == step:
                out.update({b.name: b.field for b in wf.bind(st)})
        return out

    @staticmethod
    def _field_label(wf: Workflow, name: Any) -> str:
        try:
            return wf.register.field(str(name)).label
        except KeyError:
            return str(name)

    def steps_for(self, actor: Actor, register: str, record: Record | None) -> list[StepInfo]:
        """The steps of the register's bar, each allowed or not for this user and this record now."""
        wf = self.catalog.get(register)
        out = []
        for st in wf.steps:
            if not st.in_bar:
                continue
            why = ""
            if not actor.has_role(*wf.roles(st)):
                why = "没有权限"
            elif record is None:
                why = f"请先选中一条{wf.register.record_label}"
            elif record.voided:
                why = "已作废"
            elif wf.states is not None and st.from_states:
                current = record[wf.state_field]
                if current not in st.from_states:
                    why = f"当前状态为“{wf.state_label(current)}”"
            out.append(StepInfo(st.key, st.label, not why, why))
        return out

    def form(self, actor: Actor, register: str, record_id: int, step: str) -> StepForm:
        """The step's fields with what the dialog shows first (the record's value, else the default)."""
        wf = self.catalog.get(register)
        st = wf.step(step)
        actor.require_role(*wf.roles(st), action=st.action or st.label)
        with self.db.read() as s:
            obj = self.load_for_step(s, actor, wf, st, record_id)
            ctx = StepContext(s, actor, wf, st, obj, services=self.services)
            fields = []
            for b in wf.bind(st):
                value = getattr(obj, b.name, None) if b.store else None
                if value in (None, "") and b.default is not None:
                    value = b.default(ctx) if callable(b.default) else b.default
                fields.append(FormField(b.field, value))
        return StepForm(register, record_id, st.key, st.label, tuple(fields))

    def _check_read(self, actor: Actor, register: str, record_id: int) -> None:
        reg = self.catalog.get(register).register
        actor.require_role(*reg.read_roles, action=f"查看{reg.title}")
        with self.db.read() as s:
            obj = self.registers._load(s, reg, record_id)
            if reg.classified:
                actor.require_clearance(obj.secret_level)

    def instructions(self, actor: Actor, register: str, record_id: int) -> list[Any]:
        """The record's 领导批示 (InstructionInfo), oldest first."""
        from app.kit.workflow.pieces import instructions_of

        self._check_read(actor, register, record_id)
        with self.db.read() as s:
            return list(instructions_of(s, register, record_id))

    def urges(self, actor: Actor, register: str, record_id: int) -> list[Any]:
        """The record's 催办 records (UrgeInfo), oldest first."""
        from app.kit.workflow.pieces import urges_of

        self._check_read(actor, register, record_id)
        with self.db.read() as s:
            return list(urges_of(s, register, record_id))

    def record_id(self, actor: Actor, register: str, ref: str | int) -> int:
        """A record given by id ("12"), by its number ("2026-0012") or, not yet numbered, by a draft
        number some registers carry (稿号): what the command line accepts as RECORD."""
        reg = self.catalog.get(register).register
        actor.require_role(*reg.read_roles, action=f"查看{reg.title}")
        text_ = str(ref).strip()
        if text_.isdigit():
            return int(text_)
        model = reg.model
        columns = [model.number] + ([model.draft_no] if hasattr(model, "draft_no") else [])
        with self.db.read() as s:
            for col in columns:
                q = select(model.id).where(col == text_)
                if reg.series_value:
                    q = q.where(model.series == reg.series_value)
                found = s.scalars(q.limit(1)).first()
                if found is not None:
                    return int(found)
        raise NotFound(f"{reg.title}中没有编号为“{text_}”的{reg.record_label}")

"""发文 workflow on the 发文稿纸: 拟稿 → 核稿 → 会签 → 签发 (the 发文字号 is given here, per 代字 series per
year, gapless) → 复核 → 印发 → 分发 → 归档, declared on the workflow kit; numbering, 份号 and the
分发 log are the hooks here."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from app.areas.documents.archive import archive_step
from app.areas.documents.common import STEP_LABELS, DocumentsBase, given
from app.areas.documents.registers import DRAFT_SERIES, OUTGOING, OutState
from app.domain.enums import Role, SecretLevel
from app.domain.errors import ValidationFailed
from app.kit.registers.base import DATE, Field
from app.kit.registers.service import record_of
from app.kit.workflow import Step, StepContext, StepField, StepResult, Workflow, actor_name, own, text, today
from app.kit.workflow.pieces import signer_name
from app.services.actor import Actor

O = OutState
BEFORE_SIGNING = (O.DRAFT.value, O.CHECKED.value, O.COUNTERSIGNED.value)
PRINTABLE = (O.SIGNED.value, O.REVIEWED.value)


def _countersign(ctx: StepContext) -> None:
    """会签: co-issuing units and who signed for them, added to what is already recorded."""
    combined = "；".join(p for p in (ctx.obj.countersign, ctx.values["text"]) if p)
    if len(combined) > 500:
        raise ValidationFailed({"text": "会签不能超过500个字"})
    ctx.obj.countersign = combined


def _approve_check(ctx: StepContext) -> dict[str, str]:
    v = ctx.values
    v["signer"] = signer_name(ctx.actor, v.get("signer", ""), (Role.DOCUMENTS,))
    if not v["signer"]:
        return {"signer": "请填写签发人"}
    if ctx.obj.drafted_on and v["signed_on"] < ctx.obj.drafted_on:
        return {"signed_on": "签发日期不能早于拟稿日期"}
    return {}


def _approve(ctx: StepContext) -> None:
    """The 发文字号 is given now: series = 代字, year of 签发, next number under BEGIN IMMEDIATE. No
    autoflush: a half-renumbered row (new series, old draft seq) must never reach the unique constraint."""
    obj = ctx.obj
    with ctx.session.no_autoflush:
        ctx.services.registers.assign_number(
            ctx.session, OUTGOING, obj, {"prefix": obj.prefix, "signed_on": ctx.values["signed_on"]}
        )
    ctx.detail["number"] = obj.number


def _issue_check(ctx: StepContext) -> dict[str, str]:
    obj, v = ctx.obj, ctx.values
    if SecretLevel(obj.secret_level).is_classified and v.get("copy_from") is None:
        return {"copy_from": "涉密公文须标注份号"}
    if obj.signed_on and v["issued_on"] < obj.signed_on:
        return {"issued_on": "印发日期不能早于签发日期"}
    return {}


def _issue(ctx: StepContext) -> None:
    obj = ctx.obj
    obj.written_on = obj.written_on or obj.signed_on
    if ctx.values.get("copy_from") is not None:
        obj.copy_to = obj.copy_from + obj.print_copies - 1
        ctx.detail["copy_to"] = obj.copy_to


def _distribute(ctx: StepContext) -> None:
    """分发记录: one line added per distribution, with the day and who recorded it."""
    line = f"{ctx.values['date'].isoformat()} {ctx.values['text']}（{ctx.actor.name}）"
    combined = "\n".join(p for p in (ctx.obj.distribution, line) if p)
    if len(combined) > 4000:
        raise ValidationFailed({"text": "分发记录过长"})
    ctx.obj.distribution = combined


FLOW = Workflow(
    register=OUTGOING,
    states=OutState,
    audit_prefix="doc_",
    labels=STEP_LABELS,
    name_of=lambda obj: obj.number or obj.draft_no,
    steps=(
        Step(
            "check",
            "核稿",
            from_states=BEFORE_SIGNING,
            to_state=lambda ctx: O.CHECKED.value if ctx.obj.state == O.DRAFT.value else None,
            fields=(StepField("checker", default=actor_name), StepField("check_opinion")),
        ),
        Step(
            "countersign",
            "会签",
            from_states=BEFORE_SIGNING,
            to_state=O.COUNTERSIGNED.value,
            fields=(text("text", "会签单位及签字人", required=True, max_length=500),),
            effect=_countersign,
        ),
        Step(
            "approve",
            "签发",
            from_states=BEFORE_SIGNING,
            to_state=O.SIGNED.value,
            roles=(Role.DOCUMENTS, Role.LEADER),
            fields=(
                StepField("signer"),
                StepField("sign_opinion", default="同意"),
                StepField("signed_on", default=today),
            ),
            validate=_approve_check,
            effect=_approve,
        ),
        Step(
            "review",
            "复核",
            from_states=PRINTABLE,
            to_state=O.REVIEWED.value,
            fields=(StepField("reviewer", default=actor_name), StepField("review_opinion")),
        ),
        Step(
            "issue",
            "印发",
            from_states=PRINTABLE,
            to_state=O.ISSUED.value,
            fields=(
                StepField("print_copies", required=True),
                StepField("copy_from", label="份号起号", placeholder="涉密公文必填"),
                StepField("issued_on", default=today),
                StepField("written_on"),
            ),
            validate=_issue_check,
            effect=_issue,
        ),
        Step(
            "distribute",
            "分发",
            from_states=(O.ISSUED.value, O.ARCHIVED.value),
            fields=(
                text("text", "分发情况", required=True, max_length=1000),
                own(Field("date", "分发日期", DATE), default=today),
            ),
            effect=_distribute,
            action="分发（须先印发）",
        ),
        archive_step(OUTGOING.key),
    ),
)


class OutgoingWorkflow(DocumentsBase):
    """发文 as Python calls; 拟稿 and 修改 write the 稿纸 here, every other step runs through the kit."""

    def __init__(self, services: Any) -> None:
        super().__init__(services, FLOW)

    def draft(self, actor: Actor, raw: Mapping[str, Any]) -> StepResult:
        """拟稿: a new 发文稿纸. Registered already signed (paper workflow done), it is numbered at once."""
        actor.require_role(*self.reg.write_roles, action="拟稿")
        raw = dict(raw)
        raw.setdefault("drafter", actor.name)
        raw.setdefault("drafted_on", date.today())
        values = self.registers.check_values(self.reg, raw)
        self.registers._clearance_check(actor, self.reg, values)
        with self.db.write() as s:
            obj = self.registers.create_in(s, actor, self.reg, values)
            drafted = {"draft_no": obj.draft_no, "title": obj.title}
            self.flow.record_in(s, actor, self.reg.key, obj, "draft", drafted)
            if obj.series != DRAFT_SERIES:
                signed = {"signer": obj.signer, "number": obj.number}
                self.flow.record_in(s, actor, self.reg.key, obj, "approve", signed)
            return StepResult(record_of(self.reg, obj))

    def update_draft(
        self, actor: Actor, record_id: int, raw: Mapping[str, Any], *, expected_version: int | None = None
    ) -> StepResult:
        """Edit the 稿纸. Once signed, a substantive change must go back to the signer: refused here."""
        from app.domain.errors import Conflict

        with self.db.write() as s:
            obj = self.load_for_write(s, actor, record_id, "修改", expected_version=expected_version)
            if obj.state not in BEFORE_SIGNING:
                raise Conflict(
                    f"该文件当前状态为“{O(obj.state).label}”，"
                    "不能修改（已签发的文稿如需实质性修改，应退回签发人重新签发）"
                )
            current = {f.name: getattr(obj, f.name) for f in self.reg.form_fields}
            # signing is its own step (it gives the number), so the edit cannot sign
            merged = {**current, **raw, "signer": "", "signed_on": None, "sign_opinion": ""}
            values = self.registers.check_values(self.reg, merged)
            for name in ("signer", "signed_on", "sign_opinion"):
                values.pop(name, None)
            self.registers._clearance_check(actor, self.reg, values)
            changes = self.registers.update_in(s, actor, self.reg, obj, values)
            self.flow.record_in(s, actor, self.reg.key, obj, "update", {"changes": sorted(changes)})
            return StepResult(self.finish_write(s, obj))

    # --- the declared steps, with the keyword arguments Python callers use ------------------------
    def check(self, actor: Actor, record_id: int, checker: str, opinion: str = "") -> StepResult:
        return self.step(actor, record_id, "check", {"checker": checker, "check_opinion": opinion})

    def countersign(self, actor: Actor, record_id: int, text: str) -> StepResult:
        return self.step(actor, record_id, "countersign", {"text": text})

    def approve(
        self, actor: Actor, record_id: int, *, signer: str = "", opinion: str = "同意", signed_on: Any = None
    ) -> StepResult:
        raw = {"signer": signer, "sign_opinion": opinion, "signed_on": signed_on}
        return self.step(actor, record_id, "approve", raw)

    def review(self, actor: Actor, record_id: int, reviewer: str = "", opinion: str = "") -> StepResult:
        return self.step(actor, record_id, "review", {"reviewer": reviewer, "review_opinion": opinion})

    def issue(
        self,
        actor: Actor,
        record_id: int,
        *,
        print_copies: Any,
        copy_from: Any = None,
        issued_on: Any = None,
        written_on: Any = None,
    ) -> StepResult:
        """印发: printed quantity, 份号 range (required for classified documents), dates."""
        raw = {"print_copies": print_copies, "issued_on": issued_on}
        raw.update(given({"copy_from": copy_from, "written_on": written_on}))
        return self.step(actor, record_id, "issue", raw)

    def distribute(self, actor: Actor, record_id: int, text: str, at: Any = None) -> StepResult:
        return self.step(actor, record_id, "distribute", {"text": text, "date": at})

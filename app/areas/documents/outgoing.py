"""发文 workflow on the 发文稿纸: 拟稿 → 核稿 → 会签 → 签发 (the 发文字号 is given here, per 代字 series per
year, gapless) → 复核 → 印发 → 分发. Each step is one transaction with a history row and an audit entry."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from app.areas.documents.common import DocumentsBase, StepResult, as_date, leader_name, text_arg
from app.areas.documents.registers import DRAFT_SERIES, OUTGOING, OutState
from app.domain.enums import Role, SecretLevel
from app.domain.errors import ValidationFailed
from app.kit.registers.service import RegisterService, record_of
from app.services.actor import Actor

O = OutState
BEFORE_SIGNING = (O.DRAFT.value, O.CHECKED.value, O.COUNTERSIGNED.value)


class OutgoingWorkflow(DocumentsBase):
    def __init__(self, registers: RegisterService) -> None:
        super().__init__(registers, OUTGOING)

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
            self.record_step(s, actor, obj, "draft", {"draft_no": obj.draft_no, "title": obj.title})
            if obj.series != DRAFT_SERIES:
                self.record_step(s, actor, obj, "approve", {"signer": obj.signer, "number": obj.number})
            return StepResult(record_of(self.reg, obj))

    def update_draft(
        self, actor: Actor, record_id: int, raw: Mapping[str, Any], *, expected_version: int | None = None
    ) -> StepResult:
        """Edit the 稿纸. Once signed, a substantive change must go back to the signer: refused here."""
        with self.db.write() as s:
            obj = self.load_for_write(s, actor, record_id, "修改", expected_version=expected_version)
            self.require_state(
                obj, BEFORE_SIGNING, "修改（已签发的文稿如需实质性修改，应退回签发人重新签发）", OutState
            )
            current = {f.name: getattr(obj, f.name) for f in self.reg.form_fields}
            # signing is its own step (it gives the number), so the edit cannot sign
            merged = {**current, **raw, "signer": "", "signed_on": None, "sign_opinion": ""}
            values = self.registers.check_values(self.reg, merged)
            values.pop("signer", None)
            values.pop("signed_on", None)
            values.pop("sign_opinion", None)
            self.registers._clearance_check(actor, self.reg, values)
            changes = self.registers.update_in(s, actor, self.reg, obj, values)
            self.record_step(s, actor, obj, "update", {"changes": sorted(changes)})
            return StepResult(self.finish_write(s, obj))

    def check(self, actor: Actor, record_id: int, checker: str, opinion: str = "") -> StepResult:
        """核稿."""
        checker = text_arg(checker or actor.name, "checker", "核稿人", max_length=64)
        opinion = text_arg(opinion, "check_opinion", "核稿意见", required=False, max_length=1000)
        with self.db.write() as s:
            obj = self.load_for_write(s, actor, record_id, "核稿")
            self.require_state(obj, BEFORE_SIGNING, "核稿", OutState)
            obj.checker, obj.check_opinion = checker, opinion
            if obj.state == O.DRAFT.value:
                obj.state = O.CHECKED.value
            self.record_step(s, actor, obj, "check", {"checker": checker, "opinion": opinion})
            return StepResult(self.finish_write(s, obj))

    def countersign(self, actor: Actor, record_id: int, text: str) -> StepResult:
        """会签: co-issuing units and who signed for them (added to what is already recorded)."""
        text = text_arg(text, "countersign", "会签单位及签字人", max_length=500)
        with self.db.write() as s:
            obj = self.load_for_write(s, actor, record_id, "会签")
            self.require_state(obj, BEFORE_SIGNING, "会签", OutState)
            combined = "；".join(p for p in (obj.countersign, text) if p)
            obj.countersign = text_arg(combined, "countersign", "会签", max_length=500)
            obj.state = O.COUNTERSIGNED.value
            self.record_step(s, actor, obj, "countersign", {"text": text})
            return StepResult(self.finish_write(s, obj))

    def approve(
        self, actor: Actor, record_id: int, *, signer: str = "", opinion: str = "同意", signed_on: Any = None
    ) -> StepResult:
        """签发: the signer's name, opinion and date; the 发文字号 is given now, in the same transaction."""
        actor.require_role(Role.DOCUMENTS, Role.LEADER, action="签发")
        signer = leader_name(actor, signer, "signer", "签发人")
        opinion = text_arg(opinion, "sign_opinion", "签发意见", required=False, max_length=1000)
        day = as_date(signed_on, "signed_on", "签发日期", required=False) or date.today()
        with self.db.write() as s:
            obj = self.load_for_write(s, actor, record_id, "签发", roles=(Role.DOCUMENTS, Role.LEADER))
            self.require_state(obj, BEFORE_SIGNING, "签发", OutState)
            if obj.drafted_on and day < obj.drafted_on:
                raise ValidationFailed({"signed_on": "签发日期不能早于拟稿日期"})
            obj.signer, obj.sign_opinion, obj.signed_on = signer, opinion, day
            # the engine's numbering: series = 代字, year of 签发, next number under BEGIN IMMEDIATE. No autoflush:
            # a half-renumbered row (new series, old draft seq) must never reach the unique constraint.
            with s.no_autoflush:
                self.registers.assign_number(s, self.reg, obj, {"prefix": obj.prefix, "signed_on": day})
            obj.state = O.SIGNED.value
            self.record_step(
                s,
                actor,
                obj,
                "approve",
                {"signer": signer, "opinion": opinion, "signed_on": day, "number": obj.number},
            )
            return StepResult(self.finish_write(s, obj))

    def review(self, actor: Actor, record_id: int, reviewer: str = "", opinion: str = "") -> StepResult:
        """复核 after 签发: procedure, content, 文种 and format checked once more before printing."""
        reviewer = text_arg(reviewer or actor.name, "reviewer", "复核人", max_length=64)
        opinion = text_arg(opinion, "review_opinion", "复核意见", required=False, max_length=1000)
        with self.db.write() as s:
            obj = self.load_for_write(s, actor, record_id, "复核")
            self.require_state(obj, (O.SIGNED.value, O.REVIEWED.value), "复核", OutState)
            obj.reviewer, obj.review_opinion, obj.state = reviewer, opinion, O.REVIEWED.value
            self.record_step(s, actor, obj, "review", {"reviewer": reviewer, "opinion": opinion})
            return StepResult(self.finish_write(s, obj))

    def issue(
        self,
        actor: Actor,
        record_id: int,
        *,
        print_copies: int,
        copy_from: int | None = None,
        issued_on: Any = None,
        written_on: Any = None,
    ) -> StepResult:
        """印发: printed quantity, 份号 range (required for classified documents), dates."""
        errors: dict[str, str] = {}
        try:
            n = int(print_copies)
            if not 1 <= n <= 99999:
                raise ValueError
        except (TypeError, ValueError):
            raise ValidationFailed({"print_copies": "印制份数应为1到99999之间的整数"}) from None
        first = None
        if copy_from not in (None, ""):
            try:
                first = int(str(copy_from))
                if first < 1:
                    raise ValueError
            except ValueError:
                errors["copy_from"] = "份号起号应为正整数"
        day = as_date(issued_on, "issued_on", "印发日期", required=False) or date.today()
        written = as_date(written_on, "written_on", "成文日期", required=False)
        if errors:
            raise ValidationFailed(errors)
        with self.db.write() as s:
            obj = self.load_for_write(s, actor, record_id, "印发")
            self.require_state(obj, (O.SIGNED.value, O.REVIEWED.value), "印发", OutState)
            if SecretLevel(obj.secret_level).is_classified and first is None:
                raise ValidationFailed({"copy_from": "涉密公文须标注份号"})
            if obj.signed_on and day < obj.signed_on:
                raise ValidationFailed({"issued_on": "印发日期不能早于签发日期"})
            obj.print_copies, obj.issued_on = n, day
            obj.written_on = written or obj.written_on or obj.signed_on
            if first is not None:
                obj.copy_from, obj.copy_to = first, first + n - 1
            obj.state = O.ISSUED.value
            self.record_step(
                s,
                actor,
                obj,
                "issue",
                {"print_copies": n, "copy_from": obj.copy_from, "copy_to": obj.copy_to, "issued_on": day},
            )
            return StepResult(self.finish_write(s, obj))

    def distribute(self, actor: Actor, record_id: int, text: str, at: Any = None) -> StepResult:
        """分发记录: to whom copies went (one line added per distribution)."""
        text = text_arg(text, "distribution", "分发情况", max_length=1000)
        day = as_date(at, "at", "分发日期", required=False) or date.today()
        with self.db.write() as s:
            obj = self.load_for_write(s, actor, record_id, "分发")
            self.require_state(obj, (O.ISSUED.value, O.ARCHIVED.value), "分发（须先印发）", OutState)
            line = f"{day.isoformat()} {text}（{actor.name}）"
            combined = "\n".join(p for p in (obj.distribution, line) if p)
            if len(combined) > 4000:
                raise ValidationFailed({"distribution": "分发记录过长"})
            obj.distribution = combined
            self.record_step(s, actor, obj, "distribute", {"text": text, "date": day})
            return StepResult(self.finish_write(s, obj))

    def void(self, actor: Actor, record_id: int, reason: str) -> StepResult:
        return StepResult(self.registers.void(actor, self.reg.key, record_id, reason))

"""归档 per DA/T 22-2015: 档号 全宗号-WS·年度-保管期限[-机构]-件号 (件号 4 digits, per 全宗/年度/期限/机构),
the 归档章 fields, and the rows of the 归档文件目录 for both 收文 and 发文."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from app.areas.documents.registers import INCOMING, OUTGOING, DocState, HandlingKind, OutState, Retention
from app.domain.enums import SecretLevel
from app.domain.errors import Conflict, ValidationFailed
from app.kit.registers.base import CHOICE, DATE, INT, TEXT, Field
from app.kit.registers.numbering import next_seq
from app.kit.workflow import Step, StepContext, StepResult, own, text, today
from app.services.actor import Actor
from app.services.settings import get_value
from db.models.documents import IncomingDocument, OutgoingDocument

FONDS_SETTING = "documents.fonds_no"  # 全宗号, assigned by the archive
ORG_SETTING = "documents.archive_org_code"  # optional 机构（问题）代码, e.g. BGS
_CODE = re.compile(r"^[A-Za-z0-9]{1,8}$")


@dataclass(frozen=True)
class ArchiveStamp:
    """The 归档章: 全宗号, 年度, 保管期限, 件号, 页数 (必备) and 机构（问题） (选择)."""

    fonds: str
    year: int
    retention: str
    item_no: int
    pages: int | None
    org: str
    archive_no: str


@dataclass(frozen=True)
class CatalogueRow:
    """One line of the 归档文件目录 (DA/T 22-2015): 序号, 档号, 文号, 责任者, 题名, 日期, 密级, 页数, 备注."""

    seq: int
    archive_no: str
    doc_number: str
    author: str
    title: str
    date8: str
    secret: str
    pages: str
    note: str


def archive_number(fonds: str, year: int, retention: str, item_no: int, org: str = "") -> str:
    parts = [fonds, f"WS·{year}", retention] + ([org] if org else []) + [f"{item_no:04d}"]
    return "-".join(parts)


def _retention(value: str) -> str:
    try:
        return Retention(value).value
    except ValueError:
        try:
            return Retention.from_label(value).value
        except ValueError:
            raise ValidationFailed({"retention": "保管期限应为：永久、定期30年、定期10年"}) from None


_READ_OPEN = (DocState.REGISTERED.value, DocState.PROPOSED.value, DocState.INSTRUCTED.value)
_FROM = {
    INCOMING.key: (DocState.DONE.value, *_READ_OPEN, DocState.CIRCULATING.value),
    OUTGOING.key: (OutState.ISSUED.value,),
}


def _archive_check(ctx: StepContext) -> dict[str, str]:
    obj = ctx.obj
    if ctx.workflow.key == INCOMING.key and obj.state != DocState.DONE.value:
        if obj.handling_kind != HandlingKind.READ.value:  # 阅件 are archived once read; 办件 once done
            current = DocState(obj.state).label
            raise Conflict(f"该文件当前状态为“{current}”，不能归档（办件须先办结）")
    fonds = ctx.values.get("fonds") or get_value(ctx.session, FONDS_SETTING, "") or ""
    if not fonds:
        return {"fonds": "请填写全宗号"}
    if not _CODE.match(fonds):
        return {"fonds": "全宗号应为1至8位字母或数字，如 J012"}
    org = ctx.values.get("org")
    org = (org if org else (get_value(ctx.session, ORG_SETTING, "") or "")).strip().upper()
    if org and not _CODE.match(org):
        return {"org": "机构（问题）代码应为字母或数字，如 BGS"}
    ctx.values["fonds"], ctx.values["org"] = fonds, org
    return {}


def _archive(ctx: StepContext) -> None:
    """The 件号 per 全宗/年度/期限/机构 (gapless, in the step's transaction) and the 归档章."""
    obj, v = ctx.obj, ctx.values
    code, day = v["retention"], v["archived_on"]
    year = obj.year or day.year
    item = next_seq(ctx.session, f"archive:{v['fonds']}:{code}:{v['org']}", year)
    number = archive_number(v["fonds"], year, code, item, v["org"])
    obj.archive_no, obj.retention, obj.archived_on = number, code, day
    pages = None
    if ctx.workflow.key == INCOMING.key:
        pages = v.get("pages") or obj.pages
        if pages:
            obj.pages = pages
    ctx.detail.update(archive_no=number, retention=Retention(code).label)
    ctx.output["stamp"] = ArchiveStamp(v["fonds"], year, Retention(code).label, item, pages, v["org"], number)


def archive_step(register: str) -> Step:
    """归档 of a 收文 (办结, or a 阅件 once read) or a 发文 (印发): 档号 and 归档章."""
    archived = DocState.ARCHIVED.value if register == INCOMING.key else OutState.ARCHIVED.value
    return Step(
        "archive",
        "归档",
        from_states=_FROM[register],
        to_state=archived,
        fields=(
            own(Field("retention", "保管期限", CHOICE, required=True, choices=Retention)),
            text("fonds", "全宗号", max_length=8, kind=TEXT, placeholder="已在系统设置中设置可不填"),
            text("org", "机构（问题）代码", max_length=8, kind=TEXT, placeholder="可不填"),
            *(
                (own(Field("pages", "页数", INT, min_value=1, max_value=99999)),)
                if register == INCOMING.key
                else ()
            ),
            own(Field("archived_on", "归档日期", DATE), default=today),
        ),
        validate=_archive_check,
        effect=_archive,
        action="归档（办件须先办结）" if register == INCOMING.key else "归档（须先印发）",
    )


class ArchiveService:
    def __init__(self, services: Any) -> None:
        self.flow = services.workflow
        self.db = services.db

    def archive(
        self,
        actor: Actor,
        register: str,
        record_id: int,
        retention: str,
        *,
        fonds: str = "",
        org: str | None = None,
        pages: Any = None,
        archived_on: Any = None,
    ) -> tuple[StepResult, ArchiveStamp]:
        if register not in _FROM:
            raise ValidationFailed({"register": "只有收文和发文可以在此归档"})
        raw = {"retention": retention, "fonds": fonds, "org": org, "archived_on": archived_on}
        if register == INCOMING.key:
            raw["pages"] = pages
        result = self.flow.run(actor, register, record_id, "archive", raw)
        return result, result.output["stamp"]

    def catalogue(self, actor: Actor, year: int, retention: str | None = None) -> list[CatalogueRow]:
        """The 归档文件目录 of one year (optionally one 保管期限), in 档号 order, 收文 and 发文 together."""
        actor.require_role(*INCOMING.read_roles, action="查看归档文件目录")
        code = _retention(retention) if retention else None
        visible = SecretLevel.levels_up_to(actor.clearance)
        rows: list[tuple[str, str, str, str, date | None, str, Any, str]] = []
        with self.db.read() as s:
            for m in (IncomingDocument, OutgoingDocument):
                q = select(m).where(
                    m.archive_no != "", m.voided.is_(False), m.year == year, m.secret_level.in_(visible)
                )
                if code:
                    q = q.where(m.retention == code)
                for o in s.scalars(q):
                    if m is IncomingDocument:
                        when = o.received_at.date() if o.received_at else None
                        rows.append(
                            (
                                o.archive_no,
                                o.sender_number,
                                o.sender,
                                o.title,
                                when,
                                o.secret_level,
                                o.pages,
                                o.note[:40],
                            )
                        )
                    else:
                        rows.append(
                            (
                                o.archive_no,
                                o.number,
                                o.issuer,
                                o.title,
                                o.written_on or o.signed_on,
                                o.secret_level,
                                None,
                                o.note[:40],
                            )
                        )
        rows.sort(key=lambda r: r[0])
        return [
            CatalogueRow(
                i,
                no,
                num or "",
                author or "",
                title,
                d.strftime("%Y%m%d") if d else "",
                SecretLevel(level).label if SecretLevel(level).is_classified else "",
                str(pages) if pages else "",
                note or "",
            )
            for i, (no, num, author, title, d, level, pages, note) in enumerate(rows, start=1)
        ]

"""归档 per DA/T 22-2015: 档号 全宗号-WS·年度-保管期限[-机构]-件号 (件号 4 digits, per 全宗/年度/期限/机构),
the 归档章 fields, and the rows of the 归档文件目录 for both 收文 and 发文."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from app.areas.documents.common import DocumentsBase, StepResult, as_date, text_arg
from app.areas.documents.registers import INCOMING, OUTGOING, DocState, HandlingKind, OutState, Retention
from app.domain.enums import SecretLevel
from app.domain.errors import ValidationFailed
from app.kit.registers.numbering import next_seq
from app.kit.registers.service import RegisterService
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


class ArchiveService:
    def __init__(self, registers: RegisterService) -> None:
        self.registers = registers
        self.db = registers.db
        self._bases = {
            INCOMING.key: DocumentsBase(registers, INCOMING),
            OUTGOING.key: DocumentsBase(registers, OUTGOING),
        }

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
        if register not in self._bases:
            raise ValidationFailed({"register": "只有收文和发文可以在此归档"})
        base = self._bases[register]
        code = _retention(retention)
        day = as_date(archived_on, "archived_on", "归档日期", required=False) or date.today()
        page_count = None
        if pages not in (None, ""):
            try:
                page_count = int(str(pages))
                if not 1 <= page_count <= 99999:
                    raise ValueError
            except ValueError:
                raise ValidationFailed({"pages": "页数应为正整数"}) from None
        with self.db.write() as s:
            obj = base.load_for_write(s, actor, record_id, "归档")
            if register == INCOMING.key:
                allowed = [DocState.DONE.value]
                if obj.handling_kind == HandlingKind.READ.value:  # 阅件 are archived once read
                    allowed += [
                        DocState.REGISTERED.value,
                        DocState.PROPOSED.value,
                        DocState.INSTRUCTED.value,
                        DocState.CIRCULATING.value,
                    ]
                base.require_state(obj, tuple(allowed), "归档（办件须先办结）", DocState)
                page_count = page_count or obj.pages
            else:
                base.require_state(obj, (OutState.ISSUED.value,), "归档（须先印发）", OutState)
            fonds_no = text_arg(
                fonds or get_value(s, FONDS_SETTING, "") or "", "fonds", "全宗号", max_length=8
            )
            if not _CODE.match(fonds_no):
                raise ValidationFailed({"fonds": "全宗号应为1至8位字母或数字，如 J012"})
            org_code = (org if org is not None else (get_value(s, ORG_SETTING, "") or "")).strip().upper()
            if org_code and not _CODE.match(org_code):
                raise ValidationFailed({"org": "机构（问题）代码应为字母或数字，如 BGS"})
            year = obj.year or day.year
            item = next_seq(s, f"archive:{fonds_no}:{code}:{org_code}", year)
            number = archive_number(fonds_no, year, code, item, org_code)
            obj.archive_no, obj.retention, obj.archived_on = number, code, day
            obj.state = DocState.ARCHIVED.value if register == INCOMING.key else OutState.ARCHIVED.value
            if register == INCOMING.key and page_count:
                obj.pages = page_count
            base.record_step(
                s, actor, obj, "archive", {"archive_no": number, "retention": Retention(code).label}
            )
            rec = base.finish_write(s, obj)
        return StepResult(rec), ArchiveStamp(
            fonds_no, year, Retention(code).label, item, page_count, org_code, number
        )

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

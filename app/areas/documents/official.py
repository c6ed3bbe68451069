"""The 发文 (outgoing) record as its own official document: the 发文登记 record mapped onto an
OfficialDocument (plain data), which app.printing.layouts.OFFICIAL writes as an editable .docx in the
GB/T 9704 layout — 文件格式, or 信函格式 for a 函 (unless the user picks the other one). Data comes
through the register service, so roles and clearance are checked and viewing a classified record is
audited."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from app.domain.enums import DocType, SecretLevel, Urgency
from app.domain.errors import ValidationFailed
from app.kit.registers.base import Record
from app.printing.gbt9704 import FILE, LETTER, OfficialDocument, Para
from app.services import office_settings

if TYPE_CHECKING:
    from app.services.container import Services

# the office's letterhead settings, shared with other areas' 公文 (会议通知)
ISSUER_MARK_SETTING, ISSUER_MARK = office_settings.ISSUER_MARK_SETTING, office_settings.DEFAULT_ISSUER_MARK
ORGAN_SETTING, ORGAN = office_settings.ORGAN_SETTING, office_settings.DEFAULT_ORGAN  # 印发机关, default 署名
UPWARD = (DocType.REQUEST.value, DocType.REPORT.value)  # 上行文: 请示, 报告 carry 签发人

_LIST_SPLIT = re.compile(r"[、，,；;\n]+")
_HEADING_LEVELS = (
    (1, re.compile(r"^[一二三四五六七八九十百]+、")),
    (2, re.compile(r"^[（(][一二三四五六七八九十百]+[）)]")),
    (3, re.compile(r"^\d+[.．](?!\d)")),
    (4, re.compile(r"^[（(]\d+[）)]")),
)
_ATTACHMENT_HEAD = re.compile(r"^\s*(附件\s*[:：]?\s*)?(\d+\s*[.．、]\s*)?")


def body_paragraphs(text: str) -> tuple[Para, ...]:
    """正文 as typed: one paragraph per line; a line opening with 一、（一）1.（1） is a heading of that
    level (its font follows the level); the author's indentation is dropped (the layout indents 2 字)."""
    out: list[Para] = []
    for line in (text or "").splitlines():
        line = line.strip().strip("\u3000").strip()
        if not line:
            continue
        level = next((lv for lv, pattern in _HEADING_LEVELS if pattern.match(line)), 0)
        out.append(Para(line, level))
    return tuple(out)


def attachment_names(text: str) -> tuple[str, ...]:
    """附件说明 lines without "附件：", their own numbers and trailing punctuation (the layout adds them)."""
    names = []
    for line in (text or "").splitlines():
        name = _ATTACHMENT_HEAD.sub("", line.strip()).strip().rstrip("。.；;，,")
        if name:
            names.append(name)
    return tuple(names)


def split_names(text: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in _LIST_SPLIT.split(text or "") if n.strip())


def default_layout(doc_type: str | None) -> str:
    return LETTER if doc_type == DocType.LETTER.value else FILE


def letter_mark(mark: str) -> str:
    """信函格式 carries the organ's name without "文件"."""
    return mark[:-2] if mark.endswith("文件") and len(mark) > 2 else mark


def official_document(
    rec: Mapping[str, Any] | Record, settings: Mapping[str, str], layout: str | None = None
) -> OfficialDocument:
    """Map a 发文 record (field name → value) onto the GB/T 9704 elements."""
    layout = layout or default_layout(rec["doc_type"])
    if layout not in (FILE, LETTER):
        raise ValidationFailed({"layout": "版式应为“文件”或“信函”"})
    organ = settings.get(ORGAN_SETTING) or ORGAN
    mark = (rec["issuer_mark"] or settings.get(ISSUER_MARK_SETTING) or ISSUER_MARK).strip()
    if layout == LETTER:
        mark = letter_mark(mark)
    level = SecretLevel(rec["secret_level"] or SecretLevel.NONE.value)
    urgency = rec["urgency"] if rec["urgency"] in (Urgency.URGENT.value, Urgency.EXTRA_URGENT.value) else None
    return OfficialDocument(
        issuer_mark=mark,
        title=rec["title"] or "",
        body=body_paragraphs(rec["body"]),
        doc_number=rec["number"] or "",
        # 份号 of the first copy of the print run; each printed copy then carries its own
        copy_number=f"{rec['copy_from']:06d}" if rec["copy_from"] else "",
        secret_level=level.label if level.is_classified else "",
        secret_period=(rec["secret_period"] or "") if level.is_classified else "",
        urgency=Urgency(urgency).label if urgency else "",
        signers=split_names(rec["signer"]) if rec["doc_type"] in UPWARD else (),
        main_recipients=(rec["main_to"] or "").strip(),
        attachments=attachment_names(rec["attachments"]),
        issuer_signature=(rec["issuer"] or organ).strip(),
        date=rec["written_on"] or rec["signed_on"],
        note=(rec["note"] or "").strip(),
        cc=split_names(rec["cc"]),
        printed_by_org=organ,
        printed_on=rec["issued_on"],
        layout=layout,
    )


def _settings(services: Services) -> dict[str, str]:
    from app.services.settings import get_value

    with services.db.read() as s:
        return {key: get_value(s, key) or "" for key in (ISSUER_MARK_SETTING, ORGAN_SETTING)}


def collect_document(
    services: Services, actor: Any, record_id: int, layout: str | None = None
) -> OfficialDocument:
    """公文正本 of a 发文 record, in the layout its 文种 calls for unless ``layout`` says otherwise."""
    rec = services.registers.get(actor, "outgoing", record_id)
    return official_document(rec, _settings(services), layout)


def collect_file_format(services: Services, actor: Any, record_id: int) -> OfficialDocument:
    return collect_document(services, actor, record_id, FILE)


def collect_letter_format(services: Services, actor: Any, record_id: int) -> OfficialDocument:
    return collect_document(services, actor, record_id, LETTER)

"""The 收发文 forms — 收文处理单, 文件传阅单, 催办单, 发文稿纸, 归档文件目录 (and the 公文正本 of official.py),
declared as FORMS. Each collector fetches its data through the services, so roles and clearance are
checked (classified views audited), and returns the filled-in form as plain data (app.printing.layout);
the print service writes it as PDF or Word with app.printing.layouts and audits the printout."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from app.areas.documents.official import collect_document, collect_file_format, collect_letter_format
from app.areas.documents.registers import HandlingKind, PublicAttr
from app.areas.documents.service import SERVICE
from app.domain.enums import DocType, SecretLevel, Urgency
from app.kit.area import FormSpec
from app.printing.layout import FieldRow, FormLayout, FormPrintout, SignatureLine, TableSection, TextBox
from app.printing.layout import FormField as F
from app.printing.layouts import FORM, OFFICIAL
from app.printing.meta import PrintMeta

if TYPE_CHECKING:
    from app.services.container import Services

ORGAN = "中共××县委办公室"
ORGAN_SETTING = "documents.organ_name"


def _d(value: date | datetime | None, with_time: bool = False) -> str:
    if value is None:
        return ""
    if with_time and isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    return f"{value.year}年{value.month}月{value.day}日"


def _label(enum: Any, value: Any) -> str:
    try:
        return enum(value).label if value else ""
    except ValueError:
        return str(value)


def _level(rec: Any) -> str:
    level = SecretLevel(rec["secret_level"] or "none")
    return level.label + (f"★{rec['secret_period']}" if level.is_classified and rec["secret_period"] else "")


def _meta(actor: Any, rec: Any) -> PrintMeta:
    return PrintMeta.for_actor(actor, rec["secret_level"], rec["secret_period"])


def _organ(services: Services) -> str:
    from app.services.office_settings import organ_name

    return organ_name(services)


def _head(rec: Any) -> tuple[FieldRow, ...]:
    return (
        FieldRow((F("来文机关", rec["sender"]), F("来文字号", rec["sender_number"]))),
        FieldRow((F("收文日期", _d(rec["received_at"], True)), F("密级", _level(rec)))),
        FieldRow(
            (
                F("紧急程度", _label(Urgency, rec["urgency"])),
                F("份数/份号", f"{rec['copies'] or ''}份 {rec['copy_numbers'] or ''}".strip()),
            )
        ),
        FieldRow((F("文件标题", rec["title"], span=2),), min_height_mm=14),
    )


def _instructions(services: Services, actor: Any, record_id: int) -> str:
    rows = services.service(SERVICE).incoming.instructions(actor, record_id)
    return "\n".join(f"{i.text}　　{i.leader}　{_d(i.given_on)}" for i in rows)


def collect_slip(services: Services, actor: Any, record_id: int) -> FormPrintout:
    """收文处理单 (routing slip)."""
    rec = services.registers.get(actor, "incoming", record_id)
    layout = FormLayout(
        title=f"{_organ(services)}收文处理单",
        header_left=f"收文编号：{rec['number']}",
        header_right=_label(HandlingKind, rec["handling_kind"]),
        sections=(
            *_head(rec),
            FieldRow((F("成文日期", _d(rec["written_on"])), F("页数", str(rec["pages"] or "")))),
            FieldRow((F("附件", rec["attachments"], span=2),)),
            TextBox(
                "拟办意见",
                rec["proposal"],
                min_height_mm=30,
                sign=f"拟办人：{rec['proposal_by'] or '　　　　'}　{_d(rec['proposal_on']) or '　　年　月　日'}",
            ),
            TextBox("领导批示", _instructions(services, actor, record_id), min_height_mm=60),
            FieldRow((F("主办单位", rec["lead_unit"]), F("办理期限", _d(rec["due_on"])))),
            FieldRow((F("协办单位", rec["assist_units"], span=2),)),
            TextBox(
                "办理结果",
                rec["result"],
                min_height_mm=25,
                sign=f"办结日期：{_d(rec['done_on']) or '　　年　月　日'}",
            ),
            FieldRow((F("备注", rec["note"], span=2),)),
        ),
        after=(SignatureLine((f"签收人：{rec['received_by']}", f"归档号：{rec['archive_no']}")),),
        footer_note="注：涉密文件阅后当日退回，不得横传、复制。"
        if SecretLevel(rec["secret_level"]).is_classified
        else "",
    )
    return FormPrintout(layout, _meta(actor, rec))


def collect_circulation(services: Services, actor: Any, record_id: int) -> FormPrintout:
    """文件传阅单: the reading order, and for each hand-off when it went out and came back and what was written."""
    rec = services.registers.get(actor, "incoming", record_id)
    copies = services.service(SERVICE).copies.copies(actor, "incoming", record_id)
    reads = [
        (
            c.copy_no,
            st.reader,
            _d(st.sent_at, True),
            _d(st.taken_back_at, True),
            st.remark if st.remark_kind == "instruction" else st.remark_label,
        )
        for c in copies
        for st in c.steps
    ]
    planned = [n for n in (rec["readers"] or "").split("、") if n]
    done = {r[1] for r in reads}
    reads += [("", n, "", "", "") for n in planned if n not in done]
    layout = FormLayout(
        title=f"{_organ(services)}文件传阅单",
        header_left=f"收文编号：{rec['number']}",
        header_right=f"传阅范围：{rec['readers']}" if rec["readers"] else "",
        sections=(
            *_head(rec),
            TextBox("拟办意见", rec["proposal"], min_height_mm=20),
            TableSection(
                "传阅情况",
                ("份号", "阅件人", "送阅时间", "退回时间", "阅批意见"),
                tuple(reads),
                widths=(0.8, 1, 1.3, 1.3, 2.6),
                min_rows=max(6, len(reads)),
            ),
            TextBox("办理结果", rec["result"], min_height_mm=18),
        ),
        after=(SignatureLine(("传阅人：　　　　", "日期：　　年　月　日")),),
        footer_note="注：文件传阅一律经办公室送阅、收回，不得横传；涉密文件当日退回。",
    )
    return FormPrintout(layout, _meta(actor, rec))


def collect_urge(services: Services, actor: Any, record_id: int) -> FormPrintout:
    """催办单: the document, its deadline and handling unit, and every 催办 made so far."""
    rec = services.registers.get(actor, "incoming", record_id)
    urges = services.service(SERVICE).incoming.urges(actor, record_id)
    rows = tuple((_d(u.urged_on), u.method_label, u.target, u.person, u.note) for u in urges)
    overdue = (
        rec["due_on"] is not None
        and rec["due_on"] < date.today()
        and rec["state"] not in ("done", "archived", "returned")
    )
    layout = FormLayout(
        title=f"{_organ(services)}催办单",
        header_left=f"收文编号：{rec['number']}",
        header_right="已超期" if overdue else "",
        sections=(
            *_head(rec),
            FieldRow((F("主办单位", rec["lead_unit"]), F("办理期限", _d(rec["due_on"])))),
            TextBox("领导批示", _instructions(services, actor, record_id), min_height_mm=30),
            TableSection(
                "催办记录",
                ("日期", "方式", "被催办单位", "催办人", "情况"),
                rows,
                widths=(1.1, 1, 1.4, 0.9, 2.6),
                min_rows=max(4, len(rows)),
            ),
            TextBox(
                "承办单位反馈",
                rec["result"],
                min_height_mm=30,
                sign="承办单位（盖章）：　　　　　　年　月　日",
            ),
        ),
        after=(SignatureLine(("催办人：　　　　", "联系电话：　　　　　", "日期：　　年　月　日")),),
        footer_note="注：请承办单位于收到本单后按期反馈办理情况。",
    )
    return FormPrintout(layout, _meta(actor, rec))


def collect_draft(services: Services, actor: Any, record_id: int) -> FormPrintout:
    """发文稿纸 (draft cover sheet): 拟稿, 核稿, 会签, 签发, 复核 and the 印发 particulars."""
    rec = services.registers.get(actor, "outgoing", record_id)
    public = _label(PublicAttr, rec["public_attr"])
    if rec["public_attr"] and rec["public_attr"] != "public" and rec["nonpublic_reason"]:
        public += f"（{rec['nonpublic_reason']}）"
    copies = f"{rec['print_copies'] or ''}份"
    if rec["copy_from"]:
        copies += f"（{rec['copy_from']:06d}—{rec['copy_to']:06d}）"
    layout = FormLayout(
        title=f"{_organ(services)}发文稿纸",
        header_left=f"发文字号：{rec['number'] or '（签发后编号）'}",
        header_right=f"稿号：{rec['draft_no']}" if rec["draft_no"] else "",
        sections=(
            TextBox(
                "签发",
                rec["sign_opinion"],
                min_height_mm=30,
                sign=f"签发人：{rec['signer'] or '　　　　'}　{_d(rec['signed_on']) or '　　年　月　日'}",
            ),
            TextBox("会签", rec["countersign"], min_height_mm=18),
            FieldRow(
                (
                    F("核稿", f"{rec['checker']} {rec['check_opinion']}".strip()),
                    F("复核", f"{rec['reviewer']} {rec['review_opinion']}".strip()),
                )
            ),
            FieldRow(
                (
                    F("拟稿单位", rec["drafting_unit"]),
                    F("拟稿人", f"{rec['drafter']} {_d(rec['drafted_on'])}"),
                )
            ),
            FieldRow(
                (F("文种", _label(DocType, rec["doc_type"])), F("紧急程度", _label(Urgency, rec["urgency"])))
            ),
            FieldRow((F("密级", _level(rec)), F("公开属性", public))),
            FieldRow((F("标题", rec["title"], span=2),), min_height_mm=14),
            FieldRow((F("主送", rec["main_to"], span=2),), min_height_mm=14),
            FieldRow((F("抄送", rec["cc"], span=2),)),
            FieldRow((F("内部分发", rec["internal"], span=2),)),
            FieldRow((F("附件", rec["attachments"], span=2),)),
            FieldRow((F("成文日期", _d(rec["written_on"])), F("印发日期", _d(rec["issued_on"])))),
            FieldRow((F("印制份数", copies), F("附注", rec["note"]))),
        ),
        after=(
            SignatureLine(("校对：　　　　", "用印：　　　　", "归档：" + (rec["archive_no"] or "　　　　"))),
        ),
        footer_note="注：签发后如需作实质性修改，应退回签发人重新签发。",
    )
    return FormPrintout(layout, _meta(actor, rec))


def collect_catalogue(
    services: Services, actor: Any, year: int, retention: str | None = None
) -> FormPrintout:
    """归档文件目录 (DA/T 22-2015): 序号, 档号, 文号, 责任者, 题名, 日期, 密级, 页数, 备注."""
    rows = services.service(SERVICE).archive.catalogue(actor, year, retention)
    top = max(
        (SecretLevel.from_label(r.secret) for r in rows if r.secret),
        key=lambda lv: lv.rank,
        default=SecretLevel.NONE,
    )
    data = tuple(
        (str(r.seq), r.archive_no, r.doc_number, r.author, r.title, r.date8, r.secret, r.pages, r.note)
        for r in rows
    )
    layout = FormLayout(
        title="归档文件目录",
        header_left=f"年度：{year}",
        header_right=f"保管期限：{retention or '全部'}　共{len(rows)}件",
        sections=(
            TableSection(
                "",
                ("序号", "档号", "文号", "责任者", "题名", "日期", "密级", "页数", "备注"),
                data,
                widths=(0.5, 2.9, 2.0, 1.7, 3.3, 1.3, 0.6, 0.5, 0.7),
                min_rows=max(1, len(data)),
                row_height_mm=8,
            ),
        ),
        label_width_mm=8,
        landscape=True,
    )
    meta = PrintMeta.for_actor(actor, top.value, None, running_title=f"{year}年度归档文件目录")
    return FormPrintout(layout, meta)


FORMS: tuple[FormSpec[Any], ...] = (
    FormSpec("incoming", "slip", "收文处理单", collect_slip, FORM),
    FormSpec("incoming", "circulation", "文件传阅单", collect_circulation, FORM),
    FormSpec("incoming", "urge", "催办单", collect_urge, FORM),
    FormSpec("outgoing", "draft", "发文稿纸", collect_draft, FORM),
    # the outgoing document itself, GB/T 9704, editable in Word: 信函格式 for a 函, else 文件格式 ...
    FormSpec("outgoing", "document", "公文正本", collect_document, OFFICIAL),
    # ... unless the user picks the other one
    FormSpec("outgoing", "document_file", "公文正本（文件格式）", collect_file_format, OFFICIAL),
    FormSpec("outgoing", "document_letter", "公文正本（信函格式）", collect_letter_format, OFFICIAL),
    # DA/T 22-2015 归档文件目录 of one year, 收文 and 发文 together (RECORD = the year)
    FormSpec("incoming", "catalogue", "归档文件目录", collect_catalogue, FORM, scope="year"),
    FormSpec("outgoing", "catalogue", "归档文件目录", collect_catalogue, FORM, scope="year"),
)

"""The telegram forms — 阅电单 (reading slip), 清退单 (return list), 销毁清册 (destruction list) — declared
as FORMS. Each collector fetches its data through the services, so roles and clearance are checked, and
returns the filled-in form as plain data (app.printing.layout); the print service writes and audits it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.areas.telegrams.registers import CIPHER, INCOMING
from app.domain.enums import SecretLevel, TelegramPriority
from app.domain.secrecy import marking
from app.kit.area import FormSpec
from app.printing.layout import FieldRow, FormLayout, FormPrintout, SignatureLine, TableSection, TextBox
from app.printing.layout import FormField as F
from app.printing.layouts import FORM
from app.printing.meta import PrintMeta
from app.services.office_settings import organ_name

if TYPE_CHECKING:
    from app.services.container import Services

Collector = Callable[["Services", Any, int], FormPrintout]


def _t(value: datetime | None) -> str:
    return f"{value:%m-%d %H:%M}" if value else ""


def _level(rec: Any) -> str:
    return SecretLevel(rec["secret_level"] or "none").label


def _meta(actor: Any, rec: Any) -> PrintMeta:
    return PrintMeta(
        actor.name, marking=marking(SecretLevel(rec["secret_level"] or "none"), rec["secret_period"])
    )


def _head(reg: Any, rec: Any) -> tuple[FieldRow, ...]:
    incoming = reg.key in INCOMING
    rows = [
        FieldRow(
            (F("来电单位" if incoming else "发往单位", rec["counterpart"]), F("部门号", rec["dept_no"]))
        ),
        FieldRow(
            (
                F("等级", TelegramPriority(rec["priority"]).label),
                F("密级", _level(rec) + (f"★{rec['secret_period']}" if rec["secret_period"] else "")),
            )
        ),
    ]
    if reg.key in CIPHER:
        rows.append(FieldRow((F("总号", rec["total_no"]), F("译传号", rec["relay_no"]))))
    rows += [
        FieldRow(
            (
                F("收电时间" if incoming else "发电时间", f"{rec['at']:%Y-%m-%d %H:%M}" if rec["at"] else ""),
                F("页数/份数", f"{rec['pages'] or ''}页 / {rec['copies_count'] or ''}份"),
            )
        ),
        FieldRow((F("标题", rec["title"], span=2),), min_height_mm=14),
    ]
    return tuple(rows)


def _load(services: Services, actor: Any, register: str, record_id: int) -> tuple[Any, Any, list]:
    reg = services.catalog.get(register)
    rec = services.registers.get(actor, register, record_id)  # role + clearance; classified views audited
    return reg, rec, services.copies.copies(actor, register, record_id)


def reading_slip(register: str) -> Collector:
    def collect(services: Services, actor: Any, record_id: int) -> FormPrintout:
        reg, rec, copies = _load(services, actor, register, record_id)
        reads = [
            (
                c.copy_no,
                st.reader,
                _t(st.sent_at),
                _t(st.taken_back_at),
                st.remark if st.remark_kind == "instruction" else st.remark_label,
            )
            for c in copies
            for st in c.steps
        ]
        layout = FormLayout(
            title=f"{organ_name(services)}阅电单",
            header_left=f"登记号：{rec['number']}",
            header_right=f"{reg.title}",
            sections=(
                *_head(reg, rec),
                TextBox("批办", rec["instructions"], min_height_mm=22),
                TextBox("领导批示", rec["leader_remarks"], min_height_mm=30),
                TableSection(
                    "阅电情况",
                    ("份号", "阅电人", "送阅时间", "退回时间", "阅批"),
                    tuple(reads),
                    widths=(0.8, 1, 1, 1, 3),
                    min_rows=max(4, len(reads)),
                ),
                TextBox("办理结果", rec["result"], min_height_mm=18),
                FieldRow(
                    (
                        F("承办单位", rec["handler_unit"]),
                        F("清退", "已清退" if copies and all(c.returned_at for c in copies) else ""),
                    )
                ),
            ),
            after=(SignatureLine(("机要员：　　　　", "日期：　　年　月　日")),),
            footer_note="注：密码电报只在机要阅文室阅读，不得复制、摘抄，阅后当日退回，严禁密电明复。"
            if reg.key in CIPHER
            else "注：阅电后请即退回，不得横传。",
        )
        return FormPrintout(layout, _meta(actor, rec))

    return collect


def return_list(register: str) -> Collector:
    def collect(services: Services, actor: Any, record_id: int) -> FormPrintout:
        reg, rec, copies = _load(services, actor, register, record_id)
        rows = tuple(
            (
                c.copy_no,
                c.signed_by,
                c.returned_by,
                c.received_by,
                f"{c.returned_at:%Y-%m-%d %H:%M}" if c.returned_at else "",
                f"{c.due_back:%m-%d %H:%M}" if c.due_back else "",
                c.status + ("（超期）" if c.overdue else ""),
            )
            for c in copies
        )
        layout = FormLayout(
            title=f"{organ_name(services)}电报清退单",
            header_left=f"登记号：{rec['number']}",
            header_right=reg.title,
            sections=(
                *_head(reg, rec),
                TableSection(
                    "清退情况",
                    ("份号", "签收人", "清退人", "接收人", "清退时间", "应退时间", "状态"),
                    rows,
                    widths=(0.8, 1, 1, 1.2, 1.4, 1.1, 1.2),
                    min_rows=max(3, len(rows)),
                ),
            ),
            after=(SignatureLine(("清退人：　　　　", "接收人：　　　　", "日期：　　年　月　日")),),
            footer_note="注：涉密电报清退须当面清点份号，接收人签字。",
        )
        return FormPrintout(layout, _meta(actor, rec))

    return collect


def destruction_layout(info: Any, organ: str) -> FormLayout:
    rows = tuple(
        (
            str(i),
            c.record_number,
            c.record_title,
            c.copy_no,
            f"{c.returned_at:%Y-%m-%d}" if c.returned_at else "",
        )
        for i, c in enumerate(info.copies, 1)
    )
    return FormLayout(
        title=f"{organ}涉密载体销毁清册",
        header_left=f"清册编号：{info.number}",
        header_right=f"销毁日期：{info.destroyed_on:%Y年%m月%d日}",
        landscape=True,
        columns=2,
        sections=(
            FieldRow((F("造册人", info.listed_by), F("批准人", info.approver))),
            FieldRow((F("监销人", "、".join(info.witnesses)), F("销毁方式", info.method))),
            TableSection(
                "销毁清单",
                ("序号", "登记号", "标题", "份号", "清退日期"),
                rows,
                widths=(0.5, 1.6, 4, 0.8, 1.2),
                min_rows=max(3, len(rows)),
            ),
            TextBox("备注", info.note, min_height_mm=14),
        ),
        after=(
            SignatureLine((f"共 {len(rows)} 份", "批准人：　　　　", "监销人：　　　　", "监销人：　　　　")),
        ),
        footer_note="注：销毁记录长期保存，不随载体销毁；销毁后的份号仍留在登记簿上。",
    )


def _batch_meta(services: Services, actor: Any, info: Any) -> PrintMeta:
    """Marked with the highest 密级 among the listed copies' records (their titles are printed)."""
    records = {(c.register, c.record_id) for c in info.copies}
    levels = [SecretLevel(services.registers.get(actor, k, i)["secret_level"] or "none") for k, i in records]
    top = max(levels, key=lambda lv: lv.rank, default=SecretLevel.NONE)
    return PrintMeta(actor.name, marking=marking(top))


def collect_destruction(services: Services, actor: Any, batch_id: int) -> FormPrintout:
    """销毁清册 of one batch (checked by the copies service: every listed copy must be visible)."""
    info = services.copies.destruction(actor, batch_id)
    return FormPrintout(destruction_layout(info, organ_name(services)), _batch_meta(services, actor, info))


def render_destruction(services: Services, actor: Any, batch_id: int, out: Path, fmt: str = "pdf") -> Path:
    """销毁清册 of one batch as a file, audited by the print service as a print of the batch."""
    info = services.copies.destruction(actor, batch_id)
    data = FormPrintout(destruction_layout(info, organ_name(services)), _batch_meta(services, actor, info))
    return services.printing.render_printout(
        actor,
        FORM,
        data,
        out,
        fmt=fmt,
        object_type="destruction_batches",
        object_id=batch_id,
        detail={"form": "destruction", "number": info.number},
    )


def destruction_list(register: str) -> Collector:
    """As a form of a telegram: the 销毁清册 of the batch that destroyed its copies."""

    def collect(services: Services, actor: Any, record_id: int) -> FormPrintout:
        from app.domain.errors import Conflict

        _reg, _rec, copies = _load(services, actor, register, record_id)
        batch_ids = sorted({c.destruction_id for c in copies if c.destruction_id})
        if not batch_ids:
            raise Conflict("这份电报还没有销毁记录")
        return collect_destruction(services, actor, batch_ids[-1])

    return collect


FORMS: tuple[FormSpec[FormPrintout], ...] = tuple(
    FormSpec(key, form_key, title, factory(key), FORM)
    for key in ("plain_in", "plain_out", "cipher_in", "cipher_out")
    for form_key, title, factory in (
        ("reading", "阅电单", reading_slip),
        ("return", "清退单", return_list),
        ("destruction", "销毁清册", destruction_list),
    )
)

"""The 来访接待 printouts: 来信/来访登记表, 转送/交办单, 受理告知书, 不予受理告知书 and 答复意见书 (Word,
editable; PDF too) and the 公务接待 接待清单 (PDF, ready for signature). Each collector reads through the
services (roles checked, the view audited, ID numbers masked for users without the 信访接待 role)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from app.areas.reception.registers import (
    PETITIONS,
    RECEPTIONS,
    Channel,
    Handling,
    ReplyResult,
)
from app.areas.reception.report import collect_year
from app.areas.reception.service import SERVICE
from app.areas.reception.standards import COSTS_LABELS, allowed, standards_in
from app.kit.area import FormSpec
from app.printing.layout import FieldRow, FormLayout, FormPrintout, SignatureLine, TableSection, TextBox
from app.printing.layout import FormField as F
from app.printing.layouts import FORM
from app.printing.meta import PrintMeta
from app.printing.report import REPORT
from app.services.office_settings import organ_name

if TYPE_CHECKING:
    from app.services.container import Services

Collector = Callable[["Services", Any, int], FormPrintout]


def _d(value: date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else "　　年　月　日"


def _label(enum: Any, value: Any) -> str:
    try:
        return enum(value).label if value else ""
    except ValueError:
        return str(value)


def _petition(services: Services, actor: Any, record_id: int) -> Any:
    return services.registers.get(actor, PETITIONS, record_id)  # role checked, view audited, masked


def _who(rec: Any) -> tuple[FieldRow, ...]:
    return (
        FieldRow((F("信访人", rec["petitioner"]), F("人数", str(rec["persons"] or 1)))),
        FieldRow((F("身份证号", rec["id_number"]), F("联系电话", rec["phone"]))),
        FieldRow((F("住址", rec["address"], span=2),)),
        FieldRow((F("属地", f"{rec['township']}{rec['village']}"), F("问题类别", rec["category"] or ""))),
    )


def registration_form(services: Services, actor: Any, record_id: int) -> FormPrintout:
    rec = _petition(services, actor, record_id)
    kind = "来访" if rec["channel"] == Channel.VISIT.value else "来信"
    rows: list[Any] = [
        FieldRow((F("登记日期", _d(rec["registered_on"])), F("渠道", rec["channel"] or ""))),
        *_who(rec),
    ]
    if rec["representatives"]:
        rows.append(FieldRow((F("代表", rec["representatives"], span=2),)))
    if rec["source_organ"]:
        rows.append(FieldRow((F("来源机关", rec["source_organ"]), F("转办交办编号", rec["source_no"]))))
    rows += [
        FieldRow((F("反映问题", rec["summary"], span=2),), min_height_mm=14),
        TextBox("事实与请求", rec["facts"], min_height_mm=60),
        TextBox("拟办意见", "", min_height_mm=30, sign="签名：　　　　　年　月　日"),
        TextBox("领导批示", "", min_height_mm=30),
    ]
    if rec["repeat_of"]:
        rows.append(FieldRow((F("重复信访", f"原件{rec['repeat_of']}", span=2),)))
    layout = FormLayout(
        title=f"{organ_name(services)}{kind}登记表",
        header_left=f"编号：{rec['number']}",
        header_right=_d(rec["registered_on"]),
        sections=tuple(rows),
        after=(SignatureLine((f"登记人：{rec['created_by'] or ''}", "审核：")),),
    )
    return FormPrintout(layout, PrintMeta(actor.name))


def transfer_form(services: Services, actor: Any, record_id: int) -> FormPrintout:
    rec = _petition(services, actor, record_id)
    how = rec["handling"] or ""
    title = "交办单" if how == Handling.ASSIGN.value else "转送单"
    due = rec["due_on"] if rec["due_what"] == "办理答复" else None
    text = (
        f"现将{rec['petitioner']}反映的“{rec['summary']}”问题{how or '转送'}你单位，"
        "请按照《信访工作条例》规定依法依规处理，"
        + (f"并于{_d(due)}前将办理结果（办结报告）报送我办。" if due else "并及时将办理情况告知信访人。")
    )
    layout = FormLayout(
        title=f"{organ_name(services)}信访事项{title}",
        header_left=f"编号：{rec['number']}",
        header_right=_d(rec["accepted_on"]),
        sections=(
            FieldRow((F("承办单位", rec["handler_unit"], span=2),)),
            FieldRow((F("信访人", rec["petitioner"]), F("人数", str(rec["persons"] or 1)))),
            FieldRow((F("登记日期", _d(rec["registered_on"])), F("办理时限", _d(due) if due else ""))),
            FieldRow((F("反映问题", rec["summary"], span=2),), min_height_mm=14),
            TextBox("事实与请求", rec["facts"], min_height_mm=50),
            TextBox(f"{title}意见", text, min_height_mm=35, sign="（盖章）　　年　月　日"),
            TextBox("办理结果", "", min_height_mm=35),
        ),
        after=(SignatureLine(("经办人：", "签收人：", "签收日期：　　年　月　日")),),
    )
    return FormPrintout(layout, PrintMeta(actor.name))


def _letter(
    services: Services, actor: Any, rec: Any, title: str, body: str, dated: date | None, note: str = ""
) -> FormPrintout:
    organ = organ_name(services)
    layout = FormLayout(
        title=title,
        header_left=f"编号：{rec['number']}",
        sections=(
            TextBox("告知对象", f"{rec['petitioner']}：", min_height_mm=12),
            TextBox("告知内容", body, min_height_mm=90, sign=f"{organ}（信访专用章）\n{_d(dated)}"),
        ),
        after=(SignatureLine(("送达方式：", "签收人：", "签收日期：　　年　月　日")),),
        footer_note=note,
    )
    return FormPrintout(layout, PrintMeta(actor.name))


def acceptance_notice(services: Services, actor: Any, record_id: int) -> FormPrintout:
    rec = _petition(services, actor, record_id)
    where = {
        Handling.DIRECT.value: "由我办直接办理",
        Handling.FORWARD.value: f"已转送{rec['handler_unit']}办理",
        Handling.ASSIGN.value: f"已交办{rec['handler_unit']}办理",
    }.get(rec["handling"] or "", "已受理")
    body = (
        f"你（们）于{_d(rec['registered_on'])}通过{rec['channel'] or ''}反映的“{rec['summary']}”问题，"
        f"经审查，符合受理条件，我办已于{_d(rec['accepted_on'])}予以受理，{where}。"
        "有关机关将自受理之日起60日内办结并书面答复；情况复杂的，经批准可适当延长办理期限，延长期限不超过30日。"
    )
    return _letter(services, actor, rec, "信访事项受理告知书", body, rec["accepted_on"])


def refusal_notice(services: Services, actor: Any, record_id: int) -> FormPrintout:
    rec = _petition(services, actor, record_id)
    reason = ""
    for h in services.workflow.history(actor, PETITIONS, record_id):
        if h.step == "reject":
            reason = h.reason
    body = (
        f"你（们）于{_d(rec['registered_on'])}通过{rec['channel'] or ''}反映的“{rec['summary']}”问题，"
        f"经审查，不予受理。理由：{reason or '　　　　'}。"
        "你（们）可依照法律、法规规定的途径，向有权处理的机关提出。"
    )
    return _letter(services, actor, rec, "信访事项不予受理告知书", body, rec["accepted_on"])


def reply_opinion(services: Services, actor: Any, record_id: int) -> FormPrintout:
    rec = _petition(services, actor, record_id)
    source = f"（{rec['source_organ']}转交，编号{rec['source_no']}）" if rec["source_organ"] else ""
    body = (
        f"你（们）于{_d(rec['registered_on'])}{source}反映的“{rec['summary']}”问题，我们于{_d(rec['accepted_on'])}"
        f"受理。经调查核实，现答复如下：\n{rec['reply_text'] or ''}\n"
        f"处理意见：{_label(ReplyResult, rec['reply_result'])}。\n"
        "如对本答复意见不服，可自收到本意见书之日起30日内向上一级行政机关请求复查。"
    )
    return _letter(
        services,
        actor,
        rec,
        "信访事项处理（答复）意见书",
        body,
        rec["replied_on"],
        f"答复日期：{_d(rec['replied_on'])}",
    )


def _guest_rows(arr: Any) -> tuple[tuple[str, ...], ...]:
    return tuple((str(i), g.unit, g.name, g.title, g.level) for i, g in enumerate(arr.guests, start=1))


def _stop_rows(arr: Any, escort: bool) -> tuple[tuple[str, ...], ...]:
    rows = []
    for t in arr.itinerary:
        cells = (t.when, t.place, t.activity) + ((t.escort,) if escort else ())
        rows.append(cells)
    return tuple(rows)


def reception_list(services: Services, actor: Any, record_id: int) -> FormPrintout:
    """接待清单 (《党政机关国内公务接待管理规定》): who, what, when, where and what it cost, for signature."""
    rec = services.registers.get(actor, RECEPTIONS, record_id)
    arr = services.service(SERVICE).arrangements(actor, record_id)
    with services.db.read() as s:
        limits = allowed(rec.values, standards_in(s))
    cost_rows = tuple(
        (label, str(rec[name] or 0), str(limits[name]) if name in limits else "")
        for name, label in COSTS_LABELS.items()
    )
    total = sum(rec[n] or 0 for n in COSTS_LABELS)
    layout = FormLayout(
        title=f"{organ_name(services)}公务接待清单",
        header_left=f"编号：{rec['number']}",
        header_right=f"{_d(rec['arrive_on'])}至{_d(rec['leave_on'] or rec['arrive_on'])}",
        sections=(
            FieldRow((F("接待对象单位", rec["guest_unit"]), F("级别", rec["guest_level"] or ""))),
            FieldRow(
                (F("公函", f"{rec['letter_unit']} {rec['letter_no']}"), F("公函日期", _d(rec["letter_on"])))
            ),
            FieldRow((F("公务活动", rec["purpose"], span=2),), min_height_mm=12),
            TableSection(
                "接待对象",
                ("序号", "单位", "姓名", "职务", "级别"),
                _guest_rows(arr),
                min_rows=3,
                widths=(0.5, 2, 1, 1.5, 0.7),
            ),
            TableSection(
                "公务活动",
                ("时间", "场所", "活动项目"),
                _stop_rows(arr, False),
                min_rows=3,
                widths=(1.3, 1.5, 2),
            ),
            FieldRow(
                (
                    F("接待人数", f"{max(rec['persons'] or 0, len(arr.guests))}人"),
                    F("工作餐/陪餐", f"{rec['meals'] or 0}次 / 陪餐{rec['companions'] or 0}人"),
                )
            ),
            FieldRow(
                (
                    F("住宿", f"{rec['hotel']} {rec['room_type']} {rec['room_nights'] or 0}间夜"),
                    F("用车", rec["vehicles"]),
                )
            ),
            TableSection(
                "费用（元）",
                ("项目", "金额", "标准上限"),
                (*cost_rows, ("合计", str(total), "")),
                widths=(2, 1, 1),
            ),
        ),
        after=(SignatureLine(("经办人：", "审核人：", "单位负责人（签字）：", "日期：　　年　月　日")),),
        footer_note="注：本清单与派出单位公函、事前审批单、财务票据一并作为报销凭证。",
    )
    return FormPrintout(layout, PrintMeta(actor.name))


def reception_plan(services: Services, actor: Any, record_id: int) -> FormPrintout:
    """接待方案: whom the office hosts, the 行程 with who accompanies each item, lodging, the 工作餐 and
    vehicles — what the leaders approve and the staff work from before the visit."""
    rec = services.registers.get(actor, RECEPTIONS, record_id)
    arr = services.service(SERVICE).arrangements(actor, record_id)
    persons = max(rec["persons"] or 0, len(arr.guests))
    layout = FormLayout(
        title=f"{organ_name(services)}公务接待方案",
        header_left=f"编号：{rec['number']}",
        header_right=f"{_d(rec['arrive_on'])}至{_d(rec['leave_on'] or rec['arrive_on'])}",
        sections=(
            FieldRow((F("来访单位", rec["guest_unit"]), F("接待对象级别", rec["guest_level"] or ""))),
            FieldRow(
                (F("公函", f"{rec['letter_unit']} {rec['letter_no']}"), F("接待对象人数", f"{persons}人"))
            ),
            FieldRow((F("公务活动", rec["purpose"], span=2),), min_height_mm=12),
            TableSection(
                "接待对象",
                ("序号", "单位", "姓名", "职务", "级别"),
                _guest_rows(arr),
                min_rows=3,
                widths=(0.5, 2, 1, 1.5, 0.7),
            ),
            TableSection(
                "行程安排",
                ("时间", "地点", "活动", "陪同"),
                _stop_rows(arr, True),
                min_rows=3,
                widths=(1.2, 1.3, 1.6, 1.6),
            ),
            FieldRow(
                (
                    F(
                        "住宿",
                        f"{rec['hotel']} {rec['room_type']} {rec['room_nights'] or 0}间夜"
                        + ("（费用自理）" if rec["lodging_self_paid"] else ""),
                    ),
                    F("用车", rec["vehicles"]),
                )
            ),  # fmt: skip
            FieldRow(
                (
                    F("工作餐", f"{rec['meals'] or 0}次"),
                    F("陪餐", f"{rec['companions'] or 0}人"),
                )
            ),
            TextBox("领导审批意见", "", min_height_mm=25, sign="签字：　　　　　年　月　日"),
        ),
        after=(SignatureLine((f"经办人：{rec['handler']}", f"审批人：{rec['approver']}")),),
    )
    return FormPrintout(layout, PrintMeta(actor.name))


FORMS = (
    FormSpec(PETITIONS, "register_form", "来信/来访登记表", registration_form, FORM),
    FormSpec(PETITIONS, "transfer", "转送/交办单", transfer_form, FORM),
    FormSpec(PETITIONS, "accept_notice", "受理告知书", acceptance_notice, FORM),
    FormSpec(PETITIONS, "refuse_notice", "不予受理告知书", refusal_notice, FORM),
    FormSpec(PETITIONS, "reply", "答复意见书", reply_opinion, FORM),
    FormSpec(RECEPTIONS, "plan", "接待方案", reception_plan, FORM),
    FormSpec(RECEPTIONS, "list", "接待清单", reception_list, FORM),
    FormSpec(PETITIONS, "stats", "来访接待工作统计（年度）", collect_year, REPORT, scope="year"),
)

__all__ = ["FORMS"]

"""The 来访接待 registers: 信访登记 petitions (with the handling fields its workflow fills), 公务接待 receptions
and 来客登记 visitors. ID numbers are checked (GB 11643) and masked for users without the 信访接待 role."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.areas.reception.clock import refresh, row_state, rules_in
from app.areas.reception.standards import reception_db_check
from app.domain.enums import LabeledEnum, Role
from app.domain.idnumber import id_error, mask_id, mask_phone, normalise_id, phone_error
from app.domain.rules import meal_error
from app.kit.registers.base import (
    BOOL,
    CHOICE,
    DATE,
    DATETIME,
    INT,
    MULTILINE,
    TEXT,
    CustomFilter,
    Field,
    Numbering,
    Record,
    Register,
)
from db.models.reception import Petition, Reception, Visitor

PETITIONS, RECEPTIONS, VISITORS = "petitions", "receptions", "visitors"
GROUP_SIZE = 5  # 5 or more people: a 集体访
MAX_REPRESENTATIVES = 5


class Channel(LabeledEnum):
    LETTER = ("来信", "来信")
    VISIT = ("来访", "来访")
    CALL = ("来电", "来电")
    ONLINE = ("网上信访", "网上信访")
    MAILBOX = ("领导信箱", "领导信箱")
    REFERRED = ("上级转交", "上级转交")


class Category(LabeledEnum):
    LAND = ("土地征收", "土地征收")
    HOUSING = ("城建拆迁", "城建拆迁")
    LABOUR = ("劳动社保", "劳动社保")
    RURAL = ("农村农业", "农村农业")
    LAW = ("涉法涉诉", "涉法涉诉")
    ENV = ("生态环境", "生态环境")
    CIVIL = ("民政救助", "民政救助")
    CONDUCT = ("干部作风", "干部作风")
    SUGGEST = ("建议意见", "建议意见")
    OTHER = ("其他", "其他")


class PetitionState(LabeledEnum):
    REGISTERED = ("registered", "待受理")
    ACCEPTED = ("accepted", "办理中")
    REPLIED = ("replied", "已答复")
    REVIEW = ("review", "复查中")
    RECHECK = ("recheck", "复核中")
    CLOSED = ("closed", "已办结")
    REJECTED = ("rejected", "不予受理")


class Handling(LabeledEnum):
    DIRECT = ("直接办理", "直接办理")
    FORWARD = ("转送", "转送")
    ASSIGN = ("交办", "交办")
    REFUSE = ("不予受理", "不予受理")


class ReplyResult(LabeledEnum):
    SUPPORT = ("支持", "支持")
    EXPLAIN = ("解释", "解释")
    REFUSE = ("不予支持", "不予支持")


class Satisfaction(LabeledEnum):
    SATISFIED = ("满意", "满意")
    BASIC = ("基本满意", "基本满意")
    UNSATISFIED = ("不满意", "不满意")


class ReviewResult(LabeledEnum):
    UPHOLD = ("维持", "维持原答复")
    CHANGE = ("变更", "变更原答复")
    REDO = ("重新办理", "撤销并重新办理")


class GuestLevel(LabeledEnum):
    PROVINCE = ("省级", "省级")
    CITY = ("市级", "市级")
    COUNTY = ("县级", "县级")
    OTHER = ("其他", "其他")


class ReceptionState(LabeledEnum):
    DRAFT = ("draft", "待确认")
    CONFIRMED = ("confirmed", "已确认")
    DONE = ("done", "已结束")
    REIMBURSABLE = ("reimbursable", "可报销")


def _id_check(value: Any, _values: Mapping[str, Any]) -> str | None:
    return id_error(value) if value else None


def _phone_check(value: Any, _values: Mapping[str, Any]) -> str | None:
    return phone_error(value) or None


def _id_field(**kw: Any) -> Field:
    return Field(
        "id_number",
        "身份证号",
        TEXT,
        max_length=18,
        normalizer=normalise_id,
        validator=_id_check,
        mask=mask_id,
        list_width=150,
        synonyms=("身份证号码", "公民身份号码", "证件号码", "身份证"),
        placeholder="18位，末位可为X",
        **kw,
    )


def _phone_field(**kw: Any) -> Field:
    return Field(
        "phone",
        "联系电话",
        TEXT,
        max_length=32,
        validator=_phone_check,
        mask=mask_phone,
        synonyms=("电话", "手机", "联系方式"),
        **kw,
    )


def _after(first: str, second: str, message: str, values: Mapping[str, Any], errors: dict[str, str]) -> None:
    a, b = values.get(first), values.get(second)
    if a and b and b < a and second not in errors:
        errors[second] = message


def petition_check(values: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    persons = values.get("persons") or 1
    reps = [
        r for r in (values.get("representatives") or "").replace("，", "、").replace(",", "、").split("、")
    ]
    reps = [r.strip() for r in reps if r.strip()]
    if len(reps) > MAX_REPRESENTATIVES:
        errors["representatives"] = f"集体访推选代表不超过{MAX_REPRESENTATIVES}人（现为{len(reps)}人）"
    elif persons >= GROUP_SIZE and values.get("channel") == Channel.VISIT.value and not reps:
        errors["representatives"] = f"{persons}人来访为集体访，请填写推选的代表（不超过5人）"
    if values.get("channel") == Channel.REFERRED.value and not (values.get("source_organ") or "").strip():
        errors["source_organ"] = "上级转交的信访件请填写来源机关"
    if (values.get("extension_days") or 0) > 30:
        errors["extension_days"] = f"延期不得超过30日（现为{values['extension_days']}日）"
    for first, second, message in (
        ("registered_on", "accepted_on", "受理日期不能早于登记日期"),
        ("accepted_on", "replied_on", "答复日期不能早于受理日期"),
        ("registered_on", "replied_on", "答复日期不能早于登记日期"),
        ("replied_on", "visited_on", "回访日期不能早于答复日期"),
        ("registered_on", "closed_on", "办结日期不能早于登记日期"),
        ("replied_on", "review_requested_on", "复查申请日期不能早于答复日期"),
        ("review_requested_on", "review_decided_on", "复查决定日期不能早于申请日期"),
        ("review_decided_on", "recheck_requested_on", "复核申请日期不能早于复查决定日期"),
        ("recheck_requested_on", "recheck_decided_on", "复核决定日期不能早于申请日期"),
    ):
        _after(first, second, message, values, errors)
    return errors


def _state_from_dates(obj: Any) -> str:
    """The state of a case registered (or imported from an office's own book) with its dates filled in."""
    if obj.handling == Handling.REFUSE.value:
        return PetitionState.REJECTED.value
    if obj.recheck_requested_on and not obj.recheck_decided_on:
        return PetitionState.RECHECK.value
    if obj.review_requested_on and not obj.review_decided_on:
        return PetitionState.REVIEW.value
    if obj.closed_on:
        return PetitionState.CLOSED.value
    if obj.replied_on:
        return PetitionState.REPLIED.value
    if obj.accepted_on:
        return PetitionState.ACCEPTED.value
    return PetitionState.REGISTERED.value


def after_petition_save(session: Any, _actor: Any, obj: Any, created: bool) -> None:
    """The state of a new case (or of an imported one whose book has no 办理情况) from its dates, and its
    clock on every save; an imported case keeps the state its book gives (已办结, 办理中 …)."""
    kept = created and obj.state is not None and getattr(obj, "imported_at", None) is not None
    if (created or obj.state is None) and not kept:
        obj.state = _state_from_dates(obj)
        if obj.handling == Handling.REFUSE.value and obj.closed_on is None:
            obj.closed_on = obj.accepted_on or obj.registered_on
    refresh(obj, rules_in(session))
    if obj.state == PetitionState.CLOSED.value and obj.closed_on is None:
        obj.due_on, obj.due_what = None, ""  # 已办结 in an old book without the date: no clock runs


HANDLED = "办理情况（新登记由办理步骤填写；导入历史台账时可直接带入）"


def _done(name: str, label: str, kind: str = DATE, **kw: Any) -> Field:
    return Field(name, label, kind, editable=False, group=HANDLED, **kw)


def _open_filter(table: Any) -> Any:
    return table.c.closed_on.is_(None) & table.c.due_on.is_not(None)


PETITION_REGISTER = Register(
    key=PETITIONS,
    title="信访登记",
    book_title="信访台账",
    model=Petition,
    record_label="信访件",
    numbering=Numbering(
        PETITIONS, "registered_on", "信〔{year}〕{seq}号", format_setting="numbering.petitions"
    ),
    classified=False,
    date_field="registered_on",
    default_sort=("number", True),
    read_roles=(Role.PETITIONS, Role.LEADER),
    write_roles=(Role.PETITIONS,),
    reveal_roles=(Role.PETITIONS,),
    audit_views=True,
    form_validator=petition_check,
    row_state=row_state,
    after_save=after_petition_save,
    filters=(CustomFilter("open", "在办（计时中）", _open_filter),),
    fields=(
        Field(
            "registered_on",
            "登记日期",
            DATE,
            required=True,
            filterable=True,
            synonyms=("来信来访日期", "日期", "收件日期"),
        ),
        Field(
            "channel",
            "渠道",
            CHOICE,
            choices=Channel,
            required=True,
            filterable=True,
            synonyms=("信访形式", "来源", "方式"),
        ),
        Field(
            "petitioner",
            "信访人",
            TEXT,
            required=True,
            searchable=True,
            max_length=100,
            synonyms=("姓名", "来访人", "来信人"),
            group="信访人",
        ),
        _id_field(in_print=False, group="信访人"),
        _phone_field(in_print=False, group="信访人"),
        Field(
            "address",
            "住址",
            TEXT,
            max_length=200,
            in_list=False,
            in_print=False,
            synonyms=("地址", "家庭住址"),
            group="信访人",
        ),
        Field(
            "township",
            "属地乡镇",
            TEXT,
            searchable=True,
            filterable=True,
            autocomplete=True,
            max_length=64,
            synonyms=("属地", "乡镇", "问题属地"),
            group="信访人",
        ),
        Field(
            "village",
            "村组",
            TEXT,
            max_length=64,
            in_list=False,
            in_print=False,
            synonyms=("村（社区）", "村"),
            group="信访人",
        ),
        Field(
            "persons",
            "人数",
            INT,
            min_value=1,
            max_value=10000,
            default=1,
            synonyms=("来访人数", "人次"),
            group="信访人",
        ),
        Field(
            "representatives",
            "代表",
            TEXT,
            max_length=300,
            in_list=False,
            in_print=False,
            synonyms=("代表姓名", "代表名单"),
            placeholder="集体访推选代表，不超过5人，用“、”分隔",
            group="信访人",
        ),
        Field(
            "category",
            "问题类别",
            CHOICE,
            choices=Category,
            required=True,
            filterable=True,
            synonyms=("类别", "问题分类"),
        ),
        Field(
            "summary",
            "反映问题",
            TEXT,
            required=True,
            searchable=True,
            max_length=300,
            list_width=260,
            print_width=3,
            synonyms=("主要问题", "诉求摘要", "内容摘要", "反映问题摘要"),
        ),
        Field(
            "facts",
            "事实与请求",
            MULTILINE,
            searchable=True,
            max_length=8000,
            in_list=False,
            in_print=False,
            synonyms=("事实与理由", "诉求", "请求事项"),
        ),
        Field(
            "source_organ",
            "来源机关",
            TEXT,
            max_length=100,
            in_list=False,
            in_print=False,
            autocomplete=True,
            synonyms=("转交机关", "交办机关"),
        ),
        Field(
            "source_no",
            "转办交办编号",
            TEXT,
            max_length=64,
            in_list=False,
            in_print=False,
            synonyms=("转办号", "交办号", "转交文号"),
        ),
        Field(
            "repeat_of",
            "重复信访（原件编号）",
            TEXT,
            max_length=64,
            in_list=False,
            in_print=False,
            synonyms=("重复件", "原信访编号"),
        ),
        Field("state", "状态", CHOICE, choices=PetitionState, in_form=False, filterable=True),
        _done("accepted_on", "受理日期", synonyms=("受理时间", "告知日期")),
        _done("handling", "处理方式", CHOICE, choices=Handling, filterable=True, synonyms=("办理方式",)),
        _done(
            "handler_unit",
            "承办单位",
            TEXT,
            max_length=100,
            searchable=True,
            autocomplete=True,
            synonyms=("责任单位", "交办单位"),
        ),
        _done("extension_days", "延期天数", INT, min_value=0, max_value=365, in_list=False, in_print=False),
        _done("extension_approver", "延期批准人", TEXT, max_length=64, in_list=False, in_print=False),
        _done("extension_reason", "延期理由", MULTILINE, max_length=2000, in_list=False, in_print=False),
        _done("replied_on", "答复日期", synonyms=("答复时间",)),
        _done(
            "reply_result",
            "答复意见",
            CHOICE,
            choices=ReplyResult,
            in_list=False,
            synonyms=("处理意见", "答复结果"),
        ),
        _done(
            "reply_text",
            "答复内容",
            MULTILINE,
            max_length=8000,
            in_list=False,
            in_print=False,
            synonyms=("处理结果", "办理结果"),
        ),
        _done(
            "satisfaction",
            "满意度",
            CHOICE,
            choices=Satisfaction,
            filterable=True,
            synonyms=("群众满意度", "评价"),
        ),
        _done("visited_on", "回访日期", in_list=False, in_print=False),
        _done("closed_on", "办结日期", synonyms=("办结时间", "结案日期")),
        _done("review_requested_on", "复查申请日期", in_list=False, in_print=False),
        _done("review_decided_on", "复查决定日期", in_list=False, in_print=False),
        _done("review_result", "复查意见", CHOICE, choices=ReviewResult, in_list=False, in_print=False),
        _done("recheck_requested_on", "复核申请日期", in_list=False, in_print=False),
        _done("recheck_decided_on", "复核决定日期", in_list=False, in_print=False),
        _done("recheck_result", "复核意见", CHOICE, choices=ReviewResult, in_list=False, in_print=False),
        Field("due_on", "期限", DATE, in_form=False, in_print=False),
        Field("due_what", "计时事项", TEXT, in_form=False, in_print=False, max_length=16),
        Field("note", "备注", MULTILINE, max_length=2000, in_list=False, in_print=False),
    ),
)


def reception_check(values: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    _after("arrive_on", "leave_on", "离开日期不能早于抵达日期", values, errors)
    _after("letter_on", "arrive_on", "抵达日期不能早于公函日期", values, errors)
    guests = values.get("persons") or 0
    errors.update(meal_error(guests, values.get("companions") or 0, values.get("meals") or 0))
    if (values.get("companions") or 0) and not (values.get("meals") or 0):
        errors.setdefault("companions", "未安排工作餐，不应有陪餐人数")
    lines = [x for x in (values.get("guests") or "").splitlines() if x.strip()]
    if lines and guests and len(lines) > guests:
        errors["guests"] = f"接待对象名单有{len(lines)}人，多于接待人数{guests}人"
    return errors


PAPERS = ("has_letter", "has_approval", "has_list", "has_receipts")


def _reception_state(obj: Any, created: bool) -> None:
    """可报销 exactly when the four papers are there; a new reception waits for confirmation."""
    if created and obj.state is None:
        # a reception from the office's own 台账 (公函 and departure on file) comes in as held
        held = obj.letter_no and obj.leave_on and obj.approver
        obj.state = ReceptionState.DONE.value if held else ReceptionState.DRAFT.value
    complete = all(getattr(obj, p) for p in PAPERS)
    if complete and obj.state == ReceptionState.DONE.value:
        obj.state = ReceptionState.REIMBURSABLE.value
    elif not complete and obj.state == ReceptionState.REIMBURSABLE.value:
        obj.state = ReceptionState.DONE.value


RECEPTION_REGISTER = Register(
    key=RECEPTIONS,
    title="公务接待",
    book_title="公务接待台账",
    model=Reception,
    record_label="接待",
    numbering=Numbering(
        RECEPTIONS, "arrive_on", "接〔{year}〕{seq}号", format_setting="numbering.receptions"
    ),
    classified=False,
    date_field="arrive_on",
    default_sort=("number", True),
    read_roles=(Role.RECEPTION, Role.LEADER),
    write_roles=(Role.RECEPTION,),
    form_validator=reception_check,
    after_save=lambda _s, _a, obj, created: _reception_state(obj, created),
    db_validator=reception_db_check,
    fields=(
        Field(
            "arrive_on",
            "抵达日期",
            DATE,
            required=True,
            filterable=True,
            synonyms=("接待日期", "日期", "来访日期"),
        ),
        Field("leave_on", "离开日期", DATE, in_list=False),
        Field(
            "guest_unit",
            "来访单位",
            TEXT,
            required=True,
            searchable=True,
            autocomplete=True,
            max_length=100,
            synonyms=("接待对象单位", "派出单位", "来宾单位"),
        ),
        Field(
            "guest_level",
            "接待对象级别",
            CHOICE,
            choices=GuestLevel,
            required=True,
            filterable=True,
            synonyms=("级别", "来宾级别"),
        ),
        Field(
            "purpose",
            "公务活动",
            TEXT,
            required=True,
            searchable=True,
            max_length=300,
            list_width=220,
            print_width=2.5,
            synonyms=("公务活动项目", "事由", "接待事由", "公务活动内容", "活动内容"),
        ),
        Field(
            "persons",
            "接待对象人数",
            INT,
            required=True,
            min_value=1,
            max_value=1000,
            synonyms=("人数", "来宾人数"),
        ),
        Field(
            "letter_unit",
            "公函单位",
            TEXT,
            max_length=100,
            in_list=False,
            in_print=False,  # the 台账 prints 来访单位 and 公函文号; the unit is on the 接待清单
            group="公函与审批",
            synonyms=("来函单位",),
        ),
        Field("letter_no", "公函文号", TEXT, max_length=64, group="公函与审批", synonyms=("函号", "公函号")),
        Field("letter_on", "公函日期", DATE, in_list=False, in_print=False, group="公函与审批"),
        Field(
            "approver",
            "审批人",
            TEXT,
            max_length=64,
            in_list=False,
            group="公函与审批",
            synonyms=("事前审批人",),
        ),
        Field("approved_on", "审批日期", DATE, in_list=False, in_print=False, group="公函与审批"),
        Field(
            "guests",
            "接待对象名单",
            MULTILINE,
            searchable=True,
            max_length=4000,
            in_list=False,
            in_print=False,
            group="接待安排",
            placeholder="一行一人：单位 姓名 职务",
            synonyms=("来宾名单", "接待对象"),
        ),
        Field(
            "itinerary",
            "日程安排",
            MULTILINE,
            max_length=4000,
            in_list=False,
            in_print=False,
            group="接待安排",
            placeholder="一行一项：时间 地点 活动",
        ),
        Field(
            "hotel",
            "住宿宾馆",
            TEXT,
            max_length=100,
            in_list=False,
            group="接待安排",
            synonyms=("宾馆", "住宿地点"),
        ),
        Field("room_type", "房型", TEXT, max_length=32, in_list=False, in_print=False, group="接待安排"),
        Field("room_nights", "间夜数", INT, min_value=0, max_value=10000, in_list=False, group="接待安排"),
        Field(
            "lodging_self_paid",
            "住宿费自付",
            BOOL,
            default=True,
            in_list=False,
            in_print=False,
            group="接待安排",
        ),
        Field(
            "meals", "工作餐次数", INT, min_value=0, max_value=10, default=0, in_list=False, group="接待安排"
        ),
        Field(
            "companions",
            "陪餐人数",
            INT,
            min_value=0,
            max_value=1000,
            default=0,
            group="接待安排",
            synonyms=("陪餐",),
        ),
        Field(
            "vehicles",
            "用车",
            TEXT,
            max_length=200,
            in_list=False,
            in_print=False,
            group="接待安排",
            synonyms=("车辆",),
        ),
        Field(
            "cost_meals",
            "餐费（元）",
            INT,
            min_value=0,
            max_value=10_000_000,
            group="费用",
            synonyms=("餐费", "用餐费"),
        ),
        Field(
            "cost_lodging",
            "住宿费（元）",
            INT,
            min_value=0,
            max_value=10_000_000,
            group="费用",
            synonyms=("住宿费",),
        ),
        Field(
            "cost_transport",
            "交通费（元）",
            INT,
            min_value=0,
            max_value=10_000_000,
            group="费用",
            synonyms=("交通费", "用车费"),
        ),
        Field(
            "cost_other",
            "其他费用（元）",
            INT,
            min_value=0,
            max_value=10_000_000,
            group="费用",
            synonyms=("其他费用", "其他"),
        ),
        # the four papers are summed up by 状态 (可报销 when all are there): not four columns of the 台账
        *(
            Field(name, label, BOOL, default=False, in_list=False, in_print=False, group="报销材料")
            for name, label in (
                ("has_letter", "公函"),
                ("has_approval", "审批单"),
                ("has_list", "接待清单"),
                ("has_receipts", "票据"),
            )
        ),
        Field("state", "状态", CHOICE, choices=ReceptionState, in_form=False, filterable=True),
        Field("handler", "经办人", TEXT, max_length=64, autocomplete=True),
        Field("note", "备注", MULTILINE, max_length=2000, in_list=False, in_print=False),
    ),
)


def visitor_check(values: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    _after("came_at", "left_at", "离开时间不能早于来访时间", values, errors)
    return errors


def _in_building(table: Any) -> Any:
    return table.c.left_at.is_(None)


VISITOR_REGISTER = Register(
    key=VISITORS,
    title="来客登记",
    book_title="来客登记簿",
    model=Visitor,
    record_label="来客",
    numbering=Numbering(VISITORS, "came_at", "{year}-{seq:05d}"),
    classified=False,
    date_field="came_at",
    default_sort=("came_at", True),
    read_roles=(Role.RECEPTION, Role.PETITIONS, Role.LEADER),
    write_roles=(Role.RECEPTION, Role.PETITIONS),
    reveal_roles=(Role.PETITIONS,),
    audit_views=True,
    form_validator=visitor_check,
    filters=(CustomFilter("inside", "仍在楼内", _in_building),),
    fields=(
        Field(
            "visitor",
            "姓名",
            TEXT,
            required=True,
            searchable=True,
            max_length=64,
            synonyms=("来客姓名", "来访人"),
        ),
        Field(
            "unit",
            "单位",
            TEXT,
            searchable=True,
            autocomplete=True,
            max_length=100,
            synonyms=("工作单位", "来客单位"),
        ),
        _id_field(),
        _phone_field(in_list=False),
        Field("people", "人数", INT, min_value=1, max_value=500, default=1, in_list=False),
        Field(
            "purpose",
            "事由",
            TEXT,
            required=True,
            searchable=True,
            max_length=200,
            list_width=200,
            synonyms=("来访事由",),
        ),
        Field(
            "host",
            "被访人",
            TEXT,
            required=True,
            searchable=True,
            autocomplete=True,
            max_length=64,
            synonyms=("接待人", "拜访对象"),
        ),
        Field(
            "came_at", "来访时间", DATETIME, required=True, filterable=True, synonyms=("进入时间", "到达时间")
        ),
        Field("left_at", "离开时间", DATETIME, synonyms=("离开",)),
    ),
)

REGISTERS = (PETITION_REGISTER, RECEPTION_REGISTER, VISITOR_REGISTER)


def is_group(rec: Record | Mapping[str, Any]) -> bool:
    persons = rec["persons"] if isinstance(rec, Record) else rec.get("persons")
    return (persons or 1) >= GROUP_SIZE

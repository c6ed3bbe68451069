"""The 来访接待 vocabulary: register keys, the 信访 channels, categories, states, handling ways and outcomes,
and the 公务接待 guest levels and states (the English names used in code: petition = 信访, reception = 公务接待,
visitor = 来客)."""

from __future__ import annotations

from app.domain.enums import LabeledEnum

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

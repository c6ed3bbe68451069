"""Fixed vocabularies of the office's work.

English names used throughout the code, with the Chinese term the user sees:
收文 = incoming, 发文 = outgoing, 电报 = telegram, 密级 = secret level, 紧急程度 = urgency,
文种 = document type, 督办 = supervision, 信访 = petition, 公务接待 = official reception, 值班 = duty.
"""

from __future__ import annotations

from enum import Enum
from typing import Self


class LabeledEnum(str, Enum):
    """A str enum whose value is what is stored and whose ``label`` is the Chinese text shown."""

    label: str

    # ``label`` has a default only for the type checker: ``SecretLevel("secret")`` (a lookup by value) is
    # checked against this signature; members are always declared as (value, label) pairs.
    def __new__(cls, value: str, label: str = "") -> LabeledEnum:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label
        return obj

    @classmethod
    def from_label(cls, text: str) -> Self:
        text = (text or "").strip()
        for member in cls:
            if text in (member.label, member.value):
                return member
        raise ValueError(text)

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]


class SecretLevel(LabeledEnum):
    """密级. Ordered: a user's clearance must be at least a record's level to see it."""

    NONE = ("none", "非密")
    SECRET = ("secret", "秘密")
    CONFIDENTIAL = ("confidential", "机密")
    TOP_SECRET = ("top_secret", "绝密")

    @property
    def rank(self) -> int:
        # a table, not list(SecretLevel).index(): called per record when lists filter by clearance
        return _SECRET_RANKS[self.value]

    @property
    def is_classified(self) -> bool:
        return self is not SecretLevel.NONE

    @property
    def max_period_years(self) -> int | None:
        """Legal ceiling of 保密期限 (保守国家秘密法): 绝密 30, 机密 20, 秘密 10 years."""
        return {SecretLevel.SECRET: 10, SecretLevel.CONFIDENTIAL: 20, SecretLevel.TOP_SECRET: 30}.get(self)

    @classmethod
    def levels_up_to(cls, clearance: SecretLevel) -> list[str]:
        return [m.value for m in cls if m.rank <= clearance.rank]


_SECRET_RANKS = {m.value: n for n, m in enumerate(SecretLevel)}


class Urgency(LabeledEnum):
    """紧急程度 of ordinary documents (条例 Art. 9)."""

    NORMAL = ("normal", "平件")
    URGENT = ("urgent", "加急")
    EXTRA_URGENT = ("extra_urgent", "特急")


class TelegramPriority(LabeledEnum):
    """等级 of telegrams: 特提 > 特急 > 加急 > 平急."""

    ORDINARY = ("ordinary", "平急")
    URGENT = ("urgent", "加急")
    EXTRA_URGENT = ("extra_urgent", "特急")
    FLASH = ("flash", "特提")


class DocType(LabeledEnum):
    """The 15 文种 of the 2012 条例, Art. 8."""

    RESOLUTION = ("resolution", "决议")
    DECISION = ("decision", "决定")
    ORDER = ("order", "命令（令）")
    COMMUNIQUE = ("communique", "公报")
    ANNOUNCEMENT = ("announcement", "公告")
    PUBLIC_NOTICE = ("public_notice", "通告")
    OPINION = ("opinion", "意见")
    NOTICE = ("notice", "通知")
    CIRCULAR = ("circular", "通报")
    REPORT = ("report", "报告")
    REQUEST = ("request", "请示")
    REPLY = ("reply", "批复")
    MOTION = ("motion", "议案")
    LETTER = ("letter", "函")
    MINUTES = ("minutes", "纪要")


class AdminRole(LabeledEnum):
    """The three administrators (三员). Mutually exclusive; none of them reads business records."""

    SYSTEM = ("system", "系统管理员")
    SECURITY = ("security", "安全保密管理员")
    AUDIT = ("audit", "安全审计员")


class Role(LabeledEnum):
    """Business roles, one per post in the office; a user may hold several."""

    DOCUMENTS = ("documents", "收发文")
    CONFIDENTIAL = ("confidential", "机要")
    MEETINGS = ("meetings", "会务")
    PETITIONS = ("petitions", "信访接待")
    RECEPTION = ("reception", "公务接待")
    SUPERVISION = ("supervision", "督查")
    INFORMATION = ("information", "信息")
    DUTY = ("duty", "值班")
    RESEARCH = ("research", "调研文稿")
    LEADER = ("leader", "领导")

"""收发文 figures for a period (the annual report's 制发文件 / 收到上级文件 line and its tables): 收文 by month,
by 来文机关 level (中央/省/市/县/其他), by 密级, by 文种, 阅件/办件 and the 办件's 办结 and 按期办结; 发文 by
month, by 机关代字, by 文种 and by 密级. Voided records never count, nor records above the reader's
clearance; imported history counts like any record (its dates are the book's).

收文 = incoming (counted by 签收时间), 发文 = outgoing (counted by 签发日期, or 印发/成文日期 for history that
has no 签发日期; a draft not yet signed has no 发文字号 and is not a document issued)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import case, func, select

from app.areas.documents.registers import INCOMING, OUTGOING, DocState, HandlingKind
from app.domain.enums import DocType, SecretLevel
from app.domain.errors import ValidationFailed
from app.services.actor import Actor
from db.models.documents import IncomingDocument, OutgoingDocument

if TYPE_CHECKING:
    from app.services.container import Services

SENDER_LEVELS = ("中央", "省级", "市级", "县级", "其他")
UNSET = "（未填）"
_CENTRAL = ("中共中央", "中央", "国务院", "中办", "国办", "全国", "国家")
# words containing 市/县/省 that do not name a level of government
_NOT_A_LEVEL = ("市场", "城市", "都市", "县域", "省份")


def sender_level(sender: str) -> str:
    """The level of a 来文机关 from its name: the last of 省/市/县 in the name decides ("某省某市人民政府" is a
    city), 中央 organs by their names; 乡镇 and anything else counts as 其他."""
    name = (sender or "").strip()
    if not name:
        return "其他"
    if name.startswith(_CENTRAL):
        return "中央"
    text = name
    for word in _NOT_A_LEVEL:
        text = text.replace(word, "　" * len(word))
    positions = {level: text.rfind(ch) for level, ch in (("省级", "省"), ("市级", "市"), ("县级", "县"))}
    level, at = max(positions.items(), key=lambda kv: kv[1])
    return level if at >= 0 else "其他"


def _label(enum: Any, value: str | None) -> str:
    if not value:
        return UNSET
    try:
        return str(enum(value).label)
    except ValueError:
        return value


def _bump(d: dict[Any, int], key: Any, n: int) -> None:
    d[key] = d.get(key, 0) + n


def _ordered(counts: Mapping[str, int], order: Iterable[str]) -> dict[str, int]:
    """Every known key in its order (zeros included), then the rest by count."""
    out = {k: counts.get(k, 0) for k in order}
    for k, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        out.setdefault(k, n)
    return out


@dataclass(frozen=True)
class IncomingStats:
    total: int
    by_month: Mapping[int, int]  # 1..12, zeros included
    by_sender_level: Mapping[str, int]  # 中央/省级/市级/县级/其他
    by_sender: Mapping[str, int]  # 来文机关 -> count, most first
    by_secret_level: Mapping[str, int]  # label -> count
    by_doc_type: Mapping[str, int]
    by_handling: Mapping[str, int]  # 阅件 / 办件 / （未填）
    act: int  # 办件
    act_done: int  # 办件 已办结 (or archived)
    act_due: int  # 办件 with a 办理期限
    act_done_on_time: int  # of those, 办结 on or before the 期限

    @property
    def done_rate(self) -> float | None:
        return self.act_done / self.act if self.act else None

    @property
    def on_time_rate(self) -> float | None:
        return self.act_done_on_time / self.act_due if self.act_due else None


@dataclass(frozen=True)
class OutgoingStats:
    total: int
    by_month: Mapping[int, int]
    by_prefix: Mapping[str, int]  # 机关代字 -> count
    by_doc_type: Mapping[str, int]
    by_secret_level: Mapping[str, int]


@dataclass(frozen=True)
class DocumentStats:
    start: date
    end: date
    incoming: IncomingStats
    outgoing: OutgoingStats


def _levels(actor: Actor) -> list[str]:
    return SecretLevel.levels_up_to(actor.clearance)


def incoming_stats(services: Services, actor: Actor, start: date, end: date) -> IncomingStats:
    actor.require_role(*INCOMING.read_roles, action="查看收文统计")
    t = IncomingDocument
    month = func.extract("month", t.received_at)
    closed = t.state.in_((DocState.DONE.value, DocState.ARCHIVED.value))
    done = case((closed, 1), else_=0)
    has_due = case((t.due_on.is_not(None), 1), else_=0)
    on_time = case((closed & t.due_on.is_not(None) & (t.done_on <= t.due_on), 1), else_=0)
    groups = (month, t.sender, t.secret_level, t.doc_type, t.handling_kind, done, has_due, on_time)
    q = (
        select(*groups, func.count())
        .where(
            t.voided.is_(False),
            t.received_at >= datetime.combine(start, time.min),
            t.received_at < datetime.combine(end + timedelta(days=1), time.min),
            t.secret_level.in_(_levels(actor)),
        )
        .group_by(*groups)
    )
    by_month: dict[int, int] = {m: 0 for m in range(1, 13)}
    by_sender: dict[str, int] = {}
    by_level: dict[str, int] = {}
    by_secret: dict[str, int] = {}
    by_type: dict[str, int] = {}
    by_handling: dict[str, int] = {}
    act = act_done = act_due = act_on_time = 0
    with services.db.read() as s:
        rows = s.execute(q).all()
    level_of: dict[str, str] = {}
    for m, sender, secret, doc_type, handling, is_done, with_due, in_time, n in rows:
        _bump(by_month, int(m), n)
        name = (sender or "").strip() or UNSET
        _bump(by_sender, name, n)
        if name not in level_of:
            level_of[name] = sender_level(sender or "")
        _bump(by_level, level_of[name], n)
        _bump(by_secret, _label(SecretLevel, secret or "none"), n)
        _bump(by_type, _label(DocType, doc_type), n)
        _bump(by_handling, _label(HandlingKind, handling), n)
        if handling == HandlingKind.ACT.value:
            act += n
            act_done += n if is_done else 0
            act_due += n if with_due else 0
            act_on_time += n if in_time else 0
    return IncomingStats(
        sum(by_month.values()),
        by_month,
        _ordered(by_level, SENDER_LEVELS),
        dict(sorted(by_sender.items(), key=lambda kv: (-kv[1], kv[0]))),
        _ordered(by_secret, [lv.label for lv in SecretLevel if lv.rank <= actor.clearance.rank]),
        _ordered(by_type, [d.label for d in DocType if by_type.get(d.label)]),
        _ordered(by_handling, [h.label for h in HandlingKind]),
        act,
        act_done,
        act_due,
        act_on_time,
    )


def outgoing_stats(services: Services, actor: Actor, start: date, end: date) -> OutgoingStats:
    actor.require_role(*OUTGOING.read_roles, action="查看发文统计")
    t = OutgoingDocument
    # a live document is dated by its 签发; history from an old 发文登记簿 often has only 印发/成文日期
    day = func.coalesce(t.signed_on, t.issued_on, t.written_on)
    month = func.extract("month", day)
    q = (
        select(month, t.prefix, t.doc_type, t.secret_level, func.count())
        .where(
            t.voided.is_(False),
            t.number != "",
            day >= start,
            day <= end,
            t.secret_level.in_(_levels(actor)),
        )
        .group_by(month, t.prefix, t.doc_type, t.secret_level)
    )
    by_month: dict[int, int] = {m: 0 for m in range(1, 13)}
    by_prefix: dict[str, int] = {}
    by_type: dict[str, int] = {}
    by_secret: dict[str, int] = {}
    with services.db.read() as s:
        rows = s.execute(q).all()
    for m, prefix, doc_type, secret, n in rows:
        _bump(by_month, int(m), n)
        _bump(by_prefix, (prefix or "").strip() or UNSET, n)
        _bump(by_type, _label(DocType, doc_type), n)
        _bump(by_secret, _label(SecretLevel, secret or "none"), n)
    return OutgoingStats(
        sum(by_month.values()),
        by_month,
        dict(sorted(by_prefix.items(), key=lambda kv: (-kv[1], kv[0]))),
        _ordered(by_type, [d.label for d in DocType if by_type.get(d.label)]),
        _ordered(by_secret, [lv.label for lv in SecretLevel if lv.rank <= actor.clearance.rank]),
    )


def statistics(services: Services, actor: Actor, start: date, end: date) -> DocumentStats:
    if end < start:
        raise ValidationFailed({"end": "结束日期不能早于开始日期"})
    return DocumentStats(
        start, end, incoming_stats(services, actor, start, end), outgoing_stats(services, actor, start, end)
    )

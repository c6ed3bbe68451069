"""The 通知文号 of a 会议通知: the 机关代字 an office issues notices under (系统设置, e.g. 县委办、县委办发电) and
the next number of one of them. A notice goes out as a document of the office, so its number continues the
发文 register's series of that 代字 (and any number other meetings already carry); it is only proposed:
the clerk sees it in the form and saving checks that no other meeting has it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from app.areas.meetings import checks
from app.domain.docnumber import DocNumber, DocNumberError, check_prefix, parse_doc_number
from app.domain.errors import ValidationFailed
from app.kit.registers.numbering import peek_next
from db.models.meetings import Meeting

if TYPE_CHECKING:
    from app.services.container import Services

PREFIXES_SETTING = "meetings.notice_prefixes"
OUTGOING = "outgoing"  # the 发文 register's key, when the 收发文 area is installed


def parse_prefixes(text: str) -> str:
    """The setting's text ("县委办、县委办发电") checked: each a 机关代字, none twice."""
    names = checks.split_list(text)
    for name in names:
        problem = check_prefix(name)
        if problem:
            raise ValueError(f"“{name[:16]}”：{problem}")
    if len(set(names)) != len(names):
        raise ValueError("代字表中有重复的代字")
    return "、".join(names)


def prefixes(s: Any) -> list[str]:
    from app.services.settings import get_value

    return checks.split_list(get_value(s, PREFIXES_SETTING) or "")


def _meeting_last(s: Any, prefix: str, year: int) -> int:
    """The highest sequence number of this 代字 and year among the meetings' 通知文号."""
    # stored in the standard form, so the 代字 and year are the text's start; parse to be exact
    rows = s.scalars(
        select(Meeting.notice_no).where(
            Meeting.voided.is_(False),
            func.substr(Meeting.notice_no, 1, len(prefix) + 6) == f"{prefix}〔{year}〕",
        )
    )
    last = 0
    for text in rows:
        try:
            doc = parse_doc_number(text)
        except DocNumberError:
            continue
        if doc.prefix == prefix and doc.year == year:
            last = max(last, doc.seq)
    return last


def _outgoing_last(services: Services, s: Any, prefix: str, year: int) -> int:
    """The last number of this 代字 the 发文 register handed out (or holds from an import)."""
    if OUTGOING not in services.catalog.keys():
        return 0
    reg = services.catalog.get(OUTGOING)
    model = reg.model
    counted = peek_next(s, f"{model.__tablename__}:{prefix}", year) - 1
    held = s.scalar(select(func.max(model.seq)).where(model.series == prefix, model.year == year)) or 0
    return max(counted, int(held))


def next_notice_number(services: Services, s: Any, prefix: str, year: int) -> str:
    prefix = (prefix or "").strip()
    problem = check_prefix(prefix)
    if problem:
        raise ValidationFailed({"notice_no": problem})
    last = max(_meeting_last(s, prefix, year), _outgoing_last(services, s, prefix, year))
    return str(DocNumber(prefix, year, last + 1))

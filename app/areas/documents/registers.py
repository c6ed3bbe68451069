"""The 收文 (incoming) and 发文 (outgoing) registers, declared once: fields, numbering, filters, row colours.

收文 = incoming document, 发文 = outgoing document, 批示 = leader's instruction, 拟办 = proposed handling,
传阅 = circulation, 催办 = chasing, 办结 = completion, 归档 = archiving, 退文 = returning to the sender.

The declarations live in register_parts.py (shared), incoming_register.py and outgoing_register.py; this
module is where the rest of the area imports them from.
"""

from __future__ import annotations

from app.areas.documents.incoming_register import (
    INCOMING,
    INCOMING_STATE_WORDS,
)
from app.areas.documents.outgoing_register import (
    OUTGOING,
    OUTGOING_STATE_WORDS,
)
from app.areas.documents.register_parts import (
    ARCHIVE_FIELDS,
    CLOSED_STATES,
    COPY_PENDING_FILTER_IN,
    COPY_PENDING_FILTER_OUT,
    DRAFT_SERIES,
    DUE_SOON_DAYS,
    DocState,
    HandlingKind,
    OutState,
    PublicAttr,
    Retention,
)

__all__ = [
    "ARCHIVE_FIELDS",
    "CLOSED_STATES",
    "COPY_PENDING_FILTER_IN",
    "COPY_PENDING_FILTER_OUT",
    "DRAFT_SERIES",
    "DUE_SOON_DAYS",
    "DocState",
    "HandlingKind",
    "INCOMING",
    "INCOMING_STATE_WORDS",
    "OUTGOING",
    "OUTGOING_STATE_WORDS",
    "OutState",
    "PublicAttr",
    "Retention",
]

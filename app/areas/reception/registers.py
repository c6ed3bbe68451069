"""The 来访接待 registers: 信访登记 petitions (with the handling fields its workflow fills), 公务接待 receptions
and 来客登记 visitors — declared one a module; this module gathers them and keeps the names other modules import."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.areas.reception.petition_register import PETITION_REGISTER, after_petition_save, petition_check
from app.areas.reception.reception_register import PAPERS, RECEPTION_REGISTER, reception_check
from app.areas.reception.visitor_register import VISITOR_REGISTER, visitor_check
from app.areas.reception.vocab import (
    GROUP_SIZE,
    MAX_REPRESENTATIVES,
    PETITIONS,
    RECEPTIONS,
    VISITORS,
    Category,
    Channel,
    GuestLevel,
    Handling,
    PetitionState,
    ReceptionState,
    ReplyResult,
    ReviewResult,
    Satisfaction,
)
from app.kit.registers.base import Record

REGISTERS = (PETITION_REGISTER, RECEPTION_REGISTER, VISITOR_REGISTER)


def is_group(rec: Record | Mapping[str, Any]) -> bool:
    persons = rec["persons"] if isinstance(rec, Record) else rec.get("persons")
    return (persons or 1) >= GROUP_SIZE


__all__ = [
    "GROUP_SIZE",
    "MAX_REPRESENTATIVES",
    "PAPERS",
    "PETITIONS",
    "PETITION_REGISTER",
    "RECEPTIONS",
    "RECEPTION_REGISTER",
    "REGISTERS",
    "VISITORS",
    "VISITOR_REGISTER",
    "Category",
    "Channel",
    "GuestLevel",
    "Handling",
    "PetitionState",
    "ReceptionState",
    "ReplyResult",
    "ReviewResult",
    "Satisfaction",
    "after_petition_save",
    "is_group",
    "petition_check",
    "reception_check",
    "visitor_check",
]

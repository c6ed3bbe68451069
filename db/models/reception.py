"""来访接待 tables: petition cases (信访, with their statutory clock kept as the deadline now running),
official receptions (公务接待, with guests, itinerary, meals, costs and the four reimbursement papers) and
the front desk's visitor log (来客登记)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.models.common import RegisterRecord


class Petition(RegisterRecord, Base):
    __tablename__ = "petitions"

    registered_on: Mapped[date | None] = mapped_column(nullable=True)
    channel: Mapped[str | None] = mapped_column(String(16), nullable=True)
    petitioner: Mapped[str] = mapped_column(String(100), default="")
    id_number: Mapped[str] = mapped_column(String(18), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    township: Mapped[str] = mapped_column(String(64), default="")
    village: Mapped[str] = mapped_column(String(64), default="")
    persons: Mapped[int | None] = mapped_column(nullable=True)
    representatives: Mapped[str] = mapped_column(String(300), default="")
    category: Mapped[str | None] = mapped_column(String(16), nullable=True)
    summary: Mapped[str] = mapped_column(String(300), default="")
    facts: Mapped[str] = mapped_column(Text, default="")
    source_organ: Mapped[str] = mapped_column(String(100), default="")
    source_no: Mapped[str] = mapped_column(String(64), default="")
    repeat_of: Mapped[str] = mapped_column(String(64), default="")  # the earlier case's number (重复信访)
    state: Mapped[str | None] = mapped_column(String(16), nullable=True)
    accepted_on: Mapped[date | None] = mapped_column(nullable=True)  # 受理 / 不予受理 decided and told
    handling: Mapped[str | None] = mapped_column(String(16), nullable=True)  # 直接办理/转送/交办/不予受理
    handler_unit: Mapped[str] = mapped_column(String(100), default="")
    extension_days: Mapped[int | None] = mapped_column(nullable=True)
    extension_approver: Mapped[str] = mapped_column(String(64), default="")
    extension_reason: Mapped[str] = mapped_column(Text, default="")
    replied_on: Mapped[date | None] = mapped_column(nullable=True)
    reply_result: Mapped[str | None] = mapped_column(String(16), nullable=True)  # 支持/解释/不予支持
    reply_text: Mapped[str] = mapped_column(Text, default="")
    satisfaction: Mapped[str | None] = mapped_column(String(16), nullable=True)
    visited_on: Mapped[date | None] = mapped_column(nullable=True)  # 回访
    closed_on: Mapped[date | None] = mapped_column(nullable=True)
    review_requested_on: Mapped[date | None] = mapped_column(nullable=True)
    review_decided_on: Mapped[date | None] = mapped_column(nullable=True)
    review_result: Mapped[str | None] = mapped_column(String(16), nullable=True)
    recheck_requested_on: Mapped[date | None] = mapped_column(nullable=True)
    recheck_decided_on: Mapped[date | None] = mapped_column(nullable=True)
    recheck_result: Mapped[str | None] = mapped_column(String(16), nullable=True)
    # the statutory deadline running now (None when none runs), kept on every write for lists and 工作台
    due_on: Mapped[date | None] = mapped_column(nullable=True)
    due_what: Mapped[str] = mapped_column(String(16), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class Reception(RegisterRecord, Base):
    __tablename__ = "receptions"

    arrive_on: Mapped[date | None] = mapped_column(nullable=True)
    leave_on: Mapped[date | None] = mapped_column(nullable=True)
    guest_unit: Mapped[str] = mapped_column(String(100), default="")
    guest_level: Mapped[str | None] = mapped_column(String(16), nullable=True)
    purpose: Mapped[str] = mapped_column(String(300), default="")
    persons: Mapped[int | None] = mapped_column(nullable=True)
    letter_unit: Mapped[str] = mapped_column(String(100), default="")  # 公函
    letter_no: Mapped[str] = mapped_column(String(64), default="")
    letter_on: Mapped[date | None] = mapped_column(nullable=True)
    approver: Mapped[str] = mapped_column(String(64), default="")  # 事前审批
    approved_on: Mapped[date | None] = mapped_column(nullable=True)
    hotel: Mapped[str] = mapped_column(String(100), default="")
    room_type: Mapped[str] = mapped_column(String(32), default="")
    room_nights: Mapped[int | None] = mapped_column(nullable=True)
    lodging_self_paid: Mapped[bool] = mapped_column(default=True)
    meals: Mapped[int | None] = mapped_column(nullable=True)
    companions: Mapped[int | None] = mapped_column(nullable=True)
    vehicles: Mapped[str] = mapped_column(String(200), default="")
    cost_meals: Mapped[int | None] = mapped_column(nullable=True)  # yuan
    cost_lodging: Mapped[int | None] = mapped_column(nullable=True)
    cost_transport: Mapped[int | None] = mapped_column(nullable=True)
    cost_other: Mapped[int | None] = mapped_column(nullable=True)
    has_letter: Mapped[bool] = mapped_column(default=False)  # the four papers for reimbursement
    has_approval: Mapped[bool] = mapped_column(default=False)
    has_list: Mapped[bool] = mapped_column(default=False)
    has_receipts: Mapped[bool] = mapped_column(default=False)
    state: Mapped[str | None] = mapped_column(String(16), nullable=True)
    handler: Mapped[str] = mapped_column(String(64), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class ReceptionGuest(Base):
    """One 接待对象 of a reception (the 接待清单 lists each by unit, name and 职务)."""

    __tablename__ = "reception_guests"

    id: Mapped[int] = mapped_column(primary_key=True)
    reception_id: Mapped[int] = mapped_column(ForeignKey("receptions.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(default=0)  # the order the clerk listed them (protocol order)
    name: Mapped[str] = mapped_column(String(64), default="")
    unit: Mapped[str] = mapped_column(String(100), default="")
    title: Mapped[str] = mapped_column(String(100), default="")  # 职务
    level: Mapped[str | None] = mapped_column(String(16), nullable=True)  # 省级/市级/县级/其他


class ReceptionStop(Base):
    """One item of a reception's 行程 (date and time, place, activity, who accompanies)."""

    __tablename__ = "reception_itinerary"

    id: Mapped[int] = mapped_column(primary_key=True)
    reception_id: Mapped[int] = mapped_column(ForeignKey("receptions.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(default=0)
    day: Mapped[date | None] = mapped_column(nullable=True)
    time: Mapped[str] = mapped_column(String(32), default="")  # 09:00-11:30, 上午 …
    place: Mapped[str] = mapped_column(String(100), default="")
    activity: Mapped[str] = mapped_column(String(200), default="")
    escort: Mapped[str] = mapped_column(String(200), default="")  # 陪同


class Visitor(RegisterRecord, Base):
    __tablename__ = "visitors"

    visitor: Mapped[str] = mapped_column(String(64), default="")
    unit: Mapped[str] = mapped_column(String(100), default="")
    id_number: Mapped[str] = mapped_column(String(18), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    purpose: Mapped[str] = mapped_column(String(200), default="")
    host: Mapped[str] = mapped_column(String(64), default="")
    people: Mapped[int | None] = mapped_column(nullable=True)
    came_at: Mapped[datetime | None] = mapped_column(nullable=True)
    left_at: Mapped[datetime | None] = mapped_column(nullable=True)


Index("ix_petitions_registered_on", Petition.registered_on)
Index("ix_petitions_due_on", Petition.due_on)
Index("ix_petitions_id_number", Petition.id_number)
Index("ix_petitions_phone", Petition.phone)
Index("ix_petitions_petitioner", Petition.petitioner)
Index("ix_receptions_arrive_on", Reception.arrive_on)
Index("ix_reception_guests_reception_id", ReceptionGuest.reception_id, ReceptionGuest.seq)
Index("ix_reception_itinerary_reception_id", ReceptionStop.reception_id, ReceptionStop.seq)
Index("ix_visitors_came_at", Visitor.came_at)
Index("ix_visitors_left_at", Visitor.left_at)

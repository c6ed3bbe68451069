"""会议安排 (meetings) tables: meetings (会议), rooms (会议室), the people directory (参会人员名录), each
meeting's participants (参会人员: 出席/列席/工作人员 with sign-in and 回执) and its preparation items
(会务筹备: documents to draft or print, service tasks)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.models.common import RegisterRecord


class Meeting(RegisterRecord, Base):
    __tablename__ = "meetings"

    name: Mapped[str] = mapped_column(String(300), default="")
    kind: Mapped[str] = mapped_column(String(32), default="")  # from the office's editable list of types
    state: Mapped[str | None] = mapped_column(String(16), nullable=True)  # 筹备 / 召开 / 结束
    starts_at: Mapped[datetime | None] = mapped_column(nullable=True)
    ends_at: Mapped[datetime | None] = mapped_column(nullable=True)
    # 通知文号 of the 会议通知 (县委办〔2026〕12号, 县委办发电〔2026〕3号): the notice goes out as a document or
    # a 明传电报; empty while it has none, and the notice then prints no 发文字号 line
    notice_no: Mapped[str] = mapped_column(String(64), default="")
    checkin_at: Mapped[datetime | None] = mapped_column(nullable=True)
    checkin_place: Mapped[str] = mapped_column(String(200), default="")
    room: Mapped[str] = mapped_column(String(100), default="")  # a 会议室 by name, or a place for history
    host_unit: Mapped[str] = mapped_column(String(200), default="")
    chair: Mapped[str] = mapped_column(String(64), default="")
    attendees_scope: Mapped[str] = mapped_column(Text, default="")  # 参会人员 as the notice words it
    topics: Mapped[str] = mapped_column(Text, default="")  # 议题, one a line: "议题——汇报人"
    agenda: Mapped[str] = mapped_column(Text, default="")  # 议程, ordered, one item a line
    schedule: Mapped[str] = mapped_column(Text, default="")  # 日程, "3月5日上午 9:00-11:30 开幕式" a line
    requirements: Mapped[str] = mapped_column(Text, default="")  # 会议要求
    contact: Mapped[str] = mapped_column(String(100), default="")
    contact_phone: Mapped[str] = mapped_column(String(64), default="")
    reply_by: Mapped[date | None] = mapped_column(nullable=True)  # 回执 deadline
    unit_order: Mapped[str] = mapped_column(Text, default="")  # audience blocks, units in the clerk's order
    swaps: Mapped[str] = mapped_column(Text, default="")  # hand swaps of seats, "甲↔乙" one a line
    decisions: Mapped[str] = mapped_column(Text, default="")  # 议定事项, one a line (纪要)
    minutes_summary: Mapped[str] = mapped_column(Text, default="")  # 会议概况 paragraph of the 纪要
    headcount: Mapped[int | None] = mapped_column(nullable=True)  # 参会人数 of imported history
    note: Mapped[str] = mapped_column(Text, default="")


class MeetingRoom(RegisterRecord, Base):
    __tablename__ = "meeting_rooms"

    name: Mapped[str] = mapped_column(String(100), default="")
    place: Mapped[str] = mapped_column(String(200), default="")
    capacity: Mapped[int | None] = mapped_column(nullable=True)
    rows: Mapped[int | None] = mapped_column(nullable=True)
    seats_per_row: Mapped[int | None] = mapped_column(nullable=True)
    rostrum_rows: Mapped[str] = mapped_column(String(64), default="")  # 主席台 seats per row, front first
    note: Mapped[str] = mapped_column(Text, default="")


class MeetingPerson(RegisterRecord, Base):
    __tablename__ = "meeting_people"

    name: Mapped[str] = mapped_column(String(64), default="")
    unit: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(200), default="")  # 职务
    rank: Mapped[int | None] = mapped_column(nullable=True)  # protocol order, 1 = most senior
    phone: Mapped[str] = mapped_column(String(64), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class MeetingParticipant(RegisterRecord, Base):
    __tablename__ = "meeting_participants"

    meeting_no: Mapped[str] = mapped_column(String(64), default="")  # the meeting's 编号, as typed
    meeting_id: Mapped[int | None] = mapped_column(nullable=True)  # resolved from meeting_no on saving
    name: Mapped[str] = mapped_column(String(64), default="")
    unit: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    rank: Mapped[int | None] = mapped_column(nullable=True)
    phone: Mapped[str] = mapped_column(String(64), default="")
    role: Mapped[str | None] = mapped_column(String(16), nullable=True)  # 出席 / 列席 / 工作人员
    rostrum: Mapped[bool] = mapped_column(default=False)  # seated on the 主席台
    attendance: Mapped[str | None] = mapped_column(String(16), nullable=True)  # 待到 / 实到 / 请假 / 缺席
    leave_reason: Mapped[str] = mapped_column(String(200), default="")
    arrived_at: Mapped[datetime | None] = mapped_column(nullable=True)
    late: Mapped[bool] = mapped_column(default=False)
    reply: Mapped[str | None] = mapped_column(String(16), nullable=True)  # 回执: 未回 / 已回 / 代会
    substitute: Mapped[str] = mapped_column(String(64), default="")  # who comes instead (代会)
    chased_at: Mapped[datetime | None] = mapped_column(nullable=True)  # last 催报 of the 回执


class MeetingTask(RegisterRecord, Base):
    __tablename__ = "meeting_tasks"

    meeting_no: Mapped[str] = mapped_column(String(64), default="")
    meeting_id: Mapped[int | None] = mapped_column(nullable=True)
    kind: Mapped[str | None] = mapped_column(String(16), nullable=True)  # 讲话 / 报告 / 材料 / 会场布置 …
    item: Mapped[str] = mapped_column(String(300), default="")
    who: Mapped[str] = mapped_column(String(64), default="")  # drafter or the one in charge
    due_on: Mapped[date | None] = mapped_column(nullable=True)
    state: Mapped[str | None] = mapped_column(String(16), nullable=True)  # 待办 / 进行中 / 已完成
    note: Mapped[str] = mapped_column(Text, default="")


Index("ix_meetings_starts_at", Meeting.starts_at)
Index("ix_meetings_room_starts_at", Meeting.room, Meeting.starts_at)
Index("ix_meeting_participants_meeting_id", MeetingParticipant.meeting_id)
Index("ix_meeting_tasks_meeting_id", MeetingTask.meeting_id)
Index("ix_meeting_tasks_due_on", MeetingTask.due_on)

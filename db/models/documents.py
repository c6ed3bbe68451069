"""收发文 tables: incoming (收文) and outgoing (发文) documents. Their step history, 领导批示 and 催办 live in
the workflow kit's shared tables (db.models.workflow); 传阅 hand-offs in the generic copies tables."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.models.common import RegisterRecord


class IncomingDocument(RegisterRecord, Base):
    __tablename__ = "incoming_docs"

    received_at: Mapped[datetime | None] = mapped_column(nullable=True)
    received_by: Mapped[str] = mapped_column(String(64), default="")
    sender: Mapped[str] = mapped_column(String(128), default="")
    sender_number: Mapped[str] = mapped_column(String(64), default="")
    title: Mapped[str] = mapped_column(String(300), default="")
    written_on: Mapped[date | None] = mapped_column(nullable=True)  # 成文日期 (the sender's date)
    doc_type: Mapped[str | None] = mapped_column(String(16), nullable=True)
    urgency: Mapped[str | None] = mapped_column(String(16), nullable=True)
    copies: Mapped[int | None] = mapped_column(nullable=True)
    copy_numbers: Mapped[str] = mapped_column(String(200), default="")
    pages: Mapped[int | None] = mapped_column(nullable=True)
    attachments: Mapped[str] = mapped_column(String(300), default="")
    handling_kind: Mapped[str | None] = mapped_column(String(16), nullable=True)
    due_on: Mapped[date | None] = mapped_column(nullable=True)
    lead_unit: Mapped[str] = mapped_column(String(128), default="")
    assist_units: Mapped[str] = mapped_column(String(300), default="")
    proposal: Mapped[str] = mapped_column(Text, default="")
    proposal_by: Mapped[str] = mapped_column(String(64), default="")
    proposal_on: Mapped[date | None] = mapped_column(nullable=True)
    result: Mapped[str] = mapped_column(Text, default="")
    done_on: Mapped[date | None] = mapped_column(nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(16), default="received")
    readers: Mapped[str] = mapped_column(Text, default="")  # 传阅范围, in reading order
    holder: Mapped[str] = mapped_column(String(200), default="")  # who holds the paper copies now
    return_reason: Mapped[str] = mapped_column(Text, default="")
    archive_no: Mapped[str] = mapped_column(String(64), default="")
    retention: Mapped[str | None] = mapped_column(String(8), nullable=True)
    archived_on: Mapped[date | None] = mapped_column(nullable=True)


# The default sort is (year, seq) — covered by the mixin's ix_incoming_docs_year_seq. These cover the
# filter bar (state, urgency, unit, due date) on a million rows.
Index("ix_incoming_docs_state_due_on", IncomingDocument.state, IncomingDocument.due_on)
Index("ix_incoming_docs_due_on", IncomingDocument.due_on)
Index("ix_incoming_docs_received_at", IncomingDocument.received_at)
Index("ix_incoming_docs_lead_unit", IncomingDocument.lead_unit)
Index("ix_incoming_docs_sender", IncomingDocument.sender)
# 份号待补 is counted for the home tab on every refresh: without an index that is a scan of every 收文
# (partial: only the flagged rows, so even a database with ANALYZE statistics that say "all false" uses it)
Index(
    "ix_incoming_docs_copy_no_pending",
    IncomingDocument.copy_no_pending,
    sqlite_where=text("copy_no_pending = 1"),
    postgresql_where=text("copy_no_pending"),
)


class OutgoingDocument(RegisterRecord, Base):
    __tablename__ = "outgoing_docs"

    prefix: Mapped[str] = mapped_column(String(32), default="")
    doc_type: Mapped[str | None] = mapped_column(String(16), nullable=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    urgency: Mapped[str | None] = mapped_column(String(16), nullable=True)
    public_attr: Mapped[str | None] = mapped_column(String(16), nullable=True)
    nonpublic_reason: Mapped[str] = mapped_column(String(300), default="")
    issuer: Mapped[str] = mapped_column(String(128), default="")
    issuer_mark: Mapped[str] = mapped_column(String(128), default="")
    main_to: Mapped[str] = mapped_column(Text, default="")
    cc: Mapped[str] = mapped_column(Text, default="")
    internal: Mapped[str] = mapped_column(Text, default="")
    attachments: Mapped[str] = mapped_column(Text, default="")
    drafting_unit: Mapped[str] = mapped_column(String(128), default="")
    drafter: Mapped[str] = mapped_column(String(64), default="")
    drafted_on: Mapped[date | None] = mapped_column(nullable=True)
    checker: Mapped[str] = mapped_column(String(64), default="")
    check_opinion: Mapped[str] = mapped_column(Text, default="")
    countersign: Mapped[str] = mapped_column(Text, default="")
    signer: Mapped[str] = mapped_column(String(64), default="")
    sign_opinion: Mapped[str] = mapped_column(Text, default="")
    signed_on: Mapped[date | None] = mapped_column(nullable=True)
    reviewer: Mapped[str] = mapped_column(String(64), default="")
    review_opinion: Mapped[str] = mapped_column(Text, default="")
    written_on: Mapped[date | None] = mapped_column(nullable=True)
    issued_on: Mapped[date | None] = mapped_column(nullable=True)
    print_copies: Mapped[int | None] = mapped_column(nullable=True)
    copy_from: Mapped[int | None] = mapped_column(nullable=True)
    copy_to: Mapped[int | None] = mapped_column(nullable=True)
    body: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    distribution: Mapped[str] = mapped_column(Text, default="")
    draft_no: Mapped[str] = mapped_column(String(64), default="")
    state: Mapped[str] = mapped_column(String(16), default="draft")
    archive_no: Mapped[str] = mapped_column(String(64), default="")
    retention: Mapped[str | None] = mapped_column(String(8), nullable=True)
    archived_on: Mapped[date | None] = mapped_column(nullable=True)


Index("ix_outgoing_docs_state", OutgoingDocument.state)
Index("ix_outgoing_docs_signed_on", OutgoingDocument.signed_on)
Index(
    "ix_outgoing_docs_copy_no_pending",
    OutgoingDocument.copy_no_pending,
    sqlite_where=text("copy_no_pending = 1"),
    postgresql_where=text("copy_no_pending"),
)

"""A small register used to test the shared engine (table view, form, import, export, printing) on its
own, independent of any area. Its table lives on a separate metadata, created directly in the test DB."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.domain.enums import Role, Urgency
from app.kit.area import Area, DashboardItem
from app.kit.registers.base import (
    CHOICE,
    DATE,
    INT,
    MULTILINE,
    TEXT,
    CustomFilter,
    Field,
    Numbering,
    Register,
)
from db.base import NAMING_CONVENTION
from db.models.common import RegisterRecord
from db.search import create_statements


class SampleBase(DeclarativeBase):
    from sqlalchemy import MetaData

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SampleLetter(RegisterRecord, SampleBase):
    __tablename__ = "sample_letters"

    received_on: Mapped[date | None] = mapped_column(nullable=True)
    sender: Mapped[str | None] = mapped_column(String(128), nullable=True)
    title: Mapped[str | None] = mapped_column(String(300), nullable=True)
    pages: Mapped[int | None] = mapped_column(nullable=True)
    urgency: Mapped[str | None] = mapped_column(String(16), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    due_on: Mapped[date | None] = mapped_column(nullable=True)


Index("ix_sample_letters_received_on", SampleLetter.received_on)

SAMPLE = Register(
    key="sample",
    title="样例登记",
    book_title="样例登记簿",
    model=SampleLetter,
    record_label="来信",
    numbering=Numbering("sample", "received_on", "样〔{year}〕{seq}号"),
    date_field="received_on",
    default_sort=("number", True),
    read_roles=(Role.DOCUMENTS,),
    write_roles=(Role.DOCUMENTS,),
    fields=(
        Field("received_on", "收到日期", DATE, required=True, filterable=True, synonyms=("日期", "收文日期")),
        Field(
            "sender",
            "来信单位",
            TEXT,
            required=True,
            searchable=True,
            autocomplete=True,
            filterable=True,
            synonyms=("来文单位", "来文机关", "发文单位"),
        ),
        Field(
            "title",
            "标题",
            TEXT,
            required=True,
            searchable=True,
            max_length=300,
            list_width=300,
            print_width=3,
            synonyms=("文件标题", "题名"),
        ),
        Field("pages", "页数", INT, min_value=1, max_value=9999, synonyms=("页",)),
        Field("urgency", "紧急程度", CHOICE, choices=Urgency, default=Urgency.NORMAL.value, filterable=True),
        Field("due_on", "办理期限", DATE),
        Field("note", "备注", MULTILINE, max_length=2000, in_list=False, searchable=True),
    ),
    filters=(CustomFilter("overdue", "已超期", lambda t: t.c.due_on < date.today()),),
)


def _dashboard(services, actor):  # type: ignore[no-untyped-def]
    page = services.registers.page(actor, "sample", filters={"overdue": True}, limit=20)
    return [
        DashboardItem(
            "sample",
            "overdue",
            r["title"],
            r["number"],
            datetime.combine(r["due_on"], datetime.min.time()),
            "sample",
            r.id,
        )
        for r in page.records
    ]


SAMPLE_AREA = Area(
    key="sample", title="样例", roles=(Role.DOCUMENTS,), registers=(SAMPLE,), dashboard=_dashboard
)


def install_sample_table(db) -> None:  # type: ignore[no-untyped-def]
    SampleBase.metadata.create_all(db.writer)
    with db.writer.begin() as conn:
        for sql in create_statements(conn.dialect.name, "sample_letters"):
            conn.exec_driver_sql(sql)

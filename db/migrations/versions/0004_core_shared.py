"""core: the tables every area shares — paper copies (份号, 传阅, 清退, 销毁 batches) and home-tab alerts

Revision ID: 0004_core_shared
Revises: 0001_core
Create Date: 2026-12-01 20:30:00

Until release 0.1 these tables were created by 0003_telegrams although 收发文's 传阅 uses them too.
A database written by that release already has them (its 0003 ran), so each table is created only when
absent; a fresh database gets them here and 0003 no longer creates them. See db/migrations/README.md.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004_core_shared"
down_revision: str | None = "0001_core"
branch_labels = ("core",)
depends_on = None


def _alerts() -> None:
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("register", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("raised_at", sa.DateTime(), nullable=False),
        sa.Column("raised_by", sa.String(length=64), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=True),
        sa.Column("acknowledged_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts")),
    )
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.create_index("ix_alerts_pending", ["acknowledged_at", "raised_at"], unique=False)
        batch_op.create_index("ix_alerts_register_record", ["register", "record_id"], unique=False)


def _destruction_batches() -> None:
    op.create_table(
        "destruction_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("listed_by", sa.String(length=64), nullable=False),
        sa.Column("approver", sa.String(length=64), nullable=False),
        sa.Column("witness1", sa.String(length=64), nullable=False),
        sa.Column("witness2", sa.String(length=64), nullable=False),
        sa.Column("destroyed_on", sa.Date(), nullable=False),
        sa.Column("method", sa.String(length=64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_destruction_batches")),
        sa.UniqueConstraint("year", "seq", name=op.f("uq_destruction_batches_year_seq")),
    )


def _copies() -> None:
    op.create_table(
        "copies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("register", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("copy_no", sa.String(length=6), nullable=False),
        sa.Column("signed_by", sa.String(length=64), nullable=False),
        sa.Column("signed_at", sa.DateTime(), nullable=True),
        sa.Column("holder", sa.String(length=64), nullable=False),
        sa.Column("due_back", sa.DateTime(), nullable=True),
        sa.Column("returned_at", sa.DateTime(), nullable=True),
        sa.Column("returned_by", sa.String(length=64), nullable=False),
        sa.Column("received_by", sa.String(length=64), nullable=False),
        sa.Column("destruction_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["destruction_id"],
            ["destruction_batches.id"],
            name=op.f("fk_copies_destruction_id_destruction_batches"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_copies")),
        sa.UniqueConstraint(
            "register", "record_id", "copy_no", name=op.f("uq_copies_register_record_id_copy_no")
        ),
    )
    with op.batch_alter_table("copies", schema=None) as batch_op:
        batch_op.create_index("ix_copies_destruction_id", ["destruction_id"], unique=False)
        batch_op.create_index("ix_copies_due_back", ["returned_at", "due_back"], unique=False)
        batch_op.create_index("ix_copies_register_record", ["register", "record_id"], unique=False)


def _copy_steps() -> None:
    op.create_table(
        "copy_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("copy_id", sa.Integer(), nullable=False),
        sa.Column("reader", sa.String(length=64), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.Column("sent_by", sa.String(length=64), nullable=False),
        sa.Column("taken_back_at", sa.DateTime(), nullable=True),
        sa.Column("taken_back_by", sa.String(length=64), nullable=False),
        sa.Column("remark_kind", sa.String(length=16), nullable=False),
        sa.Column("remark", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["copy_id"], ["copies.id"], name=op.f("fk_copy_steps_copy_id_copies")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_copy_steps")),
    )
    with op.batch_alter_table("copy_steps", schema=None) as batch_op:
        batch_op.create_index("ix_copy_steps_copy_id", ["copy_id"], unique=False)


# in dependency order (copies refers to destruction_batches, copy_steps to copies)
TABLES = {
    "alerts": _alerts,
    "destruction_batches": _destruction_batches,
    "copies": _copies,
    "copy_steps": _copy_steps,
}


def upgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    for name, create in TABLES.items():
        if name not in existing:  # present when release 0.1's 0003_telegrams made it
            create()


def downgrade() -> None:
    with op.batch_alter_table("copy_steps", schema=None) as batch_op:
        batch_op.drop_index("ix_copy_steps_copy_id")
    op.drop_table("copy_steps")
    with op.batch_alter_table("copies", schema=None) as batch_op:
        batch_op.drop_index("ix_copies_register_record")
        batch_op.drop_index("ix_copies_due_back")
        batch_op.drop_index("ix_copies_destruction_id")
    op.drop_table("copies")
    op.drop_table("destruction_batches")
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_index("ix_alerts_register_record")
        batch_op.drop_index("ix_alerts_pending")
    op.drop_table("alerts")

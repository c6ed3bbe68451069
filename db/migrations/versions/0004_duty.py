"""duty: the roster (值班表), absences, swaps and the duty log (值班记录)

Revision ID: 0004_duty
Revises: 0001_core
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.search import create_sql, fts_table

revision: str = "0004_duty"
down_revision: str | None = "0001_core"
branch_labels = ("duty",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "duty_absences",
        sa.Column("person", sa.String(length=64), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=True),
        sa.Column("end_on", sa.Date(), nullable=True),
        sa.Column("reason", sa.String(length=16), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series", sa.String(length=32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("secret_level", sa.String(length=16), nullable=False),
        sa.Column("secret_period", sa.String(length=64), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.Column("void_reason", sa.Text(), nullable=False),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.Column("voided_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duty_absences")),
        sa.UniqueConstraint("series", "year", "seq", name="uq_duty_absences_series_year_seq"),
    )
    with op.batch_alter_table("duty_absences", schema=None) as batch_op:
        batch_op.create_index("ix_duty_absences_person", ["person", "start_on"], unique=False)
        batch_op.create_index("ix_duty_absences_secret_level", ["secret_level"], unique=False)
        batch_op.create_index("ix_duty_absences_year_seq", ["year", "seq"], unique=False)

    op.create_table(
        "duty_log",
        sa.Column("at", sa.DateTime(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("unit", sa.String(length=128), nullable=False),
        sa.Column("caller", sa.String(length=64), nullable=False),
        sa.Column("phone", sa.String(length=64), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("handling", sa.Text(), nullable=False),
        sa.Column("instruction", sa.Text(), nullable=False),
        sa.Column("recorder", sa.String(length=64), nullable=False),
        sa.Column("grade", sa.String(length=16), nullable=True),
        sa.Column("reported_phone_at", sa.DateTime(), nullable=True),
        sa.Column("reported_written_at", sa.DateTime(), nullable=True),
        sa.Column("handover", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series", sa.String(length=32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("secret_level", sa.String(length=16), nullable=False),
        sa.Column("secret_period", sa.String(length=64), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.Column("void_reason", sa.Text(), nullable=False),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.Column("voided_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duty_log")),
        sa.UniqueConstraint("series", "year", "seq", name="uq_duty_log_series_year_seq"),
    )
    with op.batch_alter_table("duty_log", schema=None) as batch_op:
        batch_op.create_index("ix_duty_log_at", ["at"], unique=False)
        batch_op.create_index("ix_duty_log_kind", ["kind", "at"], unique=False)
        batch_op.create_index("ix_duty_log_secret_level", ["secret_level"], unique=False)
        batch_op.create_index("ix_duty_log_year_seq", ["year", "seq"], unique=False)

    op.create_table(
        "duty_shifts",
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("slot", sa.String(length=8), nullable=False),
        sa.Column("day_kind", sa.String(length=16), nullable=True),
        sa.Column("leader", sa.String(length=64), nullable=False),
        sa.Column("staff", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series", sa.String(length=32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("secret_level", sa.String(length=16), nullable=False),
        sa.Column("secret_period", sa.String(length=64), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.Column("void_reason", sa.Text(), nullable=False),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.Column("voided_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duty_shifts")),
        sa.UniqueConstraint("series", "year", "seq", name="uq_duty_shifts_series_year_seq"),
    )
    with op.batch_alter_table("duty_shifts", schema=None) as batch_op:
        batch_op.create_index("ix_duty_shifts_day", ["day", "slot"], unique=False)
        batch_op.create_index("ix_duty_shifts_secret_level", ["secret_level"], unique=False)
        batch_op.create_index("ix_duty_shifts_year_seq", ["year", "seq"], unique=False)

    op.create_table(
        "duty_swaps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shift_a_id", sa.Integer(), nullable=False),
        sa.Column("person_a", sa.String(length=64), nullable=False),
        sa.Column("shift_b_id", sa.Integer(), nullable=False),
        sa.Column("person_b", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("requested_by", sa.String(length=64), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["shift_a_id"], ["duty_shifts.id"], name=op.f("fk_duty_swaps_shift_a_id_duty_shifts")
        ),
        sa.ForeignKeyConstraint(
            ["shift_b_id"], ["duty_shifts.id"], name=op.f("fk_duty_swaps_shift_b_id_duty_shifts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duty_swaps")),
    )
    with op.batch_alter_table("duty_swaps", schema=None) as batch_op:
        batch_op.create_index("ix_duty_swaps_state", ["state"], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        # the search box's 1-/2-character token index (db/search.py)
        op.execute(create_sql("duty_shifts"))
        op.execute(create_sql("duty_absences"))
        op.execute(create_sql("duty_log"))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP TABLE IF EXISTS {fts_table('duty_shifts')}")
        op.execute(f"DROP TABLE IF EXISTS {fts_table('duty_absences')}")
        op.execute(f"DROP TABLE IF EXISTS {fts_table('duty_log')}")
    op.drop_table("duty_swaps")
    op.drop_table("duty_shifts")
    op.drop_table("duty_log")
    op.drop_table("duty_absences")

"""telegrams: imported history (provenance, what is missing, kept columns, 份号待补)

Revision ID: 0005_telegrams_import
Revises: 0003_telegrams
Create Date: 2026-12-01 20:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005_telegrams_import"
down_revision: str | None = "0003_telegrams"
branch_labels = None
depends_on = None

TABLES = ("telegrams",)


def columns() -> list[sa.Column]:
    return [
        sa.Column("imported_at", sa.DateTime(), nullable=True),
        sa.Column("imported_by", sa.String(length=64), nullable=False, server_default=""),
        sa.Column("import_source", sa.String(length=300), nullable=False, server_default=""),
        sa.Column("import_missing", sa.Text(), nullable=False, server_default=""),
        sa.Column("extra_columns", sa.Text(), nullable=False, server_default=""),
        sa.Column("copy_no_pending", sa.Boolean(), nullable=False, server_default=sa.false()),
    ]


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns():
                batch_op.add_column(column)


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in reversed(columns()):
                batch_op.drop_column(column.name)

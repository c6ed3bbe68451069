"""telegrams: imported history (provenance, what is missing, kept columns, 份号待补)

Revision ID: 0007_telegrams_import
Revises: 0003_telegrams
Create Date: 2026-12-01 20:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0007_telegrams_import"
down_revision: str | None = "0006_telegrams_version"
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
    # plain ADD COLUMN (constant defaults): a batch "move and copy" would drop tables that other tables
    # reference (doc_instructions → incoming_docs) on a database with foreign keys on
    for table in TABLES:
        for column in columns():
            op.add_column(table, column)


def downgrade() -> None:
    for table in TABLES:  # SQLite 3.35+ drops a column in place
        for column in reversed(columns()):
            op.drop_column(table, column.name)

"""record versions for the optimistic lock (two writers on one record): telegrams

Revision ID: 0006_telegrams_version
Revises: 0003_telegrams
Create Date: 2026-12-01 20:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006_telegrams_version"
down_revision: str | None = "0003_telegrams"
branch_labels = None
depends_on = None

TABLES = ("telegrams",)


def upgrade() -> None:
    for table in TABLES:
        # ADD COLUMN with a constant default: no table rebuild, existing records start at version 1
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1")))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")

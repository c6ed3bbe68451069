"""record versions for the optimistic lock (two writers on one record): incoming_docs outgoing_docs

Revision ID: 0005_documents_version
Revises: 0002_documents
Create Date: 2026-12-01 20:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005_documents_version"
down_revision: str | None = "0002_documents"
branch_labels = None
depends_on = None

TABLES = (
    "incoming_docs",
    "outgoing_docs",
)


def upgrade() -> None:
    for table in TABLES:
        # ADD COLUMN with a constant default: no table rebuild, existing records start at version 1
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1")))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")

"""record versions for the optimistic lock (two writers on one record): research_activities research_topics research_articles drafts

Revision ID: 0008_research_version
Revises: 0005_research
Create Date: 2026-12-01 20:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0008_research_version"
down_revision: str | None = "0005_research"
branch_labels = None
depends_on = None

TABLES = ("research_activities", "research_topics", "research_articles", "drafts", )


def upgrade() -> None:
    for table in TABLES:
        # ADD COLUMN with a constant default: no table rebuild, existing records start at version 1
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1")))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")

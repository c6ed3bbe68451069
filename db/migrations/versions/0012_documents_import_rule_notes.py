"""documents: the rules of live registration an imported row breaks (import_rule_notes) on the register mixin

Revision ID: 0012_documents_import_rule_notes
Revises: 0011_documents_incoming_written_on
Create Date: 2026-12-02 02:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0012_documents_import_rule_notes"
down_revision: str | None = "0011_documents_incoming_written_on"
branch_labels = None
depends_on = None

TABLES = ("incoming_docs", "outgoing_docs")


def upgrade() -> None:
    # plain ADD COLUMN with a constant default, as 0008_duty_import: no batch copy of referenced tables
    for table in TABLES:
        op.add_column(table, sa.Column("import_rule_notes", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    for table in TABLES:
        op.drop_column(table, "import_rule_notes")

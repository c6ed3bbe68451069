"""Documents: index 份号待补 (copy_no_pending) for the home tab's count

Revision ID: 0010_documents_copy_no_pending_index
Revises: 0006_documents_import
Create Date: 2026-12-01 23:23:01.843445
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0010_documents_copy_no_pending_index"
down_revision: str | None = "0006_documents_import"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # 份号待补 is counted on every home-tab refresh: an index instead of a scan of every 收文/发文
    # partial (only flagged rows): used even where ANALYZE statistics say every row is unflagged
    for table in ("incoming_docs", "outgoing_docs"):
        op.create_index(
            f"ix_{table}_copy_no_pending",
            table,
            ["copy_no_pending"],
            sqlite_where=sa.text("copy_no_pending = 1"),
            postgresql_where=sa.text("copy_no_pending"),
        )


def downgrade() -> None:
    op.drop_index("ix_outgoing_docs_copy_no_pending", "outgoing_docs")
    op.drop_index("ix_incoming_docs_copy_no_pending", "incoming_docs")

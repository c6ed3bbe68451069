"""core hardening: a 系统管理员's password reset waits for the 安全保密管理员's approval

Revision ID: 0004_core_hardening
Revises: 0004_core_shared
Create Date: 2026-12-01 20:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004_core_hardening"
down_revision: str | None = "0004_core_shared"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pending_password_hash", sa.String(length=256), nullable=True))
        batch_op.add_column(
            sa.Column("pending_reset_by", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("pending_reset_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("pending_reset_at")
        batch_op.drop_column("pending_reset_by")
        batch_op.drop_column("pending_password_hash")

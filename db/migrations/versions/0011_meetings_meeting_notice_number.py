"""meeting notice number: 通知文号 of the 会议通知

Revision ID: 0011_meetings_meeting_notice_number
Revises: 0006_meetings_meetings_rooms_people_participants
Create Date: 2026-12-02 01:58:05.473717
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0011_meetings_meeting_notice_number"
down_revision: str | None = "0006_meetings_meetings_rooms_people_participants"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # existing meetings have no 通知文号 yet: the server default fills them with "" (the model's default)
    op.add_column(
        "meetings", sa.Column("notice_no", sa.String(length=64), nullable=False, server_default="")
    )


def downgrade() -> None:
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_column("notice_no")

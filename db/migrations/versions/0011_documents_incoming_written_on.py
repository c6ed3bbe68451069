"""Documents: 成文日期 (written_on) of a 收文

Revision ID: 0011_documents_incoming_written_on
Revises: 0010_documents_copy_no_pending_index
Create Date: 2026-12-02 02:15:41.099204
"""

from __future__ import annotations

import re
from datetime import date

import sqlalchemy as sa
from alembic import op

revision: str = "0011_documents_incoming_written_on"
down_revision: str | None = "0010_documents_copy_no_pending_index"
branch_labels = None
depends_on = None

# 从扫描件登记 put a recognised date into 备注 while 收文 had no 成文日期: a note that is exactly that
# line moves into the new field; a note the clerk wrote more into stays as it is
_NOTE = re.compile(r"^成文日期：(\d{4})年(\d{1,2})月(\d{1,2})日$")


def upgrade() -> None:
    # a plain ADD COLUMN (no table copy): instant on a million 收文
    op.add_column("incoming_docs", sa.Column("written_on", sa.Date(), nullable=True))
    conn = op.get_bind()
    docs = sa.table("incoming_docs", sa.column("id"), sa.column("note"), sa.column("written_on", sa.Date()))
    rows = conn.execute(sa.select(docs.c.id, docs.c.note).where(docs.c.note.like("成文日期：%"))).all()
    for row_id, note in rows:
        m = _NOTE.match(note or "")
        if not m:
            continue
        try:
            written = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
        conn.execute(sa.update(docs).where(docs.c.id == row_id).values(written_on=written, note=""))


def downgrade() -> None:
    with op.batch_alter_table("incoming_docs", schema=None) as batch_op:
        batch_op.drop_column("written_on")

"""documents onto the workflow kit: doc_events, doc_instructions and doc_urges carried over into the shared
workflow_history, instructions and urges tables (every row, same ids), then dropped

Revision ID: 0006_documents_workflow
Revises: 0005_documents_version
Depends on: 0005_core_workflow (the shared tables the rows move into)
Create Date: 2026-12-01 20:50:00
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision: str = "0006_documents_workflow"
down_revision: str | None = "0005_documents_version"
branch_labels = None
depends_on = "0005_core_workflow"

_BATCH = 5000
_INSTRUCTION_COLS = "leader, text, given_on, recorded_by, recorded_at"
_URGE_COLS = "method, urged_on, person, target, note, recorded_by, recorded_at"


def _history_up(conn: sa.Connection) -> None:
    """detail (JSON) becomes ``after``; a reason in it (退文) moves to the reason column."""
    insert = sa.text(
        "INSERT INTO workflow_history (id, register, record_id, step, at, actor_login, actor_name,"
        " before, after, reason) VALUES (:id, :register, :record_id, :step, :at, :actor_login,"
        " :actor_name, '{}', :after, :reason)"
    )
    last = 0
    while True:
        rows = conn.execute(
            sa.text(
                "SELECT id, register, record_id, step, at, actor_login, actor_name, detail FROM doc_events"
                " WHERE id > :last ORDER BY id LIMIT :n"
            ),
            {"last": last, "n": _BATCH},
        ).all()
        if not rows:
            return
        out = []
        for r in rows:
            detail = json.loads(r.detail or "{}")
            reason = detail.pop("reason", "") if isinstance(detail, dict) else ""
            out.append(
                {
                    "id": r.id,
                    "register": r.register,
                    "record_id": r.record_id,
                    "step": r.step,
                    "at": r.at,
                    "actor_login": r.actor_login,
                    "actor_name": r.actor_name,
                    "after": json.dumps(detail, ensure_ascii=False),
                    "reason": str(reason or ""),
                }
            )
        conn.execute(insert, out)
        last = rows[-1].id


def upgrade() -> None:
    conn = op.get_bind()
    _history_up(conn)
    conn.execute(
        sa.text(
            f"INSERT INTO instructions (id, register, record_id, {_INSTRUCTION_COLS})"
            f" SELECT id, 'incoming', incoming_id, {_INSTRUCTION_COLS} FROM doc_instructions ORDER BY id"
        )
    )
    conn.execute(
        sa.text(
            f"INSERT INTO urges (id, register, record_id, {_URGE_COLS})"
            f" SELECT id, 'incoming', incoming_id, {_URGE_COLS} FROM doc_urges ORDER BY id"
        )
    )
    if conn.dialect.name == "postgresql":  # ids were copied: move the sequences past them
        for table in ("workflow_history", "instructions", "urges"):
            conn.execute(
                sa.text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                    f" COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                )
            )
    with op.batch_alter_table("doc_urges", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_doc_urges_incoming_id"))
    op.drop_table("doc_urges")
    with op.batch_alter_table("doc_instructions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_doc_instructions_incoming_id"))
    op.drop_table("doc_instructions")
    with op.batch_alter_table("doc_events", schema=None) as batch_op:
        batch_op.drop_index("ix_doc_events_register_record_id")
    op.drop_table("doc_events")


def downgrade() -> None:
    op.create_table(
        "doc_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("register", sa.String(length=16), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_login", sa.String(length=64), nullable=False),
        sa.Column("actor_name", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_doc_events")),
    )
    with op.batch_alter_table("doc_events", schema=None) as batch_op:
        batch_op.create_index("ix_doc_events_register_record_id", ["register", "record_id"], unique=False)
    op.create_table(
        "doc_instructions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incoming_id", sa.Integer(), nullable=False),
        sa.Column("leader", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incoming_id"], ["incoming_docs.id"], name=op.f("fk_doc_instructions_incoming_id_incoming_docs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_doc_instructions")),
    )
    with op.batch_alter_table("doc_instructions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_doc_instructions_incoming_id"), ["incoming_id"], unique=False)
    op.create_table(
        "doc_urges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incoming_id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("urged_on", sa.Date(), nullable=False),
        sa.Column("person", sa.String(length=64), nullable=False),
        sa.Column("target", sa.String(length=128), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incoming_id"], ["incoming_docs.id"], name=op.f("fk_doc_urges_incoming_id_incoming_docs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_doc_urges")),
    )
    with op.batch_alter_table("doc_urges", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_doc_urges_incoming_id"), ["incoming_id"], unique=False)
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT id, register, record_id, step, at, actor_login, actor_name, after, reason"
            " FROM workflow_history WHERE register IN ('incoming', 'outgoing') ORDER BY id"
        )
    ).all()
    if rows:
        conn.execute(
            sa.text(
                "INSERT INTO doc_events (id, register, record_id, step, at, actor_login, actor_name, detail)"
                " VALUES (:id, :register, :record_id, :step, :at, :actor_login, :actor_name, :detail)"
            ),
            [
                {
                    **{k: getattr(r, k) for k in ("id", "register", "record_id", "step", "at")},
                    "actor_login": r.actor_login,
                    "actor_name": r.actor_name,
                    "detail": json.dumps(
                        {**json.loads(r.after or "{}"), **({"reason": r.reason} if r.reason else {})},
                        ensure_ascii=False,
                    ),
                }
                for r in rows
            ],
        )
    conn.execute(
        sa.text(
            f"INSERT INTO doc_instructions (id, incoming_id, {_INSTRUCTION_COLS}) SELECT id, record_id,"
            f" {_INSTRUCTION_COLS} FROM instructions WHERE register = 'incoming' ORDER BY id"
        )
    )
    conn.execute(
        sa.text(
            f"INSERT INTO doc_urges (id, incoming_id, {_URGE_COLS}) SELECT id, record_id,"
            f" {_URGE_COLS} FROM urges WHERE register = 'incoming' ORDER BY id"
        )
    )
    for table in ("workflow_history", "instructions", "urges"):
        conn.execute(sa.text(f"DELETE FROM {table} WHERE register IN ('incoming', 'outgoing')"))

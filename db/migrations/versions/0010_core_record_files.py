"""files on records: record_files (role, who, when, size, SHA-256) and their content in file_blobs +
1 MiB file_chunks inside the database (one consistent online backup, see db/models/files.py)

Revision ID: 0010_core_record_files
Revises: 0005_core_workflow
Create Date: 2026-12-01 23:04:02.175942
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0010_core_record_files"
down_revision: str | None = "0005_core_workflow"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "file_blobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("chunks", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_file_blobs")),
        sa.UniqueConstraint("sha256", name=op.f("uq_file_blobs_sha256")),
    )
    op.create_table(
        "file_chunks",
        sa.Column("blob_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["blob_id"], ["file_blobs.id"], name=op.f("fk_file_chunks_blob_id_file_blobs")
        ),
        sa.PrimaryKeyConstraint("blob_id", "seq", name=op.f("pk_file_chunks")),
    )
    op.create_table(
        "record_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("register", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("blob_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("added_by", sa.String(length=64), nullable=False),
        sa.Column("added_by_name", sa.String(length=64), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.Column("void_reason", sa.Text(), nullable=False),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.Column("voided_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["blob_id"], ["file_blobs.id"], name=op.f("fk_record_files_blob_id_file_blobs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_record_files")),
    )
    with op.batch_alter_table("record_files", schema=None) as batch_op:
        batch_op.create_index("ix_record_files_blob_id", ["blob_id"], unique=False)
        batch_op.create_index("ix_record_files_register_record_id", ["register", "record_id"], unique=False)



def downgrade() -> None:
    with op.batch_alter_table("record_files", schema=None) as batch_op:
        batch_op.drop_index("ix_record_files_register_record_id")
        batch_op.drop_index("ix_record_files_blob_id")

    op.drop_table("record_files")
    op.drop_table("file_chunks")
    op.drop_table("file_blobs")

"""research: research activities, topics, articles and drafting (调研与文稿)

Revision ID: 0005_research
Revises: 0001_core
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.search import create_sql, fts_table

revision: str = "0005_research"
down_revision: str | None = "0001_core"
branch_labels = ("research",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "drafts",
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("for_whom", sa.String(length=200), nullable=False),
        sa.Column("drafter", sa.String(length=64), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("finished_on", sa.Date(), nullable=True),
        sa.Column("length_chars", sa.Integer(), nullable=True),
        sa.Column("versions", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series", sa.String(length=32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("secret_level", sa.String(length=16), nullable=False),
        sa.Column("secret_period", sa.String(length=64), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.Column("void_reason", sa.Text(), nullable=False),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.Column("voided_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drafts")),
        sa.UniqueConstraint("series", "year", "seq", name="uq_drafts_series_year_seq"),
    )
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.create_index("ix_drafts_requested_on", ["requested_on"], unique=False)
        batch_op.create_index("ix_drafts_secret_level", ["secret_level"], unique=False)
        batch_op.create_index("ix_drafts_year_seq", ["year", "seq"], unique=False)

    op.create_table(
        "research_activities",
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("held_on", sa.Date(), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("participants", sa.Text(), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("topic_no", sa.String(length=64), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series", sa.String(length=32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("secret_level", sa.String(length=16), nullable=False),
        sa.Column("secret_period", sa.String(length=64), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.Column("void_reason", sa.Text(), nullable=False),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.Column("voided_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_activities")),
        sa.UniqueConstraint("series", "year", "seq", name="uq_research_activities_series_year_seq"),
    )
    with op.batch_alter_table("research_activities", schema=None) as batch_op:
        batch_op.create_index("ix_research_activities_held_on", ["held_on"], unique=False)
        batch_op.create_index("ix_research_activities_secret_level", ["secret_level"], unique=False)
        batch_op.create_index("ix_research_activities_year_seq", ["year", "seq"], unique=False)

    op.create_table(
        "research_articles",
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("authors", sa.String(length=200), nullable=False),
        sa.Column("finished_on", sa.Date(), nullable=True),
        sa.Column("journal", sa.String(length=200), nullable=False),
        sa.Column("issue", sa.String(length=64), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=True),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("topic_no", sa.String(length=64), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series", sa.String(length=32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("secret_level", sa.String(length=16), nullable=False),
        sa.Column("secret_period", sa.String(length=64), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.Column("void_reason", sa.Text(), nullable=False),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.Column("voided_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_articles")),
        sa.UniqueConstraint("series", "year", "seq", name="uq_research_articles_series_year_seq"),
    )
    with op.batch_alter_table("research_articles", schema=None) as batch_op:
        batch_op.create_index("ix_research_articles_finished_on", ["finished_on"], unique=False)
        batch_op.create_index("ix_research_articles_secret_level", ["secret_level"], unique=False)
        batch_op.create_index("ix_research_articles_year_seq", ["year", "seq"], unique=False)

    op.create_table(
        "research_topics",
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("lead", sa.String(length=64), nullable=False),
        sa.Column("members", sa.Text(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=True),
        sa.Column("concluded_on", sa.Date(), nullable=True),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series", sa.String(length=32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("secret_level", sa.String(length=16), nullable=False),
        sa.Column("secret_period", sa.String(length=64), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.Column("void_reason", sa.Text(), nullable=False),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.Column("voided_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_topics")),
        sa.UniqueConstraint("series", "year", "seq", name="uq_research_topics_series_year_seq"),
    )
    with op.batch_alter_table("research_topics", schema=None) as batch_op:
        batch_op.create_index("ix_research_topics_secret_level", ["secret_level"], unique=False)
        batch_op.create_index("ix_research_topics_year_seq", ["year", "seq"], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        # the search box's 1-/2-character token index (db/search.py)
        op.execute(create_sql("research_activities"))
        op.execute(create_sql("research_topics"))
        op.execute(create_sql("research_articles"))
        op.execute(create_sql("drafts"))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP TABLE IF EXISTS {fts_table('research_activities')}")
        op.execute(f"DROP TABLE IF EXISTS {fts_table('research_topics')}")
        op.execute(f"DROP TABLE IF EXISTS {fts_table('research_articles')}")
        op.execute(f"DROP TABLE IF EXISTS {fts_table('drafts')}")
    op.drop_table("research_topics")
    op.drop_table("research_articles")
    op.drop_table("research_activities")
    op.drop_table("drafts")

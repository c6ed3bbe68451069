"""All models, imported here so that Alembic sees the whole metadata."""

from db.models.core import AuditEntry, Counter, Setting, User, UserRole  # noqa: F401

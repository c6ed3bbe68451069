"""Enums, value types, validation and typed errors of the office's work (no Qt, no SQLAlchemy)."""

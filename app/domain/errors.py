"""Typed domain errors. Each carries a code; the UI and CLI turn codes into Chinese messages."""

from __future__ import annotations

from collections.abc import Mapping


class AppError(Exception):
    code = "error"

    def __init__(self, message: str = "", *, code: str | None = None) -> None:
        super().__init__(message or self.code)
        if code:
            self.code = code
        self.message = message or self.code

    def __str__(self) -> str:
        return self.message


class ValidationFailed(AppError):
    """One or more fields are wrong. ``errors`` maps field name (or ``row:N:field``) to a Chinese message."""

    code = "validation"

    def __init__(self, errors: Mapping[str, str], message: str = "") -> None:
        self.errors = dict(errors)
        super().__init__(message or "；".join(f"{v}" for v in self.errors.values()))


class PermissionDenied(AppError):
    code = "permission_denied"


class NotAuthenticated(AppError):
    code = "not_authenticated"


class AccountLocked(AppError):
    code = "account_locked"


class NotFound(AppError):
    code = "not_found"


class Conflict(AppError):
    """The action does not fit the record's current state (e.g. destroying a copy not yet returned)."""

    code = "conflict"


class DatabaseUnavailable(AppError):
    """The database cannot be opened: wrong URL, missing driver, not our file, damaged, no access."""

    code = "database_unavailable"


class DatabaseTooNew(AppError):
    code = "database_too_new"


class IntegrityBroken(AppError):
    code = "integrity_broken"


class StaleRecord(Conflict):
    """Someone else saved the record after this user read it (optimistic lock). ``changes`` says who changed
    what since; ``current_version`` is the version to reload; nothing of this write was saved."""

    code = "stale"

    def __init__(self, message: str, changes: tuple = (), current_version: int = 0) -> None:
        super().__init__(message)
        self.changes = changes
        self.current_version = current_version


class DatabaseProblem(AppError):
    """The database could not do the write or read at all (busy, disk full, read-only, damaged). The message
    says what happened, that nothing was saved and what to do; never SQL or its parameters."""

    code = "database_problem"


class DatabaseBusy(DatabaseProblem):
    code = "database_busy"


class DiskFull(DatabaseProblem):
    code = "disk_full"


class DatabaseReadOnly(DatabaseProblem):
    code = "database_read_only"


class DatabaseDamaged(DatabaseProblem):
    code = "database_damaged"

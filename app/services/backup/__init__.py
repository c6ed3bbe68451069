"""Backups, restore and damage checks (备份与恢复): the service the CLI and the windows use, and the
functions that work on a database file that cannot be opened normally."""

from app.services.backup.crypto import BackupRefused
from app.services.backup.service import BackupService, BackupSettings

__all__ = ["BackupRefused", "BackupService", "BackupSettings"]

"""Automatic backups while the program is open: every hour a worker thread asks the backup service for the
daily backup (it backs up only when the newest automatic one is a day old, then rotates); and one on exit."""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)
CHECK_EVERY_MS = 60 * 60 * 1000


class AutoBackup(QObject):
    def __init__(
        self, services: Any, parent: QObject | None = None, interval_ms: int = CHECK_EVERY_MS
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(lambda: self.run(force=False))
        self._thread: threading.Thread | None = None
        self.last: Any = None

    def start(self) -> None:
        self.timer.start()  # the first look after an hour: logging in is not slowed by a backup

    def run(self, force: bool) -> threading.Thread | None:
        if self._thread is not None and self._thread.is_alive():
            return None
        self._thread = threading.Thread(target=self._backup, args=(force,), name="auto-backup", daemon=True)
        self._thread.start()
        return self._thread

    def _backup(self, force: bool) -> None:
        try:
            entry = self.services.backup.auto_backup(force=force)
        except Exception:  # noqa: BLE001 — a failed automatic backup must not stop the work; it is logged
            log.exception("automatic backup failed")
            return
        if entry is not None:
            self.last = entry
            log.info("automatic backup %s", entry.path)

    def stop(self) -> None:
        """Stop the timer and wait for a backup in progress (the services are closed next)."""
        self.timer.stop()
        if self._thread is not None:
            self._thread.join()

    def on_exit(self) -> None:
        self.stop()
        self._backup(force=True)

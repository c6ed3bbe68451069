"""Record changes made in this process, for the views that must follow them (the home tab): every write
transaction committed through the database's writer engine tells the subscribers, whichever screen, dialog,
worker or service made it. Another PC's changes are not seen here (the home tab also refreshes on a timer)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import event

from db.engine import Database

log = logging.getLogger(__name__)


class ChangeFeed:
    """Subscribers are called with no arguments, on the thread that wrote, just before the COMMIT itself
    (SQLAlchemy's engine ``commit`` event): they must only note the change and do the work later (the UI
    queues a refresh), never read the database there and then."""

    def __init__(self, db: Database) -> None:
        self._subscribers: list[Callable[[], None]] = []
        self._engine = db.writer
        event.listen(self._engine, "commit", self._committed)

    def subscribe(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Add ``callback``; returns the function that removes it again."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def _committed(self, _conn: Any) -> None:
        for callback in list(self._subscribers):
            try:
                callback()
            except Exception:  # a listener's fault must never fail the user's save
                log.exception("change listener failed")

    def close(self) -> None:
        self._subscribers.clear()
        if event.contains(self._engine, "commit", self._committed):
            event.remove(self._engine, "commit", self._committed)

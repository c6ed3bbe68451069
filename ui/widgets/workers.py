"""Running a service call off the GUI thread (register books, import, export, PDF rasterising): the call
runs in QThreadPool, its result or error comes back to the GUI thread as a signal."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.i18n import tr

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    """One call of ``fn()`` on a pool thread. Services open their own sessions, so this is safe."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self.finished = (
            threading.Event()
        )  # set when fn() has returned or raised (an owner closing waits on it)
        self.setAutoDelete(False)  # the Python side keeps it until its signal has been delivered

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as e:
            if not hasattr(e, "code"):
                log.exception("background task failed")
            self.finished.set()
            self.signals.failed.emit(e)
            return
        self.finished.set()
        self.signals.done.emit(result)


class TaskRunner(QObject):
    """Starts tasks and keeps them alive until finished; ``busy`` tells the owner to disable buttons."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._running: set[Task] = set()
        self.closed = False

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def start(
        self, fn: Callable[[], Any], on_done: Callable[[Any], None], on_error: Callable[[Exception], None]
    ) -> Task:
        if self.closed:
            raise RuntimeError("TaskRunner closed: its owner went away")
        task = Task(fn)
        self._running.add(task)

        def finish(handler: Callable[[Any], None], value: Any) -> None:
            # The owner (a view, a dialog) may have been closed while the task ran: its result has no one
            # left to show it to, and touching the deleted Qt objects would raise.
            if not shiboken6.isValid(self) or self.closed:
                return
            self._running.discard(task)
            if not self._running:
                self.busy_changed.emit(False)
            handler(value)

        # Queued: the handlers run on the GUI thread, after run() has returned.
        task.signals.done.connect(lambda r: finish(on_done, r), Qt.ConnectionType.QueuedConnection)
        task.signals.failed.connect(lambda e: finish(on_error, e), Qt.ConnectionType.QueuedConnection)
        if len(self._running) == 1:
            self.busy_changed.emit(True)
        self.pool.start(task)
        return task

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)

    def close(self, msecs: int = 10000) -> bool:
        """The owner goes away (a window closing, a logout): no handler runs any more, no task may start, and
        this waits (up to ``msecs``) for its own running tasks only, so none of them is still reading when
        the caller disposes what they use. True when none is left running."""
        self.closed = True
        deadline = time.monotonic() + msecs / 1000
        for task in list(self._running):
            if not task.finished.wait(max(0.0, deadline - time.monotonic())):
                return False
        self._running.clear()
        return True


def busy_dialog(parent: QWidget | None, text: str) -> QProgressDialog:
    """An indeterminate, non-cancellable progress dialog shown while a task runs (window-modal, so the
    rest of the application keeps painting)."""
    dialog = QProgressDialog(text, "", 0, 0, parent)
    dialog.setWindowTitle(tr("Workers", "请稍候"))
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    return dialog

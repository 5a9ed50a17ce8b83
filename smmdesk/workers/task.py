"""The one worker primitive: a `QRunnable` that runs a callable and reports by signal.

Results cross back to the GUI thread as queued signals carrying `(ticket, result)` or
`(ticket, error)`, in the spirit of Picard's `(result, error)` callbacks. The signals object
is created on the thread that submits the task, so receivers living there get the
emission queued.

A long job (an export, tracking thousands of IDs, a batch) is built with `Task.reporting`:
it gets a `ProgressReporter` to call as it goes, which sends `progressed(ticket, Progress)`
at most every `PROGRESS_INTERVAL_S` (plus the first and the last report), and which tells
the job when the user asked it to stop (`cancelled`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Signal, SignalInstance

from smmdesk.api import ApiError
from smmdesk.secrets import KeyringUnavailable
from smmdesk.store import StoreError

from .errors import DeskError, InternalError
from .jobs import Ticket
from .results import Progress

log = logging.getLogger("smmdesk.workers")
EXPECTED_ERRORS: tuple[type[Exception], ...] = (
    ApiError,
    KeyringUnavailable,
    StoreError,
    DeskError,
)
# 10 reports a second keep a progress bar smooth; a 100,000-row export calling the
# reporter per row would otherwise queue 100,000 signals on the GUI thread.
PROGRESS_INTERVAL_S = 0.1


class TaskSignals(QObject):
    """Emits `succeeded(ticket, result)` or `failed(ticket, error)`, exactly once, and
    before that any number of `progressed(ticket, Progress)`."""

    succeeded = Signal(object, object)
    failed = Signal(object, object)
    progressed = Signal(object, object)


class ProgressReporter:
    """What a long job calls with how far it is: `report(done, total, failed=0)`.

    Throttled: a report is sent when `PROGRESS_INTERVAL_S` passed since the last one
    sent, and always for the first and for `done >= total`. Called only from the job's
    own thread; `cancel()` may come from any thread (the job checks `cancelled` between
    two steps and stops with what it has done)."""

    def __init__(
        self, ticket: Ticket, signal: SignalInstance, interval: float = PROGRESS_INTERVAL_S
    ) -> None:
        self._ticket = ticket
        self._signal = signal
        self._interval = interval
        self._last_sent: float | None = None
        self._cancelled = threading.Event()

    def __call__(self, done: int, total: int, failed: int = 0) -> None:
        now = time.monotonic()
        due = self._last_sent is None or now - self._last_sent >= self._interval
        if due or done >= total:
            self._last_sent = now
            self._signal.emit(self._ticket, Progress(done, total, failed))

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()


class Task(QRunnable):
    """Runs `job()` on a pool thread. Any exception is caught and delivered by signal:
    a worker thread must never die silently or take the application with it.

    Only errors a user can act on travel as they are. Anything else is a bug: it is logged
    with its traceback and delivered as an `InternalError`, so a `KeyError` reads
    "SMMDesk hit a bug", not "Problem: 'x'".
    """

    def __init__(self, ticket: Ticket, job: Callable[[], object]) -> None:
        super().__init__()
        self.ticket = ticket
        self.signals = TaskSignals()
        self.progress = ProgressReporter(ticket, self.signals.progressed)
        self._job = job

    @classmethod
    def reporting(cls, ticket: Ticket, job: Callable[[ProgressReporter], object]) -> Task:
        """A task whose job is given the task's `ProgressReporter`."""
        task = cls(ticket, _nothing)
        reporter = task.progress
        task._job = lambda: job(reporter)
        return task

    def run(self) -> None:
        try:
            result = self._job()
        except EXPECTED_ERRORS as error:
            self.signals.failed.emit(self.ticket, error)
            return
        except Exception as bug:  # every failure is reported, never swallowed
            log.exception("%s failed unexpectedly", self.ticket.job.name)
            self.signals.failed.emit(self.ticket, InternalError(self.ticket.job.value, bug))
            return
        self.signals.succeeded.emit(self.ticket, result)


def _nothing() -> None:
    return None

"""The one worker primitive: a `QRunnable` that runs a callable and reports by signal.

Results cross back to the GUI thread as queued signals carrying `(ticket, result)` or
`(ticket, error)`, in the spirit of Picard's `(result, error)` callbacks. The signals object
is created on the thread that submits the task, so receivers living there get the
emission queued.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Signal

from smmdesk.api import ApiError
from smmdesk.secrets import KeyringUnavailable
from smmdesk.store import StoreError

from .errors import DeskError, InternalError
from .jobs import Ticket

log = logging.getLogger("smmdesk.workers")
EXPECTED_ERRORS: tuple[type[Exception], ...] = (
    ApiError,
    KeyringUnavailable,
    StoreError,
    DeskError,
)


class TaskSignals(QObject):
    """Emits `succeeded(ticket, result)` or `failed(ticket, error)`, exactly once."""

    succeeded = Signal(object, object)
    failed = Signal(object, object)


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
        self._job = job

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

"""The one worker primitive: a `QRunnable` that runs a callable and reports by signal.

Results cross back to the GUI thread as queued signals carrying `(ticket, result)` or
`(ticket, error)`, in the spirit of Picard's `(result, error)` callbacks. The signals object
is created on the thread that submits the task, so receivers living there get the
emission queued.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import count
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

from smmdesk.api import ApiError
from smmdesk.secrets import KeyringUnavailable

log = logging.getLogger("smmdesk.workers")
_serial = count(1)


@dataclass(frozen=True)
class Ticket:
    """Identifies one request: what was asked, for which panel, in which generation.

    `generation` lets receivers drop results that arrive after the user moved on
    (switched panel, closed the window).
    """

    action: str
    panel_id: int | None
    generation: int
    context: Any = None
    serial: int = field(default_factory=lambda: next(_serial))


class TaskSignals(QObject):
    """Emits `succeeded(ticket, result)` or `failed(ticket, error)`, exactly once."""

    succeeded = Signal(object, object)
    failed = Signal(object, object)


class Task(QRunnable):
    """Runs `job()` on a pool thread. Any exception is caught and delivered by signal:
    a worker thread must never die silently or take the application with it."""

    def __init__(self, ticket: Ticket, job: Callable[[], object]) -> None:
        super().__init__()
        self.ticket = ticket
        self.signals = TaskSignals()
        self._job = job

    def run(self) -> None:
        try:
            result = self._job()
        except Exception as error:  # every failure is reported, never swallowed
            if not _is_expected(error):
                log.exception("%s failed unexpectedly", self.ticket.action)
            self.signals.failed.emit(self.ticket, error)
            return
        self.signals.succeeded.emit(self.ticket, result)


def _is_expected(error: Exception) -> bool:
    return isinstance(error, ApiError | KeyringUnavailable | LookupError)

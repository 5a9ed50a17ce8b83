"""The QThreadPool layer: one task primitive and the `Desk` facade the UI calls."""

from .clients import DEMO_KEY, ClientPool, NetworkSettings, NoKeyStored, UnknownPanel
from .desk import Desk
from .errors import DeskError, InternalError
from .jobs import Job, Ticket
from .reads import LocalReads
from .results import (
    CancelsRequested,
    CatalogueLoaded,
    HistoryOpened,
    OrdersExported,
    OrdersUpdated,
    RefillsRequested,
)
from .task import Task, TaskSignals

__all__ = [
    "DEMO_KEY",
    "CancelsRequested",
    "CatalogueLoaded",
    "ClientPool",
    "Desk",
    "DeskError",
    "HistoryOpened",
    "InternalError",
    "Job",
    "LocalReads",
    "NetworkSettings",
    "NoKeyStored",
    "OrdersExported",
    "OrdersUpdated",
    "RefillsRequested",
    "Task",
    "TaskSignals",
    "Ticket",
    "UnknownPanel",
]

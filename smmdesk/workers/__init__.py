"""The QThreadPool layer: one task primitive and the `Desk` facade the UI calls."""

from .clients import DEMO_KEY, ClientPool, NetworkSettings, NoKeyStored, UnknownPanel
from .desk import Desk
from .errors import DeskError, InternalError
from .jobs import Job, Ticket
from .reads import LocalReads
from .results import (
    BatchChecked,
    BatchesListed,
    BatchOpened,
    CancelsRequested,
    CatalogueLoaded,
    DesktopNotified,
    Exported,
    HistoryOpened,
    OrdersExported,
    OrdersUpdated,
    Progress,
    RefillsRequested,
    Tabulated,
)
from .task import ProgressReporter, Task, TaskSignals

__all__ = [
    "DEMO_KEY",
    "BatchChecked",
    "BatchOpened",
    "BatchesListed",
    "CancelsRequested",
    "CatalogueLoaded",
    "ClientPool",
    "Desk",
    "DeskError",
    "DesktopNotified",
    "Exported",
    "HistoryOpened",
    "InternalError",
    "Job",
    "LocalReads",
    "NetworkSettings",
    "NoKeyStored",
    "OrdersExported",
    "OrdersUpdated",
    "Progress",
    "ProgressReporter",
    "RefillsRequested",
    "Tabulated",
    "Task",
    "TaskSignals",
    "Ticket",
    "UnknownPanel",
]

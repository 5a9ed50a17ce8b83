"""The QThreadPool layer: one task primitive and the `Desk` facade the UI calls."""

from .clients import DEMO_KEY, ClientPool, NetworkSettings, NoKeyStored, UnknownPanel
from .desk import Desk
from .task import Task, TaskSignals, Ticket

__all__ = [
    "DEMO_KEY",
    "ClientPool",
    "Desk",
    "NetworkSettings",
    "NoKeyStored",
    "Task",
    "TaskSignals",
    "Ticket",
    "UnknownPanel",
]

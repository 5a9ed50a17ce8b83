"""Qt-free domain services built on `smmdesk.api` and `smmdesk.store`.

Each is safe to call from worker threads (the store gives every thread its own SQLite
connection); the Qt worker layer wraps them and turns their results into signals.
"""

from .batches import BatchControl, BatchPlacer, BatchProgress
from .catalogue import CatalogueService
from .journal import OrderJournal
from .mass_check import BatchCheck, BatchChecker, CheckedLine, LineVerdict, PanelTotal
from .refills import RefillCancelService
from .tracking import RefillRefreshReport, RefreshReport, StatusTracker

__all__ = [
    "BatchCheck",
    "BatchChecker",
    "BatchControl",
    "BatchPlacer",
    "BatchProgress",
    "CatalogueService",
    "CheckedLine",
    "LineVerdict",
    "OrderJournal",
    "PanelTotal",
    "RefillCancelService",
    "RefillRefreshReport",
    "RefreshReport",
    "StatusTracker",
]

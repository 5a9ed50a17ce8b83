"""Local data: SQLite via stdlib `sqlite3`, no Qt.

Panels (never their keys), each panel's services cache with its price history, the
orders journal that makes sure no order is lost or doubled, refills and cancels.
"""

from .db import Database
from .favourites import Favourite, PanelFavourites, RecentService
from .history import OrderFacts, OrderStep, RefillWindow, WatchedPrice
from .migrations import SCHEMA_VERSION
from .order_view import SORT_KEYS, TABS
from .overview import Overview, OverviewSpan, PanelFigures
from .records import (
    ActiveOnLink,
    BatchLineRecord,
    BatchRecord,
    CancelRecord,
    CannotOpen,
    CatalogueDiff,
    DatabaseCorrupt,
    DatabaseLocked,
    DiskFailure,
    DiskFull,
    DuplicateOrderId,
    InvalidTransition,
    JournalState,
    OrderChange,
    OrderQuery,
    OrderRecord,
    OrderResolution,
    Panel,
    PriceChange,
    ReadOnlyStorage,
    RefillChange,
    RefillRecord,
    ServicesSnapshot,
    StorageProblem,
    StoreError,
)
from .scores import ServiceSums
from .store import Store

SORT_COLUMNS = tuple(SORT_KEYS)

__all__ = [
    "SCHEMA_VERSION",
    "SORT_COLUMNS",
    "TABS",
    "ActiveOnLink",
    "BatchLineRecord",
    "BatchRecord",
    "CancelRecord",
    "CannotOpen",
    "CatalogueDiff",
    "Database",
    "DatabaseCorrupt",
    "DatabaseLocked",
    "DiskFailure",
    "DiskFull",
    "DuplicateOrderId",
    "Favourite",
    "InvalidTransition",
    "JournalState",
    "OrderChange",
    "OrderFacts",
    "OrderQuery",
    "OrderRecord",
    "OrderResolution",
    "OrderStep",
    "Overview",
    "OverviewSpan",
    "Panel",
    "PanelFavourites",
    "PanelFigures",
    "PriceChange",
    "ReadOnlyStorage",
    "RecentService",
    "RefillChange",
    "RefillRecord",
    "RefillWindow",
    "ServiceSums",
    "ServicesSnapshot",
    "StorageProblem",
    "Store",
    "StoreError",
    "WatchedPrice",
]

"""The typed results `Desk` delivers, each beside the ticket of the request it answers.

Results that the Qt-free services already return (`RefreshReport`, `OrderRecord`,
`PanelsChanged`, `Balance`, `BulkPlan`, `OrderIdsChecked`…) travel as they are; these
wrap the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from smmdesk.api.mass_lines import MassLine
from smmdesk.search import SearchTexts
from smmdesk.services.bulk import NotSent
from smmdesk.services.mass_check import BatchCheck, BatchChecker, CheckedLine
from smmdesk.store import (
    BatchRecord,
    CancelRecord,
    CatalogueDiff,
    OrderRecord,
    Panel,
    RefillRecord,
    ServicesSnapshot,
    WatchedPrice,
)


@dataclass(frozen=True, slots=True)
class HistoryOpened:
    """Start-up is done: interrupted orders are recovered, the demo row exists."""

    recovered: int
    demo_panel_id: int
    panels: list[Panel]


@dataclass(frozen=True, slots=True)
class CatalogueLoaded:
    """A catalogue from the cache (`from_network` False) or freshly fetched.
    `snapshot` is None when nothing is cached yet. `watched`: after a fetch, the services
    ordered in the last 90 days that it re-priced or no longer lists (the price watch).
    `search_texts`: per service of the snapshot, what a search looks in (folded on the
    worker, so the GUI thread does not); None when the sender did not fold them."""

    snapshot: ServicesSnapshot | None
    diff: CatalogueDiff | None
    from_network: bool
    watched: tuple[WatchedPrice, ...] = ()
    search_texts: SearchTexts | None = None


@dataclass(frozen=True, slots=True)
class RefillsRequested:
    """One row per order sent, accepted (with a refill ID) or refused; `not_sent` are
    the orders held back before sending, each with the reason."""

    records: list[RefillRecord]
    not_sent: list[NotSent] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class CancelsRequested:
    records: list[CancelRecord]
    not_sent: list[NotSent] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class OrdersUpdated:
    """Orders the user resolved, dismissed or added to tracking; `asked` is how many
    the user named (tracking skips IDs already tracked); `refused` maps each ID the
    panel did not confirm to its words (or why it could not be asked)."""

    records: list[OrderRecord]
    asked: int
    refused: dict[str, str] = field(default_factory=dict)
    unasked: list[str] = field(default_factory=list)
    """IDs never put to the panel because the user cancelled first (tracking only)."""


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a long job is: `done` of `total` items, `failed` of them not as hoped
    (refused, unreadable); the job's own kind of item."""

    done: int
    total: int
    failed: int = 0

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total > 0 else 1.0


@dataclass(frozen=True, slots=True)
class Exported:
    """`count` rows (orders, services or refills) were written to the CSV file `path`."""

    path: Path
    count: int


OrdersExported = Exported  # what `Desk.orders_exported` carries


@dataclass(frozen=True, slots=True)
class Tabulated:
    """`count` rows as tab-separated text (header first), ready for the clipboard."""

    text: str
    count: int


@dataclass(frozen=True, slots=True)
class DesktopNotified:
    """The desktop's ID for the notification shown, or why none could be shown (then the
    UI shows it another way: the tray, or the window)."""

    notification_id: int | None
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class BatchChecked:
    """Mass-order lines read and checked. `checker` checks them again after an edit: it
    keeps the catalogues and active links it loaded, and what it found line by line."""

    lines: tuple[MassLine, ...]
    check: BatchCheck
    checker: BatchChecker


@dataclass(frozen=True, slots=True)
class BatchOpened:
    """A stored batch as the preview shows it: each line as it was confirmed, and its
    latest journal row (None: never sent)."""

    batch: BatchRecord
    lines: tuple[CheckedLine, ...]
    outcomes: Mapping[int, OrderRecord | None]


@dataclass(frozen=True, slots=True)
class BatchesListed:
    """The stored batches asked for (newest first), and the newest one opened."""

    batches: list[BatchRecord]
    newest: BatchOpened | None

"""The typed results `Desk` delivers, each beside the ticket of the request it answers.

Results that the Qt-free services already return (`RefreshReport`, `OrderRecord`,
`PanelsChanged`, `Balance`…) travel as they are; these wrap the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from smmdesk.store import (
    CancelRecord,
    CatalogueDiff,
    OrderRecord,
    Panel,
    RefillRecord,
    ServicesSnapshot,
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
    `snapshot` is None when nothing is cached yet."""

    snapshot: ServicesSnapshot | None
    diff: CatalogueDiff | None
    from_network: bool


@dataclass(frozen=True, slots=True)
class RefillsRequested:
    """One row per order asked about, accepted (with a refill ID) or refused."""

    records: list[RefillRecord]


@dataclass(frozen=True, slots=True)
class CancelsRequested:
    records: list[CancelRecord]


@dataclass(frozen=True, slots=True)
class OrdersUpdated:
    """Orders the user resolved, dismissed or added to tracking; `asked` is how many
    the user named (tracking skips IDs already tracked)."""

    records: list[OrderRecord]
    asked: int

"""`LocalReads`: the only store reads the GUI thread makes itself.

They are short indexed queries that the Qt models page through as the user scrolls;
measured fast enough to run on the GUI thread (bench/orders_query.py: a 200-row page
≤ 28 ms p95 and `tab_counts` 5 ms at 100,000 orders; WAL means a reader never waits on a
writer). Everything else, and every write, is a `Desk` job on a worker thread.
"""

from __future__ import annotations

from collections.abc import Mapping

from smmdesk.api.links import order_link_key
from smmdesk.store import OrderQuery, OrderRecord, OrderResolution, RefillRecord, Store


class LocalReads:
    def __init__(self, store: Store) -> None:
        self._store = store

    def count_orders(self, query: OrderQuery) -> int:
        return self._store.count_orders(query)

    def orders_page(self, query: OrderQuery, offset: int, limit: int) -> list[OrderRecord]:
        return self._store.orders_page(query, offset, limit)

    def tab_counts(self, panel_id: int | None) -> dict[str, int]:
        return self._store.tab_counts(panel_id)

    def refills(self, panel_id: int) -> list[RefillRecord]:
        return self._store.refills(panel_id)

    def resolutions(self, record_id: int) -> list[OrderResolution]:
        """The IDs entered by hand for one order: whether the orders view may offer to
        correct its ID, and what it was before. One indexed lookup on each selection
        change (bench/orders_selection.py: p95 0.01 ms at 100,000 orders)."""
        return self._store.resolutions(record_id)

    def active_orders_on_link(
        self, link: str | None, fields: Mapping[str, str] | None = None
    ) -> list[OrderRecord]:
        """The duplicate-link guard: active orders on every panel for the same page as
        `link` (or, with no link, the subscription's `username` in `fields`), newest
        first. One partial-index lookup (bench/link_guard.py: ≤ 5 ms p95 at 100,000)."""
        key = order_link_key(link, fields or {})
        return [] if key is None else self._store.active_orders_for_link(key)

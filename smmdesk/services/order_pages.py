"""The orders a selection means, read page by page for an export or a copy.

A select-all (or "this tab and this search") may mean 100,000 orders: reading them as one
list would hold them all in memory at once, so they are read in pages in the view's order
and handed on as they come. Each page is its own read; an order that moves between
pages meanwhile (a status refresh running beside) is handed on once only.
"""

from __future__ import annotations

from collections.abc import Iterator

from smmdesk.services.bulk import OrderSelection
from smmdesk.store import OrderRecord, Store

PAGE_SIZE = 2000


def count_selected(store: Store, selection: OrderSelection) -> int:
    """How many orders `selection` means now."""
    if selection.query is not None:
        return store.count_orders(selection.query)
    return len(selection.record_ids)


def selected_orders(
    store: Store, selection: OrderSelection, page_size: int = PAGE_SIZE
) -> Iterator[OrderRecord]:
    """Every order `selection` means, in the view's order for a query, else as picked."""
    if selection.query is None:
        ids = selection.record_ids
        for start in range(0, len(ids), page_size):
            yield from store.orders_by_ids(ids[start : start + page_size])
        return
    seen: set[int] = set()
    offset = 0
    while True:
        page = store.orders_page(selection.query, offset, page_size)
        for order in page:
            if order.id not in seen:
                seen.add(order.id)
                yield order
        if len(page) < page_size:
            return
        offset += page_size

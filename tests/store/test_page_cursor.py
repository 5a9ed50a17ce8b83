"""The orders view's pages read one after the other (each from where the last ended) are
the pages `OFFSET` reads: for every sort column and direction, keys missing (NULL) and
shared, a panel, a tab and a search; and a write between two pages changes nothing
about what the next page holds."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from smmdesk.api import OrderState, OrderStatus
from smmdesk.store import JournalState, OrderQuery, Panel, Store
from smmdesk.store.order_view import SORT_KEYS

from .conftest import make_service

NOW = datetime(2024, 6, 1, tzinfo=UTC)
STATES = (OrderState.COMPLETED, OrderState.PARTIAL, OrderState.IN_PROGRESS, OrderState.CANCELED)
PAGE = 7


def _fill(store: Store, panels: list[Panel], seed: int) -> None:
    """70 orders on each panel: shared names, quantities and charges, a third without a
    charge (not yet asked), some with customers and sell prices."""
    chance = random.Random(seed)
    for panel in panels:
        statuses = {}
        for number in range(70):
            order_id = str(1000 * panel.id + number)
            service = make_service(str(number % 5), name=f"Svc {chance.choice('ABC')}")
            record = store.insert_sending_order(
                panel.id, service, link=f"https://x.example/{number % 9}", quantity=number % 4
            )
            store.set_journal_state(
                record.id, JournalState.PLACED, expect=(JournalState.SENDING,), order_id=order_id
            )
            if chance.random() < 0.66:
                charge = Decimal(chance.choice(("0.5", "1", "2.25")))
                state = chance.choice(STATES)
                statuses[order_id] = OrderStatus(order_id, state.value, state, charge=charge)
            if chance.random() < 0.3:
                price = Decimal(chance.choice(("1", "3"))) if chance.random() < 0.7 else None
                customer = chance.choice(("ana", "bo"))
                store.annotate_orders(
                    [record.id], customer=customer, sell_prices={record.id: price}
                )
        store.record_order_statuses(panel.id, statuses, {}, NOW)


@pytest.fixture
def history(store: Store, panel: Panel) -> tuple[Store, Panel]:
    other = store.add_panel("Second panel", "https://second.example/api/v2")
    _fill(store, [panel, other], seed=7)
    return store, panel


def _paged(store: Store, query: OrderQuery, total: int) -> list[int]:
    """Every page from the first until one comes back empty (or more rows than there
    are were read: a page repeated)."""
    read: list[int] = []
    while len(read) <= total and (page := store.orders_page(query, len(read), PAGE)):
        read += [record.id for record in page]
    return read


@pytest.mark.parametrize("column", sorted(SORT_KEYS))
@pytest.mark.parametrize("descending", [False, True])
def test_pages_one_after_the_other_are_the_offset_pages(
    history: tuple[Store, Panel], column: str, descending: bool
) -> None:
    store, panel = history
    for panel_id in (None, panel.id):
        for tab, text in (("all", ""), ("completed", ""), ("all", "svc a")):
            query = OrderQuery(panel_id, tab, text, column, descending)
            every = [record.id for record in store.orders_matching(query)]
            assert every, query
            assert _paged(store, query, len(every)) == every, query


def test_a_write_between_two_pages_reads_the_next_by_offset(
    history: tuple[Store, Panel],
) -> None:
    store, panel = history
    query = OrderQuery(panel.id, "all", "", "charge", False)
    first = store.orders_page(query, 0, PAGE)
    last = first[-1]
    store.annotate_orders([last.id], note="moved nothing it sorts by")
    store.record_order_statuses(
        panel.id,
        {last.order_id or "": OrderStatus(last.order_id or "", "Completed",
                                          OrderState.COMPLETED, charge=Decimal("0.01"))},
        {},
        NOW,
    )  # fmt: skip
    second = [record.id for record in store.orders_page(query, PAGE, PAGE)]
    assert second == [record.id for record in store.orders_matching(query)][PAGE : 2 * PAGE]

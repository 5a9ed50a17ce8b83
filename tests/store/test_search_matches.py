"""A search's matches are kept for its count and pages while nothing changes, and found
again as soon as anything does: a write here, a commit from another connection."""

from __future__ import annotations

from pathlib import Path

from smmdesk.api import PlacedOrder
from smmdesk.store import JournalState, OrderQuery, Panel, Store

from .conftest import make_service


def place(store: Store, panel: Panel, order_id: str, link: str) -> int:
    record = store.insert_sending_order(panel.id, make_service(), link=link, quantity=10)
    return store.record_placed(record.id, PlacedOrder(order_id), expect=[JournalState.SENDING]).id


def test_count_and_pages_follow_writes_here_and_elsewhere(store: Store, panel: Panel) -> None:
    query = OrderQuery(text="cats", sort_column="order_id", descending=False)
    first = place(store, panel, "1", "https://x.example/cats")
    assert store.count_orders(query) == 1
    place(store, panel, "2", "https://x.example/cats/2")  # a write on this connection
    assert store.count_orders(query) == 2
    assert [r.order_id for r in store.orders_page(query, 0, 10)] == ["1", "2"]

    with Store.open(store.path) as other:  # another connection commits
        other.annotate_orders([first], note="no longer about cats? still cats")
        other.annotate_orders([place(other, panel, "3", "https://x.example/dogs")], note="cats")
    assert store.count_orders(query) == 3
    assert [r.order_id for r in store.orders_page(query, 1, 10)] == ["2", "3"]
    assert store.count_orders(OrderQuery(text="dogs")) == 1


def test_a_read_only_store_searches_too(store: Store, panel: Panel, tmp_path: Path) -> None:
    place(store, panel, "1", "https://x.example/cats")
    with Store.open(store.path, read_only=True) as browsing:
        assert browsing.count_orders(OrderQuery(text="cats")) == 1
        assert [r.order_id for r in browsing.orders_page(OrderQuery(text="cats"), 0, 5)] == ["1"]

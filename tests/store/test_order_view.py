"""What the orders view asks: tabs, search, sorting, paging and counts."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from smmdesk.api import OrderState, OrderStatus
from smmdesk.store import JournalState, OrderQuery, Panel, Store

from .conftest import make_service

NOW = datetime(2024, 6, 1, tzinfo=UTC)
# order ID -> (state, charge, link)
PLACED = {
    "9": (OrderState.COMPLETED, "0.5", "https://instagram.com/p/AAA"),
    "10": (OrderState.PARTIAL, "12.25", "https://tiktok.com/@b"),
    "100": (OrderState.IN_PROGRESS, "3", "https://youtube.com/watch?v=c"),
    "ord_x": (OrderState.ACTIVE, "0.75", "https://instagram.com/p/DDD"),
    "11": (OrderState.CANCELED, "0", "https://t.me/e"),
    "12": (OrderState.UNKNOWN, None, "https://x.example/f"),
}


@pytest.fixture
def filled(store: Store, panel: Panel) -> Store:
    """Six placed orders (one still unasked), one rejected and one unconfirmed row."""
    for order_id, (_, _, link) in PLACED.items():
        record = store.insert_sending_order(
            panel.id, make_service(order_id, name=f"Svc {order_id}"), link=link, quantity=100
        )
        store.set_journal_state(
            record.id, JournalState.PLACED, expect=(JournalState.SENDING,), order_id=order_id
        )
    store.record_order_statuses(
        panel.id,
        {
            oid: OrderStatus(oid, state.value, state, charge=None if c is None else Decimal(c))
            for oid, (state, c, _) in PLACED.items()
        },
        {},
        NOW,
    )
    store.import_orders(panel.id, ["13"])
    for journal in (JournalState.REJECTED, JournalState.UNCONFIRMED):
        record = store.insert_sending_order(
            panel.id, make_service("99", name="Likes"), link="https://fb.com/z", quantity=5
        )
        store.set_journal_state(record.id, journal, expect=(JournalState.SENDING,))
    return store


def ids(store: Store, query: OrderQuery) -> list[str | None]:
    return [r.order_id for r in store.orders_page(query, 0, 100)]


@pytest.mark.parametrize(
    ("tab", "expected"),
    [
        ("pending", {"12", "13"}),
        ("in_progress", {"100", "ord_x"}),
        ("completed", {"9"}),
        ("partial", {"10"}),
        ("canceled", {"11"}),
        ("rejected", {None}),
        ("unconfirmed", {None}),
    ],
)
def test_each_tab_shows_its_orders(filled: Store, tab: str, expected: set[str | None]) -> None:
    query = OrderQuery(tab=tab)
    assert set(ids(filled, query)) == expected
    assert filled.count_orders(query) == len(filled.orders_page(query, 0, 100))


def test_tab_counts_add_up(filled: Store, panel: Panel) -> None:
    counts = filled.tab_counts(panel.id)
    assert counts == {
        "all": 9, "pending": 2, "in_progress": 2, "completed": 1, "partial": 1,
        "canceled": 1, "unconfirmed": 1, "rejected": 1,
    }  # fmt: skip
    assert filled.tab_counts(None) == counts
    other = filled.add_panel("Other", "https://o.example/api/v2")
    assert filled.tab_counts(other.id)["all"] == 0
    assert filled.count_orders(OrderQuery(panel_id=other.id)) == 0


def test_unconfirmed_rows_are_in_their_tab_until_resolved(filled: Store) -> None:
    [row] = filled.orders_page(OrderQuery(tab="unconfirmed"), 0, 10)
    assert row.journal_state is JournalState.UNCONFIRMED


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("instagram", {"9", "ord_x"}),  # link
        ("ORD_", {"ord_x"}),  # order ID, case-insensitive
        ("svc 10", {"10", "100"}),  # service name
        ("likes", {None}),
        ("%", set()),  # a plain character, not a wildcard
        ("  ", {"9", "10", "100", "ord_x", "11", "12", "13", None}),
    ],
)
def test_search_matches_id_link_and_service(
    filled: Store, text: str, expected: set[str | None]
) -> None:
    assert set(ids(filled, OrderQuery(text=text))) == expected


def test_search_matches_the_service_id(store: Store, panel: Panel) -> None:
    record = store.insert_sending_order(panel.id, make_service("svc-4242"), link=None, quantity=1)
    assert [r.id for r in store.orders_page(OrderQuery(text="4242"), 0, 10)] == [record.id]


def test_order_ids_sort_numerically_before_other_ids(filled: Store) -> None:
    query = OrderQuery(tab="all", sort_column="order_id", descending=False)
    assert [i for i in ids(filled, query) if i] == ["9", "10", "11", "12", "13", "100", "ord_x"]


def test_charge_sorts_as_a_number(filled: Store) -> None:
    charges = [r.charge for r in filled.orders_page(OrderQuery(sort_column="charge"), 0, 100)]
    assert [c for c in charges if c is not None] == [
        Decimal(x) for x in ("12.25", "3", "0.75", "0.5", "0")
    ]


@pytest.mark.parametrize("column", ["created_at", "service_name", "link", "quantity", "state",
                                    "start_count", "remains"])  # fmt: skip
def test_every_sort_column_pages_without_overlap(filled: Store, column: str) -> None:
    for descending in (True, False):
        query = OrderQuery(sort_column=column, descending=descending)
        whole = [r.id for r in filled.orders_page(query, 0, 100)]
        pages = [r.id for start in range(0, 9, 2) for r in filled.orders_page(query, start, 2)]
        assert pages == whole and len(set(whole)) == 9


def test_newest_first_is_the_default(filled: Store) -> None:
    rows = filled.orders_page(OrderQuery(), 0, 100)
    assert [r.created_at for r in rows] == sorted((r.created_at for r in rows), reverse=True)


def test_unknown_tabs_and_columns_are_refused(filled: Store) -> None:
    with pytest.raises(ValueError, match="tab"):
        filled.count_orders(OrderQuery(tab="archived"))
    with pytest.raises(ValueError, match="sort"):
        filled.orders_page(OrderQuery(sort_column="fields; DROP TABLE orders"), 0, 10)


def test_search_combines_with_tab_panel_and_sort(filled: Store, panel: Panel) -> None:
    other = filled.add_panel("Other", "https://o.example/api/v2")
    filled.import_orders(other.id, ["instagram-1"])
    query = OrderQuery(panel_id=panel.id, tab="in_progress", text="INSTAGRAM",
                       sort_column="order_id", descending=False)  # fmt: skip
    assert ids(filled, query) == ["ord_x"]
    assert filled.count_orders(query) == 1
    everywhere = OrderQuery(text="instagram", sort_column="order_id", descending=False)
    assert ids(filled, everywhere) == ["9", "instagram-1", "ord_x"]
    assert filled.count_orders(everywhere) == 3


@pytest.mark.parametrize(
    "query",
    [
        OrderQuery(panel_id=1),
        OrderQuery(panel_id=1, sort_column="charge", descending=False),
        OrderQuery(panel_id=1, tab="completed", sort_column="customer"),
        OrderQuery(panel_id=1, text="likes tiktok"),
        OrderQuery(text="likes tiktok", sort_column="sell_price"),
    ],
)
def test_a_page_is_read_in_index_order_whatever_the_panel(store: Store, query: OrderQuery) -> None:
    """An index led by the panel (`orders_by_service`) must not take over a page of one
    panel: SQLite would sort the panel's whole history for every page."""
    from smmdesk.store.order_view import order_by_clause, page_where_clause

    where, params = page_where_clause(query)
    sql = f"EXPLAIN QUERY PLAN SELECT id FROM orders{where}{order_by_clause(query)} LIMIT 200"
    plan = " / ".join(row[3] for row in store._db.query(sql, params))
    assert "TEMP B-TREE" not in plan and "orders_by_service" not in plan, plan


def test_a_panels_tab_counts_read_the_tab_index(store: Store) -> None:
    marks = ",".join("?" * 3)
    plan = " / ".join(
        row[3]
        for row in store._db.query(
            f"EXPLAIN QUERY PLAN SELECT tab, count(*) FROM orders WHERE tab IN ({marks})"
            " AND panel_id = ? GROUP BY tab",
            ("pending", "completed", "partial", 1),
        )
    )
    assert "orders_search" in plan, plan

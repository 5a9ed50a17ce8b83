"""The store's half of the duplicate-link guard: every order keeps its normalised link,
and the active ones on any panel are found by it through the partial index."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from smmdesk.api import OrderState, OrderStatus
from smmdesk.api.links import link_key
from smmdesk.store import JournalState, Panel, Store

from .conftest import make_service
from .test_db import build_v1

LINK = "https://www.instagram.com/p/AbC/"
SAME_PAGE = "instagram.com/p/AbC?utm_source=ig&igshid=x"


def placed(store: Store, panel: Panel, link: str, order_id: str, state: OrderState) -> int:
    record = store.insert_sending_order(panel.id, make_service(), link=link, quantity=100)
    store.set_journal_state(
        record.id, JournalState.PLACED, expect=(JournalState.SENDING,), order_id=order_id
    )
    status = OrderStatus(order_id, state.label, state)
    store.record_order_statuses(panel.id, {order_id: status}, {}, datetime.now(UTC))
    return record.id


def ended(store: Store, panel: Panel, link: str, state: JournalState) -> int:
    record = store.insert_sending_order(panel.id, make_service(), link=link, quantity=100)
    return store.set_journal_state(record.id, state, expect=(JournalState.SENDING,)).id


def active_ids(store: Store, link: str) -> list[int]:
    key = link_key(link)
    assert key is not None
    return [record.id for record in store.active_orders_for_link(key)]


def test_active_orders_on_every_panel_are_found_by_the_normalised_link(
    store: Store, panel: Panel
) -> None:
    other = store.add_panel("Second panel", "https://second.example/api/v2")
    sending = store.insert_sending_order(other.id, make_service(), link=LINK, quantity=10).id
    unconfirmed = ended(store, panel, LINK, JournalState.UNCONFIRMED)
    pending = placed(store, panel, SAME_PAGE, "501", OrderState.PENDING)
    running = placed(store, other, "HTTP://Instagram.COM:80/p/AbC", "7", OrderState.IN_PROGRESS)
    assert active_ids(store, SAME_PAGE) == [running, pending, unconfirmed, sending]  # newest first


def test_final_refused_and_dismissed_orders_are_not_active(store: Store, panel: Panel) -> None:
    for number, state in enumerate((OrderState.COMPLETED, OrderState.PARTIAL, OrderState.CANCELED)):
        placed(store, panel, LINK, str(number), state)
    ended(store, panel, LINK, JournalState.REJECTED)
    ended(store, panel, LINK, JournalState.DISMISSED)
    assert active_ids(store, LINK) == []


def test_an_order_leaves_the_guard_when_it_ends(store: Store, panel: Panel) -> None:
    record_id = placed(store, panel, LINK, "42", OrderState.IN_PROGRESS)
    assert active_ids(store, LINK) == [record_id]
    done = OrderStatus("42", "Completed", OrderState.COMPLETED)
    store.record_order_statuses(panel.id, {"42": done}, {}, datetime.now(UTC))
    assert active_ids(store, LINK) == []


def test_the_path_keeps_its_case(store: Store, panel: Panel) -> None:
    placed(store, panel, LINK, "1", OrderState.PENDING)
    assert active_ids(store, "https://instagram.com/p/abc") == []


def test_a_subscription_is_guarded_by_its_username(store: Store, panel: Panel) -> None:
    service = make_service(type="Subscriptions")
    record = store.insert_sending_order(
        panel.id, service, link=None, quantity=None, fields={"username": "@Someone"}
    )
    assert active_ids(store, "someone") == [record.id]


def test_imported_orders_have_no_link_to_guard(store: Store, panel: Panel) -> None:
    store.import_orders(panel.id, ["9001"])
    row = store._db.query_one("SELECT link_key FROM orders")
    assert row is not None and row[0] is None


def test_the_lookup_walks_the_partial_index(store: Store, panel: Panel) -> None:
    from smmdesk.store.orders import _ACTIVE_ON_LINK

    plan = store._db.query(
        f"EXPLAIN QUERY PLAN SELECT id FROM orders WHERE {_ACTIVE_ON_LINK} ORDER BY id DESC",
        ("instagram.com/p/AbC",),
    )
    details = " ".join(row["detail"] for row in plan)
    assert "USING INDEX orders_active_by_link" in details
    assert "TEMP B-TREE" not in details  # read newest first straight from the index


def test_migration_backfills_the_link_of_existing_orders(tmp_path: Path) -> None:
    path = tmp_path / "smmdesk.db"
    build_v1(path)  # one completed order on …/OldPost, one unconfirmed on …/b
    with Store.open(path) as store:
        [unconfirmed] = store.active_orders_for_link("x.example/b")
        assert unconfirmed.journal_state is JournalState.UNCONFIRMED
        assert active_ids(store, "HTTP://WWW.X.EXAMPLE/b/?fbclid=1") == [unconfirmed.id]
        assert active_ids(store, "https://x.example/OldPost") == []  # completed
        keys = [row[0] for row in store._db.query("SELECT link_key FROM orders ORDER BY id")]
    assert keys == ["x.example/OldPost", "x.example/b"]

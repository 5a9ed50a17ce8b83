"""Status history: a step per real change, the milestones the scorecard reads, and the
refill guarantee kept with each order."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from smmdesk.api import OrderState, OrderStatus, PlacedOrder, RefillState, RefillStatus, Service
from smmdesk.store import JournalState, OrderRecord, Store
from smmdesk.store.migrations import MIGRATIONS

T0 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
SERVICE = Service(
    "5", "Followers | 30 Days Refill", "Default", "IG", Decimal("1.5"), 10, 1000, refill=True
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "s.db") as opened:
        yield opened


def placed(store: Store, order_id: str = "77") -> OrderRecord:
    panel = store.add_panel("P", "https://p.example/api/v2")
    store.save_services(panel.id, [SERVICE], T0)
    record = store.insert_sending_order(panel.id, SERVICE, link="https://x.example/a", quantity=100)
    return store.record_placed(record.id, PlacedOrder(order_id), expect=[JournalState.SENDING])


def status(state: OrderState, start: int | None = None, remains: int | None = None) -> OrderStatus:
    return OrderStatus("77", state.value, state, Decimal("0.15"), start, remains)


def refresh(store: Store, record: OrderRecord, reported: OrderStatus, at: datetime) -> None:
    store.record_order_statuses(record.panel_id, {"77": reported}, {}, at)


def test_each_real_change_is_one_step_and_an_unchanged_refresh_writes_none(store: Store) -> None:
    order = placed(store)
    at = store.order_steps(order.id)[0].at
    refresh(store, order, status(OrderState.PENDING), at + timedelta(minutes=1))
    refresh(store, order, status(OrderState.PENDING), at + timedelta(minutes=2))
    refresh(store, order, status(OrderState.IN_PROGRESS, 500, 60), at + timedelta(minutes=3))
    refresh(store, order, status(OrderState.IN_PROGRESS, 500, 20), at + timedelta(minutes=4))
    refresh(store, order, status(OrderState.COMPLETED, 500, 0), at + timedelta(minutes=9))

    steps = [(step.state, step.start_count, step.remains) for step in store.order_steps(order.id)]
    assert steps == [
        ("placed", None, None),
        ("pending", None, None),
        ("in_progress", 500, 60),
        ("in_progress", 500, 20),
        ("completed", 500, 0),
    ]


def test_the_facts_give_times_from_placed_to_started_and_finished(store: Store) -> None:
    order = placed(store)
    placed_at = store.order_steps(order.id)[0].at
    refresh(
        store, order, status(OrderState.IN_PROGRESS, 500, 60), placed_at + timedelta(minutes=30)
    )
    refresh(store, order, status(OrderState.COMPLETED, 500, 0), placed_at + timedelta(hours=5))

    [facts] = store.order_facts(now=placed_at + timedelta(days=1))
    assert facts.to_start == pytest.approx(30 * 60, abs=1)
    assert facts.to_finish == pytest.approx(5 * 3600, abs=1)
    assert facts.idle is None  # final: never stuck
    assert facts.state is OrderState.COMPLETED and facts.charge == Decimal("0.15")


def test_an_order_with_no_progress_counts_as_idle_since_its_last_step(store: Store) -> None:
    order = placed(store)
    placed_at = store.order_steps(order.id)[0].at
    refresh(store, order, status(OrderState.IN_PROGRESS, 500, 60), placed_at + timedelta(hours=1))
    refresh(store, order, status(OrderState.IN_PROGRESS, 500, 60), placed_at + timedelta(hours=2))
    [facts] = store.order_facts(now=placed_at + timedelta(hours=10))
    assert facts.idle == pytest.approx(9 * 3600, abs=1)
    assert facts.to_finish is None


def test_orders_tracked_by_id_have_no_placing_time(store: Store) -> None:
    panel = store.add_panel("P", "https://p.example/api/v2")
    store.import_orders(panel.id, ["900"])
    [facts] = store.order_facts(now=T0)
    assert (facts.to_start, facts.to_finish) == (None, None)


def test_the_refill_guarantee_is_kept_with_the_order(store: Store) -> None:
    order = placed(store)
    row = store._db.query_one("SELECT refill_days FROM orders WHERE id = ?", (order.id,))
    assert row is not None and row[0] == 30


def test_a_v7_history_gains_what_is_known_of_each_order(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    with conn:
        for migration in MIGRATIONS[:7]:
            migration(conn)
        conn.execute(
            "INSERT INTO panels (id, name, url, created_at) VALUES (1, 'P', 'https://p', ?)",
            ("2026-10-01T00:00:00.000000+00:00",),
        )
        for record_id, link, state in (
            (1, "https://x.example/a", "completed"),
            (2, None, "pending"),
        ):
            conn.execute(
                "INSERT INTO orders (id, panel_id, service_id, service_name, service_type, link,"
                " journal_state, order_id, state, created_at, updated_at, can_refill,"
                " can_cancel, tab) VALUES (?, 1, '5', 'F', 'Default', ?, 'placed', ?, ?,"
                " '2026-10-01T10:00:00.000000+00:00', '2026-10-01T15:00:00.000000+00:00',"
                " 1, 1, 'completed')",
                (record_id, link, str(record_id), state),
            )
        conn.execute("PRAGMA user_version = 7")
    conn.close()

    with Store.open(path) as store:
        assert [step.state for step in store.order_steps(1)] == ["placed", "completed"]
        assert [step.state for step in store.order_steps(2)] == ["pending"]  # tracked by ID
        facts = {f.service_id + str(f.state): f for f in store.order_facts(now=T0)}
        assert facts["5completed"].to_finish == pytest.approx(5 * 3600, abs=1)


def test_refill_windows_list_finished_orders_whose_guarantee_closes_soon(store: Store) -> None:
    order = placed(store)
    at = store.order_steps(order.id)[0].at
    finished = at + timedelta(hours=1)
    refresh(store, order, status(OrderState.PARTIAL, 500, 40), finished)

    [window] = store.refill_windows(finished + timedelta(days=25), within_days=7)
    assert (window.order.id, window.days) == (order.id, 30)
    assert abs(window.ends_at - (finished + timedelta(days=30))) < timedelta(seconds=1)
    assert store.refill_windows(finished + timedelta(days=10), within_days=7) == []
    assert store.refill_windows(finished + timedelta(days=31), within_days=7) == []  # closed

    store.add_refills([(window.order, "r1", None)])
    assert store.refill_windows(finished + timedelta(days=25), within_days=7) == []  # running


def test_a_window_needs_a_refill_once_it_dropped_or_went_partial_and_none_was_asked_since(
    store: Store,
) -> None:
    order = placed(store)
    at = store.order_steps(order.id)[0].at
    finished = at + timedelta(hours=1)
    refresh(store, order, status(OrderState.COMPLETED, 500, 0), finished)
    soon = finished + timedelta(days=25)
    [window] = store.refill_windows(soon, within_days=7)
    assert not window.needs_refill  # completed, and nobody said it dropped

    assert store.mark_dropped([order.id], finished + timedelta(days=20)) == 1
    [window] = store.refill_windows(soon, within_days=7)
    assert window.dropped_at == finished + timedelta(days=20) and window.needs_refill

    store.mark_dropped([order.id], None)  # it had not, after all
    [window] = store.refill_windows(soon, within_days=7)
    assert window.dropped_at is None and not window.needs_refill


def test_a_refill_asked_after_the_drop_answers_it(store: Store) -> None:
    order = placed(store)
    at = store.order_steps(order.id)[0].at
    refresh(store, order, status(OrderState.PARTIAL, 500, 40), at)  # partial: needs one
    [window] = store.refill_windows(at + timedelta(days=25), within_days=7)
    assert window.needs_refill and window.refilled_at is None

    store.add_refills([(window.order, None, "Refill is disabled for this order")])
    [window] = store.refill_windows(at + timedelta(days=25), within_days=7)
    assert window.needs_refill  # refused before it was sent: still needs one
    store.add_refills([(window.order, "r0", None)])
    store.record_refill_statuses(
        order.panel_id,
        {"r0": RefillStatus("r0", "Rejected", RefillState.REJECTED)},
        {},
        datetime.now(UTC),
    )
    [window] = store.refill_windows(at + timedelta(days=25), within_days=7)
    assert window.needs_refill  # rejected by the panel: nothing was refilled
    store.add_refills([(window.order, "r1", None)])
    store.record_refill_statuses(
        order.panel_id,
        {"r1": RefillStatus("r1", "Completed", RefillState.COMPLETED)},
        {},
        datetime.now(UTC),
    )
    [window] = store.refill_windows(at + timedelta(days=25), within_days=7)
    assert window.refilled_at is not None and not window.needs_refill

    store.mark_dropped([order.id], datetime.now(UTC) + timedelta(seconds=1))  # dropped again
    [window] = store.refill_windows(at + timedelta(days=25), within_days=7)
    assert window.needs_refill


def test_the_price_watch_lists_changes_of_services_ordered_lately(store: Store) -> None:
    panel = store.add_panel("P", "https://p.example/api/v2")
    a, b, c = (Service(sid, f"S{sid}", "Default", "IG", Decimal(1), 10, 100) for sid in "abc")
    store.save_services(panel.id, [a, b, c], T0)
    for ordered in (a, c):
        record = store.insert_sending_order(
            panel.id, ordered, link="https://x.example", quantity=10
        )
        store.record_placed(record.id, PlacedOrder(ordered.id), expect=[JournalState.SENDING])
    b_dearer = Service("b", "Sb", "Default", "IG", Decimal("2.5"), 10, 100)
    a_dearer = Service("a", "Sa", "Default", "IG", Decimal("1.2"), 10, 100)
    store.save_services(panel.id, [a_dearer, b_dearer], T0 + timedelta(days=1))

    watched = store.watched_prices(ordered_since=T0, panel_id=panel.id)
    assert {(w.service_id, w.old_rate, w.new_rate) for w in watched} == {
        ("a", Decimal(1), Decimal("1.2")),
        ("c", None, None),  # no longer listed by the panel
    }
    assert store.watched_prices(ordered_since=datetime.now(UTC) + timedelta(days=1)) == []

"""Schema 11: what the reports, the scorecard and the Overview add up, kept with each order
(`store.derived`): filled in for a history written by schema 10, worked out again for
every order a store method writes, moved to other days in another time zone."""

from __future__ import annotations

import sqlite3
import sys
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from smmdesk.api import OrderState, OrderStatus, PlacedOrder
from smmdesk.api.draft import OrderDraft
from smmdesk.store import JournalState, Panel, Store, derived, summaries
from smmdesk.store.migrations import MIGRATIONS

from .conftest import make_service
from .zones import local_zone

_DERIVED = ", ".join(derived.RULES)
_CHECKED = (
    "scored", "currency_key", "counted", "cost_units", "sell_units", "spent_units", "outcome",
    "charge_units", "charge_odd", "to_start_s", "to_finish_s",
)  # fmt: skip
_CREATED = "2026-10-01T23:30:00.000000+00:00"
_STARTED = "2026-10-02T00:00:00.000000+00:00"
_FINISHED = "2026-10-02T05:30:00.000000+00:00"
# (id, link, journal_state, tab, state, quantity, remains, charge, estimate, sell, currency,
#  started, finished)
_V10_ORDERS = (
    (1, "https://x/1", "placed", "completed", "completed", 1000, 0, "1.50", "1.50", None,
     "USD", _STARTED, _FINISHED),
    (2, "https://x/2", "placed", "partial", "partial", 1000, 250, "10.00", "10.00", "20",
     "USD", _STARTED, _FINISHED),
    (3, "https://x/3", "placed", "canceled", "refunded", 1000, 1000, "5", None, None, "EUR",
     None, _FINISHED),
    (4, None, "placed", "pending", None, None, None, None, None, None, None, None, None),
    (5, "https://x/5", "unconfirmed", "unconfirmed", None, 100, None, None, "0.30", None,
     "USD", None, None),
    (6, "https://x/6", "placed", "completed", "completed", 100, 0, "2E+0", "2", None, None,
     _STARTED, _FINISHED),
    (7, "https://x/7", "placed", "duplicate", None, 100, None, "1", "1", None, "USD", None,
     None),
)  # fmt: skip


def _v10_history(path: Path) -> None:
    """A history as SMMDesk with schema 10 wrote it: one order of each kind."""
    conn = sqlite3.connect(path)
    with conn:
        for migration in MIGRATIONS[:10]:
            migration(conn)
        conn.execute(
            "INSERT INTO panels (id, name, url, created_at) VALUES (1, 'P', 'https://p', ?)",
            (_CREATED,),
        )
        for order in _V10_ORDERS:
            record_id, link, journal, tab, state, quantity, remains, *money, started, ended = order
            placed = _CREATED if journal == "placed" and link else None
            conn.execute(
                "INSERT INTO orders (id, panel_id, service_id, service_name, service_type,"
                " link, journal_state, tab, state, quantity, remains, charge, charge_estimate,"
                " sell_price, currency, order_id, created_at, updated_at, can_refill,"
                " can_cancel, placed_at, started_at, finished_at) VALUES (?, 1, '5', 'Likes',"
                " 'Default', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?, ?, ?)",
                (record_id, link, journal, tab, state, quantity, remains, *money,
                 str(record_id), _CREATED, _CREATED, placed, started, ended),
            )  # fmt: skip
        conn.execute("PRAGMA user_version = 10")
    conn.close()


def _derived(store: Store) -> dict[int, tuple[object, ...]]:
    rows = store._db.query(f"SELECT id, {_DERIVED} FROM orders ORDER BY id")
    return {row[0]: tuple(row[1:]) for row in rows}


def _unsettled(store: Store) -> int:
    """Orders whose kept columns differ from what the rules give now."""
    moved = " OR ".join(f"{name} IS NOT ({rule})" for name, rule in derived.RULES.items())
    row = store._db.query_one(f"SELECT count(*) FROM orders WHERE {moved}")
    assert row is not None
    return int(row[0])


def _sums_agree(path: Path) -> bool:
    """Whether every sum kept equals the sum of its orders' columns now (the smallest
    order of each service too: a sum keeps the smallest it was ever given)."""
    conn = sqlite3.connect(path)
    try:
        for summary in summaries.SUMMARIES:
            added = [(n, e) for n, e in summary.values if n != "first_id"]
            keys = ", ".join(expression for _, expression in summary.keys)
            sums = ", ".join(f"coalesce(sum({expression}), 0)" for _, expression in added)
            fresh = conn.execute(
                f"SELECT {keys}, {sums} FROM orders WHERE {summary.rows} GROUP BY {keys}"
                f" HAVING sum({dict(summary.values)[summary.kept]}) != 0 ORDER BY {keys}"
            ).fetchall()
            names = ", ".join(name for name, _ in (*summary.keys, *added))
            kept = conn.execute(
                f"SELECT {names} FROM {summary.table}"
                f" ORDER BY {', '.join(name for name, _ in summary.keys)}"
            ).fetchall()
            if fresh != kept:
                return False
        firsts = "SELECT panel_id, service_id, min({}) FROM {} GROUP BY 1, 2 ORDER BY 1, 2"
        return conn.execute(firsts.format("id", "orders WHERE scored = 1")).fetchall() == (
            conn.execute(firsts.format("first_id", "service_outcomes")).fetchall()
        )
    finally:
        conn.close()


def test_a_v10_history_gains_every_order_s_figures(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _v10_history(path)

    with Store.open(path) as store:
        figures = _derived(store)
        marked = store._db.query("SELECT id FROM orders_to_settle")
        assert _unsettled(store) == 0 and not marked

    local_day = datetime.fromisoformat(_CREATED).astimezone().date().isoformat()
    hours = 5.5 * 3600.0
    expected = {
        # a completed order counts in full, a partial one by its delivered share (the
        # panel's charge is the full one: it equals the estimate), a refunded one at
        # nothing; the Overview counts the same cost, for orders sent from SMMDesk
        1: (1, "USD", 1, 15_000_000, None, 15_000_000, "completed", 15_000_000, 0, 1800.0,
            1800.0 + hours),
        2: (1, "USD", 1, 75_000_000, 150_000_000, 75_000_000, "partial", 100_000_000, 0,
            1800.0, 1800.0 + hours),
        3: (1, "EUR", 1, 0, None, 0, "refunded", 50_000_000, 0, None, 1800.0 + hours),
        # tracked by ID: no cost yet, no placing time; not placed: no money side; an
        # amount with an exponent is left to the Python rules; a repeated ID counts once
        4: (1, "", None, None, None, None, None, None, 0, None, None),
        5: (None, "USD", None, None, None, None, None, None, 0, None, None),
        6: (1, "", 0, None, None, 20_000_000, "completed", None, 1, 1800.0, 1800.0 + hours),
        7: (1, "USD", None, None, None, None, None, 10_000_000, 0, None, None),
    }  # fmt: skip
    for record_id, values in expected.items():
        got = dict(zip(derived.RULES, figures[record_id], strict=True))
        assert got["day"] == local_day
        for name, value in zip(_CHECKED, values, strict=True):
            if isinstance(value, float):
                assert got[name] == pytest.approx(value), (record_id, name)
            else:
                assert got[name] == value, (record_id, name)
    assert _sums_agree(path)


def test_a_v11_history_counts_a_partial_order_s_spend_at_what_was_delivered(
    tmp_path: Path,
) -> None:
    """Schema 11 counted a partial order's charge in full on the Overview, its delivered
    share in the Orders totals; schema 12 counts the delivered share in both."""
    path = tmp_path / "v11.db"
    _v10_history(path)
    conn = sqlite3.connect(path)
    with conn:
        MIGRATIONS[10](conn)
        conn.execute(
            "UPDATE orders SET spent_units = CAST(round(CAST(charge AS REAL) * 1e7) AS INTEGER)"
            " WHERE id = 2"
        )  # the partial order, as schema 11 counted it: 10.00 in full
        summaries.recount_days(conn)
        conn.execute("PRAGMA user_version = 11")
    conn.close()

    with Store.open(path) as store:
        spent = store._db.query_one("SELECT spent_units, cost_units FROM orders WHERE id = 2")

    assert spent is not None and tuple(spent) == (75_000_000, 75_000_000)
    assert _sums_agree(path)


@pytest.fixture
def sold(store: Store, panel: Panel) -> int:
    """An order placed, refreshed to partial and given a sell price; not settled yet."""
    service = make_service("30", rate="2")
    store.save_services(panel.id, [service])
    record = store.insert_sending_order(
        panel.id, service, link="https://x.example/a", quantity=1000,
        charge_estimate=Decimal("2"), currency="USD",
    )  # fmt: skip
    store.record_placed(record.id, PlacedOrder("71"), expect=[JournalState.SENDING])
    status = OrderStatus("71", "Partial", OrderState.PARTIAL, Decimal("2"), 10, 400, "USD")
    store.record_order_statuses(panel.id, {"71": status}, {}, datetime.now(UTC))
    store.annotate_orders([], sell_prices={record.id: Decimal("3")})
    return record.id


def test_what_the_store_writes_is_worked_out_before_it_is_read(store: Store, sold: int) -> None:
    assert store._db.query("SELECT id FROM orders_to_settle")  # noted, not worked out
    assert _unsettled(store) == 1

    derived.settle(store._db)

    assert _unsettled(store) == 0
    assert not store._db.query("SELECT id FROM orders_to_settle")
    figures = dict(zip(derived.RULES, _derived(store)[sold], strict=True))
    assert (figures["cost_units"], figures["sell_units"]) == (12_000_000, 18_000_000)  # 60 %


def test_every_store_write_to_an_order_leaves_it_to_be_worked_out(
    store: Store, panel: Panel
) -> None:
    service = make_service("9")
    store.save_services(panel.id, [service])
    derived.settle(store._db)

    def written(step: object) -> None:
        assert _unsettled(store) > 0 or store._db.query("SELECT 1 FROM orders_to_settle")
        derived.settle(store._db)
        assert _unsettled(store) == 0, step
        assert _sums_agree(store.path), step

    first = store.insert_sending_order(panel.id, service, link="https://x/1", quantity=100,
                                       charge_estimate=Decimal("0.15"), currency="USD")  # fmt: skip
    written("inserted")
    store.record_placed(first.id, PlacedOrder("1", Decimal("0.2")), expect=[JournalState.SENDING])
    written("placed")
    done = OrderStatus("1", "Completed", OrderState.COMPLETED, Decimal("0.2"), 5, 0, "EUR")
    store.record_order_statuses(panel.id, {"1": done}, {}, datetime.now(UTC))
    written("refreshed")
    store.annotate_orders([first.id], customer="Acme", sell_prices={first.id: Decimal("1")})
    written("sold")
    second = store.insert_sending_order(panel.id, service, link="https://x/2", quantity=10)
    store.sending_to_unconfirmed("The app was closed")
    written("interrupted")
    store.resolve_order_id(second.id, "2")
    written("resolved")
    third = store.insert_sending_order(panel.id, service, link="https://x/3", quantity=10)
    store.set_journal_state(third.id, JournalState.REJECTED, expect=[JournalState.SENDING])
    written("rejected")
    store.import_orders(panel.id, ["30", "31"])
    written("tracked")
    batch = store.create_batch("B", [(1, panel.id, OrderDraft.of(service, "https://x/4", 10))])
    store.claim_batch_line(batch.id, 1)
    written("batch line")


@pytest.mark.skipif(sys.platform == "win32", reason="time.tzset is POSIX only")
def test_another_time_zone_moves_orders_to_its_days(tmp_path: Path) -> None:
    path = tmp_path / "travel.db"
    with local_zone("UTC"), Store.open(path) as store:
        panel = store.add_panel("P", "https://p.example/api/v2")
        [order] = store.import_orders(panel.id, ["5"])
        late = datetime(2026, 10, 1, 23, 30, tzinfo=UTC).isoformat(timespec="microseconds")
        with store._db.transaction() as conn:
            conn.execute("UPDATE orders SET created_at = ? WHERE id = ?", (late, order.id))
            derived.mark(conn, [order.id])
        derived.settle(store._db)
        assert _day(store, order.id) == "2026-10-01"

    with local_zone("Asia/Tokyo"), Store.open(path) as store:
        assert _day(store, order.id) == "2026-10-02"  # 08:30 there
    assert _sums_agree(path)


def _day(store: Store, record_id: int) -> str:
    row = store._db.query_one("SELECT day FROM orders WHERE id = ?", (record_id,))
    assert row is not None
    return str(row[0])

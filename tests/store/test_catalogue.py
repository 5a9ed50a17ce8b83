"""The services cache: snapshots, diffs between fetches, and price history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from types import MappingProxyType

import pytest

from smmdesk.store import Panel, Store

from .conftest import make_service

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def test_nothing_is_cached_before_the_first_fetch(store: Store, panel: Panel) -> None:
    assert store.cached_services(panel.id) is None
    assert store.latest_diff(panel.id).is_first_fetch


def test_a_snapshot_round_trips_in_panel_order_with_extras(store: Store, panel: Panel) -> None:
    services = [
        make_service("30", description="Fast\nstart", dripfeed=True),
        make_service("4", rate="0.0012", extra=MappingProxyType({"average_time": 30})),
        make_service("ord_x", type="Custom Comments", refill=False, cancel=True),
    ]
    diff = store.save_services(panel.id, services, fetched_at=T0)
    assert diff.is_first_fetch and diff.is_empty
    snapshot = store.cached_services(panel.id)
    assert snapshot is not None
    assert snapshot.fetched_at == T0
    assert snapshot.services == services
    assert snapshot.services[1].extra == {"average_time": 30}
    assert snapshot.services[1].rate == Decimal("0.0012")


def test_a_second_fetch_reports_added_removed_and_repriced(store: Store, panel: Panel) -> None:
    store.save_services(panel.id, [make_service("1"), make_service("2"), make_service("3")], T0)
    diff = store.save_services(
        panel.id,
        [make_service("1"), make_service("2", rate="1.75"), make_service("4")],
        T0 + timedelta(hours=1),
    )
    assert not diff.is_first_fetch
    assert diff.added == {"4"}
    assert diff.removed == {"3"}
    assert dict(diff.repriced) == {"2": (Decimal("1.50"), Decimal("1.75"))}
    assert store.latest_diff(panel.id) == diff


def test_an_unchanged_fetch_has_an_empty_latest_diff(store: Store, panel: Panel) -> None:
    store.save_services(panel.id, [make_service("1")], T0)
    store.save_services(panel.id, [make_service("1", rate="3")], T0 + timedelta(hours=1))
    store.save_services(panel.id, [make_service("1", rate="3")], T0 + timedelta(hours=2))
    latest = store.latest_diff(panel.id)
    assert latest.is_empty and not latest.is_first_fetch


def test_the_same_rate_written_differently_is_not_a_price_change(
    store: Store, panel: Panel
) -> None:
    store.save_services(panel.id, [make_service("1", rate="0.90")], T0)
    diff = store.save_services(panel.id, [make_service("1", rate="0.9")], T0)
    assert diff.is_empty


def test_price_history_lists_every_change_in_order(store: Store, panel: Panel) -> None:
    for hours, rate in enumerate(["1.00", "1.20", "1.20", "0.95"]):
        store.save_services(panel.id, [make_service("1", rate=rate)], T0 + timedelta(hours=hours))
    history = store.price_history(panel.id, "1")
    assert [(c.old_rate, c.new_rate) for c in history] == [
        (Decimal("1.00"), Decimal("1.20")),
        (Decimal("1.20"), Decimal("0.95")),
    ]
    assert [c.changed_at for c in history] == [T0 + timedelta(hours=1), T0 + timedelta(hours=3)]
    assert store.price_history(panel.id, "unknown") == []


def test_naive_fetch_times_are_refused(store: Store, panel: Panel) -> None:
    with pytest.raises(ValueError, match="naive"):
        store.save_services(panel.id, [make_service()], datetime(2024, 1, 1))

"""The orders journal rows, imported orders and status updates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from types import MappingProxyType

import pytest

from smmdesk.api import OrderState, OrderStatus, PlacedOrder, RefillState, RefillStatus
from smmdesk.store import (
    DuplicateOrderId,
    InvalidTransition,
    JournalState,
    OrderChange,
    OrderQuery,
    OrderRecord,
    Panel,
    Store,
)

from .conftest import make_service

NOW = datetime(2024, 6, 1, 9, 30, tzinfo=UTC)


def sending(store: Store, panel: Panel, link: str = "https://x.example/p/1") -> OrderRecord:
    return store.insert_sending_order(
        panel.id,
        make_service("12", name="Comments", type="Custom Comments", cancel=True),
        link=link,
        quantity=3,
        runs=2,
        interval=15,
        fields=MappingProxyType({"comments": "nice\ngreat\nwow"}),
        charge_estimate=Decimal("0.0090"),
        currency="USD",
    )


def test_a_sending_row_keeps_everything_that_was_sent(store: Store, panel: Panel) -> None:
    record = sending(store, panel)
    assert record.journal_state is JournalState.SENDING
    assert (record.service_id, record.service_name, record.service_type) == (
        "12", "Comments", "Custom Comments",
    )  # fmt: skip
    assert (record.link, record.quantity, record.runs, record.interval) == (
        "https://x.example/p/1", 3, 2, 15,
    )  # fmt: skip
    assert record.fields == {"comments": "nice\ngreat\nwow"}
    assert record.charge_estimate == Decimal("0.0090") and record.currency == "USD"
    assert (record.can_refill, record.can_cancel) == (True, True)
    assert record.order_id is None and record.state is None
    assert store.order(record.id) == record


def test_placing_sets_the_order_id(store: Store, panel: Panel) -> None:
    record = sending(store, panel)
    placed = store.set_journal_state(
        record.id, JournalState.PLACED, expect=(JournalState.SENDING,), order_id="23501"
    )
    assert (placed.journal_state, placed.order_id) == (JournalState.PLACED, "23501")
    assert store.orders_by_order_ids(panel.id, ["23501", "nope"]) == [placed]
    assert placed.updated_at >= record.updated_at


def test_a_transition_from_the_wrong_state_is_refused(store: Store, panel: Panel) -> None:
    record = sending(store, panel)
    store.set_journal_state(record.id, JournalState.REJECTED, expect=(JournalState.SENDING,))
    with pytest.raises(InvalidTransition, match="it is rejected"):
        store.set_journal_state(
            record.id, JournalState.PLACED, expect=(JournalState.SENDING,), order_id="1"
        )


def test_an_order_id_is_tracked_once_per_panel(store: Store, panel: Panel) -> None:
    store.import_orders(panel.id, ["777"])
    record = sending(store, panel)
    with pytest.raises(DuplicateOrderId):
        store.set_journal_state(
            record.id, JournalState.PLACED, expect=(JournalState.SENDING,), order_id="777"
        )
    assert store.order(record.id) == record  # the failed change left the row alone
    other = store.add_panel("Other", "https://other.example/api/v2")
    assert len(store.import_orders(other.id, ["777"])) == 1


def test_the_answer_to_add_records_the_id_and_the_panels_charge(store: Store, panel: Panel) -> None:
    record = sending(store, panel)
    placed = store.record_placed(
        record.id, PlacedOrder("23501", Decimal("0.0087"), "EUR"), expect=(JournalState.SENDING,)
    )
    assert (placed.journal_state, placed.order_id, placed.error) == (
        JournalState.PLACED, "23501", None,
    )  # fmt: skip
    assert (placed.charge, placed.currency, placed.charge_estimate) == (
        Decimal("0.0087"), "EUR", Decimal("0.0090"),
    )  # fmt: skip
    unstated = store.record_placed(
        sending(store, panel).id, PlacedOrder("23502"), expect=(JournalState.SENDING,)
    )
    assert (unstated.charge, unstated.currency) == (None, "USD")  # nothing invented
    with pytest.raises(InvalidTransition):
        store.record_placed(record.id, PlacedOrder("1"), expect=(JournalState.SENDING,))


def test_an_answer_repeating_a_tracked_id_is_placed_beside_it_with_a_warning(
    store: Store, panel: Panel
) -> None:
    [earlier] = store.import_orders(panel.id, ["777"])
    record = sending(store, panel)
    repeated = store.record_placed(record.id, PlacedOrder("777"), expect=(JournalState.SENDING,))
    assert (repeated.journal_state, repeated.order_id) == (JournalState.PLACED, None)
    assert repeated.error is not None and "order ID 777" in repeated.error
    assert store.order(earlier.id) == earlier
    assert store.orders_by_order_ids(panel.id, ["777"]) == [earlier]
    assert store.non_final_order_ids(panel.id) == ["777"]
    assert [r.id for r in store.orders_page(OrderQuery(text="777"), 0, 9)] == [
        repeated.id, earlier.id,
    ]  # fmt: skip
    counts = store.tab_counts(panel.id)
    assert (counts["all"], counts["pending"]) == (2, 1)


def unconfirmed(store: Store, panel: Panel, link: str = "https://x.example/p/u") -> OrderRecord:
    record = sending(store, panel, link)
    return store.set_journal_state(
        record.id, JournalState.UNCONFIRMED, expect=(JournalState.SENDING,), error="timeout"
    )


def test_resolving_places_the_order_and_keeps_each_resolution(store: Store, panel: Panel) -> None:
    record = unconfirmed(store, panel)
    resolved = store.resolve_order_id(record.id, "501")
    assert (resolved.journal_state, resolved.order_id, resolved.error) == (
        JournalState.PLACED, "501", None,
    )  # fmt: skip
    status = OrderStatus("501", "In progress", OrderState.IN_PROGRESS, charge=Decimal("0.01"))
    store.record_order_statuses(panel.id, {"501": status}, {}, NOW)
    corrected = store.resolve_order_id(record.id, "502")
    assert corrected.order_id == "502"
    assert (corrected.state, corrected.charge, corrected.checked_at) == (None, None, None)
    assert store.orders_by_order_ids(panel.id, ["501", "502"]) == [corrected]
    history = store.resolutions(record.id)
    assert [(r.order_id, r.previous_order_id) for r in history] == [("501", None), ("502", "501")]
    assert all(r.order_record_id == record.id for r in history)


def test_only_unconfirmed_or_resolved_orders_can_be_resolved(store: Store, panel: Panel) -> None:
    [imported] = store.import_orders(panel.id, ["600"])
    with pytest.raises(InvalidTransition):
        store.resolve_order_id(imported.id, "601")
    record = unconfirmed(store, panel)
    with pytest.raises(DuplicateOrderId):
        store.resolve_order_id(record.id, "600")
    assert store.order(record.id) == record and store.resolutions(record.id) == []


def test_orders_matching_reads_past_any_page(store: Store, panel: Panel) -> None:
    store.import_orders(panel.id, [str(i) for i in range(450)])
    query = OrderQuery(panel_id=panel.id, sort_column="order_id", descending=True)
    matching = store.orders_matching(query)
    assert len(matching) == 450 and matching[0].order_id == "449"


def test_sending_rows_become_unconfirmed_in_one_sweep(store: Store, panel: Panel) -> None:
    first, second = sending(store, panel), sending(store, panel, "https://x.example/p/2")
    store.set_journal_state(
        second.id, JournalState.PLACED, expect=(JournalState.SENDING,), order_id="5"
    )
    assert store.sending_to_unconfirmed("interrupted") == 1
    recovered = store.order(first.id)
    assert recovered is not None
    assert (recovered.journal_state, recovered.error) == (JournalState.UNCONFIRMED, "interrupted")


def test_import_skips_blanks_duplicates_and_tracked_ids(store: Store, panel: Panel) -> None:
    store.save_services(panel.id, [make_service("5", refill=False, cancel=True)])
    first = store.import_orders(panel.id, ["100", " 101 ", "", "100"], service_id="5")
    assert [r.order_id for r in first] == ["100", "101"]
    assert all(r.journal_state is JournalState.PLACED for r in first)
    assert (first[0].service_name, first[0].can_refill, first[0].can_cancel) == (
        "Instagram Followers [5]", False, True,
    )  # fmt: skip
    again = store.import_orders(panel.id, ["101", "102"])
    assert [r.order_id for r in again] == ["102"]
    assert (again[0].service_id, again[0].can_refill, again[0].can_cancel) == ("", True, True)


def test_statuses_are_stored_and_state_changes_reported(store: Store, panel: Panel) -> None:
    a, b, c = store.import_orders(panel.id, ["1", "2", "3"])
    changes = store.record_order_statuses(
        panel.id,
        {
            "1": OrderStatus(
                "1", "In progress", OrderState.IN_PROGRESS, charge=Decimal("0.27819"),
                start_count=3572, remains=157, currency="USD",
            ),
            "2": OrderStatus("2", "Active", OrderState.ACTIVE, posts=5, runs=3),
        },
        {"3": "Incorrect order ID"},
        NOW,
    )  # fmt: skip
    assert changes == [
        OrderChange(a.id, "1", None, OrderState.IN_PROGRESS),
        OrderChange(b.id, "2", None, OrderState.ACTIVE),
    ]
    stored = store.order(a.id)
    assert stored is not None
    assert (stored.charge, stored.start_count, stored.remains, stored.currency) == (
        Decimal("0.27819"), 3572, 157, "USD",
    )  # fmt: skip
    assert (stored.status_text, stored.checked_at, stored.updated_at) == ("In progress", NOW, NOW)
    second = store.order(b.id)
    assert second is not None and (second.posts, second.runs_done) == (5, 3)
    third = store.order(c.id)
    assert third is not None and (third.error, third.checked_at) == ("Incorrect order ID", NOW)
    assert third.state is None


def test_an_unchanged_status_is_not_reported_again(store: Store, panel: Panel) -> None:
    [record] = store.import_orders(panel.id, ["1"])
    status = OrderStatus("1", "Pending", OrderState.PENDING)
    store.record_order_statuses(panel.id, {"1": status}, {}, NOW)
    later = NOW + timedelta(minutes=5)
    assert store.record_order_statuses(panel.id, {"1": status}, {}, later) == []
    stored = store.order(record.id)
    assert stored is not None and (stored.updated_at, stored.checked_at) == (NOW, later)


def test_non_final_orders_are_the_placed_ones_that_can_still_change(
    store: Store, panel: Panel
) -> None:
    records = store.import_orders(panel.id, ["1", "2", "3", "4"])
    sending(store, panel)  # not placed: nothing to ask the panel about
    store.record_order_statuses(
        panel.id,
        {
            "2": OrderStatus("2", "Completed", OrderState.COMPLETED),
            "3": OrderStatus("3", "Weird", OrderState.UNKNOWN),
            "4": OrderStatus("4", "Active", OrderState.ACTIVE),
        },
        {},
        NOW,
    )
    assert [r.order_id for r in store.non_final_orders(panel.id)] == ["1", "3", "4"]
    assert store.non_final_order_ids(panel.id) == ["1", "3", "4"]
    assert all(r.is_tracked for r in store.non_final_orders(panel.id))
    assert records[0].panel_id == panel.id


def test_refills_and_cancels_round_trip_with_their_outcomes(store: Store, panel: Panel) -> None:
    first, second = store.import_orders(panel.id, ["10", "11"])
    refills = store.add_refills([(first, "900", None), (second, None, "Refill is disabled")])
    assert [(r.order_id, r.refill_id, r.error, r.state) for r in refills] == [
        ("10", "900", None, None),
        ("11", None, "Refill is disabled", None),
    ]
    assert store.refills(panel.id) == refills
    assert store.non_final_refills(panel.id) == refills[:1]
    changes = store.record_refill_statuses(
        panel.id, {"900": RefillStatus("900", "Completed", RefillState.COMPLETED)}, {}, NOW
    )
    assert [(c.refill.refill_id, c.before, c.after) for c in changes] == [
        ("900", None, RefillState.COMPLETED)
    ]
    assert store.non_final_refills(panel.id) == []
    cancels = store.add_cancels([(first, None), (second, "Cancel is disabled")])
    assert [(c.order_record_id, c.accepted, c.error) for c in cancels] == [
        (first.id, True, None),
        (second.id, False, "Cancel is disabled"),
    ]
    assert store.cancels(panel.id) == cancels

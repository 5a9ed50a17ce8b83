"""The overview's figures per panel: what runs, what needs the user, what was spent."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smmdesk.api import OrderState, OrderStatus, PlacedOrder, RefillState, RefillStatus, Service
from smmdesk.store import JournalState, OrderRecord, OverviewSpan, Panel, Store, derived
from smmdesk.store.codec import dt_to_db
from tests.store.conftest import make_service
from tests.store.zones import local_zone

THIRTY_DAYS = make_service("30", name="Followers | 30 Days Refill", refill=True)
NO_REFILL = make_service("9", name="Likes", refill=False)


def now() -> datetime:
    return datetime.now(UTC)


def placed(
    store: Store,
    panel: Panel,
    state: OrderState | None = None,
    *,
    charge: str | None = "1.00",
    currency: str = "USD",
    service: Service = THIRTY_DAYS,
    remains: int = 10,
) -> OrderRecord:
    store.save_services(panel.id, [THIRTY_DAYS, NO_REFILL, service], now())
    sending = store.insert_sending_order(
        panel.id, service, link="https://x.example/p", quantity=100, currency=currency
    )
    order_id = str(sending.id)
    record = store.record_placed(
        sending.id,
        PlacedOrder(order_id, Decimal(charge) if charge else None, currency),
        expect=[JournalState.SENDING],
    )
    if state is not None:
        amount = Decimal(charge) if charge else None
        status = OrderStatus(order_id, state.value, state, amount, remains=remains)
        store.record_order_statuses(panel.id, {order_id: status}, {}, now())
    return record


def rejected(store: Store, panel: Panel) -> OrderRecord:
    sending = store.insert_sending_order(
        panel.id, THIRTY_DAYS, link="https://x.example/r", quantity=1
    )
    return store.set_journal_state(
        sending.id, JournalState.REJECTED, expect=[JournalState.SENDING], error="Not enough funds"
    )


def unconfirmed(store: Store, panel: Panel) -> OrderRecord:
    sending = store.insert_sending_order(
        panel.id, THIRTY_DAYS, link="https://x.example/u", quantity=1
    )
    return store.set_journal_state(
        sending.id, JournalState.UNCONFIRMED, expect=[JournalState.SENDING], error="Timed out"
    )


def created(store: Store, record: OrderRecord, days_ago: float) -> None:
    """Age an order (the store stamps rows with the present)."""
    stamp_at(store, record, now() - timedelta(days=days_ago))


def stamp_at(store: Store, record: OrderRecord, moment: datetime) -> None:
    with store._db.transaction() as conn:
        conn.execute("UPDATE orders SET created_at = ? WHERE id = ?", (dt_to_db(moment), record.id))
        derived.mark(conn, [record.id])


def test_running_unconfirmed_and_refused_orders_are_counted_per_panel_with_their_ids(
    store: Store, panel: Panel
) -> None:
    other = store.add_panel("Other", "https://other.example/api/v2")
    pending = placed(store, panel)
    running = placed(store, panel, OrderState.IN_PROGRESS)
    placed(store, panel, OrderState.COMPLETED)
    lost = unconfirmed(store, panel)
    refused = rejected(store, panel)
    elsewhere = placed(store, other, OrderState.PENDING)

    overview = store.overview(OverviewSpan.at(now()))

    mine = overview.of(panel.id)
    assert mine.active == (pending.id, running.id)
    assert mine.unconfirmed == (lost.id,)
    assert mine.refused == (refused.id,)
    assert overview.of(other.id).active == (elsewhere.id,)
    assert overview.of(12345).active == ()  # a panel with nothing has empty figures


def test_refusals_count_from_yesterday_s_midnight(store: Store, panel: Panel) -> None:
    refused = rejected(store, panel)
    created(store, refused, days_ago=3)
    assert store.overview(OverviewSpan.at(now())).of(panel.id).refused == ()


def test_a_failed_refill_counts_until_a_later_refill_of_the_order_is_accepted(
    store: Store, panel: Panel
) -> None:
    order = placed(store, panel, OrderState.COMPLETED)
    store.add_refills([(order, None, "Refill is disabled for this service")])
    assert store.overview(OverviewSpan.at(now())).of(panel.id).failed_refills == (order.id,)

    store.add_refills([(order, "r-2", None)])
    assert store.overview(OverviewSpan.at(now())).of(panel.id).failed_refills == ()


def test_a_refill_the_panel_rejected_later_counts_for_thirty_days(
    store: Store, panel: Panel
) -> None:
    order = placed(store, panel, OrderState.COMPLETED)
    [refill] = store.add_refills([(order, "r-1", None)])
    status = {"r-1": _refill_status("Rejected")}
    store.record_refill_statuses(panel.id, status, {}, now())

    assert store.overview(OverviewSpan.at(now())).of(panel.id).failed_refills == (order.id,)
    later = OverviewSpan.at(now() + timedelta(days=31))
    assert store.overview(later).of(panel.id).failed_refills == ()
    assert refill.order_record_id == order.id


def _refill_status(word: str) -> RefillStatus:
    return RefillStatus("r-1", word, RefillState(word.lower()))


def test_partial_orders_are_refillable_while_the_guarantee_is_open_and_none_was_asked(
    store: Store, panel: Panel
) -> None:
    open_window = placed(store, panel, OrderState.PARTIAL)
    no_refill = placed(store, panel, OrderState.PARTIAL, service=NO_REFILL)
    asked = placed(store, panel, OrderState.PARTIAL)
    store.add_refills([(asked, "r-9", None)])

    figures = store.overview(OverviewSpan.at(now())).of(panel.id)
    assert figures.refillable_partial == (open_window.id,)
    assert no_refill.id not in figures.refillable_partial

    after_guarantee = OverviewSpan.at(now() + timedelta(days=31))
    assert store.overview(after_guarantee).of(panel.id).refillable_partial == ()


def test_partial_orders_placed_over_ninety_days_ago_no_longer_ask_for_attention(
    store: Store, panel: Panel
) -> None:
    lifetime = make_service("L", name="Followers | Lifetime Refill", refill=True)
    recent = placed(store, panel, OrderState.PARTIAL, service=lifetime)
    old = placed(store, panel, OrderState.PARTIAL, service=lifetime)
    created(store, old, days_ago=91)
    figures = store.overview(OverviewSpan.at(now())).of(panel.id)
    assert figures.refillable_partial == (recent.id,)


def test_spend_is_exact_per_currency_and_window_and_leaves_out_money_that_came_back(
    store: Store, panel: Panel
) -> None:
    placed(store, panel, OrderState.COMPLETED, charge="0.1")
    placed(store, panel, OrderState.PARTIAL, charge="0.25", remains=60)  # 40 of 100 came
    placed(store, panel, OrderState.IN_PROGRESS, charge="0.0000001")
    placed(store, panel, OrderState.CANCELED, charge="50", remains=100)  # none came
    placed(store, panel, OrderState.CANCELED, charge="2", remains=75)  # 25 came first
    placed(store, panel, OrderState.REFUNDED, charge="50")
    placed(store, panel, OrderState.COMPLETED, charge="2.5", currency="EUR")
    created(store, placed(store, panel, OrderState.COMPLETED, charge="10"), days_ago=3)
    created(store, placed(store, panel, OrderState.COMPLETED, charge="100"), days_ago=20)
    created(store, placed(store, panel, OrderState.COMPLETED, charge="1000"), days_ago=40)
    store.import_orders(panel.id, ["tracked-1"])  # placed elsewhere, at an unknown time

    figures = store.overview(OverviewSpan.at(now())).of(panel.id)

    # what was delivered is what was spent, as in the Orders totals: 0.1 + 0.25 * 40 %
    # + 0.0000001 + 2 * 25 %
    assert figures.spend_today == {"USD": Decimal("0.7000001"), "EUR": Decimal("2.5")}
    assert figures.spend_week == {"USD": Decimal("10.7000001"), "EUR": Decimal("2.5")}
    assert figures.spend_month == {"USD": Decimal("110.7000001"), "EUR": Decimal("2.5")}


def test_the_estimate_counts_until_the_panel_states_the_charge(store: Store, panel: Panel) -> None:
    sending = store.insert_sending_order(
        panel.id, THIRTY_DAYS, link="https://x.example/e", quantity=1000,
        charge_estimate=Decimal("1.5"), currency="USD",
    )  # fmt: skip
    store.record_placed(sending.id, PlacedOrder("e-1"), expect=[JournalState.SENDING])
    assert store.overview(OverviewSpan.at(now())).of(panel.id).spend_today == {
        "USD": Decimal("1.5")
    }


def test_the_windows_are_local_days() -> None:
    moment = datetime(2026, 3, 10, 15, 30, tzinfo=UTC)
    span = OverviewSpan.at(moment)
    local = moment.astimezone()
    assert span.today.astimezone().date() == local.date()
    assert (span.today.astimezone().hour, span.today.minute) == (0, 0)
    assert (local.date() - span.week.astimezone().date()).days == 6
    assert (local.date() - span.month.astimezone().date()).days == 29
    assert (local.date() - span.yesterday.astimezone().date()).days == 1


charges = st.decimals(
    min_value=Decimal(0), max_value=Decimal(100_000), places=7, allow_nan=False
).map(lambda d: d.normalize())


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(charges, min_size=1, max_size=12))
def test_a_total_is_the_exact_decimal_sum_of_its_charges(
    store: Store, panel: Panel, amounts: list[Decimal]
) -> None:
    before = store.overview(OverviewSpan.at(now())).of(panel.id).spend_today.get("USD", Decimal(0))
    for amount in amounts:
        placed(store, panel, OrderState.COMPLETED, charge=f"{amount:f}")
    total = store.overview(OverviewSpan.at(now())).of(panel.id).spend_today.get("USD", Decimal(0))
    assert total == before + sum(amounts)


@pytest.mark.skipif(sys.platform == "win32", reason="time.tzset is POSIX only")
def test_today_starts_at_the_local_midnight_on_a_daylight_saving_day() -> None:
    """Berlin moved its clocks on 29 March 2026 at 02:00: that day began at 23:00 UTC."""
    with local_zone("Europe/Berlin"):
        span = OverviewSpan.at(datetime(2026, 3, 29, 10, 0, tzinfo=UTC))
    assert span.today == datetime(2026, 3, 28, 23, 0, tzinfo=UTC)
    assert span.today - span.yesterday == timedelta(days=1)


@pytest.mark.skipif(sys.platform == "win32", reason="time.tzset is POSIX only")
@pytest.mark.parametrize(
    "zone",
    ["UTC", "America/Los_Angeles", "Asia/Kolkata", "Pacific/Kiritimati", "Pacific/Pago_Pago"],
)
def test_an_order_placed_just_after_local_midnight_is_spent_today(
    store: Store, panel: Panel, zone: str
) -> None:
    """As the journal writes it on the demo panel: the estimate and the currency of the
    form, an `add` answer with the order ID alone."""
    with local_zone(zone):
        midnight = datetime(2026, 11, 3).astimezone()  # local midnight, in `zone`
        for minutes, order_id in ((1, "after"), (-1, "before")):
            sending = store.insert_sending_order(
                panel.id, THIRTY_DAYS, link=f"https://x.example/{order_id}", quantity=1000,
                charge_estimate=Decimal("24.936"), currency="USD",
            )  # fmt: skip
            store.record_placed(sending.id, PlacedOrder(order_id), expect=[JournalState.SENDING])
            stamp_at(store, sending, midnight + timedelta(minutes=minutes))

        figures = store.overview(OverviewSpan.at(midnight + timedelta(minutes=2))).of(panel.id)

    assert figures.spend_today == {"USD": Decimal("24.936")}
    assert figures.spend_week == {"USD": Decimal("49.872")}

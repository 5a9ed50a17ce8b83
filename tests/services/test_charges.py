"""The estimate is the charge: every service type, and Default with drip-feed, placed on
the real demo panel through the journal, its estimate compared to the cent with what the
panel took from the balance and with the `charge` its status reports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import pytest

from smmdesk.api import OrderState, PanelClient, Service, ServiceType
from smmdesk.api.draft import OrderDraft
from smmdesk.api.forms import (
    ChargeBasis,
    ChargeEstimate,
    add_arguments,
    estimate_charge,
    validate_order,
)
from smmdesk.demopanel import DemoPanel
from smmdesk.services import OrderJournal
from smmdesk.store import JournalState, Panel, Store
from tests.conftest import TEST_KEY

DRIPFEED = "Default + drip-feed"
POSTS = 7
SAMPLE = {
    "keywords": "smm panel\nbuy likes",
    "usernames": "alice\nbob\ncarol",
    "hashtags": "#one\n#two",
    "hashtag": "#summer",
    "username": "alice",
    "media": "https://instagram.com/p/media",
    "answer_number": "2",
    "groups": "group-a\ngroup-b",
    "comments": "nice\ngreat",
    "delay": "30",
}
LIST_FIELD = {
    ServiceType.CUSTOM_COMMENTS: "comments",
    ServiceType.COMMENT_REPLIES: "comments",
    ServiceType.MENTIONS_CUSTOM_LIST: "usernames",
}


@dataclass(frozen=True)
class Placed:
    """One order placed for the comparison: what was estimated and what the panel took."""

    kind: str
    service: Service
    estimate: ChargeEstimate
    journal_estimate: Decimal | None
    balance_drop: Decimal
    status_charge: Decimal | None
    state: JournalState


@pytest.fixture
def frozen_panel() -> Iterator[DemoPanel]:
    """The clock stands still (speed 0): no order ends and no refund moves the balance
    between two readings unless the test advances it."""
    with DemoPanel(
        key=TEST_KEY, services=50, seed=1, speed=0.0, balance=Decimal("1000000")
    ) as server:
        yield server


@pytest.fixture
def frozen_client(frozen_panel: DemoPanel) -> Iterator[PanelClient]:
    with PanelClient(frozen_panel.url, TEST_KEY, timeout=5) as opened:
        yield opened


@pytest.fixture
def frozen_row(store: Store, frozen_panel: DemoPanel) -> Panel:
    return store.add_panel("Frozen demo", frozen_panel.url, is_demo=True)


def services_to_place(catalogue: list[Service]) -> dict[str, Service]:
    """The first service of every type, and the first Default service with drip-feed."""
    chosen: dict[str, Service] = {}
    for service in catalogue:
        kind = service.service_type
        if kind is not None:
            chosen.setdefault(kind.value, service)
        if kind is ServiceType.DEFAULT and service.dripfeed:
            chosen.setdefault(DRIPFEED, service)
    return chosen


def values_for(kind: str, service: Service, posts: str = str(POSTS)) -> dict[str, str]:
    """A valid form, with amounts off the round numbers so that rounding shows."""
    quantity = min(service.max, service.min + 1_237)
    values = {**SAMPLE, "link": f"https://instagram.com/p/charge-{service.id}"}
    values["quantity"] = str(quantity)
    service_type = service.service_type
    if service_type in LIST_FIELD:
        count = min(service.max, service.min + 3)
        values[LIST_FIELD[service_type]] = "\n".join(f"line {n}" for n in range(count))
    if service_type is ServiceType.SUBSCRIPTIONS:
        values.update(min=str(service.min), max=str(min(service.max, service.min * 3 + 1)))
        values["posts"] = posts
    if kind == DRIPFEED:
        values.update(runs="3", interval="15")
    return values


def place(
    journal: OrderJournal, client: PanelClient, panel: Panel, kind: str, service: Service,
    values: dict[str, str],
) -> Placed:  # fmt: skip
    assert validate_order(service, values) == {}, kind
    estimate = estimate_charge(service, values)
    assert estimate is not None, kind
    arguments = add_arguments(service, values)
    arguments.pop("service")
    fields = {name: str(value) for name, value in arguments.items()}
    draft = OrderDraft(service, fields, charge_estimate=estimate.total, currency="USD")
    before = client.balance().amount
    record = journal.place(client, panel.id, draft)
    after = client.balance().amount
    status_charge = None
    if record.order_id is not None:
        status_charge = client.status(record.order_id).charge
    return Placed(
        kind, service, estimate, record.charge_estimate, before - after, status_charge,
        record.journal_state,
    )  # fmt: skip


def place_every_type(journal: OrderJournal, client: PanelClient, panel: Panel) -> list[Placed]:
    chosen = services_to_place(client.services())
    assert set(chosen) == {kind.value for kind in ServiceType} | {DRIPFEED}
    return [
        place(journal, client, panel, kind, service, values_for(kind, service))
        for kind, service in chosen.items()
    ]


def test_every_type_is_charged_exactly_what_was_estimated(
    store: Store, frozen_client: PanelClient, frozen_row: Panel
) -> None:
    placed = place_every_type(OrderJournal(store), frozen_client, frozen_row)
    assert len(placed) == 17
    for order in placed:
        assert order.state is JournalState.PLACED, order.kind
        assert order.estimate.total is not None, order.kind
        assert order.journal_estimate == order.estimate.total, order.kind
        assert order.balance_drop == order.estimate.total, order.kind
        if order.status_charge is not None:  # a subscription's status has no charge
            assert order.status_charge == order.estimate.total, order.kind
    by_kind = {order.kind: order for order in placed}
    subscription = by_kind[ServiceType.SUBSCRIPTIONS.value]
    assert subscription.estimate.basis is ChargeBasis.POSTS
    assert subscription.balance_drop == subscription.estimate.unit * POSTS
    assert by_kind[DRIPFEED].estimate.units == 3


def test_an_open_ended_subscription_is_charged_post_by_post(
    store: Store, frozen_panel: DemoPanel, frozen_client: PanelClient, frozen_row: Panel
) -> None:
    service = services_to_place(frozen_client.services())[ServiceType.SUBSCRIPTIONS.value]
    values = values_for(ServiceType.SUBSCRIPTIONS.value, service, posts="")
    order = place(OrderJournal(store), frozen_client, frozen_row, "open-ended", service, values)
    assert order.state is JournalState.PLACED
    assert order.estimate.basis is ChargeBasis.OPEN_ENDED
    assert order.estimate.total is None and order.journal_estimate is None
    assert order.balance_drop == 0  # nothing up front: no total is known
    before = frozen_client.balance().amount
    frozen_panel.advance(100_000)  # every post the demo serves has appeared
    [record] = store.orders_by_ids([1])
    assert record.order_id is not None
    status = frozen_client.status(record.order_id)
    assert status.state is OrderState.EXPIRED and status.posts
    assert before - frozen_client.balance().amount == order.estimate.unit * status.posts


def test_an_open_ended_subscription_stops_when_a_post_cannot_be_paid(
    store: Store, frozen_client: PanelClient
) -> None:
    service = services_to_place(frozen_client.services())[ServiceType.SUBSCRIPTIONS.value]
    values = values_for(ServiceType.SUBSCRIPTIONS.value, service, posts="")
    estimate = estimate_charge(service, values)
    assert estimate is not None
    funds = estimate.unit * 2 + Decimal("0.00001")  # two posts, not quite three
    with (
        DemoPanel(key=TEST_KEY, services=50, seed=1, speed=0.0, balance=funds) as server,
        PanelClient(server.url, TEST_KEY, timeout=5) as client,
    ):
        panel = store.add_panel("Poor demo", server.url, is_demo=True)
        order = place(OrderJournal(store), client, panel, "open-ended", service, values)
        assert order.state is JournalState.PLACED and order.balance_drop == 0
        server.advance(100_000)
        left = client.balance().amount
        [record] = store.orders_by_ids([1])
        assert record.order_id is not None
        status = client.status(record.order_id)
    assert left == funds - estimate.unit * 2
    assert status.state is OrderState.CANCELED

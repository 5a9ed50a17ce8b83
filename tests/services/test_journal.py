"""The journal against the real demo panel: every outcome, every fault, never a resend."""

from __future__ import annotations

import logging
import socket
from contextlib import ExitStack
from decimal import Decimal
from pathlib import Path

import pytest

from smmdesk.api import PanelClient, PanelError, PlacedOrder, Service
from smmdesk.api.draft import OrderDraft
from smmdesk.api.links import order_link_key
from smmdesk.api.refusals import refusal
from smmdesk.demopanel import DemoPanel
from smmdesk.services import OrderJournal, StatusTracker
from smmdesk.store import (
    DatabaseLocked,
    InvalidTransition,
    JournalState,
    OrderQuery,
    Panel,
    Store,
    StoreError,
)
from tests.conftest import TEST_KEY
from tests.store.disks import Impatient, locked_by_another_program

from .conftest import default_service, order_for


@pytest.fixture
def journal(store: Store) -> OrderJournal:
    return OrderJournal(store)


def test_a_successful_order_is_placed_with_the_panels_id(
    journal: OrderJournal, client: PanelClient, panel: Panel, catalogue: list[Service],
    panel_server: DemoPanel,
) -> None:  # fmt: skip
    service = default_service(catalogue)
    request = OrderDraft.of(
        service, "https://instagram.com/p/ok", service.min, charge_estimate=Decimal("0.12")
    )
    record = journal.place(client, panel.id, request)
    assert record.journal_state is JournalState.PLACED
    assert record.order_id in panel_server.orders
    assert (record.service_id, record.quantity, record.charge_estimate) == (
        service.id, service.min, Decimal("0.12"),
    )  # fmt: skip
    assert (record.can_refill, record.can_cancel) == (service.refill, service.cancel)
    assert panel_server.requests["add"] == 1


def test_a_refusal_is_rejected_with_the_panels_words(
    journal: OrderJournal, client: PanelClient, panel: Panel, catalogue: list[Service]
) -> None:
    service = default_service(catalogue)
    record = journal.place(client, panel.id, order_for(service, quantity=service.min - 1))
    assert record.journal_state is JournalState.REJECTED
    assert record.error == f"Quantity less than minimal {service.min}"
    assert record.order_id is None


# fault -> the journal state it must leave (request_sent decides between the two).
FAULT_OUTCOMES = {
    "timeout": JournalState.UNCONFIRMED,  # the demo placed it, the answer never came
    "reset": JournalState.UNCONFIRMED,  # placed, answer cut off
    "refused": JournalState.UNCONFIRMED,  # the request was written before the reset
    "http500": JournalState.UNCONFIRMED,
    "html": JournalState.UNCONFIRMED,
    "truncated": JournalState.UNCONFIRMED,
    "wrongshape": JournalState.UNCONFIRMED,
    "error200": JournalState.REJECTED,  # {"error": …}: the panel said no
    "ratelimit": JournalState.REJECTED,  # 429 {"error": "Too many requests"}
}


@pytest.mark.parametrize(("fault", "expected"), FAULT_OUTCOMES.items())
def test_each_fault_leaves_a_clear_state_and_is_never_resent(
    journal: OrderJournal, client: PanelClient, panel: Panel, catalogue: list[Service],
    panel_server: DemoPanel, fault: str, expected: JournalState,
) -> None:  # fmt: skip
    panel_server.inject("add", fault, count=1)
    record = journal.place(client, panel.id, order_for(default_service(catalogue)))
    assert record.journal_state is expected, record.error
    assert record.error
    assert TEST_KEY not in record.error
    assert panel_server.requests["add"] == 1


def test_a_closed_port_is_rejected_as_not_sent(
    journal: OrderJournal, store: Store, catalogue: list[Service]
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/api/v2"
    panel = store.add_panel("Gone", url)
    with PanelClient(url, TEST_KEY, connect_timeout=1.0) as closed:
        record = journal.place(closed, panel.id, order_for(default_service(catalogue)))
    assert record.journal_state is JournalState.REJECTED
    assert record.error is not None and record.error.startswith("Not sent: ")


def test_an_unexpected_bug_marks_the_row_unconfirmed_and_propagates(
    journal: OrderJournal, store: Store, client: PanelClient, panel: Panel,
    catalogue: list[Service], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    def broken_add(*args: object, **kwargs: object) -> str:
        raise RuntimeError("bug")

    monkeypatch.setattr(client, "place", broken_add)
    with pytest.raises(RuntimeError, match="bug"):
        journal.place(client, panel.id, order_for(default_service(catalogue)))
    [row] = store.orders_page(OrderQuery(), 0, 10)
    assert row.journal_state is JournalState.UNCONFIRMED


@pytest.mark.parametrize(("status", "expected"), [(429, "rejected"), (502, "unconfirmed")])
def test_a_refusal_with_a_server_error_status_is_not_trusted_as_a_rejection(
    journal: OrderJournal, client: PanelClient, panel: Panel, catalogue: list[Service],
    monkeypatch: pytest.MonkeyPatch, status: int, expected: str,
) -> None:  # fmt: skip
    """A 5xx with an error body may come from a proxy after the panel took the order."""

    def refusing_add(*args: object, **kwargs: object) -> str:
        raise PanelError("Bad gateway", http_status=status)

    monkeypatch.setattr(client, "place", refusing_add)
    record = journal.place(client, panel.id, order_for(default_service(catalogue)))
    assert record.journal_state is JournalState(expected)


def test_the_row_is_committed_before_the_request_leaves(
    journal: OrderJournal, store: Store, client: PanelClient, panel: Panel,
    catalogue: list[Service], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    seen: list[JournalState] = []
    real_add = client.place

    def spying_add(*args: object, **kwargs: object) -> str:
        # Another thread (another connection) must already see the committed row.
        with Store.open(store.path) as other:
            seen.extend(r.journal_state for r in other.orders_page(OrderQuery(), 0, 10))
        return real_add(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(client, "place", spying_add)
    journal.place(client, panel.id, order_for(default_service(catalogue)))
    assert seen == [JournalState.SENDING]


def test_unconfirmed_rows_can_be_resolved_or_dismissed(
    journal: OrderJournal, client: PanelClient, panel: Panel, catalogue: list[Service],
    panel_server: DemoPanel,
) -> None:  # fmt: skip
    service = default_service(catalogue)
    panel_server.inject("add", "reset", count=2)
    first = journal.place(client, panel.id, order_for(service))
    second = journal.place(client, panel.id, order_for(service))
    [placed_on_panel, _] = sorted(panel_server.orders, key=int)
    resolved = journal.resolve(client, first.id, f" {placed_on_panel} ")
    assert (resolved.journal_state, resolved.order_id) == (JournalState.PLACED, placed_on_panel)
    assert resolved.state is not None and resolved.checked_at is not None  # the panel's status
    dismissed = journal.dismiss(second.id)
    assert dismissed.journal_state is JournalState.DISMISSED
    with pytest.raises(InvalidTransition):
        journal.dismiss(first.id)
    with pytest.raises(StoreError, match="order ID"):
        journal.resolve(client, second.id, "  ")


def test_extra_fields_cannot_override_the_request(catalogue: list[Service]) -> None:
    with pytest.raises(ValueError, match="key"):
        OrderDraft.of(default_service(catalogue), "l", 10, fields={"key": "other"})


def test_type_fields_are_sent_and_kept(
    journal: OrderJournal, client: PanelClient, panel: Panel, catalogue: list[Service],
) -> None:  # fmt: skip
    service = next(s for s in catalogue if s.type == "Custom Comments")
    comments = "\n".join(f"comment {i}" for i in range(max(service.min, 1)))
    request = OrderDraft.of(
        service, "https://instagram.com/p/c", None, fields={"comments": comments}
    )
    record = journal.place(client, panel.id, request)
    assert record.journal_state is JournalState.PLACED, record.error
    assert record.fields == {"comments": comments}


# -- what the answer to add says ----------------------------------------------------------


def test_the_charge_the_panel_states_in_its_answer_is_recorded(
    journal: OrderJournal, client: PanelClient, panel: Panel, catalogue: list[Service],
    panel_server: DemoPanel,
) -> None:  # fmt: skip
    panel_server.charge_in_add = True
    record = journal.place(client, panel.id, order_for(default_service(catalogue)))
    assert record.journal_state is JournalState.PLACED
    assert record.order_id is not None
    assert record.charge == panel_server.orders[record.order_id].charge > 0
    assert record.currency == "USD"


def test_without_a_charge_in_the_answer_the_charge_stays_unknown(
    journal: OrderJournal, client: PanelClient, panel: Panel, catalogue: list[Service],
) -> None:  # fmt: skip
    service = default_service(catalogue)
    request = OrderDraft.of(
        service, "https://instagram.com/p/est", service.min, charge_estimate=Decimal("0.5")
    )
    record = journal.place(client, panel.id, request)
    assert (record.charge, record.charge_estimate) == (None, Decimal("0.5"))


def test_an_untranslated_refusal_is_recorded_in_words_with_the_raw_key(
    journal: OrderJournal, client: PanelClient, panel: Panel, catalogue: list[Service],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    def refusing(*args: object, **kwargs: object) -> str:
        raise refusal("neworder.error.not_enough_funds")

    monkeypatch.setattr(client, "place", refusing)
    record = journal.place(client, panel.id, order_for(default_service(catalogue)))
    assert record.error == (
        "Not enough funds on the panel balance (neworder.error.not_enough_funds)"
    )


# -- an order ID the history already holds ------------------------------------------------


def assert_nothing_left_to_recover(store: Store) -> None:
    """What the next start-up would find: no row `sending`, none becomes `unconfirmed`."""
    with Store.open(store.path) as restarted:
        assert OrderJournal(restarted).recover_interrupted() == 0
        assert restarted.tab_counts(None)["unconfirmed"] == 0


def test_two_adds_answered_with_the_same_id_are_both_placed_the_second_with_a_warning(
    journal: OrderJournal, store: Store, client: PanelClient, panel: Panel,
    catalogue: list[Service], panel_server: DemoPanel,
) -> None:  # fmt: skip
    panel_server.repeat_window_s = 120  # the panel answers a repeat with the first ID
    request = order_for(default_service(catalogue))
    first = journal.place(client, panel.id, request)
    second = journal.place(client, panel.id, request)
    assert panel_server.requests["add"] == 2 and len(panel_server.orders) == 1
    assert first.journal_state is second.journal_state is JournalState.PLACED
    assert first.order_id is not None and first.error is None
    assert second.order_id is None  # the panel's order is followed on the first row only
    assert second.error is not None
    assert f"order ID {first.order_id}" in second.error and "already has" in second.error
    assert first.service_name in second.error
    assert_nothing_left_to_recover(store)

    assert store.non_final_order_ids(panel.id) == [first.order_id]
    assert StatusTracker(store).refresh_orders(client, panel.id).checked == 1
    assert store.order(second.id) == second  # the warning outlives a refresh
    found = store.orders_page(OrderQuery(text=first.order_id), 0, 10)
    assert {r.id for r in found} == {first.id, second.id}  # searchable by the panel's ID
    assert [r.id for r in store.orders_page(OrderQuery(tab="pending"), 0, 10)] == [first.id]
    key = order_link_key(request.link, request.type_fields)
    assert key is not None
    assert [r.id for r in store.active_orders_for_link(key)] == [first.id]


def test_an_answer_with_an_id_already_tracked_is_placed_with_a_warning(
    journal: OrderJournal, store: Store, client: PanelClient, panel: Panel,
    catalogue: list[Service], panel_server: DemoPanel,
) -> None:  # fmt: skip
    [made] = panel_server.create_orders(1)
    coming = str(int(made) + 1)  # the ID the panel gives the next add
    [tracked] = store.import_orders(panel.id, [coming])
    record = journal.place(client, panel.id, order_for(default_service(catalogue)))
    assert (record.journal_state, record.order_id) == (JournalState.PLACED, None)
    assert record.error is not None and f"order ID {coming}" in record.error
    assert store.order(tracked.id) == tracked
    assert_nothing_left_to_recover(store)


def test_an_answer_the_disk_cannot_record_names_the_order_id(
    tmp_path: Path, client: PanelClient, catalogue: list[Service],
    panel_server: DemoPanel, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    """Another program takes the database's write lock while the order is on its way."""
    path = tmp_path / "smmdesk.db"
    Store.open(path).close()
    lock = ExitStack()
    real_place = client.place

    def place_then_lose_the_disk(draft: OrderDraft) -> PlacedOrder:
        placed = real_place(draft)
        lock.enter_context(locked_by_another_program(path))
        return placed

    monkeypatch.setattr(client, "place", place_then_lose_the_disk)
    with Store.on(Impatient(path)) as store, lock:
        panel = store.add_panel("Demo", panel_server.url, is_demo=True)
        with pytest.raises(DatabaseLocked) as caught:
            OrderJournal(store).place(client, panel.id, order_for(default_service(catalogue)))
    [order_id] = panel_server.orders
    assert str(caught.value).startswith(
        f"The panel placed order {order_id} but SMMDesk could not record it: "
    )
    assert any(r.levelno == logging.WARNING and order_id in r.getMessage() for r in caplog.records)
    with Store.open(path) as restarted:  # the row is kept, for the user to resolve
        assert OrderJournal(restarted).recover_interrupted() == 1

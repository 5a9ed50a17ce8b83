"""The journal against the real demo panel: every outcome, every fault, never a resend."""

from __future__ import annotations

import socket
from decimal import Decimal

import pytest

from smmdesk.api import PanelClient, PanelError, Service
from smmdesk.api.draft import OrderDraft
from smmdesk.demopanel import DemoPanel
from smmdesk.services import OrderJournal
from smmdesk.store import InvalidTransition, JournalState, OrderQuery, Panel, Store, StoreError
from tests.conftest import TEST_KEY

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

"""Mass orders placed through the journal on the real demo panel: each line once, never
twice (threads, a stop, a crash mid-batch and its resume), outcomes per line as for a
single order, and `BatchPlacer`'s bounds, pause, stop and progress."""

from __future__ import annotations

from decimal import Decimal

import pytest

from smmdesk.api import PanelClient, Service
from smmdesk.api.draft import OrderDraft
from smmdesk.demopanel import DemoPanel
from smmdesk.services import OrderJournal
from smmdesk.store import BatchRecord, InvalidTransition, JournalState, Panel, Store

from .conftest import default_service


def drafts(service: Service, count: int, quantity: int | None = None) -> list[OrderDraft]:
    return [
        OrderDraft.of(service, f"https://instagram.com/p/batch{n}", quantity or service.min,
                      charge_estimate=Decimal("0.1"), currency="USD")
        for n in range(1, count + 1)
    ]  # fmt: skip


def make_batch(store: Store, panel: Panel, orders: list[OrderDraft]) -> BatchRecord:
    return store.create_batch("test", [(n, panel.id, d) for n, d in enumerate(orders, 1)])


def line_states(store: Store, batch_id: int) -> dict[int, JournalState | None]:
    return {
        line.number: None if line.order is None else line.order.journal_state
        for line in store.batch_lines(batch_id)
    }


# -- the journal ---------------------------------------------------------------------------


def test_a_batch_line_is_placed_once(
    store: Store, panel: Panel, client: PanelClient, catalogue: list[Service],
    panel_server: DemoPanel,
) -> None:  # fmt: skip
    batch = make_batch(store, panel, drafts(default_service(catalogue), 2))
    journal = OrderJournal(store)
    record = journal.place_batch_line(client, batch.id, 1)
    assert record is not None and record.journal_state is JournalState.PLACED
    assert record.order_id in panel_server.orders
    assert (record.batch_id, record.batch_line) == (batch.id, 1)
    assert journal.place_batch_line(client, batch.id, 1) is None
    assert panel_server.requests["add"] == 1
    assert line_states(store, batch.id) == {1: JournalState.PLACED, 2: None}


def test_a_refused_line_is_rejected_and_can_be_sent_again_edited(
    store: Store, panel: Panel, client: PanelClient, catalogue: list[Service],
    panel_server: DemoPanel,
) -> None:  # fmt: skip
    service = default_service(catalogue)
    batch = make_batch(store, panel, drafts(service, 1, quantity=service.min - 1))
    journal = OrderJournal(store)
    rejected = journal.place_batch_line(client, batch.id, 1)
    assert rejected is not None and rejected.journal_state is JournalState.REJECTED
    assert rejected.error == f"Quantity less than minimal {service.min}"
    [fixed] = drafts(service, 1)
    placed = journal.resend_batch_line(client, batch.id, 1, fixed)
    assert placed.journal_state is JournalState.PLACED
    with pytest.raises(InvalidTransition):
        journal.resend_batch_line(client, batch.id, 1, fixed)
    assert panel_server.requests["add"] == 2
    [line] = store.batch_lines(batch.id)
    assert line.order == placed and line.draft == fixed


@pytest.mark.parametrize(
    ("fault", "state"), [("timeout", JournalState.UNCONFIRMED), ("error200", JournalState.REJECTED)]
)
def test_a_line_follows_the_journal_rules_on_faults(
    store: Store, panel: Panel, client: PanelClient, catalogue: list[Service],
    panel_server: DemoPanel, fault: str, state: JournalState,
) -> None:  # fmt: skip
    batch = make_batch(store, panel, drafts(default_service(catalogue), 1))
    panel_server.timeout_fault_seconds = 1.0
    panel_server.inject("add", fault, count=1)
    record = OrderJournal(store).place_batch_line(client, batch.id, 1)
    assert record is not None and record.journal_state is state
    assert OrderJournal(store).place_batch_line(client, batch.id, 1) is None  # never resent
    assert panel_server.requests["add"] == 1

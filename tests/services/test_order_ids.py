"""Order IDs are checked with the panel before they are believed: resolving an unconfirmed
order, correcting a resolved one, tracking IDs placed elsewhere."""

from __future__ import annotations

import pytest

from smmdesk.api import ApiError, PanelClient, PanelError, Service
from smmdesk.demopanel import DemoPanel
from smmdesk.services import OrderJournal
from smmdesk.services.order_ids import check_order_ids
from smmdesk.store import InvalidTransition, JournalState, OrderRecord, Panel, Store

from .conftest import default_service, order_for


@pytest.fixture
def journal(store: Store) -> OrderJournal:
    return OrderJournal(store)


def unconfirmed(
    journal: OrderJournal, client: PanelClient, panel: Panel, catalogue: list[Service],
    panel_server: DemoPanel,
) -> tuple[OrderRecord, str]:  # fmt: skip
    """An order the panel took whose answer was lost, and the ID the panel gave it."""
    panel_server.inject("add", "reset", count=1)
    record = journal.place(client, panel.id, order_for(default_service(catalogue)))
    assert record.journal_state is JournalState.UNCONFIRMED
    [on_panel] = panel_server.orders
    return record, on_panel


@pytest.mark.parametrize("typed", ["abc", "999999"])
def test_an_id_the_panel_does_not_know_is_refused_and_changes_nothing(
    journal: OrderJournal, client: PanelClient, panel: Panel, catalogue: list[Service],
    panel_server: DemoPanel, store: Store, typed: str,
) -> None:  # fmt: skip
    record, _ = unconfirmed(journal, client, panel, catalogue, panel_server)
    with pytest.raises(PanelError) as refused:
        journal.resolve(client, record.id, typed)
    assert refused.value.panel_message == "Incorrect order ID"
    assert store.order(record.id) == record
    assert store.resolutions(record.id) == []


def test_a_resolved_id_can_be_corrected_and_history_is_kept(
    journal: OrderJournal, client: PanelClient, panel: Panel, catalogue: list[Service],
    panel_server: DemoPanel, store: Store,
) -> None:  # fmt: skip
    record, on_panel = unconfirmed(journal, client, panel, catalogue, panel_server)
    [other] = panel_server.create_orders(1)
    wrong = journal.resolve(client, record.id, other)
    assert (wrong.journal_state, wrong.order_id) == (JournalState.PLACED, other)
    assert wrong.state is not None
    right = journal.resolve(client, record.id, on_panel)
    assert right.order_id == on_panel and right.state is not None
    assert [(r.order_id, r.previous_order_id) for r in store.resolutions(record.id)] == [
        (other, None),
        (on_panel, other),
    ]
    with pytest.raises(PanelError):
        journal.resolve(client, record.id, "abc")  # a wrong correction changes nothing
    assert store.order(record.id) == right


def test_an_order_the_panels_add_answer_placed_cannot_be_resolved(
    journal: OrderJournal, client: PanelClient, panel: Panel, catalogue: list[Service],
    panel_server: DemoPanel,
) -> None:  # fmt: skip
    placed = journal.place(client, panel.id, order_for(default_service(catalogue)))
    [other] = panel_server.create_orders(1)
    with pytest.raises(InvalidTransition):
        journal.resolve(client, placed.id, other)


def test_tracking_records_only_what_the_panel_confirms(
    journal: OrderJournal, client: PanelClient, panel: Panel, panel_server: DemoPanel,
    store: Store,
) -> None:  # fmt: skip
    known = panel_server.create_orders(250)
    store.import_orders(panel.id, known[:1])
    asked = [*known, "abc", "999999", f" {known[0]} "]
    tracked = journal.track(client, panel.id, asked)
    assert [r.order_id for r in tracked.records] == known[1:]
    assert all(r.state is not None and r.checked_at for r in tracked.records)
    assert tracked.refused == {"abc": "Incorrect order ID", "999999": "Incorrect order ID"}
    assert panel_server.requests["status"] == 3  # 252 distinct IDs, 100 a request
    assert store.orders_by_order_ids(panel.id, ["abc", "999999"]) == []


def test_tracking_is_all_refused_when_the_panel_cannot_be_asked(
    journal: OrderJournal, client: PanelClient, panel: Panel, panel_server: DemoPanel,
    store: Store,
) -> None:  # fmt: skip
    known = panel_server.create_orders(2)
    panel_server.inject("status", "html", count=10)
    with pytest.raises(ApiError):
        journal.track(client, panel.id, known)
    assert store.orders_by_order_ids(panel.id, known) == []


def test_the_hint_check_records_nothing(
    client: PanelClient, panel: Panel, panel_server: DemoPanel, store: Store
) -> None:
    [known, tracked] = panel_server.create_orders(2)
    [record] = store.import_orders(panel.id, [tracked])
    checked = check_order_ids(client, store, panel.id, [known, " abc ", tracked, ""])
    assert set(checked.known) == {known, tracked}
    assert checked.refused == {"abc": "Incorrect order ID"}
    assert checked.tracked == {tracked: record.id}
    assert store.orders_by_order_ids(panel.id, [known]) == []

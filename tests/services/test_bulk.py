"""Selections and who may be refilled or canceled: planned from the store, checked again
just before sending, against the demo panel."""

from __future__ import annotations

from datetime import UTC, datetime

from smmdesk.api import OrderState, OrderStatus, PanelClient, Service
from smmdesk.demopanel import DemoPanel
from smmdesk.services import OrderJournal, RefillCancelService, StatusTracker
from smmdesk.services.bulk import (
    ALREADY_FINAL,
    NO_CANCEL,
    NO_LINK,
    NO_ORDER_ID,
    NO_REFILL,
    NOT_PLACED,
    NOT_REFILLABLE,
    OTHER_PANEL,
    REFILL_RUNNING,
    BulkAction,
    BulkPlanner,
    OrderSelection,
)
from smmdesk.store import JournalState, OrderQuery, OrderRecord, Panel, Store

from .conftest import default_service, order_for

A_WEEK = 7 * 24 * 3600.0


def with_state(store: Store, record: OrderRecord, state: OrderState) -> OrderRecord:
    order_id = record.order_id or ""
    status = OrderStatus(order_id, state.label, state)
    store.record_order_statuses(record.panel_id, {order_id: status}, {}, datetime.now(UTC))
    stored = store.order(record.id)
    assert stored is not None
    return stored


def unconfirmed(store: Store, panel: Panel, service: Service) -> OrderRecord:
    row = store.insert_sending_order(panel.id, service, link="https://x.test/u", quantity=10)
    return store.set_journal_state(
        row.id, JournalState.UNCONFIRMED, expect=(JournalState.SENDING,), error="timeout"
    )


def test_a_plan_names_every_order_left_out_and_why(
    store: Store, panel: Panel, catalogue: list[Service]
) -> None:
    refillable = default_service(catalogue, refill=True, cancel=True)
    plain = default_service(catalogue, refill=False, cancel=False)
    store.save_services(panel.id, [refillable, plain], datetime.now(UTC))
    fine, canceled, completed, no_service, running = store.import_orders(
        panel.id, ["1", "2", "3", "4", "5"], refillable.id
    )
    [no_refill_service] = store.import_orders(panel.id, ["6"], plain.id)
    with_state(store, canceled, OrderState.CANCELED)
    with_state(store, completed, OrderState.COMPLETED)
    store.add_refills([(running, "900", None)])
    lost = unconfirmed(store, panel, refillable)
    other = store.add_panel("Other", "https://other.example/api/v2")
    [elsewhere] = store.import_orders(other.id, ["1"])
    everything = [fine, canceled, completed, no_service, running, no_refill_service, lost]
    selection = OrderSelection.of([r.id for r in [*everything, elsewhere]])
    planner = BulkPlanner(store)

    refill = planner.plan(panel.id, selection, BulkAction.REFILL)
    assert [r.id for r in refill.eligible] == [fine.id, completed.id, no_service.id]
    assert {n.order.id: n.reason for n in refill.not_eligible} == {
        canceled.id: NOT_REFILLABLE,
        running.id: REFILL_RUNNING,
        no_refill_service.id: NO_REFILL,
        lost.id: NOT_PLACED,
        elsewhere.id: OTHER_PANEL,
    }
    assert refill.asked == 8

    cancel = planner.plan(panel.id, selection, BulkAction.CANCEL)
    assert [r.id for r in cancel.eligible] == [fine.id, no_service.id, running.id]
    assert dict(cancel.reasons()) == {
        ALREADY_FINAL: 2, NO_CANCEL: 1, NOT_PLACED: 1, OTHER_PANEL: 1,
    }  # fmt: skip


def test_copy_plans_keep_orders_with_an_id_or_a_link(
    store: Store, panel: Panel, catalogue: list[Service]
) -> None:
    [imported] = store.import_orders(panel.id, ["77"])
    lost = unconfirmed(store, panel, default_service(catalogue))
    selection = OrderSelection.of([imported.id, lost.id])
    planner = BulkPlanner(store)
    ids = planner.plan(panel.id, selection, BulkAction.COPY_IDS)
    assert [r.id for r in ids.eligible] == [imported.id]
    assert [(n.order.id, n.reason) for n in ids.not_eligible] == [(lost.id, NO_ORDER_ID)]
    links = planner.plan(panel.id, selection, BulkAction.COPY_LINKS)
    assert [r.id for r in links.eligible] == [lost.id]
    assert [n.reason for n in links.not_eligible] == [NO_LINK]


def test_select_all_means_every_matching_order_not_a_page(store: Store, panel: Panel) -> None:
    store.import_orders(panel.id, [str(i) for i in range(3_000)])
    planner = BulkPlanner(store)
    query = OrderQuery(panel_id=panel.id, sort_column="order_id", descending=False)
    everything = planner.orders(OrderSelection.matching(query))
    assert len(everything) == 3_000
    assert [r.order_id for r in everything[:3]] == ["0", "1", "2"]
    matching = planner.orders(OrderSelection.matching(OrderQuery(panel_id=panel.id, text="299")))
    assert {r.order_id for r in matching} == {
        order_id for order_id in map(str, range(3_000)) if "299" in order_id
    }


def test_a_second_refill_while_one_runs_is_refused_before_it_is_sent(
    store: Store, client: PanelClient, panel: Panel, catalogue: list[Service],
    panel_server: DemoPanel,
) -> None:  # fmt: skip
    journal = OrderJournal(store)
    record = journal.place(client, panel.id, order_for(default_service(catalogue, refill=True)))
    panel_server.advance(A_WEEK)
    StatusTracker(store).refresh_orders(client, panel.id)
    service = RefillCancelService(store)
    first = service.request_refills(client, panel.id, [record.id])
    assert first.records[0].refill_id is not None and first.not_sent == []
    sent_before = panel_server.requests["refill"]
    second = service.request_refills(client, panel.id, [record.id])
    assert second.records == []
    assert [(n.order.id, n.reason) for n in second.not_sent] == [(record.id, REFILL_RUNNING)]
    assert panel_server.requests["refill"] == sent_before
    assert len(store.refills(panel.id)) == 1


def test_cancel_of_an_order_that_ended_meanwhile_is_not_sent(
    store: Store, client: PanelClient, panel: Panel, catalogue: list[Service],
    panel_server: DemoPanel,
) -> None:  # fmt: skip
    journal = OrderJournal(store)
    record = journal.place(client, panel.id, order_for(default_service(catalogue, cancel=True)))
    panel_server.advance(A_WEEK)
    StatusTracker(store).refresh_orders(client, panel.id)
    requested = RefillCancelService(store).request_cancels(client, panel.id, [record.id])
    assert requested.records == []
    assert [n.reason for n in requested.not_sent] == [ALREADY_FINAL]
    assert panel_server.requests["cancel"] == 0

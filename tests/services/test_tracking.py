"""Status refresh, refills and cancels against the demo panel's simulated lifecycle."""

from __future__ import annotations

import pytest

from smmdesk.api import ApiError, OrderState, PanelClient, RefillState, Service
from smmdesk.demopanel import DemoPanel
from smmdesk.services import (
    CatalogueService,
    OrderJournal,
    RefillCancelService,
    StatusTracker,
)
from smmdesk.services.bulk import NO_CANCEL, NO_REFILL
from smmdesk.store import JournalState, OrderRecord, Panel, Store

from .conftest import default_service, order_for

A_WEEK = 7 * 24 * 3600.0


def place(store: Store, client: PanelClient, panel: Panel, service: Service, n: int
          ) -> list[OrderRecord]:  # fmt: skip
    journal = OrderJournal(store)
    records = [journal.place(client, panel.id, order_for(service)) for _ in range(n)]
    assert all(r.journal_state is JournalState.PLACED for r in records)
    return records


def test_refresh_follows_orders_to_their_final_states(
    store: Store, client: PanelClient, panel: Panel, catalogue: list[Service],
    panel_server: DemoPanel,
) -> None:  # fmt: skip
    records = place(store, client, panel, default_service(catalogue), 3)
    tracker = StatusTracker(store)

    first = tracker.refresh_orders(client, panel.id)
    assert first.checked == 3 and first.errors == {}
    assert sorted(c.record_id for c in first.changed if c.before is None) == [r.id for r in records]

    panel_server.advance(A_WEEK)
    final = tracker.refresh_orders(client, panel.id)
    assert final.checked == 3
    assert {c.after for c in final.changed} <= {
        OrderState.COMPLETED, OrderState.PARTIAL, OrderState.CANCELED, OrderState.REFUNDED,
    }  # fmt: skip
    stored = [store.order(r.id) for r in records]
    assert all(s is not None and s.state is not None and s.state.is_final for s in stored)
    assert all(s is not None and s.charge is not None and s.checked_at for s in stored)
    assert store.non_final_orders(panel.id) == []
    assert tracker.refresh_orders(client, panel.id).checked == 0


def test_refresh_batches_many_orders_and_reports_unknown_ids(
    store: Store, client: PanelClient, panel: Panel, panel_server: DemoPanel
) -> None:
    ids = panel_server.create_orders(250)
    store.import_orders(panel.id, [*ids, "999999999"])
    report = StatusTracker(store).refresh_orders(client, panel.id)
    assert report.checked == 250
    assert len(report.changed) == 250
    assert report.errors == {"999999999": "Incorrect order ID"}
    assert panel_server.requests["status"] == 3  # ceil(251 / 100)
    [unknown] = store.orders_by_order_ids(panel.id, ["999999999"])
    assert unknown.error == "Incorrect order ID"


def test_a_panel_that_cannot_be_asked_raises_and_changes_nothing(
    store: Store, client: PanelClient, panel: Panel, panel_server: DemoPanel
) -> None:
    store.import_orders(panel.id, panel_server.create_orders(3))
    panel_server.inject("status", "html", count=10)
    with pytest.raises(ApiError):
        StatusTracker(store).refresh_orders(client, panel.id)
    assert len(store.non_final_orders(panel.id)) == 3


def test_a_request_the_panel_did_not_answer_marks_its_orders_and_the_rest_are_recorded(
    store: Store, client: PanelClient, panel: Panel, panel_server: DemoPanel
) -> None:
    client.max_in_flight = 1  # one request after the other: the first one fails
    ids = panel_server.create_orders(250)
    store.import_orders(panel.id, ids)
    failing_requests = _requests_one_status_call_makes(panel_server, client)
    panel_server.inject("status", "html", count=failing_requests)
    seen: list[tuple[int, int]] = []
    report = StatusTracker(store).refresh_orders(client, panel.id, lambda *p: seen.append(p))
    assert report.checked == 150
    assert sorted(report.errors) == sorted(ids[:100])
    assert all(o.error for o in store.orders_by_order_ids(panel.id, ids[:100]))
    assert not any(o.error for o in store.orders_by_order_ids(panel.id, ids[100:]))
    assert all(o.state for o in store.orders_by_order_ids(panel.id, ids[100:]))
    assert seen == [(100, 250), (200, 250), (250, 250)]


def test_answers_are_written_while_the_panel_is_still_asked(
    store: Store, client: PanelClient, panel: Panel, panel_server: DemoPanel
) -> None:
    """The first answers are stored before the last request is sent."""
    client.max_in_flight = 1
    store.import_orders(panel.id, panel_server.create_orders(300))
    requests_when_written: list[int] = []
    record = store.record_order_statuses

    def recording(*arguments: object) -> list[object]:
        requests_when_written.append(panel_server.requests["status"])
        return record(*arguments)  # type: ignore[arg-type]

    store.record_order_statuses = recording  # type: ignore[method-assign]
    panel_server.latency_ms = 100
    assert StatusTracker(store).refresh_orders(client, panel.id).checked == 300
    assert requests_when_written[0] < 3


def _requests_one_status_call_makes(panel_server: DemoPanel, client: PanelClient) -> int:
    """How many requests one failing status call sends (its retries included)."""
    before = panel_server.requests["status"]
    panel_server.inject("status", "html", count=100)
    with pytest.raises(ApiError):
        client.statuses(["1"])
    panel_server.clear_faults()
    return panel_server.requests["status"] - before


def test_refills_are_recorded_and_tracked(
    store: Store, client: PanelClient, panel: Panel, catalogue: list[Service],
    panel_server: DemoPanel,
) -> None:  # fmt: skip
    refillable = place(store, client, panel, default_service(catalogue, refill=True), 2)
    [no_refill] = place(store, client, panel, default_service(catalogue, refill=False), 1)
    panel_server.advance(A_WEEK)
    tracker = StatusTracker(store)
    tracker.refresh_orders(client, panel.id)

    ids = [r.id for r in [*refillable, no_refill]]
    requested = RefillCancelService(store).request_refills(client, panel.id, ids)
    refills = requested.records
    assert [r.order_record_id for r in refills] == ids[:2]
    accepted = [r for r in refills if r.refill_id]
    assert len(accepted) == 2
    assert [(n.order.id, n.reason) for n in requested.not_sent] == [(no_refill.id, NO_REFILL)]
    assert store.refills(panel.id) == refills  # nothing asked, nothing recorded

    panel_server.advance(A_WEEK)
    report = tracker.refresh_refills(client, panel.id)
    assert report.checked == 2
    assert {c.refill.id for c in report.changed} == {r.id for r in accepted}
    assert all(c.after.is_final for c in report.changed)
    states = {r.state for r in store.refills(panel.id) if r.refill_id}
    assert states <= {RefillState.COMPLETED, RefillState.REJECTED, RefillState.FAILED}
    assert tracker.refresh_refills(client, panel.id).checked == 0


def test_cancels_are_recorded_with_their_outcome(
    store: Store, client: PanelClient, panel: Panel, catalogue: list[Service],
    panel_server: DemoPanel,
) -> None:  # fmt: skip
    [cancelable] = place(store, client, panel, default_service(catalogue, cancel=True), 1)
    [not_cancelable] = place(store, client, panel, default_service(catalogue, cancel=False), 1)
    service = RefillCancelService(store)
    requested = service.request_cancels(client, panel.id, [cancelable.id, not_cancelable.id])
    cancels = requested.records
    assert [(c.order_id, c.accepted) for c in cancels] == [(cancelable.order_id, True)]
    assert [(n.order.id, n.reason) for n in requested.not_sent] == [(not_cancelable.id, NO_CANCEL)]
    report = StatusTracker(store).refresh_orders(client, panel.id)
    changed = {c.record_id: c.after for c in report.changed}
    assert changed[cancelable.id] is OrderState.CANCELED
    assert store.cancels(panel.id) == cancels


def test_a_failed_refill_request_is_recorded_on_every_order(
    store: Store, client: PanelClient, panel: Panel, catalogue: list[Service],
    panel_server: DemoPanel,
) -> None:  # fmt: skip
    records = place(store, client, panel, default_service(catalogue, refill=True), 2)
    panel_server.inject("refill", "http500", count=10)
    requested = RefillCancelService(store).request_refills(
        client, panel.id, [r.id for r in records]
    )
    refills = requested.records
    assert [r.refill_id for r in refills] == [None, None]
    assert all(r.error and "HTTP 500" in r.error for r in refills)
    assert panel_server.requests["refill"] == 1  # a write that may have arrived: not resent


def test_catalogue_refresh_caches_and_diffs(
    store: Store, client: PanelClient, panel: Panel
) -> None:
    service = CatalogueService(store)
    snapshot, diff = service.refresh(client, panel.id)
    assert diff.is_first_fetch and len(snapshot.services) == 50
    cached = store.cached_services(panel.id)
    assert cached is not None and cached.services == snapshot.services
    assert cached.fetched_at == snapshot.fetched_at
    _, again = service.refresh(client, panel.id)
    assert again.is_empty and not again.is_first_fetch

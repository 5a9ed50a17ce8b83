"""The `Desk` facade against the real demo panel: every signal with its typed result, the
one door for failures, coalesced reads, and shutdown dropping late results."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from smmdesk.api import Balance, PanelError
from smmdesk.demopanel import DemoPanel
from smmdesk.services import OrderRequest
from smmdesk.services.tracking import RefillRefreshReport, RefreshReport
from smmdesk.store import (
    CancelRecord,
    CatalogueDiff,
    JournalState,
    OrderRecord,
    Panel,
    RefillRecord,
    ServicesSnapshot,
    Store,
)
from smmdesk.workers import Desk, NoKeyStored, Ticket, UnknownPanel
from tests.conftest import TEST_KEY

TIMEOUT_MS = 30_000
MONTH_S = 30 * 86_400


def wait_for(qtbot: QtBot, signal: object, start: object) -> list[object]:
    with qtbot.waitSignal(signal, timeout=TIMEOUT_MS) as blocker:
        start()  # type: ignore[operator]
    return list(blocker.args or [])


def load_services(qtbot: QtBot, desk: Desk, panel: Panel) -> ServicesSnapshot:
    args = wait_for(qtbot, desk.services_loaded, lambda: desk.refresh_services(panel.id))
    assert isinstance(args[1], ServicesSnapshot)
    return args[1]


def place(qtbot: QtBot, desk: Desk, panel: Panel, **flags: bool) -> OrderRecord:
    services = load_services(qtbot, desk, panel).services
    service = next(s for s in services if s.type == "Default" and all(getattr(s, k) for k in flags))
    request = OrderRequest(service, f"https://instagram.com/p/desk{id(flags)}", service.min)
    args = wait_for(qtbot, desk.order_placed, lambda: desk.place_order(panel.id, request))
    record = args[1]
    assert isinstance(record, OrderRecord)
    assert record.journal_state is JournalState.PLACED
    return record


def test_services_loaded_carries_snapshot_and_diff(
    qtbot: QtBot, desk: Desk, test_panel: Panel
) -> None:
    args = wait_for(qtbot, desk.services_loaded, lambda: desk.refresh_services(test_panel.id))
    panel_id, snapshot, diff, from_network = args
    assert panel_id == test_panel.id
    assert isinstance(snapshot, ServicesSnapshot) and len(snapshot.services) == 120
    assert isinstance(diff, CatalogueDiff) and diff.is_first_fetch
    assert from_network is True
    cached = wait_for(qtbot, desk.services_loaded, lambda: desk.load_cached_services(test_panel.id))
    assert cached[1].services == snapshot.services and cached[3] is False


def test_balance_and_connection_test(qtbot: QtBot, desk: Desk, test_panel: Panel) -> None:
    args = wait_for(qtbot, desk.balance_loaded, lambda: desk.fetch_balance(test_panel.id))
    assert args == [test_panel.id, Balance(Decimal("1000.00000"), "USD")]
    tested = wait_for(
        qtbot,
        desk.connection_tested,
        lambda: desk.test_connection(test_panel.url, TEST_KEY, None, False),
    )
    assert isinstance(tested[0], Ticket) and tested[0].action == "test"
    assert isinstance(tested[1], Balance)


def test_order_status_refill_cancel_round_trip(
    qtbot: QtBot, desk: Desk, test_panel: Panel, demo_panel: DemoPanel
) -> None:
    order = place(qtbot, desk, test_panel, refill=True)
    refreshed = wait_for(qtbot, desk.orders_refreshed, lambda: desk.refresh_orders(test_panel.id))
    assert isinstance(refreshed[1], RefreshReport) and refreshed[1].checked == 1
    demo_panel.advance(MONTH_S)
    wait_for(qtbot, desk.orders_refreshed, lambda: desk.refresh_orders(test_panel.id))
    refills = wait_for(
        qtbot, desk.refills_requested, lambda: desk.request_refills(test_panel.id, [order.id])
    )[1]
    assert isinstance(refills, list) and isinstance(refills[0], RefillRecord)
    assert refills[0].refill_id is not None
    report = wait_for(qtbot, desk.refills_refreshed, lambda: desk.refresh_refills(test_panel.id))[1]
    assert isinstance(report, RefillRefreshReport) and report.checked == 1
    other = place(qtbot, desk, test_panel, cancel=True)
    cancels = wait_for(
        qtbot, desk.cancels_requested, lambda: desk.request_cancels(test_panel.id, [other.id])
    )[1]
    assert isinstance(cancels[0], CancelRecord) and cancels[0].accepted


def test_failures_arrive_on_task_failed(
    qtbot: QtBot, desk: Desk, store: Store, test_panel: Panel
) -> None:
    wrong = store.add_panel("Wrong key", test_panel.url)
    desk.keys.save(wrong.id, "not-the-key")
    ticket, error = wait_for(qtbot, desk.task_failed, lambda: desk.fetch_balance(wrong.id))
    assert isinstance(ticket, Ticket) and ticket.action == "balance"
    assert isinstance(error, PanelError) and error.panel_message == "Invalid API key"
    keyless = store.add_panel("No key", test_panel.url)
    error = wait_for(qtbot, desk.task_failed, lambda: desk.fetch_balance(keyless.id))[1]
    assert isinstance(error, NoKeyStored)
    error = wait_for(qtbot, desk.task_failed, lambda: desk.refresh_services(9999))[1]
    assert isinstance(error, UnknownPanel)


def test_duplicate_reads_are_coalesced(
    qtbot: QtBot, desk: Desk, test_panel: Panel, demo_panel: DemoPanel
) -> None:
    demo_panel.latency_ms = 300
    with qtbot.waitSignal(desk.services_loaded, timeout=TIMEOUT_MS):
        first = desk.refresh_services(test_panel.id)
        second = desk.refresh_services(test_panel.id)
        assert first is not None and second is None
    assert demo_panel.requests["services"] == 1
    assert desk.refresh_services(test_panel.id) is not None  # free again once finished
    qtbot.waitUntil(lambda: desk.busy == 0, timeout=TIMEOUT_MS)


def test_busy_changed_counts_tasks(qtbot: QtBot, desk: Desk, test_panel: Panel) -> None:
    counts: list[int] = []
    desk.busy_changed.connect(counts.append)
    with qtbot.waitSignal(desk.balance_loaded, timeout=TIMEOUT_MS):
        desk.fetch_balance(test_panel.id)
    assert counts == [1, 0]


@pytest.mark.timeout(60)
def test_shutdown_drops_late_results(
    qtbot: QtBot, desk: Desk, test_panel: Panel, demo_panel: DemoPanel
) -> None:
    demo_panel.latency_ms = 300
    desk.fetch_balance(test_panel.id)
    desk.shutdown()
    with qtbot.assertNotEmitted(desk.balance_loaded, wait=800):
        pass
    with qtbot.assertNotEmitted(desk.task_failed, wait=100):
        pass

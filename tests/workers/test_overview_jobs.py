"""`Desk.load_overview`: the figures of every panel, read off the GUI thread, answered on
`overview_loaded` with the ticket of the request."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from smmdesk.api import OrderState, OrderStatus
from smmdesk.demopanel import DemoPanel
from smmdesk.store import Overview, OverviewSpan, Panel, Store
from smmdesk.workers import Desk, Job


def test_the_overview_is_read_on_a_worker_and_answers_with_its_ticket(
    qtbot: QtBot, desk: Desk, store: Store, test_panel: Panel, demo_panel: DemoPanel
) -> None:
    order_ids = demo_panel.create_orders(3)
    with qtbot.waitSignal(desk.orders_updated, timeout=20_000):
        desk.track_orders(test_panel.id, order_ids)
    first = store.orders_by_order_ids(test_panel.id, order_ids[:1])[0]
    running = OrderStatus(first.order_id or "", "In progress", OrderState.IN_PROGRESS)
    store.record_order_statuses(test_panel.id, {running.order_id: running}, {}, first.created_at)

    threads: list[threading.Thread] = []
    real = store.overview

    def overview(span: OverviewSpan) -> Overview:
        threads.append(threading.current_thread())
        return real(span)

    store.overview = overview  # type: ignore[method-assign]
    with qtbot.waitSignal(desk.overview_loaded, timeout=10_000) as answered:
        ticket = desk.load_overview()

    answer_ticket, overview = answered.args
    assert answer_ticket == ticket and ticket.job is Job.LOAD_OVERVIEW
    assert isinstance(overview, Overview)
    assert len(overview.of(test_panel.id).active) == 3
    assert threads and threads[0] is not threading.main_thread()

"""The `Desk` jobs behind whole selections and checked order IDs, against the demo panel:
each answers on its signal with its ticket and a typed result, or fails on `task_failed`
with the panel's words."""

from __future__ import annotations

import csv
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import SignalInstance
from pytestqt.qtbot import QtBot

from smmdesk.api import PanelError, Service
from smmdesk.demopanel import DemoPanel
from smmdesk.services.bulk import NO_REFILL, BulkAction, BulkPlan, OrderSelection
from smmdesk.services.order_ids import OrderIdsChecked
from smmdesk.store import OrderQuery, Panel, Store
from smmdesk.workers import Desk, Job, OrdersExported, OrdersUpdated, RefillsRequested, Ticket

TIMEOUT_MS = 30_000
NO_REFILL_SERVICE = Service("1", "Likes", "Default", "T", Decimal("1"), 10, 1000)


def answered(
    qtbot: QtBot, signal: SignalInstance, start: Callable[[], Ticket]
) -> tuple[Ticket, object]:
    """Start a job and wait for the answer carrying its ticket."""
    sent: list[Ticket] = []

    def ours(ticket: Ticket, _result: object) -> bool:
        return bool(sent) and ticket.serial == sent[0].serial

    with qtbot.waitSignal(signal, timeout=TIMEOUT_MS, check_params_cb=ours) as blocker:
        sent.append(start())
    ticket, result = blocker.args or [None, None]
    assert isinstance(ticket, Ticket)
    return ticket, result


def test_plan_orders_reads_a_select_all_off_the_gui_thread(
    qtbot: QtBot, desk: Desk, store: Store, test_panel: Panel
) -> None:
    store.import_orders(test_panel.id, [str(i) for i in range(450)])
    selection = OrderSelection.matching(OrderQuery(panel_id=test_panel.id))
    ticket, plan = answered(
        qtbot,
        desk.orders_planned,
        lambda: desk.plan_orders(test_panel.id, selection, BulkAction.COPY_IDS),
    )
    assert ticket.job is Job.PLAN_ORDERS and isinstance(plan, BulkPlan)
    assert len(plan.eligible) == 450 and plan.not_eligible == []


def test_refills_held_back_come_back_with_the_reason(
    qtbot: QtBot, desk: Desk, store: Store, test_panel: Panel, demo_panel: DemoPanel
) -> None:
    store.save_services(test_panel.id, [NO_REFILL_SERVICE])
    [record] = store.import_orders(test_panel.id, demo_panel.create_orders(1), "1")
    ticket, requested = answered(
        qtbot, desk.refills_requested, lambda: desk.request_refills(test_panel.id, [record.id])
    )
    assert ticket.job is Job.REQUEST_REFILLS and isinstance(requested, RefillsRequested)
    assert requested.records == []
    assert [(n.order.id, n.reason) for n in requested.not_sent] == [(record.id, NO_REFILL)]
    assert demo_panel.requests["refill"] == 0


def test_check_order_ids_records_nothing(
    qtbot: QtBot, desk: Desk, store: Store, test_panel: Panel, demo_panel: DemoPanel
) -> None:
    [known] = demo_panel.create_orders(1)
    _, checked = answered(
        qtbot,
        desk.order_ids_checked,
        lambda: desk.check_order_ids(test_panel.id, [known, "abc"]),
    )
    assert isinstance(checked, OrderIdsChecked)
    assert set(checked.known) == {known} and checked.refused == {"abc": "Incorrect order ID"}
    assert store.orders_by_order_ids(test_panel.id, [known]) == []


def test_resolve_with_an_unknown_id_fails_with_the_panels_words(
    qtbot: QtBot, desk: Desk, store: Store, test_panel: Panel, demo_panel: DemoPanel
) -> None:
    row = store.insert_sending_order(
        test_panel.id, NO_REFILL_SERVICE, link="https://x.test/u", quantity=10
    )
    store.sending_to_unconfirmed("lost")
    ticket, error = answered(
        qtbot, desk.task_failed, lambda: desk.resolve_order(test_panel.id, row.id, "999999")
    )
    assert ticket.job is Job.RESOLVE_ORDER
    assert isinstance(error, PanelError) and error.panel_message == "Incorrect order ID"
    unchanged = store.order(row.id)
    assert unchanged is not None and unchanged.order_id is None


def test_track_and_export(
    qtbot: QtBot, desk: Desk, store: Store, test_panel: Panel, demo_panel: DemoPanel,
    tmp_path: Path,
) -> None:  # fmt: skip
    known = demo_panel.create_orders(2)
    _, tracked = answered(
        qtbot, desk.orders_updated, lambda: desk.track_orders(test_panel.id, [*known, "abc"])
    )
    assert isinstance(tracked, OrdersUpdated)
    assert [r.order_id for r in tracked.records] == known
    assert tracked.refused == {"abc": "Incorrect order ID"} and tracked.asked == 3
    target = tmp_path / "orders.csv"
    selection = OrderSelection.of([r.id for r in tracked.records])
    ticket, exported = answered(
        qtbot, desk.orders_exported, lambda: desk.export_orders(test_panel.id, selection, target)
    )
    assert ticket.job is Job.EXPORT_ORDERS and exported == OrdersExported(target, 2)
    with target.open(encoding="utf-8-sig", newline="") as written:
        assert [row[1] for row in csv.reader(written)][1:] == known

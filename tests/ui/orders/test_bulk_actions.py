"""A selection means the whole selection: select-all over 3,000 orders (200 loaded), then
refill, cancel, copy and export act on every one, ask first with the count and the
reasons, and report each order's outcome. Against the real demo panel."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from smmdesk.api import Service
from smmdesk.demopanel import DemoPanel
from smmdesk.services.bulk import NO_REFILL, REFILL_RUNNING
from smmdesk.store import Store
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.orders.bulk_dialogs import BulkConfirmDialog, BulkOutcomeDialog
from smmdesk.ui.orders.orders_model import PAGE_SIZE, OrderColumn
from smmdesk.ui.orders.orders_pane import OrdersPane
from tests.ui.conftest import LOAD_TIMEOUT_MS
from tests.ui.order_helpers import import_history
from tests.ui.orders.helpers import click, select_rows, tab_index, visible_dialog

MANY = 3_000
NOT_REFILLABLE = 200
A_MONTH = 30 * 24 * 3600.0


def default_service(context: AppContext, *, refill: bool) -> Service:
    return next(
        s
        for s in context.services
        if s.type == "Default" and not s.dripfeed and s.refill == refill and s.cancel
    )


@pytest.fixture
def finished_history(
    qtbot: QtBot, store: Store, context: AppContext, demo_panel: DemoPanel, pane: OrdersPane
) -> None:
    """3,000 finished orders tracked from the demo panel, 200 of them from a service
    without refill, with their statuses fetched."""
    for service, count in (
        (default_service(context, refill=True), MANY - NOT_REFILLABLE),
        (default_service(context, refill=False), NOT_REFILLABLE),
    ):
        ids = demo_panel.create_orders(count, int(service.id))
        store.import_orders(context.panel_id, ids, service.id)
    demo_panel.advance(A_MONTH)
    with qtbot.waitSignal(context.desk.orders_refreshed, timeout=LOAD_TIMEOUT_MS):
        pane.refresh_now()


def select_all(qtbot: QtBot, pane: OrdersPane) -> None:
    qtbot.keyClick(pane.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)


def confirm_dialog(qtbot: QtBot, pane: OrdersPane) -> BulkConfirmDialog:
    dialog = visible_dialog(qtbot, pane, "bulkConfirmDialog")
    assert isinstance(dialog, BulkConfirmDialog)
    return dialog


@pytest.mark.usefixtures("finished_history")
def test_select_all_then_refill_sends_every_eligible_order(
    qtbot: QtBot, store: Store, context: AppContext, pane: OrdersPane, demo_panel: DemoPanel
) -> None:
    select_all(qtbot, pane)
    assert pane.model.rowCount() == PAGE_SIZE
    assert pane.selection.is_all and pane.selection.count == MANY
    assert pane.selected_label.text() == "All 3,000 orders selected"
    pane.refill_action.trigger()
    dialog = confirm_dialog(qtbot, pane)
    assert dialog.message.text() == (
        "Refill 2,800 of the 3,000 selected orders?\n\n"
        f"200 orders will not be sent:\n• 200: {NO_REFILL}"
    )
    assert dialog.message.textFormat() is Qt.TextFormat.PlainText
    with qtbot.waitSignal(context.desk.refills_requested, timeout=LOAD_TIMEOUT_MS):
        click(qtbot, dialog, "bulkYesButton")
    refills = store.refills(context.panel_id)
    assert len(refills) == MANY - NOT_REFILLABLE
    assert all(r.refill_id for r in refills)
    assert demo_panel.requests["refill"] == (MANY - NOT_REFILLABLE) // 100
    assert pane.outcome_label.text() == "2,800 refills requested; 200 not sent"

    outcome = visible_dialog(qtbot, pane, "bulkOutcomeDialog")
    assert isinstance(outcome, BulkOutcomeDialog)
    assert outcome.model.rowCount(QModelIndex()) == MANY
    outcomes = [row.outcome for row in outcome.model.rows]
    assert (outcomes.count("Accepted"), outcomes.count("Not sent")) == (2_800, 200)
    click(qtbot, outcome, "bulkOutcomeCopyButton")
    copied = QApplication.clipboard().text().splitlines()
    assert len(copied) == MANY + 1 and copied[0].startswith("Order ID\tLink\tOutcome")

    select_all(qtbot, pane)  # again, while those refills run: none is sent twice
    pane.refill_action.trigger()
    again = confirm_dialog(qtbot, pane)
    assert again.yes_button is None
    assert again.message.text() == (
        "None of the 3,000 selected orders can be refilled:\n"
        f"• 2,800: {REFILL_RUNNING}\n• 200: {NO_REFILL}"
    )
    assert demo_panel.requests["refill"] == (MANY - NOT_REFILLABLE) // 100


def test_select_all_follows_the_rows_loaded_later_and_ends_with_a_click(
    qtbot: QtBot, store: Store, context: AppContext, pane: OrdersPane
) -> None:
    import_history(store, context.panel_id, MANY)
    pane.reload()
    select_all(qtbot, pane)
    pane.view.scrollToBottom()
    qtbot.waitUntil(lambda: pane.model.rowCount() > PAGE_SIZE, timeout=LOAD_TIMEOUT_MS)
    selected = pane.view.selectionModel().selectedRows()
    assert len(selected) == pane.model.rowCount()  # new rows arrive selected
    pane.view.horizontalHeader().setSortIndicator(OrderColumn.ORDER_ID, Qt.SortOrder.AscendingOrder)
    assert pane.selection.is_all and pane.selection.count == MANY  # same orders, new order
    select_rows(pane, [0, 1])
    assert not pane.selection.is_all and pane.selection.count == 2
    assert pane.selected_label.text() == "2 selected"
    select_all(qtbot, pane)
    pane.status_tabs.setCurrentIndex(tab_index(pane, "completed"))
    assert not pane.selection.is_all  # another filter: another set of orders


def test_copy_ids_links_and_export_cover_every_selected_order(
    qtbot: QtBot, store: Store, context: AppContext, pane: OrdersPane, tmp_path: Path
) -> None:
    import_history(store, context.panel_id, MANY)
    pane.reload()
    select_all(qtbot, pane)
    with qtbot.waitSignal(context.desk.orders_planned, timeout=LOAD_TIMEOUT_MS):
        pane.copy_id_action.trigger()
    copied = QApplication.clipboard().text().splitlines()
    assert len(copied) == MANY and set(copied) == {str(1000 + i) for i in range(MANY)}
    assert pane.outcome_label.text() == "Copied 3,000 order IDs"
    with qtbot.waitSignal(context.desk.orders_planned, timeout=LOAD_TIMEOUT_MS):
        pane.copy_link_action.trigger()
    assert pane.outcome_label.text() == "Copied 0 links; 3,000 selected orders without a link"

    pane.export_action.trigger()
    chooser = visible_dialog(qtbot, pane, "exportOrdersDialog")
    assert isinstance(chooser, QFileDialog)
    target = tmp_path / "all.csv"
    with qtbot.waitSignal(context.desk.orders_exported, timeout=LOAD_TIMEOUT_MS):
        chooser.selectFile(str(target))
        chooser.accept()
    with target.open(encoding="utf-8-sig", newline="") as exported:
        rows = list(csv.reader(exported))
    assert len(rows) == MANY + 1
    assert pane.outcome_label.text() == f"Exported 3,000 orders to {target}"


def test_copy_of_loaded_rows_is_immediate(
    store: Store, context: AppContext, pane: OrdersPane
) -> None:
    import_history(store, context.panel_id, 5)
    pane.reload()
    select_rows(pane, [0, 2])
    pane.copy_id_action.trigger()
    assert QApplication.clipboard().text().splitlines() == ["1004", "1002"]


def test_cancel_asks_first_and_reports_each_order(
    qtbot: QtBot, store: Store, context: AppContext, pane: OrdersPane, demo_panel: DemoPanel
) -> None:
    service = default_service(context, refill=False)
    ids = demo_panel.create_orders(3, int(service.id))
    store.import_orders(context.panel_id, ids, service.id)
    pane.reload()
    select_all(qtbot, pane)
    pane.cancel_action.trigger()
    dialog = confirm_dialog(qtbot, pane)
    assert dialog.message.text() == "Cancel 3 orders? A cancel request cannot be taken back."
    click(qtbot, dialog, "bulkNoButton")
    assert demo_panel.requests["cancel"] == 0
    pane.cancel_action.trigger()
    with qtbot.waitSignal(context.desk.cancels_requested, timeout=LOAD_TIMEOUT_MS):
        click(qtbot, confirm_dialog(qtbot, pane), "bulkYesButton")
    assert [c.accepted for c in store.cancels(context.panel_id)] == [True, True, True]
    outcome = visible_dialog(qtbot, pane, "bulkOutcomeDialog")
    summary = outcome.findChild(QLabel, "bulkOutcomeSummary")
    assert summary is not None and summary.text() == "3 cancels requested"

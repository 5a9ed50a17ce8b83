"""The Orders pane against the real demo panel: tabs, search, sort, actions on a
selection, unconfirmed rows, "Track existing order IDs" and the refresh timer."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from smmdesk.api import Service
from smmdesk.demopanel import DemoPanel
from smmdesk.settings import AUTO_REFRESH, REFRESH_INTERVAL_S
from smmdesk.store import JournalState, OrderRecord, Store
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.orders.dialogs import ResolveOrderDialog
from smmdesk.ui.orders.orders_model import OrderColumn
from smmdesk.ui.orders.orders_pane import SEARCH_DELAY_MS, OrdersPane
from tests.ui.conftest import LOAD_TIMEOUT_MS
from tests.ui.order_helpers import import_history, rejected_order, unconfirmed_order
from tests.ui.orders.helpers import (
    click,
    ids_shown,
    select_record,
    select_rows,
    tab_index,
    visible_dialog,
)

SERVICE = Service("1", "Test likes", "Default", "Tests", Decimal("1"), 10, 1000, refill=True)


def test_tabs_show_counts_and_filter(
    store: Store, qtbot: QtBot, context: AppContext, pane: OrdersPane
) -> None:
    import_history(store, context.panel_id, 50)
    pane.reload()
    tabs = pane.status_tabs
    assert tabs.tabText(tab_index(pane, "all")) == "All (50)"
    assert tabs.tabText(tab_index(pane, "completed")) == "Completed (10)"
    tabs.setCurrentIndex(tab_index(pane, "completed"))
    assert pane.model.rowCount() == 10
    assert {
        pane.model.index(r, OrderColumn.STATUS).data() for r in range(pane.model.rowCount())
    } == {"Completed"}


def test_search_is_debounced(
    store: Store, qtbot: QtBot, context: AppContext, pane: OrdersPane
) -> None:
    import_history(store, context.panel_id, 30)
    pane.reload()
    qtbot.keyClicks(pane.search_edit, "1017")
    assert pane.model.rowCount() == 30  # nothing queried for each keystroke
    qtbot.waitUntil(lambda: ids_shown(pane) == ["1017"], timeout=SEARCH_DELAY_MS + LOAD_TIMEOUT_MS)
    assert "matching" in pane.total_label.text()


def test_an_empty_result_says_so_and_offers_the_way_out(
    store: Store, qtbot: QtBot, context: AppContext, pane: OrdersPane
) -> None:
    import_history(store, context.panel_id, 30)
    pane.reload()
    note = pane.empty_result.note
    assert not note.isVisible()
    pane.search_edit.setText("no such order anywhere")
    qtbot.waitUntil(lambda: note.isVisible(), timeout=SEARCH_DELAY_MS + LOAD_TIMEOUT_MS)
    assert "matches “no such order anywhere”" in note.label.text()
    qtbot.mouseClick(note.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.model.rowCount() == 30, timeout=SEARCH_DELAY_MS + LOAD_TIMEOUT_MS)
    assert pane.search_edit.text() == "" and not note.isVisible()
    pane.status_tabs.setCurrentIndex(tab_index(pane, "rejected"))
    assert note.isVisible() and note.button.text() == "Show all orders"
    qtbot.mouseClick(note.button, Qt.MouseButton.LeftButton)
    assert pane.status_tabs.currentIndex() == tab_index(pane, "all")
    assert pane.model.rowCount() == 30 and not note.isVisible()


def test_header_click_sorts_through_the_store(
    store: Store, qtbot: QtBot, context: AppContext, pane: OrdersPane
) -> None:
    import_history(store, context.panel_id, 450)
    pane.reload()
    header = pane.view.horizontalHeader()
    header.setSortIndicator(OrderColumn.ORDER_ID, Qt.SortOrder.AscendingOrder)
    assert ids_shown(pane)[0] == "1000"
    header.setSortIndicator(OrderColumn.ORDER_ID, Qt.SortOrder.DescendingOrder)
    assert ids_shown(pane)[0] == "1449"
    header.setSortIndicator(OrderColumn.CURRENCY, Qt.SortOrder.AscendingOrder)
    assert header.sortIndicatorSection() == OrderColumn.ORDER_ID


def test_actions_follow_the_selection(store: Store, context: AppContext, pane: OrdersPane) -> None:
    import_history(store, context.panel_id, 5)  # pending..canceled
    bad = rejected_order(store, context.panel_id, SERVICE, "https://x.test/r")
    pane.reload()
    by_status = {
        pane.model.index(r, OrderColumn.STATUS).data(): r for r in range(pane.model.rowCount())
    }
    select_rows(pane, [by_status["Pending"], by_status["In progress"]])
    assert pane.cancel_action.isEnabled() and pane.refill_action.isEnabled()
    select_rows(pane, [by_status["Completed"], by_status["Partial"]])
    assert not pane.cancel_action.isEnabled()  # final orders cannot be canceled
    assert pane.refill_action.isEnabled()
    select_rows(pane, [by_status["Completed"], by_status["Pending"]])
    assert pane.cancel_action.isEnabled()  # one can: the confirmation names the other
    select_rows(pane, [by_status["Canceled"]])
    assert not pane.refill_action.isEnabled()  # canceled: nothing to refill
    select_record(pane, bad.id)
    assert not pane.refill_action.isEnabled() and not pane.copy_id_action.isEnabled()
    assert pane.copy_link_action.isEnabled() and pane.order_again_action.isEnabled()
    assert not pane.resolve_action.isEnabled()


def test_copy_and_order_again(
    store: Store, qtbot: QtBot, context: AppContext, pane: OrdersPane
) -> None:
    record = rejected_order(store, context.panel_id, SERVICE, "https://x.test/again")
    pane.reload()
    select_record(pane, record.id)
    pane.copy_link_action.trigger()
    assert QApplication.clipboard().text() == "https://x.test/again"
    with qtbot.waitSignal(pane.order_again_requested) as blocker:
        pane.order_again_action.trigger()
    assert isinstance(blocker.args[0], OrderRecord) and blocker.args[0].id == record.id


def test_resolve_unconfirmed(
    store: Store, qtbot: QtBot, context: AppContext, pane: OrdersPane, demo_panel: DemoPanel
) -> None:
    [on_panel] = demo_panel.create_orders(1)
    record = unconfirmed_order(store, context.panel_id, SERVICE, "https://x.test/u")
    pane.reload()
    assert "Unconfirmed (1)" in pane.status_tabs.tabText(tab_index(pane, "unconfirmed"))
    select_record(pane, record.id)
    assert pane.resolve_action.isEnabled() and pane.dismiss_action.isEnabled()
    pane.resolve_action.trigger()
    dialog = visible_dialog(qtbot, pane, "resolveOrderDialog")
    qtbot.keyClicks(dialog.findChild(object, "resolveOrderIdEdit"), on_panel)
    with qtbot.waitSignal(context.desk.orders_updated, timeout=LOAD_TIMEOUT_MS):
        click(qtbot, dialog, "resolveOkButton")
    resolved = store.order(record.id)
    assert resolved is not None and resolved.journal_state is JournalState.PLACED
    assert resolved.order_id == on_panel and resolved.state is not None
    assert on_panel in ids_shown(pane)
    assert pane.outcome_label.text() == f"Order {on_panel} marked as placed"


def test_dismiss_asks_first(
    store: Store, qtbot: QtBot, context: AppContext, pane: OrdersPane
) -> None:
    record = unconfirmed_order(store, context.panel_id, SERVICE, "https://x.test/d")
    pane.reload()
    select_record(pane, record.id)
    pane.dismiss_action.trigger()
    click(qtbot, visible_dialog(qtbot, pane, "dismissOrdersDialog"), "dismissNoButton")
    assert store.order(record.id).journal_state is JournalState.UNCONFIRMED  # type: ignore[union-attr]
    pane.dismiss_action.trigger()
    with qtbot.waitSignal(context.desk.orders_updated, timeout=LOAD_TIMEOUT_MS):
        click(qtbot, visible_dialog(qtbot, pane, "dismissOrdersDialog"), "dismissYesButton")
    assert store.order(record.id).journal_state is JournalState.DISMISSED  # type: ignore[union-attr]
    assert pane.outcome_label.text() == "1 order dismissed"


def test_track_existing_order_ids(
    qtbot: QtBot, context: AppContext, pane: OrdersPane, demo_panel: DemoPanel
) -> None:
    outside = demo_panel.create_orders(3)
    pane.track_action.trigger()
    dialog = visible_dialog(qtbot, pane, "trackOrdersDialog")
    text = f"{outside[0]}, {outside[1]}\n{outside[2]} {outside[0]}"
    dialog.findChild(object, "trackOrderIdsEdit").setPlainText(text)
    count = dialog.findChild(QLabel, "trackOrderIdsCount")
    qtbot.waitUntil(lambda: count.text() == "3 IDs, 1 repeated", timeout=LOAD_TIMEOUT_MS)
    with qtbot.waitSignal(context.desk.orders_updated, timeout=LOAD_TIMEOUT_MS):
        click(qtbot, dialog, "trackOkButton")
    assert pane.outcome_label.text() == "3 orders added to tracking"
    assert sorted(ids_shown(pane)) == sorted(outside)
    statuses = {pane.model.index(r, OrderColumn.STATUS).data() for r in range(3)}
    assert statuses <= {"Pending", "In progress", "Completed", "Partial"}
    assert demo_panel.requests["status"] == 1  # asked before recording: no refresh after


def test_track_refuses_ids_the_panel_does_not_know(
    store: Store, qtbot: QtBot, context: AppContext, pane: OrdersPane, demo_panel: DemoPanel
) -> None:
    [known] = demo_panel.create_orders(1)
    pane.track_action.trigger()
    dialog = visible_dialog(qtbot, pane, "trackOrdersDialog")
    dialog.findChild(object, "trackOrderIdsEdit").setPlainText(f"abc {known} 999999")
    qtbot.waitUntil(dialog.findChild(QPushButton, "trackOkButton").isEnabled)
    with qtbot.waitSignal(context.desk.orders_updated, timeout=LOAD_TIMEOUT_MS):
        click(qtbot, dialog, "trackOkButton")
    assert ids_shown(pane) == [known]
    assert store.orders_by_order_ids(context.panel_id, ["abc", "999999"]) == []
    assert pane.outcome_label.text() == (
        "1 order added to tracking; not recorded, the panel did not confirm: "
        "abc — Incorrect order ID; 999999 — Incorrect order ID"
    )


def test_refresh_timer_follows_settings(context: AppContext, pane: OrdersPane) -> None:
    assert not pane.refresh_timer.isActive()
    context.settings.set(AUTO_REFRESH, True)
    context.settings.set(REFRESH_INTERVAL_S, 1)  # below the allowed minimum
    assert pane.refresh_timer.isActive()
    assert pane.refresh_timer.interval() == REFRESH_INTERVAL_S.minimum * 1000
    context.settings.set(REFRESH_INTERVAL_S, 120)
    assert pane.refresh_timer.interval() == 120_000


def test_resolve_hints_with_the_panels_answer_and_refuses_unknown_ids(
    store: Store, qtbot: QtBot, context: AppContext, pane: OrdersPane, demo_panel: DemoPanel
) -> None:
    [on_panel] = demo_panel.create_orders(1)
    record = unconfirmed_order(store, context.panel_id, SERVICE, "https://x.test/<b>hint</b>")
    pane.reload()
    select_record(pane, record.id)
    pane.resolve_action.trigger()
    dialog = visible_dialog(qtbot, pane, "resolveOrderDialog")
    assert isinstance(dialog, ResolveOrderDialog)
    assert "Link https://x.test/<b>hint</b>" in dialog.ours_label.text()
    assert dialog.ours_label.textFormat() is Qt.TextFormat.PlainText
    assert dialog.ours_label.text().startswith("Sent ")
    with qtbot.waitSignal(context.desk.order_ids_checked, timeout=LOAD_TIMEOUT_MS):
        qtbot.keyClicks(dialog.id_edit, "abc")
    assert dialog.hint_label.text() == "The panel says: Incorrect order ID"
    assert not dialog.ok_button.isEnabled()
    dialog.id_edit.clear()
    with qtbot.waitSignal(context.desk.order_ids_checked, timeout=LOAD_TIMEOUT_MS):
        qtbot.keyClicks(dialog.id_edit, on_panel)
    assert dialog.panel_label.text().startswith(f"Order {on_panel}\nStatus ")
    assert dialog.ok_button.isEnabled()
    assert store.order(record.id) == record  # a hint records nothing


def test_a_refused_resolve_changes_nothing_and_says_why(
    store: Store, qtbot: QtBot, context: AppContext, pane: OrdersPane
) -> None:
    record = unconfirmed_order(store, context.panel_id, SERVICE, "https://x.test/r")
    pane.reload()
    select_record(pane, record.id)
    pane.resolve_action.trigger()
    dialog = visible_dialog(qtbot, pane, "resolveOrderDialog")
    qtbot.keyClicks(dialog.findChild(object, "resolveOrderIdEdit"), "999999")
    with qtbot.waitSignal(context.desk.task_failed, timeout=LOAD_TIMEOUT_MS):
        click(qtbot, dialog, "resolveOkButton")  # before the hint came back
    assert pane.outcome_label.text() == "The panel refused: Incorrect order ID"
    assert store.order(record.id) == record


def test_a_resolved_id_can_be_corrected(
    store: Store, qtbot: QtBot, context: AppContext, pane: OrdersPane, demo_panel: DemoPanel
) -> None:
    wrong, right = demo_panel.create_orders(2)
    record = unconfirmed_order(store, context.panel_id, SERVICE, "https://x.test/c")
    pane.reload()
    for typed, title in ((wrong, "Resolve unconfirmed order"), (right, "Correct the order ID")):
        select_record(pane, record.id)
        assert pane.resolve_action.isEnabled()
        pane.resolve_action.trigger()
        dialog = visible_dialog(qtbot, pane, "resolveOrderDialog")
        assert dialog.windowTitle() == title
        qtbot.keyClicks(dialog.findChild(object, "resolveOrderIdEdit"), typed)
        with qtbot.waitSignal(context.desk.orders_updated, timeout=LOAD_TIMEOUT_MS):
            click(qtbot, dialog, "resolveOkButton")
    corrected = store.order(record.id)
    assert corrected is not None and corrected.order_id == right
    assert [r.previous_order_id for r in store.resolutions(record.id)] == [None, wrong]
    [placed] = store.import_orders(context.panel_id, demo_panel.create_orders(1))
    pane.reload()
    select_record(pane, placed.id)
    assert not pane.resolve_action.isEnabled()  # an ID the panel's answer gave stays

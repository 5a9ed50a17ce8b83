"""Notes, customers, sell prices and profit in the Orders tab: edited for one order or a
selection, searchable, a sell price that is not a number stopped with a field message,
the Profit column counted at what was delivered, totals of the filter, and markups.
Against the real demo panel."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from smmdesk.api import OrderState, OrderStatus, PlacedOrder
from smmdesk.demopanel import DemoPanel
from smmdesk.store import JournalState, OrderRecord, Store
from smmdesk.store.records import CustomerMarkup, Markups, ServiceMarkup
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.orders.annotate_dialog import AnnotateOrdersDialog
from smmdesk.ui.orders.markups_dialog import MarkupsDialog, MarkupsModel, markup_rows
from smmdesk.ui.orders.orders_model import OrderColumn
from smmdesk.ui.orders.orders_pane import OrdersPane
from tests.ui.conftest import LOAD_TIMEOUT_MS
from tests.ui.orders.helpers import click, select_record, select_rows, visible_dialog

A_MONTH = 30 * 24 * 3600.0


@pytest.fixture
def finished(
    qtbot: QtBot, store: Store, context: AppContext, demo_panel: DemoPanel, pane: OrdersPane
) -> list[OrderRecord]:
    """Four finished orders tracked from the demo panel, statuses (and charges) fetched."""
    service = next(s for s in context.services if s.type == "Default" and not s.dripfeed)
    ids = demo_panel.create_orders(4, int(service.id))
    store.import_orders(context.panel_id, ids, service.id)
    demo_panel.advance(A_MONTH)
    with qtbot.waitSignal(context.desk.orders_refreshed, timeout=LOAD_TIMEOUT_MS):
        pane.refresh_now()
    return store.orders_by_order_ids(context.panel_id, ids)


def annotate_dialog(qtbot: QtBot, pane: OrdersPane) -> AnnotateOrdersDialog:
    pane.annotate_action.trigger()
    dialog = visible_dialog(qtbot, pane, "annotateDialog")
    assert isinstance(dialog, AnnotateOrdersDialog)
    return dialog


def saved(qtbot: QtBot, pane: OrdersPane, dialog: AnnotateOrdersDialog) -> None:
    with qtbot.waitSignal(pane.context.desk.orders_annotated, timeout=LOAD_TIMEOUT_MS):
        click(qtbot, dialog, "annotateSaveButton")


def test_one_orders_note_customer_and_price_are_edited_and_searchable(
    qtbot: QtBot, store: Store, pane: OrdersPane, finished: list[OrderRecord]
) -> None:
    order = finished[0]
    select_record(pane, order.id)
    dialog = annotate_dialog(qtbot, pane)
    assert dialog.boxes == {}  # one order: its fields, as they are
    dialog.customer_edit.setText("Ana Ribeiro")
    dialog.note_edit.setPlainText("<b>Promoção</b> de março\nsecond line")
    dialog.sell_edit.setText("12.50")
    saved(qtbot, pane, dialog)

    after = store.order(order.id)
    assert after is not None and after.sell_price == Decimal("12.50")
    assert pane.outcome_label.text() == "1 order updated"
    pane.search_edit.setText("promocao ribeiro")
    pane.on_searchTimer_timeout()
    assert pane.model.total == 1
    assert pane.model.index(0, OrderColumn.NOTE).data() == "<b>Promoção</b> de março second line"
    assert pane.model.index(0, OrderColumn.CUSTOMER).data() == "Ana Ribeiro"
    profit = pane.model.index(0, OrderColumn.PROFIT).data()
    assert profit and not profit.startswith("≈")


def test_a_sell_price_that_is_not_a_number_gets_a_field_message_and_changes_nothing(
    qtbot: QtBot, store: Store, pane: OrdersPane, finished: list[OrderRecord]
) -> None:
    select_record(pane, finished[0].id)
    dialog = annotate_dialog(qtbot, pane)
    dialog.sell_edit.setText("twelve")
    error = dialog.findChild(QLabel, "annotateSellPriceError")
    assert error is not None and "not an amount" in error.text() and error.isVisible()
    click(qtbot, dialog, "annotateSaveButton")
    assert dialog.isVisible()
    assert store.order(finished[0].id) == finished[0]
    dialog.sell_edit.setText("+20%")
    assert not error.isVisible()


def test_a_selection_changes_only_the_ticked_fields(
    qtbot: QtBot, store: Store, pane: OrdersPane, finished: list[OrderRecord]
) -> None:
    store.annotate_orders([finished[0].id], note="keep me")
    pane.reload()
    select_rows(pane, [0, 1, 2, 3])
    dialog = annotate_dialog(qtbot, pane)
    assert set(dialog.boxes) == {"customer", "note", "sell_price"}
    dialog.customer_edit.setText("Bob")
    dialog.customer_edit.textEdited.emit("Bob")  # what typing emits: ticks the box
    dialog.sell_edit.setText("+50%")
    assert dialog.boxes["customer"].isChecked() and not dialog.boxes["note"].isChecked()
    saved(qtbot, pane, dialog)

    records = {r.id: r for r in store.orders_by_ids([r.id for r in finished])}
    assert {r.customer for r in records.values()} == {"Bob"}
    assert records[finished[0].id].note == "keep me"
    for record in records.values():
        assert record.charge is not None and record.sell_price == record.charge * Decimal("1.5")
    qtbot.waitUntil(lambda: "Profit" in pane.money_label.text(), timeout=LOAD_TIMEOUT_MS)
    assert pane.money_label.text().startswith("Spend ")


def test_totals_follow_the_search(
    qtbot: QtBot, store: Store, pane: OrdersPane, finished: list[OrderRecord]
) -> None:
    store.annotate_orders(
        [finished[0].id], customer="Zed", sell_prices={finished[0].id: Decimal(100)}
    )
    pane.search_edit.setText("zed")
    pane.on_searchTimer_timeout()
    charge = finished[0].charge
    assert charge is not None
    qtbot.waitUntil(lambda: "Profit" in pane.money_label.text(), timeout=LOAD_TIMEOUT_MS)
    text = pane.money_label.text()
    assert "Sell 100.00 USD" in text and "(1 of" not in text


def test_markups_are_set_listed_and_removed(
    qtbot: QtBot, store: Store, pane: OrdersPane, finished: list[OrderRecord]
) -> None:
    select_record(pane, finished[0].id)
    pane.markups_action.trigger()
    dialog = visible_dialog(qtbot, pane, "markupsDialog")
    assert isinstance(dialog, MarkupsDialog)
    dialog.customer_combo.setEditText("Acme")
    dialog.customer_percent.setText("thirty")
    click(qtbot, dialog, "setCustomerMarkupButton")
    assert "not a markup" in dialog.problem_label.text()
    assert store.markups().customers == ()
    dialog.customer_percent.setText("30%")
    dialog.service_percent.setText("+12.5")
    with qtbot.waitSignals([pane.context.desk.markups_loaded] * 2, timeout=LOAD_TIMEOUT_MS):
        click(qtbot, dialog, "setCustomerMarkupButton")
        click(qtbot, dialog, "setServiceMarkupButton")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=LOAD_TIMEOUT_MS)
    assert [dialog.model.index(r, 2).data() for r in range(2)] == ["+30%", "+12.5%"]
    dialog.table.selectRow(0)
    with qtbot.waitSignal(pane.context.desk.markups_loaded, timeout=LOAD_TIMEOUT_MS):
        click(qtbot, dialog, "removeMarkupButton")
    assert store.markups().customers == ()
    assert [m.percent for m in store.markups().services] == [Decimal("12.5")]


def test_the_markups_model_passes_the_model_tester(qtmodeltester: object) -> None:
    markups = Markups(
        (ServiceMarkup(1, "7", Decimal(10)), ServiceMarkup(9, "8", Decimal(-5))),
        (CustomerMarkup("<i>Acme</i>", Decimal("12.5")),),
    )
    model = MarkupsModel()
    model.set_rows(markup_rows(markups, {1: "Main"}, {"7": "Likes"}))
    assert [model.index(r, 1).data() for r in range(3)] == [
        "<i>Acme</i>", "7 · Likes (Main)", "Service 8 (Panel 9)",
    ]  # fmt: skip
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_a_partial_orders_profit_is_counted_at_what_was_delivered(
    store: Store, context: AppContext, pane: OrdersPane
) -> None:
    service = context.services[0]
    record = store.insert_sending_order(
        context.panel_id, service, link="https://x.example/p", quantity=1000
    )
    store.record_placed(record.id, PlacedOrder("9001"), expect=[JournalState.SENDING])
    status = OrderStatus("9001", "Partial", OrderState.PARTIAL, Decimal(10), 0, 200, "USD")
    store.record_order_statuses(context.panel_id, {"9001": status}, {}, datetime.now(UTC))
    store.annotate_orders([], sell_prices={record.id: Decimal(15)})
    pane.reload()
    row = pane.model.row_of(record.id)
    assert row is not None
    profit = pane.model.index(row, OrderColumn.PROFIT)
    assert profit.data() == "4.00"  # 80% delivered: 12.00 sold - 8.00 charged
    tip = profit.data(Qt.ItemDataRole.ToolTipRole)
    assert "80%" in tip and "scaled" in tip

"""All panels in the Orders tab: a Panel column, the same tabs, search and actions, each
action sent to each order's own panel; the Unconfirmed tab covers every panel. Against
two real demo panels on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from smmdesk.demopanel import DemoPanel
from smmdesk.secrets import KeyStore
from smmdesk.store import OrderQuery, Panel, Store
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.orders.bulk_dialogs import BulkConfirmDialog
from smmdesk.ui.orders.orders_model import OrderColumn, OrdersModel
from smmdesk.ui.orders.orders_pane import OrdersPane
from tests.conftest import TEST_KEY
from tests.ui.conftest import LOAD_TIMEOUT_MS
from tests.ui.order_helpers import unconfirmed_order
from tests.ui.orders.helpers import click, tab_index, visible_dialog

A_DAY = 24 * 3600.0
EACH = 3


@pytest.fixture
def second_server() -> Iterator[DemoPanel]:
    with DemoPanel(key=TEST_KEY, services=40, seed=11, latency_ms=0, speed=1.0) as server:
        yield server


@pytest.fixture
def second_panel(
    store: Store, keys: KeyStore, context: AppContext, second_server: DemoPanel
) -> Panel:
    panel = store.add_panel("Second panel", second_server.url)
    keys.save(panel.id, TEST_KEY)
    context.set_panels(store.panels())
    return panel


def cancelable(server: DemoPanel) -> int:
    return next(
        int(s["service"]) for s in server.services_list if s["cancel"] and s["type"] == "Default"
    )


@pytest.fixture
def both_histories(
    qtbot: QtBot,
    store: Store,
    context: AppContext,
    demo_panel: DemoPanel,
    second_server: DemoPanel,
    second_panel: Panel,
) -> None:
    """Three running orders on each panel, statuses fetched; each server's IDs differ."""
    for server, panel_id in ((demo_panel, context.panel_id), (second_server, second_panel.id)):
        ids = server.create_orders(EACH, cancelable(server))
        if server is second_server:  # the same IDs on two panels would not tell them apart
            ids = server.create_orders(EACH, cancelable(server))
        store.import_orders(panel_id, ids, str(cancelable(server)))
        with qtbot.waitSignal(context.desk.orders_refreshed, timeout=LOAD_TIMEOUT_MS):
            context.desk.refresh_orders(panel_id)


def panels_shown(pane: OrdersPane) -> set[str]:
    return {pane.model.index(r, OrderColumn.PANEL).data() for r in range(pane.model.rowCount())}


@pytest.mark.usefixtures("both_histories")
def test_all_panels_shows_every_panel_with_its_name(
    qtbot: QtBot, pane: OrdersPane, second_panel: Panel
) -> None:
    assert pane.model.total == EACH and pane.view.isColumnHidden(OrderColumn.PANEL)
    pane.all_panels_check.setChecked(True)
    assert pane.model.total == 2 * EACH
    assert not pane.view.isColumnHidden(OrderColumn.PANEL)
    assert panels_shown(pane) == {"Test panel", "Second panel"}
    all_tab = pane.status_tabs.tabText(tab_index(pane, "all"))
    assert all_tab == f"All ({2 * EACH})"
    pane.all_panels_check.setChecked(False)
    assert pane.model.total == EACH


@pytest.mark.usefixtures("both_histories")
def test_a_customers_link_is_found_without_knowing_its_panel(
    qtbot: QtBot, store: Store, pane: OrdersPane, second_panel: Panel
) -> None:
    [elsewhere] = store.orders_page(OrderQuery(panel_id=second_panel.id), 0, 1)
    store.annotate_orders([elsewhere.id], customer="Joana Conceição")
    pane.all_panels_check.setChecked(True)
    pane.search_edit.setText("conceicao JOANA")
    qtbot.waitUntil(lambda: pane.model.total == 1, timeout=LOAD_TIMEOUT_MS)
    assert pane.model.index(0, OrderColumn.PANEL).data() == "Second panel"
    assert pane.model.index(0, OrderColumn.CUSTOMER).data() == "Joana Conceição"


@pytest.mark.usefixtures("both_histories")
def test_a_cancel_across_panels_goes_to_each_orders_own_panel(
    qtbot: QtBot, pane: OrdersPane, demo_panel: DemoPanel, second_server: DemoPanel
) -> None:
    pane.all_panels_check.setChecked(True)
    qtbot.keyClick(pane.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert pane.selection.is_all and pane.cancel_action.isEnabled()
    pane.cancel_action.trigger()
    dialog = visible_dialog(qtbot, pane, "bulkConfirmDialog")
    assert isinstance(dialog, BulkConfirmDialog)
    assert dialog.message.text().startswith(f"Cancel {2 * EACH} orders?")
    with qtbot.waitSignals([pane.context.desk.cancels_requested] * 2, timeout=LOAD_TIMEOUT_MS):
        click(qtbot, dialog, "bulkYesButton")
    qtbot.waitUntil(lambda: "cancels requested" in pane.outcome_label.text())
    assert pane.outcome_label.text() == f"{2 * EACH} cancels requested"
    assert demo_panel.requests["cancel"] >= 1 and second_server.requests["cancel"] >= 1


def test_the_unconfirmed_tab_covers_every_panel(
    qtbot: QtBot, store: Store, context: AppContext, pane: OrdersPane, second_panel: Panel
) -> None:
    service = context.services[0]
    here = unconfirmed_order(store, context.panel_id, service, "https://x.example/here")
    there = unconfirmed_order(store, second_panel.id, service, "https://x.example/there")
    pane.reload()
    unconfirmed = tab_index(pane, "unconfirmed")
    assert pane.status_tabs.tabText(unconfirmed) == "Unconfirmed (2)"
    pane.status_tabs.setCurrentIndex(unconfirmed)
    assert {pane.model.record(r).id for r in range(pane.model.rowCount())} == {here.id, there.id}
    assert not pane.view.isColumnHidden(OrderColumn.PANEL)
    pane.status_tabs.setCurrentIndex(tab_index(pane, "all"))
    assert pane.view.isColumnHidden(OrderColumn.PANEL)


def test_the_model_across_panels_passes_the_model_tester(
    qtmodeltester: object, store: Store, context: AppContext, second_panel: Panel
) -> None:
    service = context.services[0]
    for panel_id in (context.panel_id, second_panel.id):
        record = unconfirmed_order(store, panel_id, service, f"https://x.example/{panel_id}")
        store.annotate_orders([record.id], note="n", customer="c")
    model = OrdersModel(context.reads, OrderQuery())
    model.set_panel_names({context.panel_id: "Test panel"})
    assert {model.index(r, OrderColumn.PANEL).data() for r in range(2)} == {
        "Test panel", f"Panel {second_panel.id}",
    }  # fmt: skip
    qtmodeltester.check(model)  # type: ignore[attr-defined]

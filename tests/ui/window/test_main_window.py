"""The main window against the demo panel: catalogue shown, tabs, shortcuts, status bar,
layout persistence."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QTabWidget
from pytestqt.qtbot import QtBot

from smmdesk.api import RetryPolicy
from smmdesk.demopanel import DemoPanel
from smmdesk.settings import Settings
from smmdesk.store import Panel, Store
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.window.main_window import MainWindow
from tests.ui.conftest import LOAD_TIMEOUT_MS, TEST_PANEL_NAME


def action(window: MainWindow, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert isinstance(found, QAction), name
    return found


def test_window_shows_the_panels_catalogue_and_balance(
    qtbot: QtBot, window: MainWindow, context: AppContext
) -> None:
    assert window.objectName() == "mainWindow"
    tabs = window.findChild(QTabWidget, "mainTabs")
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Overview",
        "Services",
        "New order",
        "Mass order",
        "Orders",
        "Refills",
        "Prices",
        "Insight",
    ]
    assert window.services_pane.model.rowCount() == len(context.services) == 120
    switcher = window.findChild(QComboBox, "panelSwitcher")
    assert switcher.currentText() == TEST_PANEL_NAME
    balance = window.findChild(QLabel, "balanceLabel")
    qtbot.waitUntil(lambda: balance.text() == "Balance: 1,000.00 USD", timeout=LOAD_TIMEOUT_MS)


def test_order_this_switches_to_the_new_order_tab(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.services_pane
    pane.table.selectRow(0)
    button = window.findChild(QPushButton, "orderThisButton")
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.order_pane


def test_shortcuts_are_bound_and_switch_tabs(window: MainWindow) -> None:
    expected = {
        "tab1Action": "Ctrl+1",
        "tab4Action": "Ctrl+4",
        "refreshAction": "F5",
        "searchAction": "Ctrl+F",
        "newOrderAction": "Ctrl+N",
    }
    for name, keys in expected.items():
        assert action(window, name).shortcut() == QKeySequence(keys)
    action(window, "tab3Action").trigger()
    assert window.tabs.currentWidget() is window.orders_pane
    action(window, "newOrderAction").trigger()
    assert window.tabs.currentWidget() is window.order_pane
    action(window, "tab1Action").trigger()
    action(window, "searchAction").trigger()
    assert window.focusWidget() is window.services_pane.search


@pytest.mark.parametrize("tab", ["orders_pane", "refills_pane"])
def test_ctrl_f_focuses_the_search_of_the_tab_shown(window: MainWindow, tab: str) -> None:
    pane = getattr(window, tab)
    window.tabs.setCurrentWidget(pane)
    pane.search_edit.setText("instagram")
    action(window, "searchAction").trigger()
    assert window.focusWidget() is pane.search_edit
    assert pane.search_edit.selectedText() == "instagram"


def test_f5_on_services_refetches_the_catalogue(
    qtbot: QtBot, window: MainWindow, demo_panel: DemoPanel
) -> None:
    action(window, "tab1Action").trigger()  # Services (the window opens on the Overview)
    before = demo_panel.requests["services"]
    with qtbot.waitSignal(window.context.desk.services_loaded, timeout=LOAD_TIMEOUT_MS):
        action(window, "refreshAction").trigger()
    assert demo_panel.requests["services"] == before + 1


def test_background_failures_are_described_in_the_status_bar(
    qtbot: QtBot, window: MainWindow, demo_panel: DemoPanel
) -> None:
    demo_panel.inject("balance", "html", count=RetryPolicy().max_attempts)  # reads retry
    with qtbot.waitSignal(window.context.desk.task_failed, timeout=LOAD_TIMEOUT_MS):
        window.context.refresh_balance()
    assert window.statusBar().currentMessage().startswith("Unexpected answer from the panel")


def test_busy_indicator_follows_the_desk(qtbot: QtBot, window: MainWindow) -> None:
    indicator = window.status.busy_indicator
    window.context.desk.busy_changed.emit(2)
    assert indicator.isVisible()
    window.context.desk.busy_changed.emit(0)
    assert not indicator.isVisible()


def test_switching_panel_from_the_toolbar(
    store: Store, qtbot: QtBot, window: MainWindow, context: AppContext, test_panel: Panel
) -> None:
    other = store.add_panel("Second panel", "https://panel.invalid/api/v2")
    context.set_panels(store.panels())
    switcher = window.switcher
    row = switcher.panels.row_of(other.id)
    switcher.setCurrentIndex(row)
    switcher.activated.emit(row)
    assert context.panel_id == other.id
    assert window.services_pane.model.rowCount() == 0
    switcher.activated.emit(switcher.panels.row_of(test_panel.id))
    qtbot.waitUntil(lambda: window.services_pane.model.rowCount() == 120, timeout=LOAD_TIMEOUT_MS)


def test_column_layouts_of_every_table_are_remembered(
    qtbot: QtBot, window: MainWindow, context: AppContext
) -> None:
    tables = {
        "services": lambda w: w.services_pane.table,
        "orders": lambda w: w.orders_pane.view,
        "refills": lambda w: w.refills_pane.view,
    }
    column = 3  # shown in every table (Panel columns are hidden while one panel is shown)
    for number, table_of in enumerate(tables.values(), start=1):
        table_of(window).setColumnWidth(column, 50 + 17 * number)
    window.close()
    again = MainWindow(context)
    qtbot.addWidget(again)
    widths = {name: table_of(again).columnWidth(column) for name, table_of in tables.items()}
    assert widths == {"services": 67, "orders": 84, "refills": 101}


def test_geometry_is_saved_and_restored(
    qtbot: QtBot, window: MainWindow, context: AppContext, settings: Settings
) -> None:
    window.resize(760, 500)  # within the offscreen platform's 800x600 screen
    window.close()
    assert settings.geometry("window/geometry") is not None
    again = MainWindow(context)
    qtbot.addWidget(again)
    assert again.size() == window.size()


def test_shortcuts_are_bound_once_the_window_without_data_is_painted(
    qtbot: QtBot, settings: Settings
) -> None:
    bare = MainWindow(settings=settings)  # as the app builds it: data comes after the paint
    qtbot.addWidget(bare)
    with qtbot.waitSignal(bare.first_painted):
        bare.show()
    qtbot.waitUntil(lambda: not action(bare, "tab1Action").shortcut().isEmpty())
    assert action(bare, "tab1Action").shortcut() == QKeySequence("Ctrl+1")
    assert action(bare, "refreshAction").shortcut() == QKeySequence("F5")

"""Links between panes: orders again in bulk into the Mass order tab, a notice or an
overview count into the Orders tab with its orders selected, a price board row into the
New order form on its own panel."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from smmdesk.api import Service
from smmdesk.api.draft import OrderDraft
from smmdesk.services.notices import Notice, NoticeKind
from smmdesk.store import OrderRecord, Store
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.window.main_window import MainWindow
from tests.ui.conftest import LOAD_TIMEOUT_MS


def place_two(qtbot: QtBot, window: MainWindow, context: AppContext) -> list[OrderRecord]:
    placed: list[OrderRecord] = []
    context.desk.order_placed.connect(lambda _ticket, record: placed.append(record))
    service = next(s for s in context.services if s.type == "Default")
    for number in (1, 2):
        draft = OrderDraft.of(service, f"https://instagram.com/p/again{number}", service.min)
        context.desk.place_order(context.panel_id, draft)
    qtbot.waitUntil(lambda: len(placed) == 2, timeout=LOAD_TIMEOUT_MS)
    pane = window.orders_pane
    window.tabs.setCurrentWidget(pane)
    pane.reload()
    qtbot.waitUntil(lambda: pane.model.rowCount() == 2, timeout=LOAD_TIMEOUT_MS)
    return placed


def test_orders_selected_become_a_checked_mass_order(
    qtbot: QtBot, window: MainWindow, context: AppContext
) -> None:
    place_two(qtbot, window, context)
    pane = window.orders_pane
    pane.view.selectAll()
    assert pane.order_again_bulk_action.isEnabled()
    pane.order_again_bulk_action.trigger()
    mass = window.mass_pane
    assert window.tabs.currentWidget() is mass
    qtbot.waitUntil(lambda: mass.model.rowCount() == 2, timeout=LOAD_TIMEOUT_MS)


def test_a_clicked_notice_selects_its_orders(
    qtbot: QtBot, window: MainWindow, context: AppContext
) -> None:
    placed = place_two(qtbot, window, context)
    notice = Notice(NoticeKind.UNCONFIRMED, context.panel_id, "Test panel", 1, (placed[0].id,))
    window.links.show_notice(notice)
    pane = window.orders_pane
    assert window.tabs.currentWidget() is pane
    assert pane.status_tabs.tabData(pane.status_tabs.currentIndex()) == "unconfirmed"


def test_order_on_this_panel_opens_the_form_with_that_service_on_that_panel(
    qtbot: QtBot, window: MainWindow, context: AppContext, store: Store
) -> None:
    zebra = Service("77", "Zebra Followers | R30", "Default", "Zebra", Decimal("0.10"), 10, 1000)
    other = store.add_panel("Other panel", "https://other.example/api/v2")
    store.save_services(other.id, [zebra], datetime.now(UTC))
    context.set_panels(store.panels())
    board = window.price_board_pane
    with qtbot.waitSignal(context.desk.price_board_loaded, timeout=LOAD_TIMEOUT_MS):
        window.tabs.setCurrentWidget(board)
    qtbot.keyClicks(board.search, "zebra")
    board.table.selectRow(0)

    qtbot.mouseClick(board.order_button, Qt.MouseButton.LeftButton)

    assert window.tabs.currentWidget() is window.order_pane
    qtbot.waitUntil(
        lambda: window.order_pane.picker.current_service() == zebra, timeout=LOAD_TIMEOUT_MS
    )
    assert context.panel_id == other.id

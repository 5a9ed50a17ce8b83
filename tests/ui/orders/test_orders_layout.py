"""The Orders tab in the real main window: at 1024x640 the columns a reseller reads first
are on screen without scrolling sideways; at 1920 px Service and Link take the room."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView
from pytestqt.qtbot import QtBot

from smmdesk.api import Service
from smmdesk.store import Store
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.orders.orders_model import OrderColumn
from smmdesk.ui.orders.orders_view import stretched_widths
from smmdesk.ui.window.main_window import MainWindow
from tests.ui.conftest import LOAD_TIMEOUT_MS
from tests.ui.order_helpers import import_history, unconfirmed_order

ESSENTIAL = (
    OrderColumn.DATE,
    OrderColumn.SERVICE,
    OrderColumn.LINK,
    OrderColumn.QUANTITY,
    OrderColumn.CHARGE,
    OrderColumn.REMAINS,
    OrderColumn.STATUS,
)
LONG_SERVICE = Service(
    "4021",
    "Instagram Followers | Real Accounts | Brazil | Refill 365 days | Max 500K | Instant",
    "Default",
    "Instagram",
    Decimal("1.25"),
    10,
    500_000,
    refill=True,
)
LONG_LINK = "https://www.instagram.com/p/" + "C" * 120 + "/?utm_source=ig_web_copy_link"


@pytest.fixture
def window(qtbot: QtBot, context: AppContext, store: Store) -> Iterator[MainWindow]:
    """The main window on the Orders tab, with more orders than fit its height (so the
    vertical scroll bar takes its share of the width) and one with long texts."""
    import_history(store, context.panel_id, 120)
    unconfirmed_order(store, context.panel_id, LONG_SERVICE, LONG_LINK)
    built = MainWindow(context)
    qtbot.addWidget(built)
    built.show()
    qtbot.waitExposed(built)
    built.tabs.setCurrentWidget(built.orders_pane)
    yield built
    built.close()


def shown_at(qtbot: QtBot, window: MainWindow, width: int, height: int) -> QHeaderView:
    window.resize(width, height)
    view = window.orders_pane.view
    qtbot.waitUntil(lambda: window.width() == width, timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(lambda: view.verticalScrollBar().isVisible(), timeout=LOAD_TIMEOUT_MS)
    return view.horizontalHeader()


@pytest.mark.parametrize("all_panels", [False, True], ids=["one panel", "all panels"])
def test_the_columns_that_matter_fit_a_1024_window(
    qtbot: QtBot, window: MainWindow, all_panels: bool
) -> None:
    header = shown_at(qtbot, window, 1024, 640)
    window.orders_pane.all_panels_check.setChecked(all_panels)
    assert header.isSectionHidden(OrderColumn.PANEL) is not all_panels
    view = window.orders_pane.view
    assert view.horizontalScrollBar().value() == 0
    right_edge = view.viewport().width()
    for column in (*ESSENTIAL, OrderColumn.ORDER_ID):
        left = header.sectionViewportPosition(column)
        assert left >= 0, column.name
        assert left + header.sectionSize(column) <= right_edge, column.name
    assert header.sectionSize(OrderColumn.SERVICE) >= 100
    assert header.sectionSize(OrderColumn.LINK) >= 100


def test_service_and_link_take_the_room_of_a_wide_window(qtbot: QtBot, window: MainWindow) -> None:
    header = shown_at(qtbot, window, 1920, 1080)
    view = window.orders_pane.view
    shown = [c for c in OrderColumn if not header.isSectionHidden(c)]
    widths = {c: header.sectionSize(c) for c in shown}
    widest = sorted(shown, key=widths.__getitem__, reverse=True)[:2]
    assert set(widest) == {OrderColumn.SERVICE, OrderColumn.LINK}
    assert widths[OrderColumn.SERVICE] > widths[OrderColumn.LINK]  # names run longer
    assert sum(widths.values()) == view.viewport().width()  # every column, no scrolling
    qtbot.waitUntil(lambda: not view.horizontalScrollBar().isVisible(), timeout=LOAD_TIMEOUT_MS)


def test_the_user_s_widths_are_kept_and_service_and_link_keep_their_proportion(
    qtbot: QtBot, window: MainWindow, context: AppContext
) -> None:
    header = shown_at(qtbot, window, 1600, 900)
    header.resizeSection(OrderColumn.NOTE, 300)
    header.resizeSection(OrderColumn.SERVICE, 2 * header.sectionSize(OrderColumn.LINK))
    shown_at(qtbot, window, 1920, 1080)
    assert header.sectionSize(OrderColumn.NOTE) == 300
    assert service_to_link(header) == pytest.approx(2, rel=0.02)
    window.close()  # the layout is saved
    again = MainWindow(context)
    qtbot.addWidget(again)
    again.show()
    again.tabs.setCurrentWidget(again.orders_pane)
    header = shown_at(qtbot, again, 1280, 800)
    assert header.sectionSize(OrderColumn.NOTE) == 300
    assert service_to_link(header) == pytest.approx(2, rel=0.02)


def service_to_link(header: QHeaderView) -> float:
    return header.sectionSize(OrderColumn.SERVICE) / header.sectionSize(OrderColumn.LINK)


def test_a_long_service_or_link_elides_and_its_tooltip_has_it_whole(
    qtbot: QtBot, window: MainWindow
) -> None:
    shown_at(qtbot, window, 1024, 640)
    model = window.orders_pane.model
    row = next(r for r in range(model.rowCount()) if model.record(r).link == LONG_LINK)
    assert LONG_LINK in str(model.index(row, OrderColumn.LINK).data(Qt.ItemDataRole.ToolTipRole))
    assert window.width() == 1024  # the long texts did not widen the window


@pytest.mark.parametrize(
    ("viewport", "expected"),
    [
        (2000, (385, 315)),  # every column fits: Service and Link take the rest
        (1500, (220, 180)),  # not every column: the first ones fit, up to the preferred
        (900, (165, 135)),  # a narrow window: what the first columns leave
        (500, (50, 50)),  # narrower still: never below the least
    ],
)
def test_stretched_widths(viewport: int, expected: tuple[int, int]) -> None:
    # Date, Panel (hidden), Order ID, Service, Link, Quantity, Charge, Remains, Status,
    # then seven more columns of 100.
    widths = [100, 0, 100, 1, 1, 100, 100, 100, 100, *[100] * 7]
    assert stretched_widths(widths, viewport, 0.55, preferred=400, least=50) == expected

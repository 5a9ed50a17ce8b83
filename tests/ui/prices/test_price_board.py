"""The price board on real cached catalogues: two panels (the test panel, fetched from the
demo server, and a second one with a catalogue in euros), one search across both, and the
completion times of the user's own orders."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from smmdesk.api import Balance, Service
from smmdesk.settings import CURRENCY_RATES, Settings
from smmdesk.store import Panel, Store
from smmdesk.ui.common.balances import BalanceBook
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.prices.board_model import COMPLETION_TIP, Column
from smmdesk.ui.prices.board_pane import PriceBoardPane
from smmdesk.workers import Job, Ticket
from tests.insight_orders import order

EURO_SERVICE = Service(
    "77", "Zebra Followers Brazil | R30", "Default", "Zebra", Decimal("0.10"), 10, 1000
)


@pytest.fixture
def pane(qtbot: QtBot, context: AppContext, store: Store) -> PriceBoardPane:
    return board_pane(qtbot, context, store)


def board_pane(qtbot: QtBot, context: AppContext, store: Store) -> PriceBoardPane:
    """The board over the test panel's catalogue and the euro panel's, shown and loaded."""
    euro = store.add_panel("Euro panel", "https://euro.example/api/v2")
    store.save_services(euro.id, [EURO_SERVICE], datetime.now(UTC))
    context.set_panels(store.panels())
    book = BalanceBook(context)
    book.on_desk_balance_loaded(Ticket(Job.BALANCE, euro.id, 0), Balance(Decimal(5), "EUR"))
    board = PriceBoardPane(context, book)
    qtbot.addWidget(board)
    board.resize(1200, 600)
    with qtbot.waitSignal(context.desk.price_board_loaded, timeout=10_000):
        board.show()
    return board


def shown(board: PriceBoardPane, column: Column) -> list[str]:
    model = board.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_every_panel_is_searched_at_once_by_words_in_any_order(
    qtbot: QtBot, pane: PriceBoardPane, qtmodeltester: ModelTester, test_panel: Panel
) -> None:
    qtmodeltester.check(pane.model)
    assert set(shown(pane, Column.PANEL)) == {"Euro panel", test_panel.name}
    qtbot.keyClicks(pane.search, "brazil ZEBRA")
    assert shown(pane, Column.SERVICE) == [EURO_SERVICE.name]
    assert shown(pane, Column.RATE) == ["not compared"]  # no rate for EUR yet
    assert shown(pane, Column.REFILL) == ["30 days"]
    assert "Not compared (no conversion rate for EUR)" in pane.summary.text()


def test_a_typed_rate_compares_the_other_currency(
    qtbot: QtBot, pane: PriceBoardPane, settings: Settings, context: AppContext
) -> None:
    with qtbot.waitSignal(context.desk.price_board_loaded, timeout=10_000):
        settings.set(CURRENCY_RATES, "EUR=1.10")
    qtbot.keyClicks(pane.search, "zebra")
    assert shown(pane, Column.RATE) == ["0.11 USD per 1000"]
    assert shown(pane, Column.PANEL_RATE) == ["0.10 EUR"]


def test_order_on_this_panel_names_the_panel_and_the_service(
    qtbot: QtBot, pane: PriceBoardPane
) -> None:
    qtbot.keyClicks(pane.search, "zebra")
    pane.table.selectRow(0)
    with qtbot.waitSignal(pane.order_requested) as requested:
        qtbot.mouseClick(pane.order_button, Qt.MouseButton.LeftButton)
    panel_id, service_id = requested.args
    assert service_id == "77" and panel_id != 0


def test_a_search_that_finds_nothing_says_so_and_clears(qtbot: QtBot, pane: PriceBoardPane) -> None:
    assert not pane.empty_note.isVisible()
    qtbot.keyClicks(pane.search, "nothing like this anywhere")
    assert pane.model.rowCount() == 0
    assert pane.empty_note.isVisible()
    assert pane.empty_note.label.text() == (
        "No service of any panel matches “nothing like this anywhere”."
    )
    qtbot.mouseClick(pane.empty_note.button, Qt.MouseButton.LeftButton)
    assert pane.search.text() == "" and pane.model.rowCount() > 0
    assert not pane.empty_note.isVisible()


def test_a_currency_nothing_converts_into_is_not_called_cheapest_first(
    qtbot: QtBot, pane: PriceBoardPane, settings: Settings, context: AppContext
) -> None:
    with qtbot.waitSignal(context.desk.price_board_loaded, timeout=10_000):
        pane.currency.setCurrentText("GBP")
    assert pane.summary.text() == (
        "2 panels, 121 services: none can be compared in GBP. "
        "Not compared (no conversion rate for EUR, USD): add one with Rates…"
    )


def test_a_panel_whose_currency_is_unknown_is_named(
    qtbot: QtBot, context: AppContext, store: Store
) -> None:
    silent = store.add_panel("Silent panel", "https://silent.example/api/v2")
    store.save_services(silent.id, [replace(EURO_SERVICE, id="78")], datetime.now(UTC))
    board = board_pane(qtbot, context, store)
    assert board.summary.text().endswith(
        "Not compared until a balance says their currency: Silent panel."
    )


def test_the_median_completion_of_the_user_s_own_orders_is_shown(
    qtbot: QtBot, context: AppContext, store: Store, test_panel: Panel
) -> None:
    service = context.services[0]
    yesterday = date.today() - timedelta(days=1)
    placed = datetime.combine(yesterday, time(12)).astimezone()
    for minutes in (200, 330, 400):  # the median: 5 h 30 min
        order(store, test_panel, yesterday, "1", service=service,
              finished_at=placed + timedelta(minutes=minutes))  # fmt: skip
    board = board_pane(qtbot, context, store)

    qtbot.keyClicks(board.search, service.id)
    row = shown(board, Column.SERVICE).index(service.name)
    cell = board.model.index(row, Column.COMPLETION)
    assert cell.data() == "5 h 30 min (3)"
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == (
        "median 5 h 30 min, slowest 6 h 40 min (3 orders)"
    )
    header = board.model.headerData(Column.COMPLETION, Qt.Orientation.Horizontal,
                                    Qt.ItemDataRole.ToolTipRole)  # fmt: skip
    assert header == COMPLETION_TIP
    board.search.clear()
    completions = shown(board, Column.COMPLETION)
    assert completions.count("") == len(completions) - 1  # never ordered: nothing to say


def test_an_orders_refresh_brings_new_completion_times_without_a_new_index(
    qtbot: QtBot, context: AppContext, store: Store, test_panel: Panel
) -> None:
    service = context.services[0]
    board = board_pane(qtbot, context, store)
    qtbot.keyClicks(board.search, service.id)
    board.table.selectRow(0)
    row = shown(board, Column.SERVICE).index(service.name)
    assert shown(board, Column.COMPLETION)[row] == ""
    built = board.model.index_

    yesterday = date.today() - timedelta(days=1)
    placed = datetime.combine(yesterday, time(12)).astimezone()
    order(store, test_panel, yesterday, "1", service=service,
          finished_at=placed + timedelta(hours=2))  # fmt: skip
    with qtbot.waitSignal(context.desk.scorecard_loaded, timeout=10_000):
        context.desk.refresh_orders(test_panel.id)

    assert shown(board, Column.COMPLETION)[row] == "2 h (1)"
    assert board.model.index_ is built  # not built again: the search and selection stay
    assert board.search.text() == service.id and board.selected_row() is not None

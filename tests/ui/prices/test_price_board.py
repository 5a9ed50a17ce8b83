"""The price board on real cached catalogues: two panels (the test panel, fetched from the
demo server, and a second one with a catalogue in euros), one search across both."""

from __future__ import annotations

from datetime import UTC, datetime
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
from smmdesk.ui.prices.board_model import Column
from smmdesk.ui.prices.board_pane import PriceBoardPane
from smmdesk.workers import Job, Ticket

EURO_SERVICE = Service(
    "77", "Zebra Followers Brazil | R30", "Default", "Zebra", Decimal("0.10"), 10, 1000
)


@pytest.fixture
def pane(qtbot: QtBot, context: AppContext, store: Store) -> PriceBoardPane:
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


def test_a_search_that_finds_nothing_shows_no_rows(qtbot: QtBot, pane: PriceBoardPane) -> None:
    qtbot.keyClicks(pane.search, "nothing like this anywhere")
    assert pane.model.rowCount() == 0

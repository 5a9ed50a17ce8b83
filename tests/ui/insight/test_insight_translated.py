"""Every word the insight tabs show goes through Qt's translation system: with a
pseudo-translation installed (each text of these contexts wrapped in « »), the tabs,
their column headers, the words in their cells and their summaries all come out wrapped.
Data (names, IDs, amounts, dates) is never translated."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from smmdesk.api import OrderState
from smmdesk.store import Panel, RefillWindow, Store, WatchedPrice
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.insight.insight_pane import InsightPane
from smmdesk.ui.insight.refill_model import WindowColumn, WindowModel
from smmdesk.ui.insight.refill_tab import RefillWindowsTab
from smmdesk.ui.insight.reports_tab import ReportsTab
from smmdesk.ui.insight.scorecard_model import ScoreColumn
from smmdesk.ui.insight.scorecard_tab import ScorecardTab
from smmdesk.ui.insight.service_score import ServiceScoreBox
from smmdesk.ui.insight.watch_model import WatchColumn, WatchModel
from smmdesk.ui.insight.watch_tab import PriceWatchTab
from tests.insight_orders import LIKES, order
from tests.ui.pseudo import pseudo_translation, wrapped

CONTEXTS = frozenset({"Insight", "Reports", "Scorecard", "RefillWindows", "PriceWatch"})
TODAY = date.today()
NOW = datetime.now(UTC)


@pytest.fixture
def pseudo(qapp: QApplication) -> Iterator[None]:
    with pseudo_translation(qapp, CONTEXTS):
        yield


def headers(model: QAbstractItemModel) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def items(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def shown(qtbot: QtBot, tab: ScorecardTab | ReportsTab, signal: object) -> None:
    qtbot.addWidget(tab)
    with qtbot.waitSignal(signal, timeout=10_000):
        tab.show()


def test_the_pane_s_tabs(qtbot: QtBot, context: AppContext, pseudo: None) -> None:
    pane = InsightPane(context)
    qtbot.addWidget(pane)
    assert all(wrapped(pane.tabs.tabText(i)) for i in range(pane.tabs.count()))


def test_the_scorecard(
    qtbot: QtBot, context: AppContext, store: Store, test_panel: Panel, pseudo: None
) -> None:
    order(store, test_panel, TODAY, "1", finished_at=NOW)
    tab = ScorecardTab(context)
    shown(qtbot, tab, context.desk.scorecard_loaded)

    assert all(map(wrapped, headers(tab.model)))
    assert all(map(wrapped, items(tab.view)))
    assert wrapped(tab.stuck_hours.suffix()) and wrapped(tab.stuck_hours.toolTip())
    assert wrapped(tab.summary.text())
    assert all(f"«1 {noun}»" in tab.summary.text() for noun in ("order", "panel", "service"))
    [spread] = [tab.proxy.index(0, ScoreColumn.TO_COMPLETE).data()]
    assert wrapped(spread) and "«1 order»" in spread
    assert tab.proxy.index(0, ScoreColumn.SPEND).data() == "1.00 USD"  # money: not words

    box = ServiceScoreBox(context)
    qtbot.addWidget(box)
    with qtbot.waitSignal(context.desk.scorecard_loaded, timeout=10_000):
        box.show_service(test_panel.id, LIKES.id)
    assert wrapped(box.text.text())
    box.show_service(test_panel.id, "no such service")
    assert wrapped(box.text.text())


def test_the_reports(
    qtbot: QtBot, context: AppContext, store: Store, test_panel: Panel, pseudo: None
) -> None:
    order(store, test_panel, TODAY, "1.25")
    tab = ReportsTab(context)
    shown(qtbot, tab, context.desk.report_built)

    assert all(map(wrapped, headers(tab.model)))
    for combo in (tab.range, tab.bucket, tab.grouping, tab.measure):
        assert all(map(wrapped, items(combo)))
    assert wrapped(tab.export_button.text()) and wrapped(tab.save_chart_button.text())
    assert wrapped(tab.summary.text()) and "1.25 USD" in tab.summary.text()
    assert tab.chart is not None
    [_periods, amounts] = tab.chart.chart.axes()
    assert amounts.titleText() == "«Spend (USD)»"


def test_the_refill_windows(
    qtbot: QtBot, context: AppContext, store: Store, test_panel: Panel, pseudo: None
) -> None:
    tab = RefillWindowsTab(context)
    qtbot.addWidget(tab)
    assert wrapped(tab.days.suffix()) and wrapped(tab.refill_button.text())
    with qtbot.waitSignal(context.desk.refill_windows_listed, timeout=10_000):
        tab.show()
    assert wrapped(tab.summary.text())

    record = store.order(order(store, test_panel, TODAY, "1", finished_at=NOW))
    assert record is not None
    model = WindowModel()
    model.set_rows([RefillWindow(record, 30, NOW + timedelta(days=3, hours=1))])
    assert all(map(wrapped, headers(model)))
    for column in (WindowColumn.CLOSES, WindowColumn.GUARANTEE, WindowColumn.STATUS):
        assert wrapped(model.index(0, column).data())
    assert record.state is OrderState.COMPLETED
    assert "«Completed»" in model.index(0, WindowColumn.STATUS).data()


def test_the_price_watch(qtbot: QtBot, context: AppContext, pseudo: None) -> None:
    tab = PriceWatchTab(context)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(context.desk.watched_prices_listed, timeout=10_000):
        tab.show()
    assert wrapped(tab.summary.text())

    model = WatchModel()
    model.set_rows([WatchedPrice(1, "7", "Views", Decimal("0.5"), None, NOW)])
    assert all(map(wrapped, headers(model)))
    assert wrapped(model.index(0, WatchColumn.NEW_RATE).data())
    assert wrapped(model.index(0, WatchColumn.CHANGE).data())
    assert model.index(0, WatchColumn.SERVICE).data() == "Views"  # a name: not words

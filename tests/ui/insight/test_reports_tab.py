"""The Reports tab on a real store: chart and table, one currency at a time, the plain
explanations that replace a chart not worth drawing, CSV and PNG out."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from smmdesk.store import Panel, Store
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.insight import report_words as words
from smmdesk.ui.insight.report_model import ReportColumn
from smmdesk.ui.insight.reports_tab import ReportsTab
from tests.insight_orders import order

TODAY = date.today()


@pytest.fixture
def euro(store: Store, context: AppContext) -> Panel:
    panel = store.add_panel("Euro panel", "https://eur.example/api/v2")
    context.set_panels(store.panels())
    return panel


def open_tab(qtbot: QtBot, context: AppContext) -> ReportsTab:
    tab = ReportsTab(context)
    qtbot.addWidget(tab)
    tab.resize(1024, 640)
    with qtbot.waitSignal(context.desk.report_built, timeout=10_000):
        tab.show()
    return tab


def rebuilt(qtbot: QtBot, tab: ReportsTab, change: object) -> None:
    with qtbot.waitSignal(tab._context.desk.report_built, timeout=10_000):
        change()  # type: ignore[operator]


def cells(tab: ReportsTab, column: ReportColumn) -> list[str]:
    model = tab.proxy
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_spend_per_panel_as_chart_and_table_one_currency_at_a_time(
    qtbot: QtBot,
    context: AppContext,
    store: Store,
    test_panel: Panel,
    euro: Panel,
    qtmodeltester: ModelTester,
) -> None:
    order(store, test_panel, TODAY, "1.25")
    order(store, test_panel, TODAY - timedelta(1), "2.50")
    order(store, euro, TODAY, "9.00", currency="EUR")

    tab = open_tab(qtbot, context)

    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.proxy)
    assert sorted(cells(tab, ReportColumn.CURRENCY)) == ["EUR", "USD", "USD"]
    assert tab.chart is not None and tab.chart_area.currentWidget() is tab.chart
    assert "3 orders" in tab.summary.text() and "9.00 EUR" in tab.summary.text()
    assert "kept apart, never added together" in tab.note.text()
    assert tab.shown_currency() == "EUR"  # the larger spend first
    tab.currency.setCurrentIndex(1)
    assert tab.shown_currency() == "USD"
    series = tab.chart.chart.series()[0]
    assert [bar.label() for bar in series.barSets()] == [test_panel.name]
    assert sum(series.barSets()[0].at(i) for i in range(series.barSets()[0].count())) == 3.75


def test_no_orders_yet_is_said_instead_of_an_empty_chart(qtbot: QtBot, context: AppContext) -> None:
    tab = open_tab(qtbot, context)

    assert tab.chart_area.currentWidget() is tab.explanation
    assert tab.explanation.text() == words.NO_ORDERS
    assert not tab.save_chart_button.isEnabled() and not tab.export_button.isEnabled()


def test_a_range_without_orders_says_where_the_orders_are(
    qtbot: QtBot, context: AppContext, store: Store, test_panel: Panel
) -> None:
    order(store, test_panel, TODAY - timedelta(days=400), "1")
    tab = open_tab(qtbot, context)

    placed = (TODAY - timedelta(days=400)).isoformat()
    assert tab.explanation.text().startswith("No orders were placed from")
    assert tab.explanation.text().endswith(f"Your one order was placed on {placed}.")
    future = QDate.currentDate().addYears(1)
    rebuilt(qtbot, tab, lambda: tab.last_day.setDate(future.addDays(5)))
    rebuilt(qtbot, tab, lambda: tab.first_day.setDate(future))
    assert "That range is in the future." in tab.explanation.text()


def test_a_backwards_range_is_explained_and_asks_nothing(
    qtbot: QtBot, context: AppContext, store: Store, test_panel: Panel
) -> None:
    order(store, test_panel, TODAY, "1")
    tab = open_tab(qtbot, context)

    assert tab.export_button.isEnabled()
    tab.first_day.setDate(QDate.currentDate().addDays(3))

    assert tab.explanation.text() == words.BACKWARDS
    assert tab.model.rowCount() == 0
    assert not tab.export_button.isEnabled()  # the lines no longer shown are not exported
    tab.measure.setCurrentIndex(1)  # nor drawn again
    assert tab.explanation.text() == words.BACKWARDS
    assert tab.chart_area.currentWidget() is tab.explanation


def test_too_many_days_for_one_chart_and_profit_without_sell_prices(
    qtbot: QtBot, context: AppContext, store: Store, test_panel: Panel
) -> None:
    order(store, test_panel, TODAY, "1")
    tab = open_tab(qtbot, context)

    rebuilt(qtbot, tab, lambda: tab.first_day.setDate(QDate(2000, 1, 1)))
    assert "too many bars for one chart" in tab.explanation.text()
    assert tab.model.rowCount() == 1  # the table still lists it

    rebuilt(qtbot, tab, lambda: tab.bucket.setCurrentIndex(2))  # months: still too many
    assert "months are too many bars" in tab.explanation.text()
    assert "choose fewer years or a shorter range" in tab.explanation.text()
    rebuilt(qtbot, tab, lambda: tab.first_day.setDate(QDate.currentDate().addYears(-3)))
    assert tab.chart_area.currentWidget() is tab.chart
    tab.measure.setCurrentIndex(1)  # profit
    assert tab.explanation.text().startswith("This order has no sell price, so there is no profit")


def test_a_year_picked_from_the_list_is_charted_by_week(
    qtbot: QtBot, context: AppContext, store: Store, test_panel: Panel
) -> None:
    order(store, test_panel, TODAY, "1")
    tab = open_tab(qtbot, context)
    assert tab.bucket.currentText() == "Day"

    rebuilt(qtbot, tab, lambda: tab.range.setCurrentIndex(3))  # last 12 months

    assert tab.bucket.currentText() == "Week"  # 53 bars, not 365
    assert tab.chart_area.currentWidget() is tab.chart
    rebuilt(qtbot, tab, lambda: tab.bucket.setCurrentIndex(2))  # months: the user's
    rebuilt(qtbot, tab, lambda: tab.range.setCurrentIndex(1))  # last 30 days
    assert tab.bucket.currentText() == "Month"


def test_the_period_column_is_as_wide_as_a_week_s_name(
    qtbot: QtBot, context: AppContext, store: Store, test_panel: Panel
) -> None:
    order(store, test_panel, TODAY, "1.25")
    tab = open_tab(qtbot, context)

    rebuilt(qtbot, tab, lambda: tab.bucket.setCurrentIndex(1))  # weeks

    text = cells(tab, ReportColumn.PERIOD)[0]
    assert text.startswith("week of ")
    width = tab.table.fontMetrics().horizontalAdvance(text)
    assert tab.table.columnWidth(ReportColumn.PERIOD) > width


def test_a_single_sold_order_shows_its_profit(
    qtbot: QtBot, context: AppContext, store: Store, test_panel: Panel
) -> None:
    order(store, test_panel, TODAY, "1", sell="1.75", customer="Acme")
    tab = open_tab(qtbot, context)

    rebuilt(qtbot, tab, lambda: tab.grouping.setCurrentIndex(3))  # per customer
    tab.measure.setCurrentIndex(1)

    assert cells(tab, ReportColumn.GROUP) == ["Acme"]
    assert cells(tab, ReportColumn.PROFIT) == ["0.75"]
    assert tab.chart_area.currentWidget() is tab.chart
    assert "Profit 0.75 USD on the 1 order with a sell price" in tab.summary.text()


def test_the_table_goes_to_csv_and_the_chart_to_png(
    qtbot: QtBot, context: AppContext, store: Store, test_panel: Panel, tmp_path: Path
) -> None:
    order(store, test_panel, TODAY, "1.5")
    tab = open_tab(qtbot, context)
    desk = context.desk

    with qtbot.waitSignal(desk.report_exported, timeout=10_000):
        tab.export_to(tmp_path / "report.csv")
    with qtbot.waitSignal(desk.report_exported, timeout=10_000):
        tab.save_chart_to(tmp_path / "chart.png")

    text = (tmp_path / "report.csv").read_text(encoding="utf-8-sig")
    assert f"{TODAY.isoformat()},{test_panel.name},USD,1,1.5," in text
    assert (tmp_path / "chart.png").read_bytes().startswith(b"\x89PNG")
    assert "chart.png" in tab.note.text()


def test_a_folder_that_is_gone_writes_nothing_and_says_why(
    qtbot: QtBot, context: AppContext, store: Store, test_panel: Panel, tmp_path: Path
) -> None:
    order(store, test_panel, TODAY, "1.5")
    tab = open_tab(qtbot, context)

    with qtbot.waitSignal(context.desk.task_failed, timeout=10_000):
        tab.export_to(tmp_path / "gone" / "report.csv")

    assert "does not exist" in tab.note.text()
    assert not (tmp_path / "gone").exists()

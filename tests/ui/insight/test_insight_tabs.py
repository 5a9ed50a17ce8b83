"""Scorecard, Refill windows and Price watch on a real store and the demo panel; the pane
that holds them, and the score box for the services details."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from smmdesk.api import OrderState, Service
from smmdesk.demopanel import DemoPanel
from smmdesk.store import Panel, Store
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.insight.insight_pane import InsightPane
from smmdesk.ui.insight.refill_model import WindowColumn
from smmdesk.ui.insight.refill_tab import RefillWindowsTab, none_closing
from smmdesk.ui.insight.scorecard_model import ScoreColumn
from smmdesk.ui.insight.scorecard_tab import NO_ORDERS, ScorecardTab
from smmdesk.ui.insight.service_score import NOT_ORDERED, ServiceScoreBox
from smmdesk.ui.insight.watch_model import VANISHED, WatchColumn
from smmdesk.ui.insight.watch_tab import PriceWatchTab, nothing_moved
from smmdesk.ui.orders.bulk_dialogs import BulkOutcomeDialog
from tests.insight_orders import LIKES, order

TODAY = date.today()
NOW = datetime.now(UTC)


def shown(
    qtbot: QtBot, widget: ScorecardTab | RefillWindowsTab | PriceWatchTab, signal: object
) -> None:
    qtbot.addWidget(widget)
    widget.resize(1024, 640)
    with qtbot.waitSignal(signal, timeout=10_000):
        widget.show()


def column(model: object, which: int) -> list[str]:
    return [model.index(row, which).data() for row in range(model.rowCount())]  # type: ignore[attr-defined]


# -- scorecard --------------------------------------------------------------------------


def test_no_orders_yet_is_said_plainly(qtbot: QtBot, context: AppContext) -> None:
    tab = ScorecardTab(context)
    shown(qtbot, tab, context.desk.scorecard_loaded)
    assert tab.summary.text() == NO_ORDERS and tab.model.rowCount() == 0


def test_each_figure_says_how_many_orders_it_rests_on(
    qtbot: QtBot, context: AppContext, store: Store, test_panel: Panel, qtmodeltester: ModelTester
) -> None:
    order(store, test_panel, TODAY, "1", finished_at=NOW)
    tab = ScorecardTab(context)
    shown(qtbot, tab, context.desk.scorecard_loaded)

    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.proxy)
    [started] = column(tab.proxy, ScoreColumn.TO_COMPLETE)
    assert started.startswith("median ") and started.endswith("(1 order)")
    assert column(tab.proxy, ScoreColumn.START_P90) == [""]  # one order has no p90
    assert "One order is too few to judge a provider by." in tab.summary.text()

    tab.view.setCurrentIndex(1)  # per panel
    assert column(tab.proxy, ScoreColumn.PANEL) == [test_panel.name]
    assert tab.table.isColumnHidden(ScoreColumn.SERVICE)


def test_the_stuck_threshold_is_the_user_s(
    qtbot: QtBot, context: AppContext, store: Store, test_panel: Panel
) -> None:
    order(store, test_panel, TODAY, "1", state=OrderState.IN_PROGRESS, remains=10,
          finished_at=NOW - timedelta(hours=5))  # fmt: skip
    tab = ScorecardTab(context)
    shown(qtbot, tab, context.desk.scorecard_loaded)
    assert column(tab.proxy, ScoreColumn.STUCK) == [""]

    with qtbot.waitSignal(context.desk.scorecard_loaded, timeout=10_000):
        tab.stuck_hours.setValue(4)

    assert column(tab.proxy, ScoreColumn.STUCK) == ["1"]
    assert "1 order had no progress for 4 h or more." in tab.summary.text()


# -- refill windows ---------------------------------------------------------------------


def refillable(context: AppContext) -> Service:
    return next(s for s in context.services if s.refill and s.type == "Default" and not s.dripfeed)


def test_refill_all_refills_what_dropped_or_went_partial_and_shows_every_outcome(
    qtbot: QtBot,
    context: AppContext,
    store: Store,
    test_panel: Panel,
    demo_panel: DemoPanel,
    qtmodeltester: ModelTester,
) -> None:
    service = refillable(context)
    ids = demo_panel.create_orders(3, int(service.id))
    demo_panel.advance(30 * 86400)  # the panel completed them
    finished = NOW - timedelta(days=27)
    records = [
        order(store, test_panel, TODAY - timedelta(28), "1", service=service, order_id=order_id,
              finished_at=finished, state=state, remains=remains)
        for order_id, state, remains in zip(
            ids, (OrderState.PARTIAL, OrderState.COMPLETED, OrderState.COMPLETED), (40, 0, 0),
            strict=True,
        )
    ]  # fmt: skip
    with store._db.transaction() as conn:  # whatever the demo name says: a 30-day guarantee
        conn.executemany("UPDATE orders SET refill_days = 30 WHERE id = ?", [(r,) for r in records])
    tab = RefillWindowsTab(context)
    shown(qtbot, tab, context.desk.refill_windows_listed)

    qtmodeltester.check(tab.model)
    assert column(tab.proxy, WindowColumn.ORDER_ID) == [ids[0]]  # the partial one
    assert column(tab.proxy, WindowColumn.DROPPED) == ["partial"]
    assert column(tab.proxy, WindowColumn.GUARANTEE) == ["30 days"]
    assert column(tab.proxy, WindowColumn.CLOSES)[0].startswith("in 2 days")
    assert tab.summary.text().startswith("1 order that dropped or went partial")

    tab.shown.setCurrentIndex(1)  # every closing guarantee: tick the one whose count fell
    assert sorted(column(tab.proxy, WindowColumn.ORDER_ID)) == sorted(ids)
    row = column(tab.proxy, WindowColumn.ORDER_ID).index(ids[1])
    tab.table.setCurrentIndex(tab.proxy.index(row, WindowColumn.DROPPED))
    with qtbot.waitSignal(context.desk.refill_windows_listed, timeout=10_000):
        qtbot.keyClick(tab.table, Qt.Key.Key_Space)
    ticked = tab.proxy.index(row, WindowColumn.DROPPED)
    assert ticked.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert ticked.data() == "just now"
    tab.shown.setCurrentIndex(0)
    assert sorted(column(tab.proxy, WindowColumn.ORDER_ID)) == sorted(ids[:2])

    tab.refill_button.click()
    ask = tab.findChild(QDialog, "refillAllDialog")
    assert ask is not None and "2 orders on 1 panel" in ask.message.text()  # type: ignore[attr-defined]
    with qtbot.waitSignal(context.desk.refills_requested, timeout=10_000):
        ask.buttons.button(QDialogButtonBox.StandardButton.Yes).click()  # type: ignore[attr-defined]

    outcome = tab.findChild(BulkOutcomeDialog)
    assert outcome is not None
    assert [outcome.model.rows[i].outcome for i in range(2)] == ["Accepted", "Accepted"]
    assert tab.summary.text().startswith("2 refills requested")
    # The windows read after the refills come under the outcome, which stays.
    qtbot.waitUntil(lambda: "\n" in tab.summary.text(), timeout=10_000)
    outcome, listed = tab.summary.text().split("\n")
    assert outcome.startswith("2 refills requested") and listed.startswith("No order that dropped")


def test_no_window_closing_is_explained(qtbot: QtBot, context: AppContext) -> None:
    tab = RefillWindowsTab(context)
    shown(qtbot, tab, context.desk.refill_windows_listed)
    assert tab.summary.text() == none_closing(7) and not tab.refill_button.isEnabled()


# -- price watch ------------------------------------------------------------------------


def test_price_changes_and_vanished_services_newest_first(
    qtbot: QtBot, context: AppContext, store: Store, test_panel: Panel, qtmodeltester: ModelTester
) -> None:
    panel = store.add_panel("Watched panel", "https://w.example/api/v2")
    views = Service("2", "Views", "Default", "TikTok", Decimal("0.5"), 10, 10_000)
    store.save_services(panel.id, [LIKES, views], NOW - timedelta(days=2))
    order(store, panel, TODAY, "1", service=LIKES)
    order(store, panel, TODAY, "1", service=views)
    store.save_services(panel.id, [replace(LIKES, rate=Decimal("2.4"))], NOW)  # Views gone
    context.set_panels(store.panels())
    tab = PriceWatchTab(context)
    shown(qtbot, tab, context.desk.watched_prices_listed)

    qtmodeltester.check(tab.model)
    rows = {tab.proxy.index(r, WatchColumn.SERVICE).data(): r for r in range(tab.proxy.rowCount())}
    likes, gone = rows[LIKES.name], rows["Views"]
    assert tab.proxy.index(likes, WatchColumn.OLD_RATE).data() == "2.00"
    assert tab.proxy.index(likes, WatchColumn.NEW_RATE).data() == "2.40"
    assert tab.proxy.index(likes, WatchColumn.CHANGE).data() == "+20%"
    assert tab.proxy.index(gone, WatchColumn.NEW_RATE).data() == VANISHED
    assert "1 price change and 1 service no longer listed" in tab.summary.text()


def test_nothing_moved_is_said(qtbot: QtBot, context: AppContext) -> None:
    tab = PriceWatchTab(context)
    shown(qtbot, tab, context.desk.watched_prices_listed)
    assert tab.summary.text() == nothing_moved()


# -- the pane and the score box ----------------------------------------------------------


def test_the_pane_builds_its_tabs_when_first_shown(qtbot: QtBot, context: AppContext) -> None:
    pane = InsightPane(context)
    qtbot.addWidget(pane)
    assert pane.reports is None  # nothing built, nothing imported yet
    with qtbot.waitSignal(context.desk.report_built, timeout=10_000):
        pane.show()
    assert pane.tabs.count() == 4 and pane.reports is not None
    with qtbot.waitSignal(context.desk.scorecard_loaded, timeout=10_000):
        pane.tabs.setCurrentIndex(1)
    with qtbot.waitSignal(context.desk.watched_prices_listed, timeout=10_000):
        pane.show_price_watch()
    assert pane.tabs.currentWidget().isAncestorOf(pane.price_watch)


def test_the_score_box_says_what_one_service_delivered(
    qtbot: QtBot, context: AppContext, store: Store, test_panel: Panel
) -> None:
    order(store, test_panel, TODAY, "1.5")
    box = ServiceScoreBox(context)
    qtbot.addWidget(box)

    with qtbot.waitSignal(context.desk.scorecard_loaded, timeout=10_000):
        box.show_service(test_panel.id, LIKES.id)

    assert box.text.text().startswith("From your 1 order: 1.50 USD spent.")
    box.show_service(test_panel.id, "no such service")  # answered from what is kept
    assert box.text.text() == NOT_ORDERED

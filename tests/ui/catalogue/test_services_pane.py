"""The Services tab against the demo panel's catalogue: search, filters, sort, details (with
the user's own figures for the service), "Order this", catalogue age and change highlights,
remembered layout."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from smmdesk.demopanel import DemoPanel
from smmdesk.store import Panel, Store
from smmdesk.ui.catalogue.services_model import SERVICE_ROLE, Column
from smmdesk.ui.catalogue.services_pane import ServicesPane
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.common.format import format_age
from smmdesk.ui.insight.service_score import NOT_ORDERED
from tests.insight_orders import order
from tests.ui.conftest import LOAD_TIMEOUT_MS


@pytest.fixture
def pane(qtbot: QtBot, context: AppContext) -> ServicesPane:
    built = ServicesPane(context)
    qtbot.addWidget(built)
    built.resize(1000, 600)
    built.show()
    return built


def visible_services(pane: ServicesPane) -> list:
    proxy = pane.model
    return [proxy.index(row, 0).data(SERVICE_ROLE) for row in range(proxy.rowCount())]


def test_shows_the_whole_catalogue(pane: ServicesPane, context: AppContext) -> None:
    assert pane.objectName() == "servicesPane"
    assert pane.model.rowCount() == 120
    assert "120 services" in pane.age_label.text()
    assert "just now" in pane.age_label.text()


def test_search_as_you_type(qtbot: QtBot, pane: ServicesPane) -> None:
    qtbot.keyClicks(pane.search, "INSTAGRAM")
    shown = visible_services(pane)
    assert 0 < len(shown) < 120
    assert all("instagram" in f"{s.name} {s.category}".lower() for s in shown)
    pane.search.clear()
    assert pane.model.rowCount() == 120


def test_search_by_id(qtbot: QtBot, pane: ServicesPane, context: AppContext) -> None:
    wanted = context.services[17]
    qtbot.keyClicks(pane.search, wanted.id)
    assert wanted in visible_services(pane)


def test_category_filter(pane: ServicesPane, context: AppContext) -> None:
    category = context.services[3].category
    combo = pane.category_filter
    assert combo.itemText(0) == "All categories"
    combo.setCurrentIndex(combo.findText(category))
    shown = visible_services(pane)
    assert shown
    assert {s.category for s in shown} == {category}
    combo.setCurrentIndex(0)
    assert pane.model.rowCount() == 120


@pytest.mark.parametrize(
    ("box", "flag"),
    [("refill_filter", "refill"), ("cancel_filter", "cancel"), ("dripfeed_filter", "dripfeed")],
)
def test_flag_filters(qtbot: QtBot, pane: ServicesPane, box: str, flag: str) -> None:
    getattr(pane, box).setChecked(True)
    shown = visible_services(pane)
    assert 0 < len(shown) < 120
    assert all(getattr(s, flag) for s in shown)


def test_header_click_sorts_rates_numerically(qtbot: QtBot, pane: ServicesPane) -> None:
    pane.table.sortByColumn(Column.RATE, Qt.SortOrder.AscendingOrder)
    rates = [s.rate for s in visible_services(pane)]
    assert rates == sorted(rates)
    assert isinstance(rates[0], Decimal)
    pane.table.sortByColumn(Column.MAX, Qt.SortOrder.DescendingOrder)
    maxima = [s.max for s in visible_services(pane)]
    assert maxima == sorted(maxima, reverse=True)


def test_selection_shows_details_and_order_this(qtbot: QtBot, pane: ServicesPane) -> None:
    assert not pane.details.order_button.isEnabled()
    pane.table.selectRow(4)
    service = pane.selected_service()
    assert service is not None
    assert pane.details.title.text() == service.name
    assert pane.details.description.toPlainText() == (
        service.description or "The panel gives no description."
    )
    assert "per 1000" in pane.details.facts.text() or "per package" in pane.details.facts.text()
    with qtbot.waitSignal(pane.order_requested) as requested:
        qtbot.mouseClick(pane.details.order_button, Qt.MouseButton.LeftButton)
    assert requested.args == [service.id]


def test_the_details_say_what_the_user_s_own_orders_of_the_service_showed(
    qtbot: QtBot, context: AppContext, store: Store, test_panel: Panel
) -> None:
    ordered, other = context.services[4], context.services[5]
    order(store, test_panel, date.today(), "1.5", service=ordered)
    pane = ServicesPane(context)
    qtbot.addWidget(pane)
    pane.resize(1000, 600)
    pane.show()
    assert not pane.score.isVisible()  # nothing selected: nothing to say

    row = visible_services(pane).index(ordered)
    with qtbot.waitSignal(context.desk.scorecard_loaded, timeout=LOAD_TIMEOUT_MS):
        pane.table.selectRow(row)
    assert pane.score.isVisible() and pane.details.isAncestorOf(pane.score)
    lines = pane.score.text.text().splitlines()
    assert lines[0] == "From your 1 order: 1.50 USD spent."
    assert lines[2].startswith("Placed → completed: ")

    order(store, test_panel, date.today(), "2.5", service=ordered)
    with qtbot.waitSignal(context.desk.scorecard_loaded, timeout=LOAD_TIMEOUT_MS):
        context.desk.refresh_orders(test_panel.id)  # the service shown is read again
    assert pane.score.text.text().startswith("From your 2 orders: 4.00 USD spent.")

    pane.table.selectRow(visible_services(pane).index(other))  # answered from what is kept
    assert pane.score.text.text() == NOT_ORDERED
    pane.table.clearSelection()
    assert not pane.score.isVisible()


def test_skipped_services_are_said_and_keep_their_cached_rows(
    qtbot: QtBot, pane: ServicesPane, context: AppContext, demo_panel: DemoPanel
) -> None:
    broken = context.services[5]
    demo_panel.serve_entry(int(broken.id), rate="<b>abc</b>")
    with qtbot.waitSignal(context.catalogue_changed, timeout=LOAD_TIMEOUT_MS):
        context.refresh_catalogue()
    text = pane.age_label.text()
    assert f"1 service was skipped: service {broken.id}: invalid rate" in text
    assert pane.age_label.textFormat() is Qt.TextFormat.PlainText
    assert broken.id in pane.age_label.toolTip()
    assert pane.model.rowCount() == 120 and context.services[5] == broken
    assert context.diff is not None and context.diff.is_empty  # not "removed"


def test_new_and_repriced_services_are_highlighted(
    store: Store, qtbot: QtBot, pane: ServicesPane, context: AppContext
) -> None:
    first, second, *rest = context.services
    # Pretend the previous fetch knew one service at another price and lacked another.
    store.save_services(context.panel_id, [replace(first, rate=first.rate + 1), *rest])
    with qtbot.waitSignal(context.catalogue_changed, timeout=LOAD_TIMEOUT_MS):
        context.refresh_catalogue()
    assert pane.model.changes[second.id].change.value == "New"
    assert pane.model.changes[first.id].change.value == "Price ↓"
    assert pane.changes_filter.isEnabled()
    pane.changes_filter.setChecked(True)
    assert {s.id for s in visible_services(pane)} == {first.id, second.id}


def test_rates_carry_the_balance_currency(pane: ServicesPane) -> None:
    assert pane.model.index(0, Column.RATE).data().endswith(" USD")


def test_column_layout_is_remembered(qtbot: QtBot, pane: ServicesPane, context: AppContext) -> None:
    """Every column's width but Name's, which takes what the others leave."""
    header = pane.table.horizontalHeader()
    pane.table.setColumnWidth(Column.CATEGORY, 333)
    header.moveSection(header.visualIndex(Column.TYPE), 2)
    pane.save_layout()
    again = ServicesPane(context)
    qtbot.addWidget(again)
    again.restore_layout()
    assert again.table.columnWidth(Column.CATEGORY) == 333
    assert again.table.horizontalHeader().visualIndex(Column.TYPE) == 2
    assert again.table.horizontalHeader().logicalIndex(0) == Column.FAVOURITE


def test_format_age() -> None:
    from datetime import UTC, datetime, timedelta

    now = datetime(2026, 1, 10, tzinfo=UTC)
    assert format_age(now - timedelta(seconds=20), now) == "just now"
    assert format_age(now - timedelta(minutes=5), now) == "5 min ago"
    assert format_age(now - timedelta(hours=3), now) == "3 h ago"
    assert format_age(now - timedelta(days=2), now) == "2 days ago"


def test_refresh_shows_that_it_runs_then_what_it_found(
    store: Store, qtbot: QtBot, pane: ServicesPane, context: AppContext
) -> None:
    first, _new, *rest = context.services
    store.save_services(context.panel_id, [replace(first, rate=first.rate + 1), *rest])
    qtbot.mouseClick(pane.refresh_button, Qt.MouseButton.LeftButton)
    assert not pane.refresh_button.isEnabled()
    assert pane.refresh_progress.isVisible()
    assert pane.refresh_label.text() == "Refreshing the catalogue…"
    qtbot.waitUntil(pane.refresh_button.isEnabled, timeout=LOAD_TIMEOUT_MS)
    assert not pane.refresh_progress.isVisible()
    assert pane.refresh_label.text() == (
        "Catalogue refreshed: 1 new, 1 re-priced, 0 no longer listed"
    )
    assert "120 services" in pane.age_label.text() and "just now" in pane.age_label.text()
    pane.refresh_now()  # F5
    qtbot.waitUntil(pane.refresh_button.isEnabled, timeout=LOAD_TIMEOUT_MS)
    assert pane.refresh_label.text() == "Catalogue refreshed: no changes since the last fetch"


def test_a_refresh_that_fails_says_why_and_can_be_tried_again(
    qtbot: QtBot, pane: ServicesPane, demo_panel: DemoPanel
) -> None:
    demo_panel.inject("services", "error200")
    pane.refresh_button.click()
    qtbot.waitUntil(pane.refresh_button.isEnabled, timeout=LOAD_TIMEOUT_MS)
    text = pane.refresh_label.text()
    assert text.startswith("Could not refresh the catalogue: ") and "Internal panel error" in text
    assert text in pane.refresh_label.toolTip()
    assert not pane.refresh_progress.isVisible()
    assert pane.model.rowCount() == 120  # the catalogue shown stays


def test_switching_panel_drops_a_refresh_s_outcome(
    qtbot: QtBot, pane: ServicesPane, context: AppContext
) -> None:
    panel_id = context.panel_id
    pane.refresh_button.click()
    context.set_active_panel(0)
    assert pane.refresh_button.isEnabled() and pane.refresh_label.text() == ""
    context.set_active_panel(panel_id)
    qtbot.waitUntil(lambda: pane.model.rowCount() == 120, timeout=LOAD_TIMEOUT_MS)
    assert pane.refresh_label.text() == ""


def test_a_refresh_keeps_the_selected_service_selected(
    qtbot: QtBot, pane: ServicesPane, context: AppContext
) -> None:
    pane.table.sortByColumn(Column.RATE, Qt.SortOrder.DescendingOrder)
    pane.table.selectRow(7)
    chosen = pane.selected_service()
    pane.refresh_now()
    qtbot.waitUntil(pane.refresh_button.isEnabled, timeout=LOAD_TIMEOUT_MS)
    assert pane.selected_service() == chosen
    assert pane.details.title.text() == chosen.name

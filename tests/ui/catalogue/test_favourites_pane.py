"""Favourites in the Services tab against the demo panel: star by click, by Ctrl+D and by
the details' button; the Favourites filter; a favourite the panel drops is shown as gone
and can be unstarred; stars survive a refresh; an empty table says why."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from smmdesk.store import ServicesSnapshot, Store
from smmdesk.ui.catalogue.favourite_cells import NO_STAR, STAR
from smmdesk.ui.catalogue.favourites import FavouritesBook
from smmdesk.ui.catalogue.services_model import Column
from smmdesk.ui.catalogue.services_pane import ServicesPane
from smmdesk.ui.common.context import AppContext
from smmdesk.workers import CatalogueLoaded, Job, Ticket
from tests.ui.conftest import LOAD_TIMEOUT_MS


@pytest.fixture
def pane(qtbot: QtBot, context: AppContext) -> ServicesPane:
    built = ServicesPane(context)
    qtbot.addWidget(built)
    built.resize(1000, 600)
    built.show()
    qtbot.waitExposed(built)
    return built


def stored(store: Store, context: AppContext) -> set[str]:
    return {favourite.service_id for favourite in store.favourites(context.panel_id)}


def click_star(qtbot: QtBot, pane: ServicesPane, row: int) -> None:
    table = pane.table
    rect = table.visualRect(pane.model.index(row, Column.FAVOURITE))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def settle(qtbot: QtBot, pane: ServicesPane, store: Store, context: AppContext) -> None:
    """Wait until the store holds what the book shows."""
    qtbot.waitUntil(lambda: stored(store, context) == set(pane.book.starred))


def test_the_star_column_comes_first_and_a_click_stars(
    qtbot: QtBot, pane: ServicesPane, store: Store, context: AppContext
) -> None:
    header = pane.table.horizontalHeader()
    assert header.logicalIndex(0) == Column.FAVOURITE
    assert header.sectionSize(Column.FAVOURITE) < header.sectionSize(Column.ID) * 2
    wanted = pane.model.service(4)
    assert wanted is not None
    click_star(qtbot, pane, 4)
    assert pane.model.index(4, Column.FAVOURITE).data() == STAR  # at once
    settle(qtbot, pane, store, context)
    assert stored(store, context) == {wanted.id}
    click_star(qtbot, pane, 4)
    assert pane.model.index(4, Column.FAVOURITE).data() == NO_STAR
    settle(qtbot, pane, store, context)
    assert stored(store, context) == set()


def test_ctrl_d_and_the_details_button_star_the_selected_service(
    qtbot: QtBot, pane: ServicesPane, store: Store, context: AppContext
) -> None:
    pane.table.selectRow(2)
    pane.table.setFocus()
    service = pane.selected_service()
    assert service is not None
    qtbot.keyClick(pane.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert pane.book.is_starred(service.id)
    assert "Remove from favourites" in pane.details.favourite_button.text()
    assert pane.favourite_action.text() == "Remove from favourites"
    qtbot.mouseClick(pane.details.favourite_button, Qt.MouseButton.LeftButton)
    assert not pane.book.is_starred(service.id)
    settle(qtbot, pane, store, context)


def test_the_favourites_filter_and_a_favourite_the_panel_dropped(
    qtbot: QtBot, pane: ServicesPane, store: Store, context: AppContext
) -> None:
    dropped, kept = context.services[5], context.services[7]
    pane.book.star(dropped)
    pane.book.star(kept)
    settle(qtbot, pane, store, context)
    pane.filter_bar.show_favourites()
    assert pane.shown_services() == [dropped, kept]

    fewer = [s for s in context.services if s.id != dropped.id]
    snapshot = ServicesSnapshot(fewer, datetime.now(UTC))
    ticket = Ticket(Job.REFRESH_SERVICES, context.panel_id, 0)
    context.on_desk_services_loaded(ticket, CatalogueLoaded(snapshot, None, True))
    assert pane.model.rowCount() == 2
    assert pane.model.service(0) == kept
    gone = pane.model.index(1, Column.NAME)
    assert gone.data() == f"No longer listed · {dropped.name}"
    assert stored(store, context) == {dropped.id, kept.id}  # never silently dropped

    pane.table.selectRow(1)
    assert pane.details.title.text() == dropped.name
    assert not pane.details.order_button.isEnabled()
    assert pane.details.favourite_button.isEnabled()
    pane.favourite_action.trigger()
    assert pane.model.rowCount() == 1
    settle(qtbot, pane, store, context)
    assert stored(store, context) == {kept.id}


def test_stars_survive_a_catalogue_refresh_from_the_panel(
    qtbot: QtBot, pane: ServicesPane, store: Store, context: AppContext
) -> None:
    service = context.services[9]
    pane.book.star(service)
    settle(qtbot, pane, store, context)
    with qtbot.waitSignal(context.catalogue_changed, timeout=LOAD_TIMEOUT_MS):
        pane.refresh_now()
    row = next(r for r in range(pane.model.rowCount()) if pane.model.service(r) == service)
    assert pane.model.index(row, Column.FAVOURITE).data() == STAR


def test_favourites_follow_the_panel_and_reload_from_the_store(
    qtbot: QtBot, pane: ServicesPane, store: Store, context: AppContext
) -> None:
    service = context.services[1]
    store.star_service(context.panel_id, replace(service, name="as starred"))
    other = FavouritesBook(context)  # a second reader sees what the store holds
    qtbot.waitUntil(lambda: other.is_starred(service.id), timeout=LOAD_TIMEOUT_MS)
    context.set_active_panel(0)
    assert pane.book.favourites == () and pane.model.starred == frozenset()


def test_an_empty_table_says_why_and_offers_a_way_out(qtbot: QtBot, pane: ServicesPane) -> None:
    pane.filter_bar.show_favourites()
    assert pane.empty_note.isVisible()
    assert pane.empty_note.label.text() == (
        "No favourites yet. Star a service in the ★ column, or select it and press Ctrl+D."
    )
    qtbot.mouseClick(pane.empty_note.button, Qt.MouseButton.LeftButton)
    assert not pane.filter_bar.favourites_only and not pane.empty_note.isVisible()
    assert pane.model.rowCount() == 120

    qtbot.keyClicks(pane.search, "zzzz nothing like it")
    pane.refill_filter.setChecked(True)
    assert pane.empty_note.label.text() == "No service matches the search and filters."
    assert pane.empty_note.geometry().contains(QPoint(10, 10))
    qtbot.mouseClick(pane.empty_note.button, Qt.MouseButton.LeftButton)
    assert pane.search.text() == "" and not pane.refill_filter.isChecked()
    assert pane.model.rowCount() == 120 and not pane.empty_note.isVisible()


def double_click(qtbot: QtBot, pane: ServicesPane, row: int, column: Column) -> None:
    """As a mouse does it: a click, then the double click (QTest's alone is neither)."""
    viewport, rect = pane.table.viewport(), pane.table.visualRect(pane.model.index(row, column))
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_double_click_on_a_star_stars_and_opens_no_order(
    qtbot: QtBot, pane: ServicesPane
) -> None:
    with qtbot.assertNotEmitted(pane.order_requested):
        double_click(qtbot, pane, 2, Column.FAVOURITE)
    assert pane.model.index(2, Column.FAVOURITE).data() == STAR
    with qtbot.waitSignal(pane.order_requested):
        double_click(qtbot, pane, 2, Column.NAME)


def test_details_go_when_the_filter_takes_the_selected_row(
    qtbot: QtBot, pane: ServicesPane
) -> None:
    pane.table.selectRow(0)
    assert pane.details.order_button.isEnabled()
    qtbot.keyClicks(pane.search, "zzzz nothing like it")
    assert pane.details.title.text() == "Select a service to see its details."
    assert not pane.details.order_button.isEnabled()
    assert not pane.favourite_action.isEnabled()

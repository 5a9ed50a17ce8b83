"""Every word the Services tab shows goes through Qt's translation system: with a
pseudo-translation installed (each text of the tab's contexts wrapped in « »), its
controls, column headers, cells' words, details, favourites, empty notes, the catalogue's
age and a refresh's outcome come out wrapped; the panel's own data does not.

Without a translation, the words are the English ones the rest of the tests read."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from smmdesk.store import Store
from smmdesk.ui.catalogue.columns import Column
from smmdesk.ui.catalogue.services_pane import ServicesPane
from smmdesk.ui.common.context import AppContext
from tests.ui.conftest import LOAD_TIMEOUT_MS
from tests.ui.pseudo import pseudo_translation, wrapped

CONTEXTS = frozenset(
    {
        "Services", "ServiceFilter", "ServiceDetails", "Favourites",
        "Format",  # rates, quantities' words and ages (shared with other tabs)
    }
)  # fmt: skip


@pytest.fixture
def pseudo(qapp: QApplication) -> Iterator[None]:
    with pseudo_translation(qapp, CONTEXTS):
        yield


@pytest.fixture
def pane(qtbot: QtBot, context: AppContext, store: Store, pseudo: None) -> ServicesPane:
    """The pane made with the pseudo-translation, after a fetch that found one service
    new and one re-priced."""
    first, _new, *rest = context.services
    store.save_services(context.panel_id, [replace(first, rate=first.rate + 1), *rest])
    built = ServicesPane(context)
    qtbot.addWidget(built)
    built.resize(1000, 600)
    built.show()
    built.refresh_now()
    qtbot.waitUntil(built.refresh_button.isEnabled, timeout=LOAD_TIMEOUT_MS)
    return built


def test_the_controls_are_translated(pane: ServicesPane) -> None:
    bar = pane.filter_bar
    texts = [
        bar.search.placeholderText(),
        bar.search.toolTip(),
        bar.search.accessibleName(),
        bar.category_filter.itemText(0),
        bar.category_filter.itemText(1),
        bar.category_filter.toolTip(),
        bar.category_filter.accessibleName(),
        *(box.text() for box in bar.boxes),
        *(box.toolTip() for box in bar.boxes),
        *(box.accessibleName() for box in bar.boxes),
        pane.refresh_button.text(),
        pane.refresh_button.toolTip(),
        pane.refresh_progress.accessibleName(),
        pane.order_action.text(),
        pane.favourite_action.text(),
        pane.table.accessibleName(),
        pane.details.order_button.text(),
        pane.details.order_button.toolTip(),
        pane.details.favourite_button.text().removeprefix("☆ "),
        pane.details.title.text(),
        pane.details.description.accessibleName(),
        pane.age_label.text(),
        pane.refresh_label.text(),
    ]
    assert [text for text in texts if not wrapped(text)] == []
    refreshed = "«Catalogue refreshed: 1 new, 1 re-priced, 0 no longer listed»"
    assert pane.refresh_label.text() == refreshed


def test_the_table_s_words_are_translated_and_the_panel_s_data_is_not(
    pane: ServicesPane, context: AppContext
) -> None:
    model = pane.model
    horizontal = Qt.Orientation.Horizontal
    titles = [model.headerData(c, horizontal) for c in Column if c is not Column.FAVOURITE]
    assert all(map(wrapped, titles))
    for role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
        assert all(
            map(wrapped, filter(None, (model.headerData(c, horizontal, role) for c in Column)))
        )
    first, second = context.services[:2]
    row = {model.service(r).id: r for r in range(model.rowCount())}
    assert model.index(row[second.id], Column.NAME).data() == f"«New · {second.name}»"
    assert model.index(row[first.id], Column.NAME).data() == first.name
    assert model.index(row[first.id], Column.ID).data() == first.id
    star = model.index(row[first.id], Column.FAVOURITE)
    assert wrapped(star.data(Qt.ItemDataRole.ToolTipRole))
    assert wrapped(star.data(Qt.ItemDataRole.AccessibleTextRole))
    tick = model.index(row[first.id], Column.REFILL).data(Qt.ItemDataRole.AccessibleTextRole)
    assert tick in ("«yes»", "«no»")
    change = model.index(row[first.id], Column.RATE).data(Qt.ItemDataRole.ToolTipRole)
    assert "«was " in change


def test_the_details_and_the_empty_notes_are_translated(
    qtbot: QtBot, pane: ServicesPane, context: AppContext
) -> None:
    first = context.services[0]
    row = next(r for r in range(pane.model.rowCount()) if pane.model.service(r) == first)
    pane.table.selectRow(row)
    assert pane.details.title.text() == first.name
    identity, rate, quantity, flags, change = pane.details.facts.text().splitlines()
    assert all(map(wrapped, (identity, rate, quantity, change)))
    assert all(map(wrapped, flags.split(" · ")))
    assert pane.favourite_action.text() == "«Add to favourites»"

    pane.filter_bar.show_favourites()
    assert wrapped(pane.empty_note.label.text()) and wrapped(pane.empty_note.button.text())
    pane.filter_bar.clear()
    qtbot.keyClicks(pane.search, "zzzz nothing like it")
    assert wrapped(pane.empty_note.label.text()) and wrapped(pane.empty_note.button.text())

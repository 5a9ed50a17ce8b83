"""The Services tab with the keyboard and a screen reader: Ctrl+F reaches the search, Enter
on a service opens the New order form with it, and every input has a name that is read out
(and, when it has a visible label, an Alt+letter)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from smmdesk.settings import AUTO_REFRESH
from smmdesk.ui.catalogue.columns import Column
from smmdesk.ui.catalogue.services_model import ServicesModel
from smmdesk.ui.catalogue.services_pane import ServicesPane
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.window.main_window import MainWindow
from tests.ui.conftest import LOAD_TIMEOUT_MS

INPUTS = (QLineEdit, QComboBox, QAbstractItemView, QTextEdit, QAbstractButton)
MENU_LETTERS = frozenset("fvoh")  # the window's File, View, Orders and Help menus
MNEMONIC = re.compile(r"&([^&])")


@pytest.fixture
def window(qtbot: QtBot, context: AppContext) -> Iterator[MainWindow]:
    context.settings.set(AUTO_REFRESH, False)
    built = MainWindow(context)
    qtbot.addWidget(built)
    built.show()
    qtbot.waitExposed(built)
    built.activateWindow()
    qtbot.waitUntil(built.isActiveWindow, timeout=LOAD_TIMEOUT_MS)
    built.tabs.setCurrentWidget(built.services_pane)
    yield built
    built.close()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard"
    return widget


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key where the keyboard is, as a user's would land."""
    qtbot.keyClick(focused(), key, modifier)


def test_ctrl_f_reaches_the_search_and_typing_filters(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.services_pane
    pane.table.setFocus()
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focused() is pane.search
    qtbot.keyClicks(focused(), "instagram")
    assert 0 < pane.model.rowCount() < 120


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_on_a_service_opens_the_new_order_form_with_it(
    qtbot: QtBot, window: MainWindow, key: Qt.Key
) -> None:
    pane = window.services_pane
    pane.table.setFocus()
    pane.table.selectRow(3)
    wanted = pane.selected_service()
    assert wanted is not None
    press(qtbot, key)
    assert window.tabs.currentWidget() is window.order_pane
    assert window.order_pane.service == wanted


def test_search_then_the_list_then_enter_with_keys_only(qtbot: QtBot, window: MainWindow) -> None:
    """Find a service by typing, go down to it, order it: no mouse."""
    pane = window.services_pane
    pane.table.setFocus()
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused(), "tiktok")
    press(qtbot, Qt.Key.Key_Tab)
    while focused() is not pane.table:  # past the filters
        press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Down)
    chosen = pane.selected_service()
    assert chosen is not None and "tiktok" in chosen.name.lower()
    press(qtbot, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.order_pane
    assert window.order_pane.service == chosen


def test_enter_on_a_star_cell_orders_the_service(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.services_pane
    pane.table.setFocus()
    pane.table.setCurrentIndex(pane.model.index(2, Column.FAVOURITE))
    wanted = pane.selected_service()
    press(qtbot, Qt.Key.Key_Return)
    assert window.order_pane.service == wanted


def test_nothing_selected_enter_does_nothing(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.services_pane
    pane.table.setFocus()
    pane.table.clearSelection()
    press(qtbot, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is pane


def test_order_this_is_in_the_list_s_context_menu(window: MainWindow) -> None:
    pane = window.services_pane
    actions = pane.table.actions()
    assert actions[0] is pane.order_action and actions[0].text() == "Order this"
    assert not pane.order_action.isEnabled()
    pane.table.selectRow(0)
    assert pane.order_action.isEnabled()


def inputs(root: QWidget) -> list[QWidget]:
    """The widgets a user types in, chooses from or presses, as the keyboard reaches them."""
    return [
        widget
        for widget in root.findChildren(QWidget)
        if isinstance(widget, INPUTS)
        and widget.isVisibleTo(root)
        and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]


def spoken_name(widget: QWidget) -> str:
    """What a screen reader says for the widget: its accessible name, else (a button) its
    text without the mnemonic's `&`."""
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "")
    return ""


def test_every_input_of_the_pane_has_a_name_a_screen_reader_says(
    qtbot: QtBot, context: AppContext
) -> None:
    pane = ServicesPane(context)
    qtbot.addWidget(pane)
    pane.resize(1000, 600)
    pane.show()
    pane.table.selectRow(0)
    found = inputs(pane)
    names = {widget.objectName(): spoken_name(widget) for widget in found}
    assert {"catalogueSearch", "categoryFilter", "servicesTable", "serviceDescription"} <= set(
        names
    )
    assert {name for name, said in names.items() if not said.strip()} == set()
    assert names["catalogueSearch"] == "Search services"
    assert names["categoryFilter"] == "Category"
    assert names["servicesTable"] == "Services"


def test_the_filter_boxes_are_labelled_with_their_own_alt_letters(
    qtbot: QtBot, context: AppContext
) -> None:
    """A check box's text is its label: read without the `&`, reached with Alt+letter; no
    two share a letter, nor take one of the window's menus."""
    pane = ServicesPane(context)
    qtbot.addWidget(pane)
    boxes = pane.findChildren(QCheckBox)
    assert len(boxes) == 4
    letters = []
    for box in boxes:
        found = MNEMONIC.search(box.text())
        assert found, box.objectName()
        letters.append(found.group(1).lower())
        assert box.accessibleName() == box.text().replace("&", "")
    assert len(letters) == len(set(letters))
    assert not MENU_LETTERS & set(letters)


def test_alt_letter_ticks_a_filter(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.services_pane
    pane.search.setFocus()
    press(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(pane.dripfeed_filter.isChecked)  # a mnemonic's click is animated
    assert all(s.dripfeed for s in pane.shown_services())


def test_the_headers_and_ticks_have_words_for_a_screen_reader(context: AppContext) -> None:
    """Symbols and abbreviations in the headers are read out as words; so are the ticks."""
    model = ServicesModel()
    model.set_catalogue(context.services, None, "USD")
    spoken = Qt.ItemDataRole.AccessibleTextRole
    horizontal = Qt.Orientation.Horizontal
    assert model.headerData(Column.FAVOURITE, horizontal, spoken) == "Favourite"
    assert model.headerData(Column.MIN, horizontal, spoken) == "Minimum quantity"
    assert model.headerData(Column.NAME, horizontal, spoken) == "Name"
    refill = next(row for row in range(model.rowCount()) if model.service(row).refill)
    assert model.index(refill, Column.REFILL).data() == "✓"
    assert model.index(refill, Column.REFILL).data(spoken) == "yes"
    assert model.index(refill, Column.FAVOURITE).data(spoken) == "Not a favourite"

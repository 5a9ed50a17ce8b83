"""The New order form with the keyboard only: Tab goes down the form whatever fields the
service brings, Enter places the order after the confirmation (Enter twice places
nothing), and Ctrl+N in the window opens the form for the highlighted service."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from smmdesk.api import Service, ServiceType, order_fields
from smmdesk.demopanel import DemoPanel
from smmdesk.settings import AUTO_REFRESH
from smmdesk.store import JournalState, OrderRecord
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.ordering.order_form import NewOrderPane, Phase
from smmdesk.ui.window.main_window import MainWindow
from tests.ui.conftest import LOAD_TIMEOUT_MS
from tests.ui.ordering.test_order_flow import demo_service
from tests.ui.ordering.test_order_form import make_service

ENTER = Qt.Key.Key_Return


@pytest.fixture
def pane(qtbot: QtBot, context: AppContext) -> NewOrderPane:
    widget = NewOrderPane(context)
    qtbot.addWidget(widget)
    widget.resize(900, 1200)  # every row in view: no scrolling in the way
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=LOAD_TIMEOUT_MS)
    return widget


@pytest.fixture
def window(qtbot: QtBot, context: AppContext) -> Iterator[MainWindow]:
    context.settings.set(AUTO_REFRESH, False)
    built = MainWindow(context)
    qtbot.addWidget(built)
    built.show()
    qtbot.waitExposed(built)
    built.activateWindow()
    qtbot.waitUntil(built.isActiveWindow, timeout=LOAD_TIMEOUT_MS)
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


def type_text(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def tab_names(qtbot: QtBot, start: QWidget, count: int) -> list[str]:
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    names = [start.objectName()]
    for _ in range(count - 1):
        press(qtbot, Qt.Key.Key_Tab)
        names.append(focused().objectName())
    return names


def open_dialog(pane: QWidget) -> QDialog | None:
    shown = [d for d in pane.findChildren(QDialog, "confirmOrderDialog") if d.isVisible()]
    return shown[0] if shown else None


def wait_for_dialog(qtbot: QtBot, pane: QWidget) -> QDialog:
    qtbot.waitUntil(lambda: open_dialog(pane) is not None, timeout=LOAD_TIMEOUT_MS)
    dialog = open_dialog(pane)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.isAncestorOf(focused()), timeout=LOAD_TIMEOUT_MS)
    return dialog


NOTES_AND_BUTTON = [
    "extraFieldsEditor",
    "customerEdit",
    "noteEdit",
    "sellPriceEdit",
    "orderMarkupsButton",
    "placeOrderButton",
]


@pytest.mark.parametrize(
    "service_type", ["Default", "Subscriptions", "Custom Comments", "Poll", "Comment Replies"]
)
def test_tab_goes_down_the_form_whatever_fields_the_service_brings(
    qtbot: QtBot, pane: NewOrderPane, service_type: str
) -> None:
    first = make_service("Default", service_id="1", dripfeed=True)
    chosen = make_service(service_type, service_id="2", dripfeed=True)
    pane.picker.set_services([first, chosen])
    pane.select_service(first.id)
    pane.select_service(chosen.id)  # its fields are made after everything under them
    fields = [f"edit_{spec.name}" for spec in order_fields(chosen)]
    expected = ["serviceSearch", *fields, *NOTES_AND_BUTTON]
    assert tab_names(qtbot, pane.picker.search_line, len(expected)) == expected


def test_tab_reaches_the_extra_fields_once_they_are_on(qtbot: QtBot, pane: NewOrderPane) -> None:
    pane.picker.set_services([make_service("Default")])
    pane.select_service("9001")
    pane.extras.setChecked(True)
    names = tab_names(qtbot, pane.extras, 5)
    assert names == [
        "extraFieldsEditor",
        "extraFieldsView",
        "addExtraFieldButton",
        "removeExtraFieldButton",
        "customerEdit",
    ]


def test_enter_twice_places_nothing(
    qtbot: QtBot, pane: NewOrderPane, context: AppContext, demo_panel: DemoPanel
) -> None:
    service = demo_service(context)
    pane.begin_order(service.id)
    type_text(qtbot, "https://instagram.com/p/enter-twice")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, str(service.min))
    press(qtbot, ENTER)
    dialog = wait_for_dialog(qtbot, pane)
    press(qtbot, ENTER)  # the confirmation's default is No
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=LOAD_TIMEOUT_MS)
    assert pane.phase is Phase.IDLE
    assert demo_panel.requests["add"] == 0


def test_enter_with_a_problem_places_nothing_and_points_at_it(
    qtbot: QtBot, pane: NewOrderPane, context: AppContext
) -> None:
    pane.begin_order(demo_service(context).id)
    press(qtbot, ENTER)  # no link, no quantity
    assert open_dialog(pane) is None
    assert focused().objectName() == "edit_link"


def test_an_order_placed_with_keys_only(
    qtbot: QtBot, window: MainWindow, context: AppContext, demo_panel: DemoPanel
) -> None:
    service = demo_service(context)
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # the New order form
    pane = window.order_pane
    assert window.tabs.currentWidget() is pane
    assert focused() is pane.picker.search_line  # no service yet: the search first
    type_text(qtbot, service.name)
    qtbot.waitUntil(pane.picker.popup.isVisible)
    row = pane.picker.model.row_of(service.id)
    assert row is not None
    for _ in range(row):
        press(qtbot, Qt.Key.Key_Down)
    press(qtbot, ENTER)  # picks the highlighted match
    assert pane.service == service
    press(qtbot, Qt.Key.Key_Tab)
    assert focused().objectName() == "edit_link"
    type_text(qtbot, "https://instagram.com/p/keys-only")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused().objectName() == "edit_quantity"
    type_text(qtbot, str(service.min))
    press(qtbot, ENTER)
    wait_for_dialog(qtbot, pane)
    with qtbot.waitSignal(context.desk.order_placed, timeout=LOAD_TIMEOUT_MS) as placed:
        press(qtbot, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)  # &Yes
    record: OrderRecord = placed.args[1]
    assert open_dialog(pane) is None
    assert record.journal_state is JournalState.PLACED
    assert record.link == "https://instagram.com/p/keys-only" and record.quantity == service.min
    assert pane.result_label.text() == f"Order {record.order_id} placed"
    assert demo_panel.requests["add"] == 1


def test_ctrl_n_opens_the_form_for_the_highlighted_service(
    qtbot: QtBot, window: MainWindow, context: AppContext
) -> None:
    services = window.services_pane
    window.tabs.setCurrentWidget(services)
    wanted: Service = services.model.service(3)
    services.table.selectRow(3)
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    pane = window.order_pane
    assert window.tabs.currentWidget() is pane and pane.service == wanted
    first_field = f"edit_{order_fields(wanted)[0].name}"
    assert focused().objectName() == first_field  # ready to type the link


def test_a_subscription_delay_takes_enter_as_placing(
    qtbot: QtBot, pane: NewOrderPane, context: AppContext
) -> None:
    """A closed choice does not keep Enter: it places (the confirmation asks first)."""
    service = next(s for s in context.services if s.service_type is ServiceType.SUBSCRIPTIONS)
    pane.begin_order(service.id)
    pane.fields.set_values({"username": "keys", "min": str(service.min), "max": str(service.min)})
    pane.fields.inputs["delay"].editor().setFocus()
    press(qtbot, ENTER)
    dialog = wait_for_dialog(qtbot, pane)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=LOAD_TIMEOUT_MS)
    assert pane.phase is Phase.IDLE

"""The New order form's customer, note and sell price: kept with the order, never sent to
the panel; a sell price that is not a number stops the order with a field message; a
markup says what it will set. Against the real demo panel."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from smmdesk.demopanel import DemoPanel
from smmdesk.store import JournalState, OrderQuery, Store
from smmdesk.ui.common.context import AppContext
from tests.ui.conftest import LOAD_TIMEOUT_MS

from .test_order_flow import Desktop

NOTE = "Pedido #88 — entregar até sexta"


@pytest.fixture
def forms(demo_panel: DemoPanel, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, str]]:
    """Every form the demo panel receives over HTTP."""
    received: list[dict[str, str]] = []
    original = demo_panel.router.answer

    def recording(form: Mapping[str, str], unsupported: Any) -> bytes:
        received.append(dict(form))
        return original(form, unsupported)

    monkeypatch.setattr(demo_panel.router, "answer", recording)
    return received


@pytest.fixture
def desktop(qtbot: QtBot, context: AppContext) -> Desktop:
    return Desktop(qtbot, context)


def a_service(context: AppContext) -> Any:
    return next(s for s in context.services if s.type == "Default" and not s.dripfeed)


def test_the_note_customer_and_price_stay_here(
    qtbot: QtBot, store: Store, desktop: Desktop, context: AppContext, forms: list[dict[str, str]]
) -> None:
    notes = desktop.form.notes
    notes.customer_edit.setText("Loja Açaí")
    notes.note_edit.setText(NOTE)
    notes.sell_edit.setText("+25%")
    service = a_service(context)
    record = desktop.place(service, "https://instagram.com/p/notes1", service.min)

    assert record.journal_state is JournalState.PLACED
    assert (record.customer, record.note) == ("Loja Açaí", NOTE)
    assert record.charge_estimate is not None
    assert record.sell_price == (record.charge_estimate * Decimal("1.25")).quantize(Decimal("1e-7"))
    [add] = [form for form in forms if form.get("action") == "add"]
    assert set(add) == {"key", "action", "service", "link", "quantity"}
    assert not any("Açaí" in v or "sexta" in v or v == "25" for f in forms for v in f.values())
    assert notes.note_edit.text() == "" and notes.customer_edit.text() == "Loja Açaí"


def test_a_sell_price_that_is_not_a_number_stops_the_order(
    qtbot: QtBot, store: Store, desktop: Desktop, context: AppContext
) -> None:
    service = a_service(context)
    desktop.fill(service, "https://instagram.com/p/notes2", service.min)
    desktop.form.notes.sell_edit.setText("12,5,0")
    message = desktop.form.findChild(QLabel, "error_sell_price")
    assert message is not None and message.isVisible() and "12.50" in message.text()
    desktop.click_place()
    assert desktop.form.phase.value == "idle"
    assert store.count_orders(OrderQuery()) == 0
    assert desktop.form.notes.sell_edit.hasFocus() or not desktop.form.isActiveWindow()


def test_a_markup_says_what_it_will_set(
    qtbot: QtBot, store: Store, desktop: Desktop, context: AppContext
) -> None:
    service = a_service(context)
    store.set_customer_markup("ACME", Decimal(40))
    with qtbot.waitSignal(context.desk.markups_loaded, timeout=LOAD_TIMEOUT_MS):
        context.desk.load_markups()
    desktop.fill(service, "https://instagram.com/p/notes3", service.min)
    notes = desktop.form.notes
    assert not notes.sell_hint.isVisible()
    notes.customer_edit.setText("acme")

    def says_the_markup() -> bool:  # a read of the markups started earlier may answer first
        desktop.form.on_fields_edited()
        return notes.sell_hint.text().startswith("Left empty, the customer's markup (+40%)")

    qtbot.waitUntil(says_the_markup, timeout=LOAD_TIMEOUT_MS)
    notes.sell_edit.setText("3")
    desktop.form.on_fields_edited()
    assert notes.sell_hint.text() == ""


def test_the_forms_markups_set_this_services_markup(
    qtbot: QtBot, store: Store, desktop: Desktop, context: AppContext
) -> None:
    from smmdesk.ui.orders.markups_dialog import MarkupsDialog

    service = a_service(context)
    desktop.fill(service, "https://instagram.com/p/notes4", service.min)
    qtbot.mouseClick(desktop.form.notes.markups_button, Qt.MouseButton.LeftButton)
    [dialog] = [d for d in desktop.form.findChildren(MarkupsDialog) if d.isVisible()]
    dialog.service_percent.setText("20")
    with qtbot.waitSignal(context.desk.markups_loaded, timeout=LOAD_TIMEOUT_MS):
        qtbot.mouseClick(
            dialog.findChild(QPushButton, "setServiceMarkupButton"), Qt.MouseButton.LeftButton
        )
    assert store.service_markup(context.panel_id, service.id) == Decimal(20)
    qtbot.waitUntil(lambda: "this service's markup (+20%)" in desktop.form.notes.sell_hint.text())

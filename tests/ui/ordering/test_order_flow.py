"""End to end through the widgets against the real demo panel: order -> status -> refill
-> cancel, a panel refusal, an unconfirmed order resolved by hand, and the double-click
guard."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from smmdesk.api import Service, ServiceType
from smmdesk.demopanel import DemoPanel
from smmdesk.settings import AUTO_REFRESH, READ_TIMEOUT_S
from smmdesk.store import JournalState, OrderRecord, Store
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.ordering.order_form import NewOrderPane, Phase
from smmdesk.ui.orders.orders_model import RECORD_ROLE, OrderColumn
from smmdesk.ui.orders.orders_pane import OrdersPane
from smmdesk.ui.refills.refills_pane import RefillsPane
from smmdesk.workers import NetworkSettings
from tests.ui.conftest import LOAD_TIMEOUT_MS


class Desktop:
    """The three order panes side by side, as the main window hosts them."""

    def __init__(self, qtbot: QtBot, context: AppContext) -> None:
        context.settings.set(AUTO_REFRESH, False)
        self.qtbot = qtbot
        self.context = context
        self.form = NewOrderPane(context)
        self.orders = OrdersPane(context)
        self.refills = RefillsPane(context)
        for pane in (self.form, self.orders, self.refills):
            qtbot.addWidget(pane)
            pane.show()

    def fill(self, service: Service, link: str, quantity: int) -> None:
        self.form.picker.set_services([*self.context.services, service])
        self.form.select_service(service.id)
        assert self.form.service == service
        for name, text in (("link", link), ("quantity", str(quantity))):
            editor = self.form.findChild(QWidget, f"edit_{name}")
            editor.clear()  # type: ignore[attr-defined]
            self.qtbot.keyClicks(editor, text)

    def click_place(self) -> None:
        self.qtbot.mouseClick(self.form.place_button, Qt.MouseButton.LeftButton)

    def confirm(self) -> None:
        dialog = visible_dialog(self.qtbot, self.form, "confirmOrderDialog")
        yes = dialog.findChild(QPushButton, "confirmYesButton")
        self.qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)

    def place(self, service: Service, link: str, quantity: int) -> OrderRecord:
        self.fill(service, link, quantity)
        with self.qtbot.waitSignal(
            self.context.desk.order_placed, timeout=LOAD_TIMEOUT_MS
        ) as blocker:
            self.click_place()
            self.confirm()
        record: OrderRecord = blocker.args[1]
        return record

    def refresh_orders(self) -> None:
        with self.qtbot.waitSignal(self.context.desk.orders_refreshed, timeout=LOAD_TIMEOUT_MS):
            self.qtbot.mouseClick(self.orders.refresh_button, Qt.MouseButton.LeftButton)

    def row_of(self, record_id: int) -> int:
        proxy = self.orders.model
        return next(
            r
            for r in range(proxy.rowCount())
            if proxy.index(r, 0).data(RECORD_ROLE).id == record_id
        )

    def status_of(self, record_id: int) -> str:
        return str(self.orders.model.index(self.row_of(record_id), OrderColumn.STATUS).data())

    def select(self, record_id: int) -> None:
        self.orders.view.clearSelection()
        self.orders.view.selectRow(self.row_of(record_id))


def visible_dialog(qtbot: QtBot, parent: QWidget, name: str) -> QDialog:
    found: list[QDialog] = []

    def shown() -> bool:
        found[:] = [d for d in parent.findChildren(QDialog, name) if d.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown, timeout=LOAD_TIMEOUT_MS)
    return found[0]


def demo_service(context: AppContext, **flags: bool) -> Service:
    return next(
        s
        for s in context.services
        if s.service_type is ServiceType.DEFAULT
        and not s.dripfeed
        and all(getattr(s, name) == value for name, value in flags.items())
    )


@pytest.fixture
def desktop(qtbot: QtBot, context: AppContext) -> Desktop:
    return Desktop(qtbot, context)


def test_order_status_refill_cancel(
    qtbot: QtBot, desktop: Desktop, context: AppContext, demo_panel: DemoPanel
) -> None:
    refillable = demo_service(context, refill=True)
    first = desktop.place(refillable, "https://instagram.com/p/flow1", refillable.min)
    assert first.journal_state is JournalState.PLACED
    assert desktop.form.result_label.text() == f"Order {first.order_id} placed"
    assert desktop.form.values()["link"] == ""  # ready for the next order
    assert not desktop.form.findChild(QLabel, "error_link").isVisible()  # and not in red
    assert desktop.status_of(first.id) == "Pending"
    demo_panel.advance(600)
    desktop.refresh_orders()
    assert desktop.status_of(first.id) in ("Completed", "Partial")
    desktop.select(first.id)
    assert desktop.orders.refill_action.isEnabled()
    with qtbot.waitSignal(context.desk.refills_requested, timeout=LOAD_TIMEOUT_MS):
        desktop.orders.refill_action.trigger()
    assert desktop.orders.outcome_label.text() == "1 refill requested"
    assert desktop.refills.proxy.rowCount() == 1
    refill_row = desktop.refills.proxy.index(0, 1).data()
    assert refill_row == first.order_id

    cancelable = demo_service(context, cancel=True)
    second = desktop.place(cancelable, "https://instagram.com/p/flow2", cancelable.min)
    desktop.select(second.id)
    assert desktop.orders.cancel_action.isEnabled()
    desktop.orders.cancel_action.trigger()  # a cancel is confirmed first
    confirm = visible_dialog(qtbot, desktop.orders, "bulkConfirmDialog")
    with qtbot.waitSignal(context.desk.orders_refreshed, timeout=LOAD_TIMEOUT_MS):
        qtbot.mouseClick(confirm.findChild(QPushButton, "bulkYesButton"), Qt.MouseButton.LeftButton)
    assert desktop.orders.outcome_label.text() == "1 cancel requested"
    assert desktop.status_of(second.id) == "Canceled"


def test_panel_refusal_is_shown_plainly(desktop: Desktop, context: AppContext) -> None:
    service = demo_service(context)
    stale = replace(service, min=1)  # the cached catalogue is older than the panel's limit
    record = desktop.place(stale, "https://instagram.com/p/low", 1)
    assert record.journal_state is JournalState.REJECTED
    text = desktop.form.result_label.text()
    assert text == f"The panel refused: Quantity less than minimal {service.min}"
    assert desktop.form.place_button.isEnabled()


def test_unconfirmed_order_then_resolved(
    store: Store, qtbot: QtBot, desktop: Desktop, context: AppContext, demo_panel: DemoPanel
) -> None:
    demo_panel.timeout_fault_seconds = 1
    demo_panel.inject("add", "timeout")
    context.desk.set_network(NetworkSettings(read_timeout=0.5, connect_timeout=2))
    service = demo_service(context)
    record = desktop.place(service, "https://instagram.com/p/lost", service.min)
    assert record.journal_state is JournalState.UNCONFIRMED
    text = desktop.form.result_label.text()
    assert text.startswith("Unconfirmed: ")
    assert text.endswith(
        "Check the panel's order list for this link before ordering again, "
        "then resolve it in Orders."
    )
    assert desktop.status_of(record.id) == "⚠ Unconfirmed"
    # The same order is not simply offered again: the form names the unconfirmed twin…
    twins = desktop.form.twins_label
    assert twins.isVisible() and twins.text().startswith("An unconfirmed order for this link")
    assert f"#{record.id} (no order ID yet)" in twins.text()
    # … and placing it again takes an explicit tick in the confirmation.
    desktop.click_place()
    dialog = visible_dialog(qtbot, desktop.form, "confirmOrderDialog")
    assert "unconfirmed" in dialog.findChild(QLabel, "twinsList").text()
    assert not dialog.findChild(QPushButton, "confirmYesButton").isEnabled()
    qtbot.mouseClick(dialog.findChild(QPushButton, "confirmNoButton"), Qt.MouseButton.LeftButton)
    assert demo_panel.requests["add"] == 1  # never resent
    panel_id = max(demo_panel.orders, key=int)  # the panel did place it before stalling
    desktop.select(record.id)
    desktop.orders.resolve_action.trigger()
    dialog = visible_dialog(qtbot, desktop.orders, "resolveOrderDialog")
    qtbot.keyClicks(dialog.findChild(QWidget, "resolveOrderIdEdit"), panel_id)
    with qtbot.waitSignal(context.desk.orders_updated, timeout=LOAD_TIMEOUT_MS):
        qtbot.mouseClick(
            dialog.findChild(QPushButton, "resolveOkButton"), Qt.MouseButton.LeftButton
        )  # the panel confirms the ID and gives its status before it is recorded
    resolved = store.order(record.id)
    assert resolved is not None and resolved.journal_state is JournalState.PLACED
    assert resolved.order_id == panel_id and resolved.status_text is not None
    assert desktop.status_of(record.id) != "⚠ Unconfirmed"


def test_double_click_places_one_order(
    qtbot: QtBot, desktop: Desktop, context: AppContext, demo_panel: DemoPanel
) -> None:
    demo_panel.latency_ms = 300  # keep the order in flight while we keep clicking
    service = demo_service(context)
    desktop.fill(service, "https://instagram.com/p/twice", service.min)
    desktop.click_place()
    desktop.click_place()  # lands while the confirmation is open: ignored
    assert not desktop.form.place_button.isEnabled()
    assert len([d for d in desktop.form.findChildren(QDialog) if d.isVisible()]) == 1
    with qtbot.waitSignal(context.desk.order_placed, timeout=LOAD_TIMEOUT_MS):
        desktop.confirm()
        assert desktop.form.phase is Phase.SENDING
        desktop.click_place()
        desktop.form.on_placeOrderButton_clicked()  # even a direct call cannot re-enter
    qtbot.waitUntil(lambda: context.desk.busy == 0, timeout=LOAD_TIMEOUT_MS)
    assert demo_panel.requests["add"] == 1
    assert desktop.form.place_button.isEnabled()


def test_a_subscription_is_charged_its_estimate(
    qtbot: QtBot, desktop: Desktop, context: AppContext, demo_panel: DemoPanel
) -> None:
    """Issue 9: the form showed one post, the panel wanted every post asked for."""
    service = next(s for s in context.services if s.service_type is ServiceType.SUBSCRIPTIONS)
    desktop.form.select_service(service.id)
    desktop.form.fields.set_values(
        {"username": "flow_sub", "min": str(service.min), "max": str(service.min * 2 + 1),
         "posts": "6"}
    )  # fmt: skip
    assert "6 posts" in desktop.form.charge_label.text()
    before = demo_panel.balance
    with qtbot.waitSignal(context.desk.order_placed, timeout=LOAD_TIMEOUT_MS) as blocker:
        desktop.click_place()
        dialog = visible_dialog(qtbot, desktop.form, "confirmOrderDialog")
        shown = [label.text() for label in dialog.findChildren(QLabel)]
        assert any(text.endswith(" per post)") and "6 posts" in text for text in shown)
        desktop.confirm()
    record: OrderRecord = blocker.args[1]
    assert record.journal_state is JournalState.PLACED
    assert record.charge_estimate == before - demo_panel.balance
    assert desktop.form.values()["username"] == ""
    assert not desktop.form.findChild(QLabel, "error_username").isVisible()


def test_a_sending_order_says_it_waits_and_until_when(
    qtbot: QtBot, desktop: Desktop, context: AppContext, demo_panel: DemoPanel
) -> None:
    """Issue 14: while the panel is slow, the form counts down to the read timeout."""
    context.settings.set(READ_TIMEOUT_S, 40)
    demo_panel.latency_ms = 2500
    service = demo_service(context)
    desktop.fill(service, "https://instagram.com/p/slow", service.min)
    desktop.click_place()
    with qtbot.waitSignal(context.desk.order_placed, timeout=LOAD_TIMEOUT_MS):
        desktop.confirm()
        first = desktop.form.result_label.text()
        assert "Waiting for the panel's answer" in first and "in 40 s" in first
        qtbot.waitUntil(lambda: "in 39 s" in desktop.form.result_label.text(), timeout=1800)
    assert "Waiting" not in desktop.form.result_label.text()
    assert "placed" in desktop.form.result_label.text()

"""The Overview against the real demo panel: balances, counts and spend per panel, the
low-balance warning edited in place, links into the Orders tab, what needs attention,
and the demo-only note."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit
from pytestqt.qtbot import QtBot

from smmdesk.api import Service
from smmdesk.api.draft import OrderDraft
from smmdesk.demopanel import DemoPanel
from smmdesk.secrets import KeyStore
from smmdesk.settings import Settings, low_balance_option
from smmdesk.store import JournalState, OrderRecord, Panel, Store
from smmdesk.ui.common.balances import BalanceBook
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.common.format import format_money
from smmdesk.ui.overview.columns import Column
from smmdesk.ui.overview.overview_model import LINK_ROLE
from smmdesk.ui.overview.overview_pane import OverviewPane
from smmdesk.workers import DEMO_KEY, Desk
from tests.conftest import TEST_KEY
from tests.ui.conftest import LOAD_TIMEOUT_MS

WAIT_MS = 20_000


@pytest.fixture
def pane(qtbot: QtBot, context: AppContext) -> OverviewPane:
    widget = OverviewPane(context, BalanceBook(context))
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    with qtbot.waitSignal(widget.refreshed, timeout=WAIT_MS):
        widget.show()
    return widget


def cell(pane: OverviewPane, panel_id: int, column: Column) -> QModelIndex:
    for row in range(pane.proxy.rowCount()):
        index = pane.proxy.index(row, column)
        if pane.proxy.index(row, Column.PANEL).data(Qt.ItemDataRole.UserRole) == panel_id:
            return index
    raise AssertionError(f"no row for panel {panel_id}")


def text(pane: OverviewPane, panel_id: int, column: Column) -> str:
    return str(cell(pane, panel_id, column).data())


def default_service(context: AppContext) -> Service:
    return next(s for s in context.services if s.type == "Default" and s.refill)


def place(qtbot: QtBot, context: AppContext, panel: Panel, link: str) -> OrderRecord:
    service = default_service(context)
    currency = context.balance.currency if context.balance else None
    estimate = service.rate * service.min / 1000
    draft = OrderDraft.of(service, link, service.min, charge_estimate=estimate, currency=currency)
    with qtbot.waitSignal(context.desk.order_placed, timeout=WAIT_MS) as placed:
        context.desk.place_order(panel.id, draft)
    record: OrderRecord = placed.args[1]
    return record


def click(qtbot: QtBot, view: QAbstractItemView, index: QModelIndex) -> None:
    view.scrollTo(index)
    center: QPoint = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)


def test_a_panel_row_shows_its_balance_and_what_it_counts(
    qtbot: QtBot, pane: OverviewPane, context: AppContext, test_panel: Panel
) -> None:
    assert context.balance is not None
    balance = format_money(context.balance.amount, context.balance.currency)
    qtbot.waitUntil(lambda: text(pane, test_panel.id, Column.BALANCE) == balance)
    assert text(pane, test_panel.id, Column.ACTIVE) == "0"
    assert text(pane, test_panel.id, Column.SPENT_TODAY) == "—"

    with qtbot.waitSignal(pane.refreshed, timeout=WAIT_MS):  # refreshed after the order
        record = place(qtbot, context, test_panel, "https://instagram.com/p/overview1")

    assert record.journal_state is JournalState.PLACED
    assert text(pane, test_panel.id, Column.ACTIVE) == "1"
    spent = record.charge or record.charge_estimate
    assert text(pane, test_panel.id, Column.SPENT_TODAY) == format_money(spent, record.currency)
    assert text(pane, test_panel.id, Column.SPENT_MONTH) == format_money(spent, record.currency)


def test_a_count_is_a_link_to_its_orders_by_mouse_and_by_keyboard(
    qtbot: QtBot, pane: OverviewPane, context: AppContext, test_panel: Panel
) -> None:
    with qtbot.waitSignal(pane.refreshed, timeout=WAIT_MS):
        record = place(qtbot, context, test_panel, "https://instagram.com/p/overview2")
    active = cell(pane, test_panel.id, Column.ACTIVE)
    assert active.data(LINK_ROLE) == ("all", (record.id,))

    with qtbot.waitSignal(pane.orders_requested) as requested:
        click(qtbot, pane.table, active)
    assert requested.args == [test_panel.id, "all", (record.id,)]

    pane.table.setCurrentIndex(active)
    with qtbot.waitSignal(pane.orders_requested) as requested:
        qtbot.keyClick(pane.table, Qt.Key.Key_Return)
    assert requested.args == [test_panel.id, "all", (record.id,)]

    zero = cell(pane, test_panel.id, Column.UNCONFIRMED)
    with qtbot.assertNotEmitted(pane.orders_requested):
        click(qtbot, pane.table, zero)  # a zero is no link


def test_what_needs_attention_is_listed_per_panel_and_each_line_opens_its_tab(
    qtbot: QtBot,
    pane: OverviewPane,
    context: AppContext,
    test_panel: Panel,
    demo_panel: DemoPanel,
) -> None:
    assert not pane.attention_list.isVisible() and pane.ui.nothing.isVisible()
    demo_panel.inject("add", "reset")  # the answer is lost: unconfirmed
    lost = place(qtbot, context, test_panel, "https://instagram.com/p/lost")
    demo_panel.inject("add", "error200")  # the panel says no
    refused = place(qtbot, context, test_panel, "https://instagram.com/p/refused")
    assert lost.journal_state is JournalState.UNCONFIRMED
    assert refused.journal_state is JournalState.REJECTED
    qtbot.waitUntil(lambda: pane.attention.rowCount() == 2, timeout=WAIT_MS)

    lines = [pane.attention.index(row).data() for row in range(2)]
    assert lines[0].startswith("1 order unconfirmed on Test panel")
    assert lines[1] == "1 order refused on Test panel since yesterday"
    assert pane.attention_list.isVisible() and not pane.ui.nothing.isVisible()
    assert text(pane, test_panel.id, Column.UNCONFIRMED) == "1"

    with qtbot.waitSignal(pane.orders_requested) as requested:
        click(qtbot, pane.attention_list, pane.attention.index(1))
    assert requested.args == [test_panel.id, "rejected", (refused.id,)]
    pane.attention_list.setCurrentIndex(pane.attention.index(0))
    with qtbot.waitSignal(pane.orders_requested) as requested:
        qtbot.keyClick(pane.attention_list, Qt.Key.Key_Enter)
    assert requested.args == [test_panel.id, "unconfirmed", (lost.id,)]


def edit_threshold(qtbot: QtBot, pane: OverviewPane, panel_id: int, typed: str) -> None:
    index = cell(pane, panel_id, Column.THRESHOLD)
    pane.table.setCurrentIndex(index)
    pane.table.edit(index)
    editor = pane.table.findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, typed)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn
    qtbot.waitUntil(lambda: pane.table.state() != QAbstractItemView.State.EditingState)


def test_the_warning_is_edited_in_place_stored_and_said_in_words(
    qtbot: QtBot, pane: OverviewPane, context: AppContext, settings: Settings, test_panel: Panel
) -> None:
    assert context.balance is not None
    option = low_balance_option(test_panel.id)

    edit_threshold(qtbot, pane, test_panel.id, "ten")
    assert pane.field_message.isVisible()
    assert "Type an amount such as 25.50" in pane.field_message.text()
    assert settings.get(option) == ""

    above = context.balance.amount + 1000
    edit_threshold(qtbot, pane, test_panel.id, f"{above:,}")
    assert not pane.field_message.isVisible()
    assert Decimal(settings.get(option)) == above
    balance = text(pane, test_panel.id, Column.BALANCE)
    assert balance.endswith("· low")
    tooltip = cell(pane, test_panel.id, Column.BALANCE).data(Qt.ItemDataRole.ToolTipRole)
    assert "Below your warning of" in tooltip
    assert text(pane, test_panel.id, Column.THRESHOLD) == format_money(
        above, context.balance.currency
    )

    settings.set(option, "")  # cleared elsewhere (the settings announce it)
    assert not text(pane, test_panel.id, Column.BALANCE).endswith("low")


def test_a_balance_that_could_not_be_fetched_says_why_and_one_never_fetched_says_so(
    qtbot: QtBot,
    pane: OverviewPane,
    context: AppContext,
    store: Store,
    test_panel: Panel,
    demo_panel: DemoPanel,
) -> None:
    demo_panel.inject("balance", "error200")
    with qtbot.waitSignal(context.desk.task_failed, timeout=WAIT_MS):
        context.desk.fetch_balance(test_panel.id)
    assert text(pane, test_panel.id, Column.BALANCE) == "The panel refused"
    tooltip = cell(pane, test_panel.id, Column.BALANCE).data(Qt.ItemDataRole.ToolTipRole)
    assert "Last known balance" in tooltip

    with qtbot.waitSignal(context.desk.balance_loaded, timeout=WAIT_MS):
        context.desk.fetch_balance(test_panel.id)
    assert text(pane, test_panel.id, Column.BALANCE) != "The panel refused"

    other = store.add_panel("Second panel", "http://127.0.0.1:9/api/v2")
    context.set_panels(store.panels())
    assert text(pane, other.id, Column.BALANCE) == "…"


def test_a_hidden_overview_reads_nothing_until_it_is_shown(
    qtbot: QtBot, pane: OverviewPane, context: AppContext, test_panel: Panel
) -> None:
    pane.hide()
    with qtbot.assertNotEmitted(pane.refreshed, wait=600):
        place(qtbot, context, test_panel, "https://instagram.com/p/hidden")
    with qtbot.waitSignal(pane.refreshed, timeout=WAIT_MS):
        pane.show()
    assert text(pane, test_panel.id, Column.ACTIVE) == "1"


@pytest.fixture
def demo_only(qtbot: QtBot, desk: Desk, store: Store, settings: Settings) -> Iterator[AppContext]:
    with DemoPanel(key=DEMO_KEY, services=40, seed=3, latency_ms=0) as server:
        demo = store.add_panel("Demo panel", server.url, is_demo=True)
        context = AppContext(desk, settings, store.panels())
        context.set_active_panel(demo.id)
        qtbot.waitUntil(lambda: context.balance is not None, timeout=LOAD_TIMEOUT_MS)
        yield context


def test_with_only_the_demo_the_pane_says_its_money_is_pretend_and_offers_a_real_panel(
    qtbot: QtBot, demo_only: AppContext
) -> None:
    pane = OverviewPane(demo_only, BalanceBook(demo_only))
    qtbot.addWidget(pane)
    with qtbot.waitSignal(pane.refreshed, timeout=WAIT_MS):
        pane.show()
    assert pane.ui.demo_note.isVisible()
    assert "pretend money" in pane.ui.demo_text.text()
    assert text(pane, demo_only.demo_panel_id, Column.PANEL) == "Demo panel (pretend money)"
    with qtbot.waitSignal(pane.add_panel_requested):
        qtbot.mouseClick(pane.add_panel_button, Qt.MouseButton.LeftButton)


def test_the_note_goes_once_a_real_panel_is_added(
    qtbot: QtBot, demo_only: AppContext, store: Store
) -> None:
    pane = OverviewPane(demo_only, BalanceBook(demo_only))
    qtbot.addWidget(pane)
    pane.show()
    assert pane.ui.demo_note.isVisible()
    store.add_panel("My panel", "https://panel.example/api/v2")
    demo_only.set_panels(store.panels())
    assert not pane.ui.demo_note.isVisible()
    names = [pane.model.index(row, Column.PANEL).data() for row in range(pane.model.rowCount())]
    assert names == ["My panel", "Demo panel (pretend money)"]  # the demo last


def test_an_order_on_another_panel_fetches_that_panel_s_balance_again(
    qtbot: QtBot,
    pane: OverviewPane,
    context: AppContext,
    store: Store,
    keys: KeyStore,
    demo_panel: DemoPanel,
) -> None:
    other = store.add_panel("Same server, second profile", demo_panel.url)
    keys.save(other.id, TEST_KEY)
    context.set_panels(store.panels())
    assert text(pane, other.id, Column.BALANCE) == "…"  # never fetched

    with qtbot.waitSignal(
        context.desk.balance_loaded,
        timeout=WAIT_MS,
        check_params_cb=lambda ticket, _balance: ticket.panel_id == other.id,
    ):
        place(qtbot, context, other, "https://instagram.com/p/elsewhere")
    assert text(pane, other.id, Column.BALANCE) != "…"

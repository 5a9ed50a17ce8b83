"""Every word the Orders tab shows goes through Qt's translation system: with a
pseudo-translation installed (each text of the tab's contexts wrapped in « »), its
controls, column headers, statuses, tooltips, dialogs and the outcomes it reports come out
wrapped; the orders' own data (IDs, links, the panel's words) does not.

Without a translation, the words are the English ones the rest of the tests read."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from smmdesk.api import OrderState
from smmdesk.services import bulk
from smmdesk.services.bulk import BulkAction, BulkPlan, NotSent, plan
from smmdesk.services.profit import Totals
from smmdesk.store import Store
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.orders.annotate_dialog import AnnotateOrdersDialog
from smmdesk.ui.orders.bulk_dialogs import BulkConfirmDialog, confirm_text
from smmdesk.ui.orders.bulk_outcome import OutcomeColumn, OutcomeModel, as_text, refill_rows
from smmdesk.ui.orders.dialogs import DismissOrdersDialog, ResolveOrderDialog
from smmdesk.ui.orders.markups_dialog import MarkupsDialog
from smmdesk.ui.orders.orders_actions import (
    copied_summary,
    import_summary,
    summarize_refills,
)
from smmdesk.ui.orders.orders_chrome import money_summary
from smmdesk.ui.orders.orders_model import OrderColumn
from smmdesk.ui.orders.orders_pane import OrdersPane
from smmdesk.ui.orders.track_dialog import TrackOrdersDialog
from smmdesk.ui.orders.wording import reason_text, state_word
from smmdesk.workers import RefillsRequested
from tests.ui.order_helpers import add_panel, import_history, unconfirmed_order
from tests.ui.orders.test_orders_pane import SERVICE
from tests.ui.pseudo import pseudo_translation, wrapped

CONTEXTS = frozenset(
    {
        "Orders", "OrderStatus", "OrderActions", "OrderDialogs", "AnnotateOrdersDialog",
        "MarkupsDialog", "TrackOrdersDialog",
        "OrderProblems",  # the sell price's and markup's problems (shared with New order)
    }
)  # fmt: skip
REASONS = [value for name, value in vars(bulk).items() if name.isupper() and isinstance(value, str)]


@pytest.fixture
def pseudo(qapp: QApplication) -> Iterator[None]:
    with pseudo_translation(qapp, CONTEXTS):
        yield


def test_without_a_translation_the_words_are_english() -> None:
    assert [state_word(state) for state in OrderState] == [state.label for state in OrderState]
    assert state_word(None) == "Pending"
    assert [reason_text(reason) for reason in REASONS] == REASONS


def test_the_pane_s_words_are_translated(
    qtbot: QtBot, context: AppContext, store: Store, pseudo: None
) -> None:
    import_history(store, context.panel_id, 5)
    unconfirmed_order(store, context.panel_id, SERVICE, "https://example.com/p/1")
    pane = OrdersPane(context)
    qtbot.addWidget(pane)
    actions = [*pane.selection_actions(), pane.track_action, pane.markups_action]
    actions.remove(pane.copy_table_action)  # shared with other tabs ("TableExport")
    texts = [
        pane.search_edit.placeholderText(),
        pane.search_edit.toolTip(),
        pane.all_panels_check.text(),
        pane.all_panels_check.toolTip(),
        pane.refresh_button.text(),
        pane.total_label.text(),
        pane.money_label.toolTip(),
        *(pane.status_tabs.tabText(i) for i in range(pane.status_tabs.count())),
        *(action.text() for action in actions),
        *(action.toolTip() for action in actions if action.toolTip() != action.text()),
    ]
    assert [text for text in texts if not wrapped(text)] == []
    assert pane.total_label.text() == "«6 orders»"

    model = pane.model
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in OrderColumn]
    assert all(map(wrapped, titles))
    statuses = {model.index(row, OrderColumn.STATUS).data() for row in range(model.rowCount())}
    words = ("⚠ Unconfirmed", "Pending", "In progress", "Completed", "Partial", "Canceled")
    assert statuses == {f"«{word}»" for word in words}
    unconfirmed = next(r for r in range(model.rowCount()) if model.record(r).order_id is None)
    tooltip = model.index(unconfirmed, OrderColumn.STATUS).data(Qt.ItemDataRole.ToolTipRole)
    assert "«Check the panel, then Resolve…" in tooltip
    placed = model.record(unconfirmed + 1)
    assert model.index(unconfirmed + 1, OrderColumn.ORDER_ID).data() == placed.order_id
    assert model.panel_name(404) == "«Panel 404»"


def test_what_the_actions_report_is_translated(store: Store, pseudo: None) -> None:
    panel_id = add_panel(store)
    first, second = store.import_orders(panel_id, ["1", "2"])
    planned = plan(BulkAction.REFILL, panel_id, [first, second], running={second.id})
    assert confirm_text(planned) == (
        "«Refill 1 of the 2 selected orders?»\n\n"
        "«1 order will not be sent:»\n• 1: «a refill is already running»"
    )
    assert all(wrapped(reason_text(reason)) for reason in REASONS)
    refills = store.add_refills([(first, "77", None)])
    rows = refill_rows(planned, RefillsRequested(refills, []))
    model = OutcomeModel(rows)
    cells = [model.index(r, c).data() for r in range(2) for c in (2, 3)]
    # (the reason's first letter is made upper case: here that is the « mark)
    assert cells == ["«Accepted»", "«Refill 77»", "«Not sent»", "«a refill is already running»"]
    assert all(wrapped(model.headerData(c, Qt.Orientation.Horizontal)) for c in OutcomeColumn)
    assert as_text(rows).splitlines()[2] == "2\t\t«Not sent»\t«a refill is already running»"
    left_out = [NotSent(second, bulk.REFILL_RUNNING)]
    for text in (
        summarize_refills(refills, left_out),
        import_summary(3, 1, {"9": "Incorrect order ID"}, 1),
        copied_summary(BulkAction.COPY_LINKS, [first], 1),
        money_summary([Totals("USD", 2, Decimal(5), 1, Decimal(8), Decimal(3))]),
    ):
        assert text.startswith("«"), text
    assert "Incorrect order ID" in import_summary(3, 1, {"9": "Incorrect order ID"})  # the panel's


def test_the_dialogs_words_are_translated(
    qtbot: QtBot, context: AppContext, store: Store, pseudo: None
) -> None:
    record = unconfirmed_order(store, context.panel_id, SERVICE, "https://example.com/p/1")
    nothing = BulkPlan(BulkAction.CANCEL, context.panel_id, [], [NotSent(record, bulk.NO_CANCEL)])
    desk, names = context.desk, ({context.panel_id: "Main"}, {})
    dialogs: list[QDialog] = [
        DismissOrdersDialog([record.id]),
        ResolveOrderDialog(record, desk),
        AnnotateOrdersDialog(None, 3, []),
        MarkupsDialog(desk, names, (context.panel_id, "7", "Likes"), ""),
        TrackOrdersDialog(desk, context.panel_id),
        BulkConfirmDialog(nothing),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert wrapped(dialog.windowTitle()), dialog.objectName()
        message = getattr(dialog, "message", None)
        if message is not None:
            assert message.text().startswith("«"), dialog.objectName()
    resolve = dialogs[1]
    assert isinstance(resolve, ResolveOrderDialog)
    assert wrapped(resolve.id_edit.placeholderText())
    assert resolve.ours_label.text().startswith("«Sent ")
    annotate = dialogs[2]
    assert isinstance(annotate, AnnotateOrdersDialog)
    annotate.sell_edit.setText("lots")
    assert annotate.sell_error.text().startswith("«“lots” is not an amount.")

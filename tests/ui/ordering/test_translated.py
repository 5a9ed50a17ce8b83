"""Every word the New order form and its confirmation show goes through Qt's translation
system: with a pseudo-translation installed (each text of these contexts wrapped in « »),
labels, hints, buttons, problems, the estimate and the confirmation all come out wrapped.
Data (service names, links, amounts) is never translated."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from smmdesk.api import Balance
from smmdesk.api.draft import OrderDraft
from smmdesk.store import JournalState
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.ordering.confirm_dialog import ConfirmOrderDialog, summarize
from smmdesk.ui.ordering.order_form import NewOrderPane
from tests.ui.ordering.test_confirm_dialog import twin
from tests.ui.ordering.test_order_form import make_service
from tests.ui.pseudo import pseudo_translation, wrapped

CONTEXTS = frozenset(
    {
        "OrderForm",
        "OrderFields",
        "OrderProblems",
        "OrderEstimate",
        "OrderNotes",
        "ExtraFields",
        "ConfirmOrder",
        "OrderTwins",
        "ServicePicker",
        "Format",
    }
)


@pytest.fixture
def pseudo(qapp: QApplication) -> Iterator[None]:
    with pseudo_translation(qapp, CONTEXTS):
        yield


def form_labels(layout: QFormLayout) -> list[str]:
    found = []
    for row in range(layout.rowCount()):
        item = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
        if item is not None and isinstance(item.widget(), QLabel):
            found.append(item.widget().text())
    return [text for text in found if text]


@pytest.fixture
def pane(qtbot: QtBot, context: AppContext, pseudo: None) -> NewOrderPane:
    widget = NewOrderPane(context)
    qtbot.addWidget(widget)
    widget.show()
    context.balance = Balance(Decimal("10"), "USD")
    widget.picker.set_services([make_service("Default", dripfeed=True)])
    widget.select_service("9001")
    return widget


def test_the_form_s_labels_hints_and_buttons(pane: NewOrderPane) -> None:
    labels = [label.text() for label in pane.findChildren(QLabel) if label.buddy() is not None]
    assert len(labels) >= 9 and all(wrapped(text) for text in labels), labels
    for layout in pane.findChildren(QFormLayout):
        assert all(wrapped(text) for text in form_labels(layout)), form_labels(layout)
    hints = {
        edit.objectName(): edit.placeholderText()
        for edit in pane.findChildren(QLineEdit)
        if edit.placeholderText()
    }
    assert {"serviceSearch", "edit_link", "edit_runs", "customerEdit", "sellPriceEdit"} <= set(
        hints
    )
    assert all(wrapped(text) for text in hints.values()), hints
    buttons = [button.text() for button in pane.findChildren(QPushButton)]
    assert all(wrapped(text) for text in buttons), buttons
    assert wrapped(pane.extras.title())
    names = [w.accessibleName() for w in pane.findChildren(QWidget) if w.accessibleName()]
    assert all(wrapped(name) for name in names), names


def test_problems_and_the_estimate(qtbot: QtBot, pane: NewOrderPane) -> None:
    pane.fields.set_values({"link": "", "quantity": "10", "runs": "3", "interval": "5"})
    qtbot.mouseClick(pane.place_button, Qt.MouseButton.LeftButton)
    errors = [pane.findChild(QLabel, f"error_{name}").text() for name in ("link", "quantity")]
    assert all(wrapped(text) for text in errors), errors
    times = "\N{MULTIPLICATION SIGN}"
    assert pane.charge_label.text() == f"«0.027 USD (3 runs {times} 0.009 USD)»"
    assert pane.quantity_label.text() == f"«3 runs {times} 10 = 30»"
    pane.notes.sell_edit.setText("abc")
    assert wrapped(pane.findChild(QLabel, "error_sell_price").text())
    pane.notes.sell_edit.setText("+30%")
    assert wrapped(pane.notes.sell_hint.text())


def test_the_picker_s_list(qtbot: QtBot, pane: NewOrderPane) -> None:
    pane.picker.search_line.setFocus()
    qtbot.keyClicks(pane.picker.search_line, "zzz")
    assert wrapped(pane.picker.popup.status.text())
    model = pane.picker.model
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(1, 4)]
    assert all(wrapped(text) for text in titles), titles


def test_the_confirmation(qtbot: QtBot, pseudo: None) -> None:
    service = make_service("Custom Comments", minimum=1)
    comments = "\n".join(f"comment {i}" for i in range(6))
    draft = OrderDraft(service, {"link": "https://x.test/p/1", "comments": comments})
    summary = summarize(draft, None, [twin(JournalState.UNCONFIRMED, None, 1)])
    dialog = ConfirmOrderDialog(summary)
    qtbot.addWidget(dialog)
    assert wrapped(dialog.windowTitle())
    assert wrapped(dialog.message.text().replace("\n", " "))
    assert all(wrapped(text) for text in form_labels(dialog.form) if text != "link")
    rows = dict(summary.rows)
    assert rows["«Link»"] == "https://x.test/p/1"  # data as it is sent
    assert all(wrapped(line) for line in rows["«Comments»"].splitlines() if "«" in line)
    assert dialog.twin_check is not None and wrapped(dialog.twin_check.text())
    assert wrapped(dialog.yes_button.text())

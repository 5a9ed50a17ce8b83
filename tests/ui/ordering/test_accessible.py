"""Every input of the New order form and of its confirmation has a name a screen reader
says and a label whose mnemonic (Alt+letter) puts the keyboard in it; within a form no two
labels share a letter, nor take one of the window's menus."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

import smmdesk.ui.ordering.field_words as words
from smmdesk.api import ServiceType, validate_order
from smmdesk.api.draft import OrderDraft
from smmdesk.services.profit import MoneyInputError, parse_sell_price
from smmdesk.store import JournalState
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.ordering.confirm_dialog import ConfirmOrderDialog, summarize
from smmdesk.ui.ordering.field_words import problem_words
from smmdesk.ui.ordering.order_form import NewOrderPane
from tests.ui.ordering.test_confirm_dialog import twin
from tests.ui.ordering.test_order_form import make_service

INPUTS = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractItemView)
MENU_LETTERS = frozenset("fvoh")  # the window's File, View, Orders and Help menus
MNEMONIC = re.compile(r"&([^&])")


@pytest.fixture
def pane(qtbot: QtBot, context: AppContext) -> NewOrderPane:
    widget = NewOrderPane(context)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def inputs(root: QWidget) -> list[QWidget]:
    """The widgets a user types in or chooses from, as the keyboard reaches them."""
    return [
        widget
        for widget in root.findChildren(QWidget)
        if isinstance(widget, INPUTS)
        and widget.isVisibleTo(root)
        and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]


def buddies(root: QWidget) -> dict[QWidget, str]:
    return {
        label.buddy(): label.text()
        for label in root.findChildren(QLabel)
        if label.buddy() is not None and label.isVisibleTo(root)
    }


def mnemonics(root: QWidget) -> list[str]:
    """The Alt+letters of the visible labels, group boxes and buttons."""
    texts = [label.text() for label in root.findChildren(QLabel) if label.buddy()]
    texts += [box.title() for box in root.findChildren(QGroupBox)]
    texts += [button.text() for button in root.findChildren(QAbstractButton)]
    return [found.group(1).lower() for text in texts for found in MNEMONIC.finditer(text)]


@pytest.mark.parametrize("service_type", [t.value for t in ServiceType])
def test_every_input_has_a_name_and_a_label_with_a_mnemonic(
    pane: NewOrderPane, service_type: str
) -> None:
    pane.picker.set_services([make_service(service_type, dripfeed=True)])
    pane.select_service("9001")
    pane.extras.setChecked(True)  # its table is an input too
    found = inputs(pane)
    assert len(found) >= 6  # search, a field, extra fields, customer, note, sell price
    labels = buddies(pane)
    for widget in found:
        name = widget.objectName()
        assert widget.accessibleName(), name
        assert widget in labels, f"{name} has no buddy label"
        assert MNEMONIC.search(labels[widget]), f"{name}'s label {labels[widget]!r}"
    letters = mnemonics(pane)
    assert len(letters) == len(set(letters)), sorted(letters)
    assert not MENU_LETTERS & set(letters)


def test_a_field_is_read_out_by_its_label_without_the_mnemonic(pane: NewOrderPane) -> None:
    pane.picker.set_services([make_service("Default", dripfeed=True)])
    pane.select_service("9001")
    runs = pane.fields.inputs["runs"].editor()
    assert runs.accessibleName() == "Drip-feed runs"
    assert buddies(pane)[runs] == "&Drip-feed runs (optional)"
    assert pane.notes.customer_edit.accessibleName() == "Customer (optional)"


def test_the_confirmations_tick_is_named_and_has_a_mnemonic(qtbot: QtBot) -> None:
    service = make_service("Default")
    draft = OrderDraft(service, {"link": "https://x.test/p/1", "quantity": "100"})
    dialog = ConfirmOrderDialog(summarize(draft, None, [twin(JournalState.PLACED, "7", 1)]))
    qtbot.addWidget(dialog)
    check = dialog.twin_check
    assert check is not None and check.accessibleName() and MNEMONIC.search(check.text())
    assert inputs(dialog) == []  # the rest is read, not typed: rows of plain text
    assert dialog.focusWidget() is dialog.no_button  # Enter goes back, never places


def test_problems_are_reworded_from_the_api_in_the_users_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each problem `validate_order` and the sell price say is one this module knows: in
    another language it is translated whole, with the label and numbers in it."""
    monkeypatch.setattr(words, "translate", lambda _context, text: f"<{text}>")
    long = "https://x.test/" + "a" * 5000
    cases = [
        ("Default", {"link": "", "quantity": "x"}),
        ("Default", {"link": "javascript:alert(1)", "quantity": "10"}),
        ("Default", {"link": "a b", "quantity": "5000"}),
        ("Default", {"link": "https://", "quantity": "99999999999999999999999"}),
        ("Default", {"link": "https://x\ny", "quantity": "10"}),
        ("Default", {"link": long, "quantity": "100", "runs": "1"}),
        ("Default", {"link": "https://x.test", "quantity": "100", "runs": "3", "interval": "0"}),
        ("Custom Comments", {"link": "https://x.test", "comments": "c\n" * 10_001}),
        ("Mentions User Followers", {"link": "x", "quantity": "100", "username": "u" * 5000}),
        (
            "Subscriptions",
            {"username": "a\x01", "min": "1", "max": "2", "posts": "0", "delay": "7"},
        ),
        ("Subscriptions", {"username": "a", "min": "150", "max": "120", "delay": "0"}),
        ("Subscriptions", {"username": "a", "min": "150", "max": "5000", "delay": "0"}),
    ]
    messages = set()
    for service_type, values in cases:
        service = make_service(service_type, minimum=50, maximum=1000, dripfeed=True)
        messages |= set(validate_order(service, values).values())
    for typed in ("abc", "99999999999999", "0.123456789", "+%", "+999999%", "x%"):
        try:
            parse_sell_price(typed, ".", ",")
        except MoneyInputError as error:
            messages.add(str(error))
    assert len(messages) >= 20
    assert [m for m in messages if problem_words(m) == m] == []
    assert problem_words("Link is required") == "<<Link> is required>"
    assert problem_words("At least 1,000 (you have 5)") == "<At least 1,000 (you have 5)>"
    assert problem_words("A panel's own words") == "A panel's own words"


def test_numbers_in_a_problem_follow_the_locale() -> None:
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    assert problem_words("At most 10,000 (you have 12,345)") == "At most 10.000 (you have 12.345)"

"""The user's own fields of an order: customer, note and sell price, kept by SMMDesk and
never sent to a panel (the New order form, and the Orders tab's "Note & price…").

Amounts and markups are typed in the user's locale (`read_sell_price`, `read_markup`:
`services.profit` does the reading, `QLocale` says which decimal point); a sell price
that is not a number gets its message under the field and changes nothing.

Signals (`NotesInputs`):
    edited()               any of the three fields changed
    markups_requested()    the user asked to see or set the markups
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from smmdesk.services.annotations import OrderNotes
from smmdesk.services.profit import (
    MoneyInputError,
    SellPriceInput,
    chosen_markup,
    marked_up,
    parse_markup,
    parse_sell_price,
)
from smmdesk.store.annotations import CUSTOMER_MAX, NOTE_MAX, customer_key
from smmdesk.store.records import Markups
from smmdesk.ui.common.format import format_money
from smmdesk.ui.common.tones import Tone, current_tones
from smmdesk.ui.ordering.field_words import problem_words, without_mnemonic

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
# Marked for lupdate: shown through `sell_placeholder()`.
SELL_PLACEHOLDER = str(QT_TRANSLATE_NOOP("OrderNotes", "e.g. 12.50, or +30% over the charge"))


def sell_placeholder() -> str:
    """The sell price field's hint, in the user's language."""
    return translate("OrderNotes", SELL_PLACEHOLDER)


def read_sell_price(text: str) -> SellPriceInput | None:
    """The sell price typed in the user's locale; `MoneyInputError` says what is wrong."""
    locale = QLocale()
    return parse_sell_price(text, locale.decimalPoint(), locale.groupSeparator())


def read_markup(text: str) -> Decimal | None:
    locale = QLocale()
    return parse_markup(text, locale.decimalPoint(), locale.groupSeparator())


def percent_text(percent: Decimal) -> str:
    """`+30%`, `-5%`, `12.5%` as a user reads and would type it."""
    sign = "+" if percent > 0 else ""
    return f"{sign}{format_money(percent).rstrip('0').rstrip(QLocale().decimalPoint())}%"


def customer_completer(parent: QWidget, customers: Sequence[str]) -> QCompleter:
    completer = QCompleter(list(customers), parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    return completer


class NotesInputs(QWidget):
    """Customer, note and sell price rows, the sell price's message, and a line saying
    what the sell price will be (typed, or a markup's)."""

    edited = Signal()
    markups_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orderNotes")
        self.markups = Markups()
        self.customer_edit = self._line(
            "customerEdit", translate("OrderNotes", "Who this order is for (optional)")
        )
        self.customer_edit.setMaxLength(CUSTOMER_MAX)
        self.note_edit = self._line(
            "noteEdit", translate("OrderNotes", "A reminder for you; never sent to the panel")
        )
        self.note_edit.setMaxLength(NOTE_MAX)
        self.sell_edit = self._line("sellPriceEdit", sell_placeholder())
        self.sell_error = self._message("error_sell_price", Tone.BAD)
        self.sell_hint = self._message("sellPriceHint", Tone.MUTED)
        self.markups_button = QPushButton(translate("OrderNotes", "&Markups…"), self)
        self.markups_button.setObjectName("orderMarkupsButton")
        self.markups_button.setToolTip(
            translate(
                "OrderNotes", "Markups per customer and per service, which fill in the sell price"
            )
        )
        self.markups_button.setAutoDefault(True)  # Enter on it opens the markups, as Space does
        self.markups_button.clicked.connect(self.markups_requested)
        price_row = QHBoxLayout()
        price_row.addWidget(self.sell_edit, 1)
        price_row.addWidget(self.markups_button)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        rows = (
            (
                self.customer_edit,
                translate("OrderNotes", "Custome&r (optional)"),
                self.customer_edit,
            ),
            (self.note_edit, translate("OrderNotes", "&Note (optional)"), self.note_edit),
            (self.sell_edit, translate("OrderNotes", "Sell &price (optional)"), price_row),
        )
        for edit, text, field in rows:
            form.addRow(self._buddy_label(edit, text), field)
        form.addRow("", self.sell_error)
        form.addRow("", self.sell_hint)

    def set_markups(self, markups: Markups) -> None:
        self.markups = markups
        self.customer_edit.setCompleter(customer_completer(self, markups.known_customers))

    def notes(self) -> OrderNotes:
        """What the fields hold; `MoneyInputError` for a sell price that is not one."""
        return OrderNotes(
            self.note_edit.text(), self.customer_edit.text(), read_sell_price(self.sell_edit.text())
        )

    def problem(self) -> str:
        """The sell price's message, or "" when it reads (or is empty)."""
        try:
            read_sell_price(self.sell_edit.text())
        except MoneyInputError as error:
            return problem_words(str(error))
        return ""

    def show_problem(self, shown: bool) -> None:
        message = self.problem() if shown else ""
        self.sell_error.setText(message)
        self.sell_error.setVisible(bool(message))

    def refresh_hint(
        self, panel_id: int, service_id: str | None, cost: Decimal | None, currency: str | None
    ) -> None:
        """Say what the sell price will be for an order that costs `cost`."""
        self.sell_hint.setText(self._hint(panel_id, service_id, cost, currency))
        self.sell_hint.setVisible(bool(self.sell_hint.text()))

    def clear_after_order(self) -> None:
        """After a placed order: the note and price were that order's; the customer often
        orders again."""
        self.note_edit.clear()
        self.sell_edit.clear()

    def set_notes(self, customer: str, note: str) -> None:
        self.customer_edit.setText(customer)
        self.note_edit.setText(" ".join(note.split()))

    def _hint(
        self, panel_id: int, service_id: str | None, cost: Decimal | None, currency: str | None
    ) -> str:
        try:
            typed = read_sell_price(self.sell_edit.text())
        except MoneyInputError:
            return ""
        if typed is not None and typed.markup is not None and cost is not None:
            price = format_money(marked_up(cost, typed.markup), currency)
            return translate("OrderNotes", "Sold for \u2248 {price}").format(price=price)
        if typed is not None:
            return ""
        customer = self._customer_markup()
        percent = chosen_markup(customer, self._service_markup(panel_id, service_id))
        if percent is None:
            return ""
        price = "" if cost is None else format_money(marked_up(cost, percent), currency)
        return _markup_hint(customer is not None, bool(price)).format(
            markup=percent_text(percent), price=price
        )

    def _customer_markup(self) -> Decimal | None:
        key = customer_key(self.customer_edit.text())
        found = (m.percent for m in self.markups.customers if customer_key(m.customer) == key)
        return next(found, None) if key else None

    def _service_markup(self, panel_id: int, service_id: str | None) -> Decimal | None:
        found = (
            m.percent
            for m in self.markups.services
            if m.panel_id == panel_id and m.service_id == service_id
        )
        return next(found, None)

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        line = QLineEdit(self)
        line.setObjectName(name)
        line.setPlaceholderText(placeholder)
        line.setClearButtonEnabled(True)
        line.textChanged.connect(self.on_line_textChanged)
        return line

    def _buddy_label(self, edit: QLineEdit, text: str) -> QLabel:
        """The row's label, whose mnemonic focuses `edit`; `edit` is read out by its name."""
        label = QLabel(text, self)
        label.setObjectName(f"{edit.objectName()}Label")
        label.setBuddy(edit)
        edit.setAccessibleName(without_mnemonic(text))
        return label

    def _message(self, name: str, tone: Tone) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setStyleSheet(current_tones().style(tone))
        label.hide()
        return label

    @Slot(str)
    def on_line_textChanged(self, _text: str) -> None:
        self.edited.emit()


def _markup_hint(customers: bool, priced: bool) -> str:
    """Whose markup fills in the empty sell price, and the price when the cost is known:
    whole sentences, as languages word them differently."""
    if customers and priced:
        return translate(
            "OrderNotes", "Left empty, the customer's markup ({markup}) sets it: \u2248 {price}"
        )
    if customers:
        return translate("OrderNotes", "Left empty, the customer's markup ({markup}) sets it")
    if priced:
        return translate(
            "OrderNotes", "Left empty, this service's markup ({markup}) sets it: \u2248 {price}"
        )
    return translate("OrderNotes", "Left empty, this service's markup ({markup}) sets it")

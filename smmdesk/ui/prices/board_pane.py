"""`PriceBoardPane`: one search across every panel's cached catalogue, cheapest first.

The index of every catalogue is built by `Desk` on a worker whenever the pane is shown
after a change (a catalogue fetched, panels edited, the currency or the rates changed);
typing only filters it. Rates in another currency are converted with the rates the user
typed (`RatesDialog`), never looked up online; without one they are listed, not compared.

Signals:
    order_requested(panel_id, service_id)   "Order on this panel" for the selected row
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from smmdesk.services.price_board import (
    PriceIndex,
    PriceRow,
    completions_of,
    currency_code,
    parse_rates,
)
from smmdesk.services.scorecard import STUCK_AFTER_S, Scorecard
from smmdesk.settings import BOARD_CURRENCY, CURRENCY_RATES, Option
from smmdesk.ui.common.balances import BalanceBook
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.common.empty_note import EmptyNote
from smmdesk.ui.common.format import format_count
from smmdesk.ui.common.text import plain_label
from smmdesk.ui.common.text_cells import TextCellDelegate
from smmdesk.ui.prices.board_model import ROW_ROLE, Column, PriceBoardModel
from smmdesk.ui.prices.rates_dialog import RatesDialog
from smmdesk.workers import Ticket

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
COMMON_CURRENCIES = ("USD", "EUR", "INR", "TRY", "BRL", "IDR", "RUB", "GBP")


class PriceBoardPane(QWidget):
    order_requested = Signal(int, str)

    def __init__(
        self, context: AppContext, balances: BalanceBook, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("priceBoardPane")
        self._context = context
        self._balances = balances
        self._loading: int | None = None
        self._stale = True
        self._completions_stale = False
        self._completions_asked: int | None = None
        self.model = PriceBoardModel(self)
        self.search = QLineEdit(self)
        self.search.setObjectName("priceSearch")
        self.search.setPlaceholderText(
            translate("PriceBoardPane", "Search every panel: words in any order…")
        )
        self.search.setClearButtonEnabled(True)
        self.currency = QComboBox(self)
        self.currency.setObjectName("boardCurrency")
        self.currency.setEditable(True)
        self.currency.addItems(COMMON_CURRENCIES)
        self.currency.setCurrentText(context.settings.get(BOARD_CURRENCY))
        currency_label = QLabel(translate("PriceBoardPane", "&Compare in"), self)
        currency_label.setBuddy(self.currency)
        self.rates_button = QPushButton(translate("PriceBoardPane", "&Rates…"), self)
        self.rates_button.setObjectName("ratesButton")
        self.order_button = QPushButton(translate("PriceBoardPane", "&Order on this panel"), self)
        self.order_button.setObjectName("orderOnPanelButton")
        self.order_button.setEnabled(False)
        self.summary = plain_label(self, "boardSummary", wrap=True)
        self.table = self._build_table()
        self.empty_note = EmptyNote(self.table)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(currency_label)
        top.addWidget(self.currency)
        top.addWidget(self.rates_button)
        top.addWidget(self.order_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self._connect()

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("priceBoardTable")
        table.setModel(self.model)
        table.setItemDelegate(TextCellDelegate(table, self.model))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.SERVICE, QHeaderView.ResizeMode.Stretch)
        em = table.fontMetrics().horizontalAdvance("M")
        widths = {
            Column.PANEL: 9, Column.TYPE: 7, Column.RATE: 13, Column.PANEL_RATE: 8,
            Column.MIN: 5, Column.MAX: 7, Column.REFILL: 6, Column.CANCEL: 5,
            Column.COMPLETION: 9,
        }  # fmt: skip
        for column, width in widths.items():
            table.setColumnWidth(column, em * width)
        return table

    def _connect(self) -> None:
        context = self._context
        context.desk.price_board_loaded.connect(self.on_desk_price_board_loaded)
        context.catalogue_changed.connect(self.on_data_changed)
        context.panels_edited.connect(self.on_data_changed)
        context.desk.orders_refreshed.connect(self.on_desk_orders_refreshed)
        context.desk.scorecard_loaded.connect(self.on_desk_scorecard_loaded)
        context.settings.changed.connect(self.on_settings_changed)
        self._balances.balance_changed.connect(self.on_data_changed)
        self.search.textChanged.connect(self.on_search_textChanged)
        self.empty_note.clear_requested.connect(self.search.clear)
        self.currency.currentTextChanged.connect(self.on_currency_currentTextChanged)
        self.rates_button.clicked.connect(self.on_rates_button_clicked)
        self.order_button.clicked.connect(self.on_order_button_clicked)
        self.table.doubleClicked.connect(self.on_table_doubleClicked)
        self.table.selectionModel().selectionChanged.connect(self.on_table_selection_changed)

    # -- loading ------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            QTimer.singleShot(0, self, self.reload)
        elif self._completions_stale:
            self._ask_completions()

    @Slot()
    def reload(self) -> None:
        """Rebuild the index from every cached catalogue, on a worker."""
        settings = self._context.settings
        currencies = {
            panel.id: balance.currency
            for panel in self._context.panels
            if (balance := self._balances.balance(panel.id) or self._active_balance(panel.id))
        }
        rates = parse_rates(settings.get(CURRENCY_RATES))
        ticket = self._context.desk.load_price_board(
            settings.get(BOARD_CURRENCY), rates, currencies
        )
        self._loading = ticket.serial
        self._stale = False
        self._completions_stale = False  # the index is built with them
        self.summary.setText(translate("PriceBoardPane", "Reading every panel's catalogue…"))

    def _active_balance(self, panel_id: int) -> Any:
        return self._context.balance if panel_id == self._context.panel_id else None

    @Slot()
    def on_data_changed(self, *_: object) -> None:
        self._stale = True
        if self.isVisible():
            QTimer.singleShot(0, self, self.reload)

    @Slot()
    def on_desk_orders_refreshed(self, *_: object) -> None:
        """Completion times may have moved: read with the scorecard (tens of ms on a
        worker) and put into the rows shown, never by building the index again (seconds,
        and the table reset under the user's search); while hidden, at the next showing."""
        self._completions_stale = True
        if self.isVisible():
            self._ask_completions()

    def _ask_completions(self) -> None:
        if self.model.index_ is None or self._loading is not None:
            return  # asked when the index comes
        if self._completions_asked is not None:
            return  # asked again when this answer comes
        self._completions_stale = False
        ticket = self._context.desk.load_scorecard(STUCK_AFTER_S / 3600)
        self._completions_asked = ticket.serial

    @Slot(object, object)
    def on_desk_scorecard_loaded(self, ticket: Ticket, card: Scorecard) -> None:
        if ticket.serial != self._completions_asked:
            return
        self._completions_asked = None
        index = self.model.index_
        if index is not None:
            self.model.show_completions(index.set_completions(completions_of(card)))
        if self._completions_stale and self.isVisible():  # a refresh came meanwhile
            self._ask_completions()

    @Slot(object)
    def on_settings_changed(self, option: Option[Any]) -> None:
        if option is BOARD_CURRENCY:  # perhaps from the Settings dialog
            code = self._context.settings.get(BOARD_CURRENCY)
            if currency_code(self.currency.currentText()) != code:
                self.currency.blockSignals(True)
                self.currency.setCurrentText(code)
                self.currency.blockSignals(False)
        if option in (BOARD_CURRENCY, CURRENCY_RATES):
            self.on_data_changed()

    @Slot(object, object)
    def on_desk_price_board_loaded(self, ticket: Ticket, index: PriceIndex) -> None:
        if ticket.serial != self._loading:
            return
        self._loading = None
        self.model.set_index(index)
        self.summary.setText(board_summary(index))
        self._note_empty()
        if self._completions_stale:  # an orders refresh came while the index was built
            self._ask_completions()

    # -- user -------------------------------------------------------------------------

    @Slot(str)
    def on_search_textChanged(self, text: str) -> None:
        self.model.set_query(text)
        self._note_empty()

    def _note_empty(self) -> None:
        """A search that lets nothing through says so over the empty table."""
        index = self.model.index_
        if self.model.rowCount() or index is None or not index.rows:
            self.empty_note.hide()
            return
        self.empty_note.show_note(
            translate("PriceBoardPane", "No service of any panel matches “{search}”.").format(
                search=self.search.text().strip()
            ),
            translate("PriceBoardPane", "Clear the search"),
        )

    @Slot(str)
    def on_currency_currentTextChanged(self, text: str) -> None:
        code = currency_code(text)
        if code is not None:
            self._context.settings.set(BOARD_CURRENCY, code)

    @Slot()
    def on_rates_button_clicked(self) -> None:
        dialog = RatesDialog(self._context.settings, self)
        dialog.open()

    def selected_row(self) -> PriceRow | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    @Slot()
    def on_table_selection_changed(self, *_: object) -> None:
        self.order_button.setEnabled(self.selected_row() is not None)

    @Slot()
    def on_order_button_clicked(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.order_requested.emit(row.panel_id, row.service.id)

    @Slot(QModelIndex)
    def on_table_doubleClicked(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if isinstance(row, PriceRow):
            self.order_requested.emit(row.panel_id, row.service.id)


def board_summary(index: PriceIndex) -> str:
    """What the board holds, in what order, and what it could not compare and why."""
    rows = index.rows
    if not rows:
        return translate(
            "PriceBoardPane",
            "No catalogue is cached yet: open a panel's Services tab once to fetch it.",
        )
    panels = len({row.panel_id for row in rows})
    compared = any(row.rate is not None for row in rows)
    if compared:
        one = translate("PriceBoardPane", "1 panel, {services} services, cheapest first.")
        many = translate("PriceBoardPane", "{panels} panels, {services} services, cheapest first.")
    else:
        one = translate(
            "PriceBoardPane", "1 panel, {services} services: none can be compared in {currency}."
        )
        many = translate(
            "PriceBoardPane",
            "{panels} panels, {services} services: none can be compared in {currency}.",
        )
    text = (one if panels == 1 else many).format(
        panels=format_count(panels), services=format_count(len(rows)), currency=index.currency
    )
    apart = sorted({row.currency for row in rows if row.rate is None and row.currency})
    if apart:
        text = translate(
            "PriceBoardPane",
            "{summary} Not compared (no conversion rate for {currencies}): add one with Rates…",
        ).format(summary=text, currencies=", ".join(apart))
    unknown = sorted({row.panel_name for row in rows if row.rate is None and not row.currency})
    if unknown:
        text = translate(
            "PriceBoardPane",
            "{summary} Not compared until a balance says their currency: {panels}.",
        ).format(summary=text, panels=", ".join(unknown))
    return text

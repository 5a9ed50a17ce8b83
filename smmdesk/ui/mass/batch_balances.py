"""`BatchBalances`: the balance and currency of each panel a mass order sends to.

The active panel's come from the `AppContext`; any other panel's are fetched once through
`Desk.fetch_balance` (answers the balance book or anyone else asked for count as well).
A panel's currency matters beyond the totals: each line's draft carries it, as the New
order form's does, so a currency learnt late means checking the lines again.

Signals:
    changed(bool)   a balance arrived; True when a panel's currency is new
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from PySide6.QtCore import QObject, Signal, Slot

from smmdesk.api import Balance
from smmdesk.ui.common.context import AppContext
from smmdesk.workers import Ticket


class BatchBalances(QObject):
    changed = Signal(bool)

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.amounts: dict[int, Decimal] = {}  # panel ID -> balance known now
        self.currencies: dict[int, str] = {}  # panel ID -> its balance's currency
        self._panels: set[int] = set()
        context.desk.balance_loaded.connect(self.on_desk_balance_loaded)
        context.balance_changed.connect(self.on_context_balance_changed)

    def follow(self, panel_ids: Iterable[int]) -> None:
        """Keep the balances of these panels: the active one's now, the others' once
        fetched. Emits `changed(False)` at once (the totals change with the lines)."""
        self._panels = set(panel_ids) | {self._context.panel_id}
        self.remember(self._context.panel_id, self._context.balance)
        for panel_id in self._panels - {self._context.panel_id} - set(self.amounts):
            self._context.desk.fetch_balance(panel_id)
        self.changed.emit(False)

    def remember(self, panel_id: int, balance: Balance | None) -> bool:
        """Keep `balance`; True when it brought a currency not known for the panel."""
        if not panel_id or balance is None:
            return False
        self.amounts[panel_id] = balance.amount
        new_currency = bool(balance.currency) and self.currencies.get(panel_id) != balance.currency
        if balance.currency:
            self.currencies[panel_id] = balance.currency
        return new_currency

    @Slot(object, object)
    def on_desk_balance_loaded(self, ticket: Ticket, balance: Balance) -> None:
        if ticket.panel_id in self._panels:
            self.changed.emit(self.remember(ticket.panel_id or 0, balance))

    @Slot(int)
    def on_context_balance_changed(self, panel_id: int) -> None:
        if panel_id in self._panels and self._context.balance is not None:
            self.changed.emit(self.remember(panel_id, self._context.balance))

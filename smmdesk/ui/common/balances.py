"""`BalanceBook`: every panel's latest balance, for the tray's tooltip, the low-balance
notices and the overview.

The active panel's balance is fetched by `AppContext` as before; the book keeps whatever
balance comes back for any panel, and asks for all of them on a timer.

Signals:
    balance_changed(panel_id)   a panel's balance was fetched (or the panel is gone)
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from smmdesk.api import Balance
from smmdesk.ui.common.context import AppContext
from smmdesk.workers import Job, Ticket

REFRESH_MS = 10 * 60 * 1000  # panels rate-limit; a balance an hour old is still useful


class BalanceBook(QObject):
    balance_changed = Signal(int)

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._balances: dict[int, Balance] = {}
        self.timer = QTimer(self)
        self.timer.setObjectName("balanceTimer")
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh_all)
        context.desk.balance_loaded.connect(self.on_desk_balance_loaded)
        context.panels_edited.connect(self.on_context_panels_edited)

    def start(self) -> None:
        """Fetch every panel's balance now and then on the timer."""
        self.refresh_all()
        self.timer.start()

    @Slot()
    def refresh_all(self) -> None:
        for panel in self._context.panels:
            if panel.id != self._context.panel_id:  # the context fetches its own
                self._context.desk.fetch_balance(panel.id)

    def balance(self, panel_id: int) -> Balance | None:
        return self._balances.get(panel_id)

    def totals(self) -> dict[str, Decimal]:
        """The sum per currency of the real panels' balances (the demo's money is
        pretend, so it never counts)."""
        real = {panel.id for panel in self._context.panels if not panel.is_demo}
        totals: dict[str, Decimal] = {}
        for panel_id, balance in self._balances.items():
            if panel_id in real:
                totals[balance.currency] = totals.get(balance.currency, Decimal(0)) + balance.amount
        return totals

    @Slot(object, object)
    def on_desk_balance_loaded(self, ticket: Ticket, balance: Balance) -> None:
        if ticket.job is Job.BALANCE and ticket.panel_id is not None:
            self._balances[ticket.panel_id] = balance
            self.balance_changed.emit(ticket.panel_id)

    @Slot()
    def on_context_panels_edited(self) -> None:
        known = {panel.id for panel in self._context.panels}
        for panel_id in [p for p in self._balances if p not in known]:
            del self._balances[panel_id]
            self.balance_changed.emit(panel_id)

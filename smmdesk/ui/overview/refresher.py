"""`OverviewRefresher`: says when the Overview's figures are out of date, and asks for the
balances that orders just moved.

Whatever changes orders — a status refresh, an order or a mass-order line placed, a
refill or cancel asked, orders resolved, dismissed or tracked — makes the figures due.
A refresh of ten panels answers ten times within a second, so the signals are gathered
for `SETTLE_MS` and the figures are read once.

The active panel's balance is fetched again by `AppContext` after each order; the
balance of any other panel that orders were placed or canceled on (a mass order across
panels) is fetched here, once per gathering, or it would wait for `BalanceBook`'s timer.

Signals:
    due()   the figures should be read again
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from smmdesk.services.batches import BatchProgress
from smmdesk.store import OrderRecord
from smmdesk.ui.common.context import AppContext
from smmdesk.workers import Ticket

SETTLE_MS = 250


class OverviewRefresher(QObject):
    due = Signal()

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._spent_on: set[int] = set()  # panels whose balance orders moved
        self.timer = QTimer(self)
        self.timer.setObjectName("overviewSettleTimer")
        self.timer.setSingleShot(True)
        self.timer.setInterval(SETTLE_MS)
        self.timer.timeout.connect(self.on_timer_timeout)
        desk = context.desk
        for signal in (
            desk.orders_refreshed,
            desk.refills_refreshed,
            desk.orders_updated,
            desk.refills_requested,
            desk.batch_finished,
        ):
            signal.connect(self.on_desk_orders_changed)
        desk.order_placed.connect(self.on_desk_order_placed)
        desk.batch_line_resent.connect(self.on_desk_order_placed)
        desk.cancels_requested.connect(self.on_desk_cancels_requested)
        desk.batch_progressed.connect(self.on_desk_batch_progressed)

    def _gather(self) -> None:
        if not self.timer.isActive():  # a steady stream must not postpone it for ever
            self.timer.start()

    @Slot(object, object)
    def on_desk_orders_changed(self, _ticket: Ticket, _result: object) -> None:
        self._gather()

    @Slot(object, object)
    def on_desk_order_placed(self, _ticket: Ticket, record: OrderRecord) -> None:
        self._spent_on.add(record.panel_id)
        self._gather()

    @Slot(object, object)
    def on_desk_cancels_requested(self, ticket: Ticket, _result: object) -> None:
        if ticket.panel_id is not None:
            self._spent_on.add(ticket.panel_id)
        self._gather()

    @Slot(object, object)
    def on_desk_batch_progressed(self, _ticket: Ticket, progress: BatchProgress) -> None:
        self._spent_on.update(line.panel_id for line in progress.finished)
        self._gather()

    @Slot()
    def on_timer_timeout(self) -> None:
        others = self._spent_on - {self._context.panel_id}
        self._spent_on.clear()
        known = {panel.id for panel in self._context.panels}
        for panel_id in sorted(others & known):
            self._context.desk.fetch_balance(panel_id)
        self.due.emit()

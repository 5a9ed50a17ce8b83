"""`JournalActions`: the Orders pane's journal work on single orders: resolving an
unconfirmed order with the ID the user found (or correcting it), dismissing unconfirmed
orders, and tracking order IDs placed elsewhere.

Each goes through `Desk` (the panel confirms an ID before it is recorded); the answer's
one-line outcome is shown on the pane through `OrdersChrome.show_outcome`, for requests
made here only. Resolve and dismiss act on each order's own panel, so they work the same
when the view covers every panel. Emits no signals.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Slot

from smmdesk.store import JournalState, OrderRecord
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.common.errors import describe
from smmdesk.ui.common.format import counted
from smmdesk.ui.common.tones import Tone
from smmdesk.ui.orders import orders_actions as rules
from smmdesk.ui.orders.dialogs import DismissOrdersDialog, ResolveOrderDialog
from smmdesk.ui.orders.orders_chrome import OrdersChrome
from smmdesk.ui.orders.track_dialog import TrackOrdersDialog
from smmdesk.ui.orders.wording import translate
from smmdesk.workers import OrdersUpdated, Ticket


class JournalActions(QObject):
    def __init__(self, context: AppContext, pane: OrdersChrome) -> None:
        super().__init__(pane)
        self.context = context
        self._pane = pane
        self._tickets: set[int] = set()  # serials of the requests made here
        context.desk.orders_updated.connect(self.on_desk_orders_updated)
        context.desk.task_failed.connect(self.on_desk_task_failed)

    def resolved_before(self, records: Sequence[OrderRecord]) -> bool:
        """Whether the one selected order got its ID by hand (so it may be corrected)."""
        if len(records) != 1 or records[0].journal_state is not JournalState.PLACED:
            return False
        return bool(self.context.reads.resolutions(records[0].id))

    def resolve(self, records: Sequence[OrderRecord]) -> None:
        if rules.can_resolve(records, self.resolved_before(records)):
            history = self.context.reads.resolutions(records[0].id)
            dialog = ResolveOrderDialog(records[0], self.context.desk, history, self._pane)
            dialog.accepted.connect(self.on_resolveOrderDialog_accepted)
            dialog.open()

    def dismiss(self, records: Sequence[OrderRecord]) -> None:
        if rules.can_dismiss(records):
            dialog = DismissOrdersDialog([r.id for r in records], self._pane)
            dialog.accepted.connect(self.on_dismissOrdersDialog_accepted)
            dialog.open()

    def track(self) -> None:
        """Track order IDs placed elsewhere, on the active panel."""
        if self.context.panel_id:
            dialog = TrackOrdersDialog(self.context.desk, self.context.panel_id, self._pane)
            dialog.tracking_started.connect(self.on_trackOrdersDialog_trackingStarted)
            dialog.open()

    @Slot()
    def on_resolveOrderDialog_accepted(self) -> None:
        dialog = self.sender()
        if not isinstance(dialog, ResolveOrderDialog):
            return
        record, order_id = dialog.record, dialog.order_id()
        self._follow(self.context.desk.resolve_order(record.panel_id, record.id, order_id))
        asking = translate("OrderActions", "Asking the panel about order {id}…")
        self._pane.show_outcome(asking.format(id=order_id), Tone.BUSY)

    @Slot()
    def on_dismissOrdersDialog_accepted(self) -> None:
        dialog = self.sender()
        if isinstance(dialog, DismissOrdersDialog):
            desk = self.context.desk
            self._follow(desk.dismiss_orders(self.context.panel_id, dialog.record_ids))

    @Slot(object, int)
    def on_trackOrdersDialog_trackingStarted(self, ticket: Ticket, count: int) -> None:
        """The dialog shows the progress; the outcome is reported here too, in case the
        dialog was closed meanwhile."""
        self._follow(ticket)
        asking = counted(
            count,
            translate("OrderActions", "Asking the panel about 1 order ID…"),
            translate("OrderActions", "Asking the panel about {count} order IDs…"),
        )
        self._pane.show_outcome(asking, Tone.BUSY)

    @Slot(object, object)
    def on_desk_orders_updated(self, ticket: Ticket, updated: OrdersUpdated) -> None:
        if self._answers_us(ticket):
            self._pane.show_outcome(*rules.updated_outcome(ticket.job, updated))

    @Slot(object, object)
    def on_desk_task_failed(self, ticket: Ticket, error: Exception) -> None:
        if self._answers_us(ticket):
            self._pane.show_outcome(describe(error).one_line, Tone.BAD)

    def _follow(self, ticket: Ticket) -> None:
        self._tickets.add(ticket.serial)

    def _answers_us(self, ticket: Ticket) -> bool:
        """True once for the answer to a request made here."""
        if ticket.serial not in self._tickets:
            return False
        self._tickets.discard(ticket.serial)
        return True

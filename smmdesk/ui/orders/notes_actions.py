"""`NotesActions`: the Orders pane's notes, customers and sell prices, its markups, and
the money totals of what it shows.

An edit of one order or of a selection (a select-all of every matching order included)
is one `Desk.annotate_orders` job on the write pool; the totals of the tab and search
are a `Desk.total_orders` job on the read pool, asked again whenever the rows are
re-read, TOTALS_DELAY_MS after the last change (a tab, search or sort shows its rows
before a worker starts adding up, and flicking through tabs adds up only where the user
stops), one at a time (100,000 orders take SQLite about half a second), the latest filter
asked again when it answers if anything changed meanwhile. It talks to the
pane through `OrdersChrome` (`show_outcome`, `set_money`) and the `reload` it is given;
it emits no signals.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Slot

from smmdesk.services.annotations import OrdersAnnotated, OrderTotals
from smmdesk.store import OrderQuery
from smmdesk.store.records import Markups
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.common.errors import describe
from smmdesk.ui.common.format import counted
from smmdesk.ui.common.tones import Tone
from smmdesk.ui.orders.annotate_dialog import AnnotateOrdersDialog
from smmdesk.ui.orders.markups_dialog import MarkupsDialog
from smmdesk.ui.orders.orders_chrome import OrdersChrome
from smmdesk.ui.orders.selection import OrdersSelection
from smmdesk.ui.orders.wording import translate
from smmdesk.workers import Ticket

TOTALS_DELAY_MS = 150


class NotesActions(QObject):
    def __init__(
        self,
        context: AppContext,
        selection: OrdersSelection,
        pane: OrdersChrome,
        reload: Callable[[], None],
    ) -> None:
        super().__init__(pane)
        self.context = context
        self._selection = selection
        self._pane = pane
        self._reload = reload
        self._markups = Markups()
        self._annotating: set[int] = set()
        self._totals_serial = 0  # the totals job running, 0: none
        self._totals_query = OrderQuery()
        self._totals_again = False
        self.totals_timer = QTimer(self)
        self.totals_timer.setObjectName("totalsTimer")
        self.totals_timer.setSingleShot(True)
        self.totals_timer.setInterval(TOTALS_DELAY_MS)
        self.totals_timer.timeout.connect(self.on_totalsTimer_timeout)
        desk = context.desk
        desk.orders_annotated.connect(self.on_desk_orders_annotated)
        desk.orders_totalled.connect(self.on_desk_orders_totalled)
        desk.markups_loaded.connect(self.on_desk_markups_loaded)
        desk.task_failed.connect(self.on_desk_task_failed)
        desk.load_markups()

    def annotate(self) -> None:
        """Ask for the note, customer and sell price of the selected orders."""
        count = self._selection.count
        if not count:
            return
        records = self._selection.records() if self._selection.is_loaded else []
        one = records[0] if count == 1 and len(records) == 1 else None
        dialog = AnnotateOrdersDialog(one, count, self._markups.known_customers, self._pane)
        dialog.accepted.connect(self.on_annotateDialog_accepted)
        dialog.open()

    def open_markups(self) -> None:
        """The markups, offering the selected order's service and customer."""
        records = self._selection.records() if self._selection.count == 1 else []
        record = records[0] if records else None
        context = self.context
        service = None
        if record is not None and record.service_id:
            service = (record.panel_id, record.service_id, record.service_name)
        panels = {panel.id: panel.name for panel in context.panels}
        names = (panels, {s.id: s.name for s in context.services})
        customer = record.customer if record is not None else ""
        MarkupsDialog(context.desk, names, service, customer, self._pane).open()

    def request_totals(self, query: OrderQuery) -> None:
        """Add up what `query` shows, once the view has settled."""
        self._totals_query = query
        self._pane.set_money(None)
        self.totals_timer.start()

    @Slot()
    def on_totalsTimer_timeout(self) -> None:
        """After the running job when one runs."""
        if self._totals_serial:
            self._totals_again = True
            return
        self._start_totals()

    def _start_totals(self) -> None:
        self._totals_again = False
        self._totals_serial = self.context.desk.total_orders(self._totals_query).serial

    def _totals_done(self) -> None:
        self._totals_serial = 0
        if self._totals_again:
            self._start_totals()

    @Slot()
    def on_annotateDialog_accepted(self) -> None:
        dialog = self.sender()
        if not isinstance(dialog, AnnotateOrdersDialog):
            return
        edit = dialog.edit()
        ticket = self.context.desk.annotate_orders(
            self.context.panel_id or None, self._selection.selection(), edit
        )
        self._annotating.add(ticket.serial)
        saving = counted(
            self._selection.count,
            translate("OrderActions", "Saving 1 order…"),
            translate("OrderActions", "Saving {count} orders…"),
        )
        self._pane.show_outcome(saving, Tone.BUSY)

    @Slot(object, object)
    def on_desk_orders_annotated(self, ticket: Ticket, done: OrdersAnnotated) -> None:
        if ticket.serial in self._annotating:
            self._annotating.discard(ticket.serial)
            text = counted(
                done.count,
                translate("OrderActions", "1 order updated"),
                translate("OrderActions", "{count} orders updated"),
            )
            if done.unpriced:
                text += "; " + counted(
                    done.unpriced,
                    translate("OrderActions", "1 order without a charge yet kept its price"),
                    translate(
                        "OrderActions", "{count} orders without a charge yet kept their price"
                    ),
                )
            self._pane.show_outcome(text, Tone.WARN if done.unpriced else Tone.GOOD)
        self._reload()

    @Slot(object, object)
    def on_desk_orders_totalled(self, ticket: Ticket, totals: OrderTotals) -> None:
        if ticket.serial != self._totals_serial:
            return
        if totals.query == self._totals_query:
            self._pane.set_money(totals.by_currency)
        self._totals_done()

    @Slot(object, object)
    def on_desk_markups_loaded(self, _ticket: Ticket, markups: Markups) -> None:
        self._markups = markups

    @Slot(object, object)
    def on_desk_task_failed(self, ticket: Ticket, error: Exception) -> None:
        if ticket.serial in self._annotating:
            self._annotating.discard(ticket.serial)
            self._pane.show_outcome(describe(error).one_line, Tone.BAD)
        elif ticket.serial == self._totals_serial:
            self._pane.money_label.setText("")
            self._totals_done()

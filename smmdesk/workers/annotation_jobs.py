"""`Desk`'s jobs on the user's own side of orders, and on orders across panels.

Writes (an order placed with its notes, notes and sell prices edited, markups) run on the
write pool, one at a time with every other write; reads (markups, the money totals of a
filter, a selection planned across panels) on the read pool, never coalesced: each
carries its own input, and the asker keeps only its latest ticket.

Signals (declared in `desk_base`):
    orders_annotated(Ticket, OrdersAnnotated)   notes, customers or sell prices edited
    markups_loaded(Ticket, Markups)             the markups, after a read or a change
    orders_totalled(Ticket, OrderTotals)        spend, sell and profit of a filter
and, for jobs shared with others, `order_placed` and `orders_planned`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from smmdesk.api.draft import OrderDraft
from smmdesk.services.annotations import (
    AnnotationEdit,
    Annotator,
    OrderNotes,
    OrdersAnnotated,
    OrderTotals,
)
from smmdesk.services.bulk import BulkAction, BulkPlan, OrderSelection, plan
from smmdesk.store import OrderQuery, OrderRecord
from smmdesk.store.records import Markups

from .desk_base import DeskBase
from .jobs import Job, Ticket


class AnnotationJobs(DeskBase):
    _annotator_instance: Annotator | None = None

    @property
    def _annotator(self) -> Annotator:
        if self._annotator_instance is None:
            self._annotator_instance = Annotator(self._store)
        return self._annotator_instance

    # -- writes -------------------------------------------------------------------------

    def place_annotated_order(self, panel_id: int, draft: OrderDraft, notes: OrderNotes) -> Ticket:
        """Place `draft` through the journal exactly as `place_order` does (never resent;
        the draft alone makes the `add`), then write `notes` and the sell price on its
        row. Answers `order_placed(Ticket, OrderRecord)` with the annotated row."""

        def job() -> OrderRecord:
            with self._clients.lease(panel_id) as client:
                record = self._journal.place(client, panel_id, draft)
            return self._annotator.annotate_new(record, notes)

        return self._write(Job.PLACE_ORDER, panel_id, job)

    def annotate_orders(
        self, panel_id: int | None, selection: OrderSelection, edit: AnnotationEdit
    ) -> Ticket:
        """Change the note, customer or sell price of every selected order (on any
        panel). Answers `orders_annotated(Ticket, OrdersAnnotated)`."""

        def job() -> OrdersAnnotated:
            return self._annotator.annotate(selection, edit)

        return self._write(Job.ANNOTATE_ORDERS, panel_id, job)

    def save_service_markup(
        self, panel_id: int, service_id: str, percent: Decimal | None
    ) -> Ticket:
        """Set (None: remove) a service's markup. Answers `markups_loaded`."""
        return self._save_markup(
            panel_id, lambda: self._store.set_service_markup(panel_id, service_id, percent)
        )

    def save_customer_markup(self, customer: str, percent: Decimal | None) -> Ticket:
        """Set (None: remove) a customer's markup. Answers `markups_loaded`."""
        return self._save_markup(None, lambda: self._store.set_customer_markup(customer, percent))

    def _save_markup(self, panel_id: int | None, change: Callable[[], None]) -> Ticket:
        def job() -> Markups:
            change()
            return self._store.markups()

        return self._write(Job.SAVE_MARKUP, panel_id, job)

    # -- reads --------------------------------------------------------------------------

    def load_markups(self) -> Ticket:
        """Every markup and the customer labels in use. Answers `markups_loaded`."""
        ticket = Ticket(Job.LOAD_MARKUPS, None, self._generation)
        return self._submit(self._reads, ticket, self._store.markups)

    def total_orders(self, query: OrderQuery) -> Ticket:
        """Spend, sell and profit per currency of every order `query` matches (100,000
        orders are read and counted here, not on the GUI thread). Answers
        `orders_totalled(Ticket, OrderTotals)`."""

        def job() -> OrderTotals:
            return self._annotator.totals(query)

        ticket = Ticket(Job.TOTAL_ORDERS, query.panel_id, self._generation)
        return self._submit(self._reads, ticket, job)

    def plan_orders_across(self, selection: OrderSelection, action: BulkAction) -> Ticket:
        """`plan_orders` for a selection that may span panels: each order is judged by
        the bulk rules against its own panel (and that panel's running refills). Answers
        `orders_planned(Ticket, BulkPlan)` with `panel_id` 0; the asker sends each
        panel's eligible orders to that panel."""

        def job() -> BulkPlan:
            by_panel: dict[int, list[OrderRecord]] = defaultdict(list)
            for order in self._planner.orders(selection):
                by_panel[order.panel_id].append(order)
            merged = BulkPlan(action, 0)
            for panel_id, orders in by_panel.items():
                part = plan(action, panel_id, orders, self._planner.running_refills(panel_id))
                merged.eligible.extend(part.eligible)
                merged.not_eligible.extend(part.not_eligible)
            return merged

        ticket = Ticket(Job.PLAN_ORDERS, None, self._generation)
        return self._submit(self._reads, ticket, job)

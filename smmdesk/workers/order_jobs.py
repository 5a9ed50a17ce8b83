"""`Desk`'s jobs on orders: place, refill, cancel, resolve, dismiss, track, check, plan.

Every one that sends or records something runs on the write pool, one at a time in the
order asked; checking IDs and planning a selection only read, on the read pool.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from smmdesk.api.draft import OrderDraft
from smmdesk.services.bulk import BulkAction, BulkPlan, OrderSelection
from smmdesk.services.order_ids import OrderIdsChecked, check_order_ids, clean_ids
from smmdesk.store import InvalidTransition, JournalState

from .desk_base import DeskBase
from .jobs import Job, Ticket
from .results import CancelsRequested, OrdersUpdated, RefillsRequested
from .task import ProgressReporter

STATUS_BATCH = 100  # IDs a multi-status request asks about (api-v2.md)


class OrderJobs(DeskBase):
    def place_order(self, panel_id: int, draft: OrderDraft) -> Ticket:
        """Send one order through the journal; never resent (see `OrderJournal`)."""

        def job() -> Any:
            with self._clients.lease(panel_id) as client:
                return self._journal.place(client, panel_id, draft)

        return self._write(Job.PLACE_ORDER, panel_id, job)

    def request_refills(self, panel_id: int, record_ids: Sequence[int]) -> Ticket:
        wanted = list(record_ids)

        def job() -> RefillsRequested:
            with self._clients.lease(panel_id) as client:
                sent = self._refills_cancels.request_refills(client, panel_id, wanted)
            return RefillsRequested(sent.records, sent.not_sent)

        return self._write(Job.REQUEST_REFILLS, panel_id, job)

    def request_cancels(self, panel_id: int, record_ids: Sequence[int]) -> Ticket:
        wanted = list(record_ids)

        def job() -> CancelsRequested:
            with self._clients.lease(panel_id) as client:
                sent = self._refills_cancels.request_cancels(client, panel_id, wanted)
            return CancelsRequested(sent.records, sent.not_sent)

        return self._write(Job.REQUEST_CANCELS, panel_id, job)

    def resolve_order(self, panel_id: int, record_id: int, order_id: str) -> Ticket:
        """The user found an unconfirmed order on the panel (or corrects an ID entered
        before): record its ID once the panel confirms it."""

        def job() -> OrdersUpdated:
            with self._clients.lease(panel_id) as client:
                return OrdersUpdated([self._journal.resolve(client, record_id, order_id)], 1)

        return self._write(Job.RESOLVE_ORDER, panel_id, job)

    def dismiss_orders(self, panel_id: int, record_ids: Sequence[int]) -> Ticket:
        wanted = list(record_ids)

        def job() -> OrdersUpdated:
            # All or nothing: writes run one at a time, so nothing changes between the
            # check and the dismissals.
            records = self._store.orders_by_ids(wanted)
            still = [r for r in records if r.journal_state is JournalState.UNCONFIRMED]
            if len(still) != len(set(wanted)):
                raise InvalidTransition(
                    "Some of these orders are no longer unconfirmed (resolved meanwhile?): "
                    "nothing was dismissed. Refresh and select again."
                )
            return OrdersUpdated([self._journal.dismiss(r.id) for r in still], len(still))

        return self._write(Job.DISMISS_ORDERS, panel_id, job)

    def track_orders(self, panel_id: int, order_ids: Sequence[str]) -> Ticket:
        """Track orders placed outside SMMDesk; IDs already tracked are skipped, never
        asked. The rest are asked and recorded a chunk at a time (as many multi-status
        requests as the client sends at once), reporting `progressed` in IDs after each;
        `cancel` stops between two chunks, and the answer lists the IDs never asked."""
        wanted = clean_ids(list(order_ids))

        def job(report: ProgressReporter) -> OrdersUpdated:
            return self._track_in_chunks(panel_id, wanted, report)

        return self._write_reporting(Job.TRACK_ORDERS, panel_id, job)

    def _track_in_chunks(
        self, panel_id: int, wanted: list[str], report: ProgressReporter
    ) -> OrdersUpdated:
        tracked = {r.order_id for r in self._store.orders_by_order_ids(panel_id, wanted)}
        fresh = [i for i in wanted if i not in tracked]
        updated = OrdersUpdated([], len(wanted))
        done = len(wanted) - len(fresh)
        report(done, len(wanted))
        if not fresh:
            return updated
        with self._clients.lease(panel_id) as client:
            chunk = STATUS_BATCH * max(1, client.max_in_flight)
            for start in range(0, len(fresh), chunk):
                if report.cancelled:
                    updated.unasked.extend(fresh[start:])
                    break
                part = self._journal.track(client, panel_id, fresh[start : start + chunk])
                updated.records.extend(part.records)
                updated.refused.update(part.refused)
                done += min(chunk, len(fresh) - start)
                report(done, len(wanted), len(updated.refused))
        return updated

    def find_tracked(self, panel_id: int, order_ids: Sequence[str]) -> Ticket:
        """Which of `order_ids` this panel's history already tracks, asking nobody (what
        "Track existing order IDs" tells before it sends). Answers
        `tracked_found(Ticket, frozenset[str])`."""
        wanted = clean_ids(list(order_ids))

        def job() -> frozenset[str]:
            found = self._store.orders_by_order_ids(panel_id, wanted)
            return frozenset(r.order_id for r in found if r.order_id)

        ticket = Ticket(Job.FIND_TRACKED, panel_id, self._generation)
        return self._submit(self._reads, ticket, job)

    def check_order_ids(self, panel_id: int, order_ids: Sequence[str]) -> Ticket:
        """Ask the panel about IDs the user is typing, recording nothing (the hint beside
        Resolve). Not deduplicated: the asker keeps only its latest ticket."""
        wanted = list(order_ids)

        def job() -> OrderIdsChecked:
            with self._clients.lease(panel_id) as client:
                return check_order_ids(client, self._store, panel_id, wanted)

        ticket = Ticket(Job.CHECK_ORDER_IDS, panel_id, self._generation)
        return self._submit(self._reads, ticket, job)

    def plan_orders(self, panel_id: int, selection: OrderSelection, action: BulkAction) -> Ticket:
        """Which of the selected orders `action` may be sent for, and why not the rest: a
        select-all may mean 100,000 orders, so they are read here, not on the GUI thread."""

        def job() -> BulkPlan:
            return self._planner.plan(panel_id, selection, action)

        ticket = Ticket(Job.PLAN_ORDERS, panel_id, self._generation)
        return self._submit(self._reads, ticket, job)

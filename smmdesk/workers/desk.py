"""`Desk`: the UI's one door to the network, the disk and the keyring.

Every call returns a `Ticket` at once; the work runs in a `QThreadPool` and the outcome
comes back as a signal on the GUI thread carrying that ticket and a typed result. Reads
share a bounded pool; writes — orders, refills, cancels, journal edits, panel and key
edits — go through a one-thread pool, so they run one at a time in the order asked.
The only thing the GUI thread reads itself is `reads` (see `LocalReads`).

Signals (the ticket says which job and which panel):
    history_opened(Ticket, HistoryOpened)
    services_loaded(Ticket, CatalogueLoaded)
    balance_loaded(Ticket, Balance)
    order_placed(Ticket, OrderRecord)          placed, rejected or unconfirmed
    orders_refreshed(Ticket, RefreshReport)
    refills_refreshed(Ticket, RefillRefreshReport)
    refills_requested(Ticket, RefillsRequested)
    cancels_requested(Ticket, CancelsRequested)
    orders_updated(Ticket, OrdersUpdated)      resolved, dismissed or newly tracked
    orders_planned(Ticket, BulkPlan)           a selection split into eligible and not
    order_ids_checked(Ticket, OrderIdsChecked) what the panel says of typed order IDs
    orders_exported(Ticket, OrdersExported)
    connection_tested(Ticket, Balance)
    panels_changed(Ticket, PanelsChanged)
    keys_to_delete_listed(Ticket, KeysToDelete)
    key_located(Ticket, KeyLocation)
    task_failed(Ticket, Exception)             the one door for errors to the UI
    busy_changed(int)                          number of jobs in flight
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, SignalInstance, Slot

from smmdesk.api import Balance
from smmdesk.api.draft import OrderDraft
from smmdesk.secrets import KeyStore
from smmdesk.services import (
    CatalogueService,
    OrderJournal,
    RefillCancelService,
    StatusTracker,
)
from smmdesk.services.bulk import BulkAction, BulkPlan, BulkPlanner, OrderSelection
from smmdesk.services.export import write_orders_csv
from smmdesk.services.order_ids import OrderIdsChecked, check_order_ids
from smmdesk.services.panels import (
    KeyLocation,
    KeysToDelete,
    PanelDraft,
    PanelProfiles,
    PanelsChanged,
)
from smmdesk.store import InvalidTransition, JournalState, Panel, Store

from .clients import DEMO_KEY, ClientPool, NetworkSettings
from .errors import DeskError
from .jobs import Job, Ticket
from .reads import LocalReads
from .results import (
    CancelsRequested,
    CatalogueLoaded,
    HistoryOpened,
    OrdersExported,
    OrdersUpdated,
    RefillsRequested,
)
from .task import Task

log = logging.getLogger("smmdesk.workers")
READ_THREADS = 4
SHUTDOWN_WAIT_MS = 3000
NO_KEY_TO_TEST = "Enter the API key to test the connection."


class Desk(QObject):
    history_opened = Signal(object, object)
    services_loaded = Signal(object, object)
    balance_loaded = Signal(object, object)
    order_placed = Signal(object, object)
    orders_refreshed = Signal(object, object)
    refills_refreshed = Signal(object, object)
    refills_requested = Signal(object, object)
    cancels_requested = Signal(object, object)
    orders_updated = Signal(object, object)
    orders_planned = Signal(object, object)
    order_ids_checked = Signal(object, object)
    orders_exported = Signal(object, object)
    connection_tested = Signal(object, object)
    panels_changed = Signal(object, object)
    keys_to_delete_listed = Signal(object, object)
    key_located = Signal(object, object)
    task_failed = Signal(object, object)
    busy_changed = Signal(int)

    def __init__(
        self,
        store: Store,
        keys: KeyStore,
        network: NetworkSettings | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._clients = ClientPool(store, keys, network or NetworkSettings())
        self._journal = OrderJournal(store)
        self._tracker = StatusTracker(store)
        self._catalogue = CatalogueService(store)
        self._refills_cancels = RefillCancelService(store)
        self._planner = BulkPlanner(store)
        self._profiles = PanelProfiles(store, keys)
        self.reads = LocalReads(store)
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(READ_THREADS)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)
        self._generation = 0
        self._in_flight: dict[int, Task] = {}
        self._running_reads: set[tuple[Job, int | None]] = set()

    # -- start-up -------------------------------------------------------------------------

    def open_history(self) -> Ticket:
        """Mark orders a killed app left `sending` as unconfirmed; make sure the demo row
        exists; move proxy passwords an older SMMDesk kept in the database to the keyring
        (a migration cannot reach it). Answers `history_opened`."""

        def job() -> HistoryOpened:
            recovered = self._journal.recover_interrupted()
            demo = self._profiles.ensure_demo()
            self._profiles.move_proxy_passwords()
            return HistoryOpened(recovered, demo.id, self._store.panels())

        return self._write(Job.OPEN_HISTORY, None, job)

    # -- reads ----------------------------------------------------------------------------

    def load_cached_services(self, panel_id: int) -> Ticket | None:
        def job() -> CatalogueLoaded:
            snapshot = self._store.cached_services(panel_id)
            return CatalogueLoaded(snapshot, self._store.latest_diff(panel_id), False)

        return self._read(Job.CACHED_SERVICES, panel_id, job)

    def refresh_services(self, panel_id: int) -> Ticket | None:
        def job() -> CatalogueLoaded:
            with self._clients.lease(panel_id) as client:
                snapshot, diff = self._catalogue.refresh(client, panel_id)
            return CatalogueLoaded(snapshot, diff, True)

        return self._read(Job.REFRESH_SERVICES, panel_id, job)

    def fetch_balance(self, panel_id: int) -> Ticket | None:
        def job() -> Balance:
            with self._clients.lease(panel_id) as client:
                return client.balance()

        return self._read(Job.BALANCE, panel_id, job)

    def refresh_orders(self, panel_id: int) -> Ticket | None:
        def job() -> Any:
            with self._clients.lease(panel_id) as client:
                return self._tracker.refresh_orders(client, panel_id)

        return self._read(Job.REFRESH_ORDERS, panel_id, job)

    def refresh_refills(self, panel_id: int) -> Ticket | None:
        def job() -> Any:
            with self._clients.lease(panel_id) as client:
                return self._tracker.refresh_refills(client, panel_id)

        return self._read(Job.REFRESH_REFILLS, panel_id, job)

    def test_connection(
        self, draft: PanelDraft, key: str | None, panel_id: int | None = None
    ) -> Ticket:
        """Ask for the balance with what the user typed; without a typed key, with the key
        stored for `panel_id` (read from the keyring on the worker)."""

        def job() -> Balance:
            used = key or self._stored_key(panel_id)
            if not used:
                raise DeskError(NO_KEY_TO_TEST)
            proxy = self._profiles.typed_proxy_url(draft.proxy, panel_id)
            with self._clients.build_for(
                draft.url, used, proxy, draft.allow_insecure_http, draft.requests_per_minute
            ) as client:
                return client.balance()

        return self._submit(
            self._reads, Ticket(Job.TEST_CONNECTION, panel_id, self._generation), job
        )

    # -- orders ---------------------------------------------------------------------------

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
        """Track orders placed outside SMMDesk; IDs already tracked are skipped."""
        wanted = list(dict.fromkeys(i.strip() for i in order_ids if i.strip()))

        def job() -> OrdersUpdated:
            with self._clients.lease(panel_id) as client:
                tracked = self._journal.track(client, panel_id, wanted)
            return OrdersUpdated(tracked.records, len(wanted), tracked.refused)

        return self._write(Job.TRACK_ORDERS, panel_id, job)

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

    def export_orders(self, panel_id: int, selection: OrderSelection, path: Path) -> Ticket:
        """Write every selected order to a CSV file (see `smmdesk.services.export`)."""

        def job() -> OrdersExported:
            return OrdersExported(path, write_orders_csv(path, self._planner.orders(selection)))

        return self._write(Job.EXPORT_ORDERS, panel_id, job)

    # -- panels and keys ------------------------------------------------------------------

    def save_panel(self, panel_id: int | None, draft: PanelDraft, key: str | None) -> Ticket:
        """Add (panel_id None) or edit a profile and save its key; the edited panel's
        client is retired, so the next request uses the new URL, proxy and key."""

        def job() -> PanelsChanged:
            before = self._store.panel(panel_id) if panel_id is not None else None
            changed = self._profiles.save(panel_id, draft, key)
            if changed.panel is None or not _reconnects(before, changed.panel, draft, key):
                return changed  # a new name only: the client and the balance stay valid
            self._clients.retire(changed.panel.id)
            return dataclasses.replace(changed, reconnected=True)

        return self._write(Job.SAVE_PANEL, panel_id, job)

    def keep_key_for_session(
        self, panel_id: int, key: str | None, proxy_password: str | None = None
    ) -> Ticket:
        """Keep the key and the proxy password (those given) in memory for this session."""

        def job() -> PanelsChanged:
            changed = self._profiles.keep_for_session(panel_id, key, proxy_password)
            self._clients.retire(panel_id)
            return dataclasses.replace(changed, reconnected=True)

        return self._write(Job.KEEP_KEY_FOR_SESSION, panel_id, job)

    def remove_panel(self, panel_id: int) -> Ticket:
        def job() -> PanelsChanged:
            # Delete first: a read starting in between can then no longer build a client
            # from the old row and key and keep it.
            changed = self._profiles.remove(panel_id)
            self._clients.retire(panel_id)
            return changed

        return self._write(Job.REMOVE_PANEL, panel_id, job)

    def list_keys_to_delete(self) -> Ticket:
        """The removed panels whose key may still be in the keyring. A write-pool job
        although it only reads, so it answers after any removal asked before it."""

        def job() -> KeysToDelete:
            return self._profiles.keys_to_delete()

        return self._write(Job.LIST_KEYS_TO_DELETE, None, job)

    def retry_key_deletions(self) -> Ticket:
        """Delete again the keys of removed panels that the keyring refused to delete."""
        return self._write(Job.RETRY_KEY_DELETIONS, None, self._profiles.retry_key_deletions)

    def locate_key(self, panel_id: int) -> Ticket:
        """Where the panel's key is (keyring, this session, nowhere), for the panel form;
        it reads the keyring, so it runs on a worker. Answers `key_located`."""

        def job() -> KeyLocation:
            return self._profiles.locate_key(panel_id)

        ticket = Ticket(Job.LOCATE_KEY, panel_id, self._generation)
        return self._submit(self._reads, ticket, job)

    # -- configuration --------------------------------------------------------------------

    def set_network(self, network: NetworkSettings) -> None:
        """New timeouts and in-flight limits for every request from now on; requests
        already running finish on the client they started with."""
        self._clients.set_network(network)

    def point_demo(self, panel_id: int, url: str) -> None:
        """The demo server of this run listens at `url` (its port changes every run)."""
        self._clients.set_url(panel_id, url)

    # -- life cycle -----------------------------------------------------------------------

    @property
    def busy(self) -> int:
        return len(self._in_flight)

    def shutdown(self) -> None:
        """Drop queued work and late results; wait briefly for running tasks."""
        self._generation += 1
        self._reads.clear()
        self._writes.waitForDone(SHUTDOWN_WAIT_MS)
        self._reads.waitForDone(SHUTDOWN_WAIT_MS)
        self._clients.close_all()

    # -- plumbing -------------------------------------------------------------------------

    def _stored_key(self, panel_id: int | None) -> str | None:
        if panel_id is None:
            return None
        panel = self._store.panel(panel_id)
        if panel is not None and panel.is_demo:
            return DEMO_KEY
        return self._profiles.key_for(panel_id)

    def _read(self, job: Job, panel_id: int, work: Callable[[], object]) -> Ticket | None:
        """Submit a read unless the same read for the same panel is already running."""
        running = (job, panel_id)
        if running in self._running_reads:
            return None
        self._running_reads.add(running)
        return self._submit(self._reads, Ticket(job, panel_id, self._generation), work)

    def _write(self, job: Job, panel_id: int | None, work: Callable[[], object]) -> Ticket:
        return self._submit(self._writes, Ticket(job, panel_id, self._generation), work)

    def _submit(self, pool: QThreadPool, ticket: Ticket, work: Callable[[], object]) -> Ticket:
        task = Task(ticket, work)
        task.setAutoDelete(False)
        task.signals.succeeded.connect(self.on_task_succeeded)
        task.signals.failed.connect(self.on_task_failed)
        self._in_flight[ticket.serial] = task
        pool.start(task)
        self.busy_changed.emit(self.busy)
        return ticket

    def _finish(self, ticket: Ticket) -> bool:
        """Forget the task; False when its result is stale and must be dropped."""
        self._in_flight.pop(ticket.serial, None)
        self._running_reads.discard((ticket.job, ticket.panel_id))
        self.busy_changed.emit(self.busy)
        return ticket.generation == self._generation

    @Slot(object, object)
    def on_task_succeeded(self, ticket: Ticket, result: Any) -> None:
        if self._finish(ticket):
            self._signal_for(ticket.job).emit(ticket, result)

    @Slot(object, object)
    def on_task_failed(self, ticket: Ticket, error: Exception) -> None:
        if self._finish(ticket):
            log.info("%s failed: %s", ticket.job.name, error)
            self.task_failed.emit(ticket, error)

    def _signal_for(self, job: Job) -> SignalInstance:
        signals: dict[Job, SignalInstance] = {
            Job.OPEN_HISTORY: self.history_opened,
            Job.CACHED_SERVICES: self.services_loaded,
            Job.REFRESH_SERVICES: self.services_loaded,
            Job.BALANCE: self.balance_loaded,
            Job.REFRESH_ORDERS: self.orders_refreshed,
            Job.REFRESH_REFILLS: self.refills_refreshed,
            Job.TEST_CONNECTION: self.connection_tested,
            Job.PLACE_ORDER: self.order_placed,
            Job.REQUEST_REFILLS: self.refills_requested,
            Job.REQUEST_CANCELS: self.cancels_requested,
            Job.RESOLVE_ORDER: self.orders_updated,
            Job.DISMISS_ORDERS: self.orders_updated,
            Job.TRACK_ORDERS: self.orders_updated,
            Job.PLAN_ORDERS: self.orders_planned,
            Job.CHECK_ORDER_IDS: self.order_ids_checked,
            Job.EXPORT_ORDERS: self.orders_exported,
            Job.SAVE_PANEL: self.panels_changed,
            Job.KEEP_KEY_FOR_SESSION: self.panels_changed,
            Job.REMOVE_PANEL: self.panels_changed,
            Job.LIST_KEYS_TO_DELETE: self.keys_to_delete_listed,
            Job.RETRY_KEY_DELETIONS: self.keys_to_delete_listed,
            Job.LOCATE_KEY: self.key_located,
        }
        return signals[job]


def _reconnects(before: Panel | None, after: Panel, draft: PanelDraft, key: str | None) -> bool:
    """Whether a saved profile reaches its panel differently: new, a new key or proxy
    password typed, or another URL, proxy, plain-HTTP consent or pace."""
    if before is None or key or draft.proxy != before.proxy:
        return True
    connection = ("url", "proxy", "allow_insecure_http", "requests_per_minute")
    return any(getattr(before, name) != getattr(after, name) for name in connection)

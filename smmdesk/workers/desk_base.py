"""`DeskBase`: the signals and the plumbing every `Desk` job goes through.

`Desk` is assembled from one module of jobs per area (`order_jobs`, `export_jobs`,
`panel_jobs`, and its own start-up, reads and configuration); they all start work here:
`_read` (coalesced reads), `_write` (the one-thread write pool), `_submit` (any pool),
and their `…_reporting` twins for jobs that report progress. Each answer is re-emitted
from the GUI thread on the signal `_signal_for` names for its job; see `Desk` for the
list of signals.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, SignalInstance, Slot

from smmdesk.secrets import KeyStore
from smmdesk.services import (
    CatalogueService,
    OrderJournal,
    RefillCancelService,
    StatusTracker,
)
from smmdesk.services.bulk import BulkPlanner
from smmdesk.services.panels import PanelProfiles
from smmdesk.store import Store

from .clients import ClientPool, NetworkSettings
from .jobs import Job, Ticket
from .reads import LocalReads
from .results import Progress
from .task import ProgressReporter, Task

log = logging.getLogger("smmdesk.workers")
READ_THREADS = 4
SHUTDOWN_WAIT_MS = 3000


class DeskBase(QObject):
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
    tracked_found = Signal(object, object)
    orders_exported = Signal(object, object)
    services_exported = Signal(object, object)
    refills_exported = Signal(object, object)
    orders_tabulated = Signal(object, object)
    connection_tested = Signal(object, object)
    panels_changed = Signal(object, object)
    keys_to_delete_listed = Signal(object, object)
    key_located = Signal(object, object)
    desktop_notified = Signal(object, object)
    desktop_notice_clicked = Signal(int)
    price_board_loaded = Signal(object, object)
    report_built = Signal(object, object)
    scorecard_loaded = Signal(object, object)
    refill_windows_listed = Signal(object, object)
    watched_prices_listed = Signal(object, object)
    report_exported = Signal(object, object)
    favourites_loaded = Signal(object, object)
    orders_annotated = Signal(object, object)
    markups_loaded = Signal(object, object)
    orders_totalled = Signal(object, object)
    overview_loaded = Signal(object, object)
    progressed = Signal(object, object)
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
        self.notice_bus = "SESSION"  # the D-Bus that desktop notifications go to
        self._generation = 0
        self._in_flight: dict[int, Task] = {}
        self._running_reads: set[tuple[Job, int | None]] = set()

    # -- life cycle -----------------------------------------------------------------------

    @property
    def busy(self) -> int:
        return len(self._in_flight)

    def cancel(self, ticket: Ticket) -> bool:
        """Ask a running or queued job to stop. Only jobs that report progress listen:
        they stop between two steps and answer with what they did (tracking says which
        IDs it never asked). False when the job has already answered."""
        task = self._in_flight.get(ticket.serial)
        if task is None:
            return False
        task.progress.cancel()
        return True

    def shutdown(self) -> None:
        """Drop queued work and late results; ask reporting jobs to stop; wait briefly
        for running tasks."""
        self._generation += 1
        self._reads.clear()
        for task in self._in_flight.values():
            task.progress.cancel()
        self._writes.waitForDone(SHUTDOWN_WAIT_MS)
        self._reads.waitForDone(SHUTDOWN_WAIT_MS)
        self._clients.close_all()

    # -- plumbing -------------------------------------------------------------------------

    def _read(self, job: Job, panel_id: int, work: Callable[[], object]) -> Ticket | None:
        """Submit a read unless the same read for the same panel is already running."""
        running = (job, panel_id)
        if running in self._running_reads:
            return None
        self._running_reads.add(running)
        return self._submit(self._reads, Ticket(job, panel_id, self._generation), work)

    def _read_reporting_once(
        self, job: Job, panel_id: int, work: Callable[[ProgressReporter], object]
    ) -> Ticket | None:
        """A reporting read, coalesced like `_read`: one at a time per job and panel."""
        running = (job, panel_id)
        if running in self._running_reads:
            return None
        self._running_reads.add(running)
        ticket = Ticket(job, panel_id, self._generation)
        return self._start(self._reads, Task.reporting(ticket, work))

    def _write(self, job: Job, panel_id: int | None, work: Callable[[], object]) -> Ticket:
        return self._submit(self._writes, Ticket(job, panel_id, self._generation), work)

    def _write_reporting(
        self, job: Job, panel_id: int | None, work: Callable[[ProgressReporter], object]
    ) -> Ticket:
        ticket = Ticket(job, panel_id, self._generation)
        return self._start(self._writes, Task.reporting(ticket, work))

    def _read_reporting(
        self, job: Job, panel_id: int | None, work: Callable[[ProgressReporter], object]
    ) -> Ticket:
        """A reporting job on the read pool, never coalesced (each has its own input)."""
        ticket = Ticket(job, panel_id, self._generation)
        return self._start(self._reads, Task.reporting(ticket, work))

    def _submit(self, pool: QThreadPool, ticket: Ticket, work: Callable[[], object]) -> Ticket:
        return self._start(pool, Task(ticket, work))

    def _start(self, pool: QThreadPool, task: Task) -> Ticket:
        task.setAutoDelete(False)
        task.signals.succeeded.connect(self.on_task_succeeded)
        task.signals.failed.connect(self.on_task_failed)
        task.signals.progressed.connect(self.on_task_progressed)
        self._in_flight[task.ticket.serial] = task
        pool.start(task)
        self.busy_changed.emit(self.busy)
        return task.ticket

    def _finish(self, ticket: Ticket) -> bool:
        """Forget the task; False when its result is stale and must be dropped."""
        self._in_flight.pop(ticket.serial, None)
        self._running_reads.discard((ticket.job, ticket.panel_id))
        self.busy_changed.emit(self.busy)
        return ticket.generation == self._generation

    @Slot(object, object)
    def on_task_progressed(self, ticket: Ticket, progress: Progress) -> None:
        live = ticket.serial in self._in_flight and ticket.generation == self._generation
        if live:
            self.progressed.emit(ticket, progress)

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
            Job.FIND_TRACKED: self.tracked_found,
            Job.EXPORT_ORDERS: self.orders_exported,
            Job.EXPORT_SERVICES: self.services_exported,
            Job.EXPORT_REFILLS: self.refills_exported,
            Job.TABULATE_ORDERS: self.orders_tabulated,
            Job.SAVE_PANEL: self.panels_changed,
            Job.KEEP_KEY_FOR_SESSION: self.panels_changed,
            Job.REMOVE_PANEL: self.panels_changed,
            Job.LIST_KEYS_TO_DELETE: self.keys_to_delete_listed,
            Job.RETRY_KEY_DELETIONS: self.keys_to_delete_listed,
            Job.LOCATE_KEY: self.key_located,
            Job.NOTIFY_DESKTOP: self.desktop_notified,
            Job.LOAD_PRICE_BOARD: self.price_board_loaded,
            Job.BUILD_REPORT: self.report_built,
            Job.LOAD_SCORECARD: self.scorecard_loaded,
            Job.LIST_REFILL_WINDOWS: self.refill_windows_listed,
            Job.MARK_DROPPED: self.refill_windows_listed,
            Job.LIST_WATCHED_PRICES: self.watched_prices_listed,
            Job.EXPORT_REPORT: self.report_exported,
            Job.EXPORT_CHART: self.report_exported,
            Job.LOAD_FAVOURITES: self.favourites_loaded,
            Job.STAR_SERVICE: self.favourites_loaded,
            Job.UNSTAR_SERVICE: self.favourites_loaded,
            Job.ANNOTATE_ORDERS: self.orders_annotated,
            Job.LOAD_MARKUPS: self.markups_loaded,
            Job.SAVE_MARKUP: self.markups_loaded,
            Job.TOTAL_ORDERS: self.orders_totalled,
            Job.LOAD_OVERVIEW: self.overview_loaded,
        }
        return signals[job]

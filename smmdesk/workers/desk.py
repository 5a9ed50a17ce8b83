"""`Desk`: the facade the UI calls for anything that touches the network or the disk.

Every call returns at once; the work runs in a `QThreadPool` and the outcome comes back
as a signal on the GUI thread. Reads share a pool (bounded); writes — placing orders,
refills, cancels — go through a one-thread pool so they are serialised.

Signals (all carry the panel ID so panes can ignore other panels' news):
    services_loaded(panel_id, ServicesSnapshot, CatalogueDiff, from_network)
    balance_loaded(panel_id, Balance)
    order_placed(panel_id, OrderRecord, Ticket)  placed, rejected or unconfirmed; the
                                                 ticket `place_order` returned
    orders_refreshed(panel_id, RefreshReport)
    refills_refreshed(panel_id, RefreshReport)
    refills_requested(panel_id, list[RefillRecord])
    cancels_requested(panel_id, list[CancelRecord])
    connection_tested(Ticket, Balance)
    task_failed(Ticket, Exception)               the one door for errors to the UI
    busy_changed(int)                            number of tasks in flight
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from smmdesk.api import Balance
from smmdesk.secrets import KeyStore
from smmdesk.services import (
    CatalogueService,
    OrderJournal,
    OrderRequest,
    RefillCancelService,
    StatusTracker,
)
from smmdesk.store import Store

from .clients import ClientPool, NetworkSettings
from .task import Task, Ticket

log = logging.getLogger("smmdesk.workers")
READ_THREADS = 4
SHUTDOWN_WAIT_MS = 3000


class Desk(QObject):
    services_loaded = Signal(int, object, object, bool)
    balance_loaded = Signal(int, object)
    order_placed = Signal(int, object, object)
    orders_refreshed = Signal(int, object)
    refills_refreshed = Signal(int, object)
    refills_requested = Signal(int, object)
    cancels_requested = Signal(int, object)
    connection_tested = Signal(object, object)
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
        self.store = store
        self.keys = keys
        self.clients = ClientPool(store, keys, network or NetworkSettings())
        self.journal = OrderJournal(store)
        self._tracker = StatusTracker(store)
        self._catalogue = CatalogueService(store)
        self._refills_cancels = RefillCancelService(store)
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(READ_THREADS)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)
        self._generation = 0
        self._in_flight: dict[int, Task] = {}
        self._running_reads: set[tuple[str, int | None]] = set()

    # -- reads --------------------------------------------------------------------------

    def load_cached_services(self, panel_id: int) -> Ticket | None:
        return self._read("cached_services", panel_id, lambda: self._cached(panel_id))

    def refresh_services(self, panel_id: int) -> Ticket | None:
        def job() -> tuple[Any, Any]:
            return self._catalogue.refresh(self.clients.client(panel_id), panel_id)

        return self._read("services", panel_id, job)

    def fetch_balance(self, panel_id: int) -> Ticket | None:
        return self._read("balance", panel_id, lambda: self.clients.client(panel_id).balance())

    def refresh_orders(self, panel_id: int) -> Ticket | None:
        def job() -> Any:
            return self._tracker.refresh_orders(self.clients.client(panel_id), panel_id)

        return self._read("orders", panel_id, job)

    def refresh_refills(self, panel_id: int) -> Ticket | None:
        def job() -> Any:
            return self._tracker.refresh_refills(self.clients.client(panel_id), panel_id)

        return self._read("refills", panel_id, job)

    def test_connection(
        self, url: str, key: str, proxy: str | None, allow_insecure: bool
    ) -> Ticket | None:
        def job() -> Balance:
            with self.clients.build_for(url, key, proxy, allow_insecure) as client:
                return client.balance()

        return self._submit(self._reads, Ticket("test", None, self._generation), job)

    # -- writes -------------------------------------------------------------------------

    def place_order(self, panel_id: int, request: OrderRequest) -> Ticket:
        def job() -> Any:
            return self.journal.place(self.clients.client(panel_id), panel_id, request)

        return self._write("add", panel_id, job, request)

    def request_refills(self, panel_id: int, record_ids: list[int]) -> Ticket:
        def job() -> Any:
            client = self.clients.client(panel_id)
            return self._refills_cancels.request_refills(client, panel_id, record_ids)

        return self._write("refill", panel_id, job, record_ids)

    def request_cancels(self, panel_id: int, record_ids: list[int]) -> Ticket:
        def job() -> Any:
            client = self.clients.client(panel_id)
            return self._refills_cancels.request_cancels(client, panel_id, record_ids)

        return self._write("cancel", panel_id, job, record_ids)

    # -- life cycle ---------------------------------------------------------------------

    @property
    def busy(self) -> int:
        return len(self._in_flight)

    def forget_panel(self, panel_id: int) -> None:
        """After a panel was edited or removed: rebuild its client on next use."""
        self.clients.forget(panel_id)

    def shutdown(self) -> None:
        """Drop queued work and late results; wait briefly for running tasks."""
        self._generation += 1
        self._reads.clear()
        self._writes.waitForDone(SHUTDOWN_WAIT_MS)
        self._reads.waitForDone(SHUTDOWN_WAIT_MS)
        self.clients.forget_all()

    # -- plumbing -----------------------------------------------------------------------

    def _cached(self, panel_id: int) -> tuple[Any, Any]:
        return self.store.cached_services(panel_id), self.store.latest_diff(panel_id)

    def _read(self, action: str, panel_id: int, job: Callable[[], object]) -> Ticket | None:
        """Submit a read unless the same read for the same panel is already running."""
        running = (action, panel_id)
        if running in self._running_reads:
            return None
        self._running_reads.add(running)
        return self._submit(self._reads, Ticket(action, panel_id, self._generation), job)

    def _write(
        self, action: str, panel_id: int, job: Callable[[], object], context: object
    ) -> Ticket:
        ticket = Ticket(action, panel_id, self._generation, context)
        self._submit(self._writes, ticket, job)
        return ticket

    def _submit(self, pool: QThreadPool, ticket: Ticket, job: Callable[[], object]) -> Ticket:
        task = Task(ticket, job)
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
        self._running_reads.discard((ticket.action, ticket.panel_id))
        self.busy_changed.emit(self.busy)
        return ticket.generation == self._generation

    @Slot(object, object)
    def on_task_succeeded(self, ticket: Ticket, result: Any) -> None:
        if not self._finish(ticket):
            return
        panel_id = ticket.panel_id if ticket.panel_id is not None else 0
        if ticket.action == "test":
            self.connection_tested.emit(ticket, result)
        elif ticket.action == "add":
            self.order_placed.emit(panel_id, result, ticket)
        elif ticket.action in ("services", "cached_services"):
            snapshot, diff = result
            self.services_loaded.emit(panel_id, snapshot, diff, ticket.action == "services")
        else:
            self._result_signals()[ticket.action].emit(panel_id, result)

    @Slot(object, object)
    def on_task_failed(self, ticket: Ticket, error: Exception) -> None:
        if self._finish(ticket):
            log.info("%s failed: %s", ticket.action, error)
            self.task_failed.emit(ticket, error)

    def _result_signals(self) -> dict[str, Any]:
        return {
            "balance": self.balance_loaded,
            "orders": self.orders_refreshed,
            "refills": self.refills_refreshed,
            "refill": self.refills_requested,
            "cancel": self.cancels_requested,
        }

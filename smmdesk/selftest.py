"""`smmdesk --selftest`: the whole path a user takes, offscreen, against the demo panel.

Every step goes through the `Desk` facade and waits for its signal (with a timeout), so it
exercises the same worker threads, store and journal as the GUI. One line per step is
printed; the exit status is 0 when every step passed, 1 with the failure explained.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEventLoop, QObject, QTimer, SignalInstance, Slot

if TYPE_CHECKING:
    from smmdesk.workers import Ticket

STEP_TIMEOUT_MS = 20_000
DEMO_ADVANCE_S = 30 * 86_400  # a month of simulated time: every order is final by then


class StepFailed(Exception):
    """A step did not reach its expected outcome; the message says what happened."""


class SignalWait(QObject):
    """Runs an event loop until `signal` answers the awaited ticket, or the job fails."""

    def __init__(self, signal: SignalInstance, failed: SignalInstance) -> None:
        super().__init__()
        self.loop = QEventLoop()
        self.serial = 0
        self.result: Any = None
        self.error: Exception | None = None
        signal.connect(self.on_signal)
        failed.connect(self.on_failed)
        self._signal, self._failed = signal, failed

    @Slot(object, object)
    def on_signal(self, ticket: Ticket, result: Any) -> None:
        if ticket.serial == self.serial:
            self.result = result
            self.loop.quit()

    @Slot(object, object)
    def on_failed(self, ticket: Ticket, error: Exception) -> None:
        if ticket.serial == self.serial:
            self.error = error
            self.loop.quit()

    def wait(self, ticket: Ticket | None, what: str) -> Any:
        if ticket is None:
            raise StepFailed(f"{what}: the same request was already running")
        self.serial = ticket.serial
        QTimer.singleShot(STEP_TIMEOUT_MS, self.loop.quit)
        self.loop.exec()
        self._signal.disconnect(self.on_signal)
        self._failed.disconnect(self.on_failed)
        if self.error is not None:
            raise StepFailed(f"{what} failed: {self.error}")
        if self.result is None:
            raise StepFailed(f"{what}: no answer within {STEP_TIMEOUT_MS // 1000} s")
        return self.result


@dataclass
class Checks:
    """What the steps share: the facade, the demo panel and what earlier steps found."""

    desk: Any
    store: Any
    panel_id: int
    demo: Any
    services: list[Any] = field(default_factory=list)
    order: Any = None


def run_selftest() -> int:
    """Run every step; without `--data-dir`, in a throw-away data folder, so a check never
    writes demo orders into the user's history."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from smmdesk.paths import ENV_DATA_DIR

    if os.environ.get(ENV_DATA_DIR):
        return _run_in_data_dir()
    with tempfile.TemporaryDirectory(prefix="smmdesk-selftest-") as folder:
        os.environ[ENV_DATA_DIR] = folder
        try:
            return _run_in_data_dir()
        finally:
            del os.environ[ENV_DATA_DIR]


def _run_in_data_dir() -> int:
    from PySide6.QtWidgets import QApplication

    from smmdesk import paths
    from smmdesk.instance import InstanceGuard
    from smmdesk.opening import start_logging
    from smmdesk.store import failures

    app = QApplication.instance() or QApplication([])
    try:
        guard = InstanceGuard(paths.data_dir())
    except OSError as error:
        return _cannot_open(failures.from_os(error, paths.database_path()))
    if not guard.acquire():
        print("FAILED  another SMMDesk runs on this data folder")  # noqa: T201 (self-test output)
        return 1
    start_logging(paths.log_dir())
    try:
        return _run_with_session()
    finally:
        app.processEvents()
        guard.release()


def _run_with_session() -> int:
    from smmdesk.demopanel import app_demo
    from smmdesk.paths import database_path
    from smmdesk.secrets import KeyStore
    from smmdesk.settings import open_settings
    from smmdesk.store import Store, StoreError
    from smmdesk.workers import DEMO_KEY, Desk, NetworkSettings

    try:
        store = Store.open(database_path())
    except StoreError as problem:
        return _cannot_open(problem)
    desk = Desk(store, KeyStore(session_only=True), NetworkSettings.from_settings(open_settings()))
    demo = app_demo(DEMO_KEY).start()
    try:
        history = SignalWait(desk.history_opened, desk.task_failed).wait(
            desk.open_history(), "open the history"
        )
        desk.point_demo(history.demo_panel_id, demo.url)
        return _report(Checks(desk, store, history.demo_panel_id, demo))
    finally:
        desk.shutdown()
        demo.stop()
        store.close()


def _cannot_open(problem: Exception) -> int:
    """The words the start-up dialog shows, and the failed exit status."""
    from smmdesk.ui.common.errors import describe

    print(f"FAILED  open the history: {describe(problem).one_line}")  # noqa: T201 (self-test output)
    return 1


def _report(checks: Checks) -> int:
    steps: list[tuple[str, Callable[[Checks], str]]] = [
        ("load services", _load_services),
        ("fetch balance", _fetch_balance),
        ("place order", _place_refillable_order),
        ("refresh status", _refresh_status),
        ("advance the demo clock and refresh", _advance_and_refresh),
        ("refill", _refill),
        ("cancel another order", _cancel_another),
    ]
    for name, step in steps:
        started = time.perf_counter()
        try:
            detail = step(checks)
        except StepFailed as error:
            print(f"FAILED  {name}: {error}")  # noqa: T201 (self-test output)
            return 1
        elapsed = (time.perf_counter() - started) * 1000
        print(f"ok      {name}: {detail} ({elapsed:.0f} ms)")  # noqa: T201 (self-test output)
    print("selftest passed")  # noqa: T201 (self-test output)
    return 0


def _wait(
    checks: Checks, signal: SignalInstance, start: Callable[[], Ticket | None], what: str
) -> Any:
    """Start a request and return the result `signal` carries for its ticket."""
    waiter = SignalWait(signal, checks.desk.task_failed)
    return waiter.wait(start(), what)


def _load_services(checks: Checks) -> str:
    desk = checks.desk
    loaded = _wait(
        checks, desk.services_loaded, lambda: desk.refresh_services(checks.panel_id), "services"
    )
    checks.services = list(loaded.snapshot.services)
    if not checks.services:
        raise StepFailed("the panel listed no services")
    return f"{len(checks.services)} services"


def _fetch_balance(checks: Checks) -> str:
    desk = checks.desk
    balance = _wait(
        checks, desk.balance_loaded, lambda: desk.fetch_balance(checks.panel_id), "balance"
    )
    return f"{balance.amount} {balance.currency}"


def _place(checks: Checks, **wanted: bool) -> Any:
    from smmdesk.api.draft import OrderDraft
    from smmdesk.store import JournalState

    service = next(
        (
            s
            for s in checks.services
            if s.type == "Default" and all(getattr(s, k) == v for k, v in wanted.items())
        ),
        None,
    )
    if service is None:
        raise StepFailed(f"no Default service with {wanted} in the catalogue")
    link = f"https://instagram.com/p/selftest{time.time_ns()}"
    request = OrderDraft.of(service, link, service.min)
    desk = checks.desk
    record = _wait(
        checks, desk.order_placed, lambda: desk.place_order(checks.panel_id, request), "order"
    )
    if record.journal_state is not JournalState.PLACED:
        raise StepFailed(f"the order is {record.journal_state}: {record.error}")
    return record


def _place_refillable_order(checks: Checks) -> str:
    checks.order = _place(checks, refill=True)
    return f"order {checks.order.order_id} placed"


def _refresh_orders(checks: Checks) -> Any:
    desk = checks.desk
    return _wait(
        checks, desk.orders_refreshed, lambda: desk.refresh_orders(checks.panel_id), "status"
    )


def _refresh_status(checks: Checks) -> str:
    report = _refresh_orders(checks)
    state = checks.store.order(checks.order.id).state
    return f"{report.checked} order(s) checked, order {checks.order.order_id} is {state}"


def _advance_and_refresh(checks: Checks) -> str:
    checks.demo.advance(DEMO_ADVANCE_S)
    _refresh_orders(checks)
    state = checks.store.order(checks.order.id).state
    if state is None or not state.is_final:
        raise StepFailed(f"order {checks.order.order_id} is still {state}")
    return f"order {checks.order.order_id} is {state.label}"


def _refill(checks: Checks) -> str:
    desk = checks.desk
    refills = _wait(
        checks,
        desk.refills_requested,
        lambda: desk.request_refills(checks.panel_id, [checks.order.id]),
        "refill",
    )
    refills = refills.records
    if not refills or refills[0].refill_id is None:
        raise StepFailed(f"refill refused: {refills[0].error if refills else 'no answer'}")
    return f"refill {refills[0].refill_id} requested"


def _cancel_another(checks: Checks) -> str:
    order = _place(checks, cancel=True)
    desk = checks.desk
    cancels = _wait(
        checks,
        desk.cancels_requested,
        lambda: desk.request_cancels(checks.panel_id, [order.id]),
        "cancel",
    )
    cancels = cancels.records
    if not cancels or not cancels[0].accepted:
        raise StepFailed(f"cancel refused: {cancels[0].error if cancels else 'no answer'}")
    return f"order {order.order_id} placed and canceled"

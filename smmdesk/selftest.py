"""`smmdesk --selftest`: the whole path a user takes, offscreen, against the demo panel.

Every step goes through the `Desk` facade and waits for its signal (with a timeout), so it
exercises the same worker threads, store and journal as the GUI. One line per step is
printed; the exit status is 0 when every step passed, 1 with the failure explained.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QTimer, SignalInstance, Slot

STEP_TIMEOUT_MS = 20_000
DEMO_ADVANCE_S = 30 * 86_400  # a month of simulated time: every order is final by then


class StepFailed(Exception):
    """A step did not reach its expected outcome; the message says what happened."""


class SignalWait(QObject):
    """Runs an event loop until `signal` (with a matching ticket/panel) or a failure."""

    def __init__(self, signal: SignalInstance, failed: SignalInstance) -> None:
        super().__init__()
        self.loop = QEventLoop()
        self.result: tuple[Any, ...] | None = None
        self.error: Exception | None = None
        signal.connect(self.on_signal)
        failed.connect(self.on_failed)
        self._signal, self._failed = signal, failed

    @Slot(object, object)
    @Slot(int, object)
    @Slot(int, object, object, bool)
    def on_signal(self, *arguments: Any) -> None:
        self.result = arguments
        self.loop.quit()

    @Slot(object, object)
    def on_failed(self, _ticket: Any, error: Exception) -> None:
        self.error = error
        self.loop.quit()

    def wait(self, what: str) -> tuple[Any, ...]:
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
    panel_id: int
    demo: Any
    services: list[Any] = field(default_factory=list)
    order: Any = None


def run_selftest() -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    from smmdesk import logs, paths

    app = QApplication([])
    logs.configure(paths.log_dir())
    try:
        return _run_with_session()
    finally:
        app.processEvents()


def _run_with_session() -> int:
    import dataclasses

    from smmdesk.app import DEMO_SERVICES, DEMO_SPEED, ensure_demo_panel, open_settings
    from smmdesk.demopanel import DemoPanel
    from smmdesk.paths import database_path
    from smmdesk.secrets import KeyStore
    from smmdesk.store import Store
    from smmdesk.workers import DEMO_KEY, Desk, NetworkSettings

    store = Store.open(database_path())
    desk = Desk(store, KeyStore(session_only=True), NetworkSettings.from_settings(open_settings()))
    demo = DemoPanel(key=DEMO_KEY, services=DEMO_SERVICES, speed=DEMO_SPEED).start()
    try:
        panel = ensure_demo_panel(store)
        store.update_panel(dataclasses.replace(panel, url=demo.url))
        return _report(Checks(desk, panel.id, demo))
    finally:
        desk.shutdown()
        demo.stop()
        store.close()


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


def _wait(checks: Checks, signal: SignalInstance, start: Callable[[], object], what: str) -> Any:
    """Start a request and return the arguments of `signal` after the panel ID."""
    waiter = SignalWait(signal, checks.desk.task_failed)
    start()
    arguments = waiter.wait(what)
    return arguments[1]


def _load_services(checks: Checks) -> str:
    desk = checks.desk
    snapshot = _wait(
        checks, desk.services_loaded, lambda: desk.refresh_services(checks.panel_id), "services"
    )
    checks.services = list(snapshot.services)
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
    from smmdesk.services import OrderRequest
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
    request = OrderRequest(service, link, service.min)
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
    state = checks.desk.store.order(checks.order.id).state
    return f"{report.checked} order(s) checked, order {checks.order.order_id} is {state}"


def _advance_and_refresh(checks: Checks) -> str:
    checks.demo.advance(DEMO_ADVANCE_S)
    _refresh_orders(checks)
    state = checks.desk.store.order(checks.order.id).state
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
    if not cancels or not cancels[0].accepted:
        raise StepFailed(f"cancel refused: {cancels[0].error if cancels else 'no answer'}")
    return f"order {order.order_id} placed and canceled"

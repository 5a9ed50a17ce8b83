"""``DemoPanel``: the object Demo mode, tests and benchmarks hold to run a panel.

It owns the generated catalogue, the ledger, the fault plan and the HTTP server thread,
and exposes the knobs tests turn at runtime (latency, faults, the simulated clock).
"""

from __future__ import annotations

import threading
from collections import Counter
from decimal import Decimal
from types import TracebackType
from typing import Any

from .actions import ActionRouter
from .catalogue import generate_catalogue
from .faults import FaultPlan
from .lifecycle import Order
from .server import PanelHTTPServer
from .state import PanelState

SERVE_POLL_SECONDS = 0.02  # how soon serve_forever notices stop(): teardown cost per test


class DemoPanel:
    """A real SMM panel API v2 server on loopback with a simulated order lifecycle.

    Faults injected with :meth:`inject` are not applied to the ledger, with one deliberate
    exception: a ``timeout`` or ``reset`` fault on ``add`` places the order *before*
    stalling or dropping the connection. That is the "unclear outcome" a client must record
    as unconfirmed and never resend.

    A ``refused`` fault cannot make the kernel refuse a connection for one action only
    (the action is known only once the request has been read), so it is simulated by
    reading the request and then aborting the connection with RST before any answer: the
    client sees a connection error with nothing processed.
    """

    def __init__(
        self,
        key: str = "demo-key",
        services: int = 300,
        seed: int = 1,
        latency_ms: float = 0,
        speed: float = 1.0,
        balance: Decimal = Decimal("1000"),
        currency: str = "USD",
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.key = key
        self.host = host
        self.latency_ms = latency_ms
        self.timeout_fault_seconds = 30.0
        self.unsupported_multi: set[str] = set()
        self.requests: Counter[str] = Counter()
        catalogue = generate_catalogue(services, seed)
        self._state = PanelState(catalogue, seed, balance, speed)
        self.router = ActionRouter(self._state, key, currency, catalogue)
        self._faults = FaultPlan(seed)
        self._requested_port = port
        self._requests_lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: PanelHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- life cycle ------------------------------------------------------------------------

    def start(self) -> DemoPanel:
        if self._server is not None:
            return self
        self._stopping.clear()
        self._server = PanelHTTPServer((self.host, self._requested_port), self)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": SERVE_POLL_SECONDS},
            name=f"demopanel:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; stalled and latency-delayed handlers are released at once."""
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        self._stopping.set()
        server.shutdown()
        server.close_connections()
        server.server_close()
        thread.join(timeout=1.0)
        self._server = self._thread = None

    def __enter__(self) -> DemoPanel:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the demo panel is not running; call start() first")
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/api/v2"

    # -- knobs for tests and benches -------------------------------------------------------

    def inject(
        self, action: str, kind: str, count: int | None = None, probability: float | None = None
    ) -> None:
        """Make requests of ``action`` (``"*"``: any) fail with ``kind`` (one of FAULTS).

        With ``count`` (the default is 1) the next ``count`` matching requests fail; with
        ``probability`` each matching request fails with that chance until cleared.
        """
        self._faults.inject(action, kind, count=count, probability=probability)

    def clear_faults(self) -> None:
        self._faults.clear()

    def create_orders(self, count: int, service_id: int | None = None) -> list[str]:
        """Create orders in-process (no HTTP, no balance charge); returns their IDs."""
        return self._state.create_orders(count, service_id)

    def advance(self, seconds: float) -> None:
        """Move the simulated clock forward: lifecycles progress without sleeping."""
        self._state.clock.advance(seconds)

    @property
    def speed(self) -> float:
        return self._state.clock.speed

    @speed.setter
    def speed(self, value: float) -> None:
        self._state.clock.speed = value

    def serve_entry(self, service_id: int, **fields: Any) -> None:
        """Change what `services` says about one service, e.g. `rate="abc"` for a panel
        whose catalogue has a malformed entry, or a new rate between two fetches."""
        self.router.serve_entry(service_id, **fields)

    @property
    def charge_in_add(self) -> bool:
        """Whether `add` answers with the order's charge and currency besides its ID."""
        return self.router.charge_in_add

    @charge_in_add.setter
    def charge_in_add(self, value: bool) -> None:
        self.router.charge_in_add = value

    @property
    def repeat_window_s(self) -> float:
        """Simulated seconds during which an identical add is answered with the earlier
        order's ID instead of placing another (0: never)."""
        return self._state.repeat_window_s

    @repeat_window_s.setter
    def repeat_window_s(self, value: float) -> None:
        self._state.repeat_window_s = value

    @property
    def balance(self) -> Decimal:
        return self._state.balance

    @property
    def services_list(self) -> list[dict[str, Any]]:
        return list(self.router.services_wire)

    @property
    def orders(self) -> dict[str, Order]:
        return self._state.orders

    # -- used by the request handler -------------------------------------------------------

    def receive(self, action: str) -> str | None:
        """Count a received request and draw its fault, if any."""
        with self._requests_lock:
            self.requests[action] += 1
        return self._faults.draw(action)

    def wait_latency(self) -> bool:
        """Sleep the configured latency; False when the panel stopped meanwhile."""
        delay = self.latency_ms / 1000
        if delay > 0:
            return not self._stopping.wait(delay)
        return not self._stopping.is_set()

    def stall(self) -> None:
        """What a ``timeout`` fault does: nothing, for a long time (or until stop())."""
        self._stopping.wait(self.timeout_fault_seconds)

"""The client against the real demo panel on loopback: every action, and the fault matrix
of design.md (every action x every fault -> a typed error, reads retried, writes never)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest

from smmdesk.api import (
    ApiError,
    ConnectionFailed,
    InvalidPanelUrl,
    OrderState,
    PanelClient,
    PanelError,
    ProtocolError,
    RequestTimeout,
    RetryPolicy,
    TransportError,
)
from smmdesk.demopanel import DemoPanel
from tests.conftest import TEST_KEY

FAST_RETRY = RetryPolicy(max_attempts=3, base_delay=0.01, max_delay=0.05, max_retry_after=0.05)


@pytest.fixture
def panel() -> Iterator[DemoPanel]:
    with DemoPanel(key=TEST_KEY, services=80, seed=3, speed=1.0) as demo:
        demo.timeout_fault_seconds = 2.0
        yield demo


@pytest.fixture
def client(panel: DemoPanel) -> Iterator[PanelClient]:
    with PanelClient(panel.url, TEST_KEY, timeout=0.5, connect_timeout=0.5, retry=FAST_RETRY) as c:
        yield c


def default_service(panel: DemoPanel, **flags: bool) -> dict[str, Any]:
    for service in panel.services_list:
        wanted = all(str(service.get(k)).lower() in ("true", "1") for k in flags)
        if service["type"] == "Default" and wanted and service.get("dripfeed") not in (True, 1):
            return service
    raise AssertionError("the demo catalogue should have such a service")


def place(client: PanelClient, service: dict[str, Any], link: str = "https://x.test/p/1") -> str:
    return client.add(str(service["service"]), link=link, quantity=int(service["min"]))


def test_every_action_against_the_demo_panel(panel: DemoPanel, client: PanelClient) -> None:
    services = client.services()
    assert len(services) == 80
    before = client.balance()
    service = default_service(panel, refill=True, cancel=True)
    first = place(client, service, "https://x.test/p/1")
    second = place(client, service, "https://x.test/p/2")
    assert client.balance().amount < before.amount
    assert client.status(first).state is OrderState.PENDING
    client.cancel(second)
    panel.advance(3600)
    statuses = client.statuses([first, second, "999999999"])
    first_status = statuses[first]
    assert not isinstance(first_status, ApiError) and first_status.is_final
    assert statuses["999999999"] == PanelError("Incorrect order ID")
    refill_id = client.refill(first)
    refills = client.refills([first])
    assert client.refill_status(refill_id).status_text
    statuses_of_refills = client.refill_statuses([refill_id, "424242"])
    assert refill_id in statuses_of_refills and isinstance(refills[first], str | ApiError)
    assert isinstance(statuses_of_refills["424242"], PanelError)


def test_a_wrong_key_is_the_panels_words(panel: DemoPanel) -> None:
    with PanelClient(panel.url, "wrong") as wrong, pytest.raises(PanelError, match="API key"):
        wrong.balance()


def test_quantity_out_of_range_is_refused_in_the_panels_words(
    panel: DemoPanel, client: PanelClient
) -> None:
    service = default_service(panel)
    with pytest.raises(PanelError, match="Quantity less than minimal"):
        client.add(str(service["service"]), link="https://x.test/a", quantity=1)


def test_ten_thousand_statuses_go_in_batches_of_one_hundred(
    panel: DemoPanel, client: PanelClient
) -> None:
    ids = panel.create_orders(1000)
    results = client.statuses(ids)
    assert len(results) == 1000
    assert panel.requests["status"] == 10


def test_statuses_report_progress_as_each_batch_is_answered(
    panel: DemoPanel, client: PanelClient
) -> None:
    ids = panel.create_orders(1000)
    seen: list[tuple[int, int]] = []
    client.statuses(ids, lambda done, total: seen.append((done, total)))
    assert [done for done, _ in seen] == list(range(100, 1001, 100))
    assert {total for _, total in seen} == {1000}


@pytest.mark.timeout(60)
def test_statuses_keep_batches_in_flight_concurrently(
    panel: DemoPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """8 batches at 4 in flight: the panel sees four requests at once, never more.

    A barrier in the panel's latency phase lets requests through four at a time only: a
    client that sent fewer at once would stall there and fail after the barrier's generous
    timeout. No clock is read, so load cannot fail this; the speed against the protocol
    floor is bench/status_refresh.py's figure."""
    ids = panel.create_orders(800)
    barrier = threading.Barrier(4, timeout=20.0)
    lock = threading.Lock()
    waiting, peak = [0], [0]

    def wait_latency() -> bool:
        with lock:
            waiting[0] += 1
            peak[0] = max(peak[0], waiting[0])
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            return False  # the handler resets the connection: the call fails
        finally:
            with lock:
                waiting[0] -= 1
        return True

    monkeypatch.setattr(panel, "wait_latency", wait_latency)
    with PanelClient(panel.url, TEST_KEY, max_in_flight=4) as concurrent:
        results = concurrent.statuses(ids)
    assert len(results) == 800
    assert panel.requests["status"] == 8
    assert peak[0] == 4


def test_plain_http_needs_loopback_or_consent() -> None:
    with pytest.raises(InvalidPanelUrl):
        PanelClient("http://panel.example/api/v2", "k")
    with pytest.raises(InvalidPanelUrl):
        PanelClient("ftp://panel.example/api/v2", "k")
    PanelClient("http://panel.example/api/v2", "k", allow_insecure_http=True).close()


def test_connection_refused_is_a_connection_failure_that_never_left() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    closed = PanelClient(f"http://127.0.0.1:{port}/api/v2", "k", retry=FAST_RETRY)
    with closed, pytest.raises(ConnectionFailed) as caught:
        closed.add("1", link="x", quantity=10)
    assert caught.value.request_sent is False


# -- the fault matrix ----------------------------------------------------------------------

ACTIONS: dict[str, Callable[[PanelClient, str], object]] = {
    "services": lambda c, o: c.services(),
    "balance": lambda c, o: c.balance(),
    "status": lambda c, o: c.status(o),
    "refill_status": lambda c, o: c.refill_status("1"),
    "add": lambda c, o: c.add("1", link="https://x.test/fault", quantity=100),
    "refill": lambda c, o: c.refill(o),
    "cancel": lambda c, o: c.cancel(o),
}
READS = {"services", "balance", "status", "refill_status"}
EXPECTED_ERROR: dict[str, type[ApiError]] = {
    "timeout": RequestTimeout,
    "refused": TransportError,
    "reset": TransportError,
    "http500": ProtocolError,
    "html": ProtocolError,
    "ratelimit": PanelError,
    "truncated": ProtocolError,
    "wrongshape": ProtocolError,
    "error200": PanelError,
}
RETRIED_FAULTS = {"timeout", "refused", "reset", "http500", "html", "ratelimit"}


@pytest.mark.timeout(30)
@pytest.mark.parametrize("fault", sorted(EXPECTED_ERROR))
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_fault_matrix(panel: DemoPanel, client: PanelClient, action: str, fault: str) -> None:
    (order_id,) = panel.create_orders(1)
    panel.inject(action, fault, count=10)
    started = time.monotonic()
    with pytest.raises(EXPECTED_ERROR[fault]) as caught:
        ACTIONS[action](client, order_id)
    assert time.monotonic() - started < 5, "no hang beyond the timeout and bounded retries"
    assert caught.value.message and TEST_KEY not in str(caught.value)
    assert panel.requests[action] == expected_requests(action, fault)


def expected_requests(action: str, fault: str) -> int:
    """Reads are retried; writes are sent once. A cancel goes out in the multi form, and
    a whole-request refusal makes the client probe the single form once (the fallback).

    Two read faults end sooner: a timeout is retried once, since a call ends within two
    timeouts (`max_call_timeouts`); and the demo's `Retry-After: 1` is over this policy's
    `max_retry_after`, so the 429 fails at once with `RateLimited` (test_hostile_transport
    covers a short Retry-After being waited out)."""
    if action in READS and fault == "timeout":
        return 2
    if action in READS and fault == "ratelimit":
        return 1
    if action in READS and fault in RETRIED_FAULTS:
        return FAST_RETRY.max_attempts
    return 2 if action == "cancel" and fault == "error200" else 1


def test_a_read_recovers_when_the_fault_passes(panel: DemoPanel, client: PanelClient) -> None:
    panel.inject("balance", "http500", count=2)
    assert client.balance().amount == Decimal(panel.balance)
    assert panel.requests["balance"] == 3


def test_a_socks_proxy_is_supported_and_its_failure_is_a_connection_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proxied = PanelClient(
        "https://panel.example/api/v2",
        "k",
        proxy=f"socks5://user:pw-secret@127.0.0.1:{port}",
        retry=FAST_RETRY,
    )
    with proxied, pytest.raises(ConnectionFailed) as caught:
        proxied.balance()
    assert "pw-secret" not in str(caught.value)

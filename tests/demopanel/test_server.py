"""The HTTP server itself: paths, keep-alive, latency and concurrency, stop, the CLI."""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from smmdesk.demopanel import DemoPanel

from .conftest import KEY, Api


def test_url_names_the_bound_port(panel: DemoPanel) -> None:
    assert panel.url == f"http://127.0.0.1:{panel.port}/api/v2"
    assert panel.port > 0


@pytest.mark.parametrize("path", ["/api/v2", "/api", "/api/v1", "/api/v2/"])
def test_api_paths_are_accepted(panel: DemoPanel, path: str) -> None:
    url = f"http://127.0.0.1:{panel.port}{path}"
    answer = httpx.post(url, data={"key": KEY, "action": "balance"}).json()
    assert answer["currency"] == "USD"


def test_other_paths_are_html_404(panel: DemoPanel) -> None:
    response = httpx.post(f"http://127.0.0.1:{panel.port}/wp-admin", data={"key": KEY})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")


def test_get_with_query_parameters_works_too(panel: DemoPanel) -> None:
    response = httpx.get(panel.url, params={"key": KEY, "action": "balance"})
    assert response.json()["balance"] == "1000.00000"


def test_connections_are_kept_alive(panel: DemoPanel, api: Api) -> None:
    responses = [api.post("balance") for _ in range(3)]
    assert all(response.http_version == "HTTP/1.1" for response in responses)
    assert all("close" not in response.headers.get("connection", "") for response in responses)
    assert all("content-length" in response.headers for response in responses)


@pytest.mark.timeout(30)
def test_latency_applies_and_can_change_at_runtime(panel: DemoPanel, api: Api) -> None:
    """A lower bound only, which load cannot break; how fast a 0 ms answer is, is
    bench/demo_panel.py's figure."""
    assert api.call("balance")["currency"] == "USD"  # started at 0 ms
    panel.latency_ms = 150
    started = time.perf_counter()
    api.post("balance")
    assert time.perf_counter() - started >= 0.15
    panel.latency_ms = 0
    assert api.call("balance")["currency"] == "USD"


def meet_in_latency(monkeypatch: pytest.MonkeyPatch, panel: DemoPanel, parties: int) -> list[int]:
    """Make every request wait in its latency phase until `parties` requests are there at
    once, and return the list of how many were waiting (peak) after each meeting.

    A server that handled requests one after another would never gather them: the barrier
    breaks after its generous timeout and the requests fail. No wall-clock figure is
    asserted, so a loaded machine cannot fail this.
    """
    barrier = threading.Barrier(parties, timeout=20.0)
    lock = threading.Lock()
    waiting = [0]
    peaks: list[int] = []

    def wait_latency() -> bool:
        with lock:
            waiting[0] += 1
            peaks.append(waiting[0])
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            return False  # the handler resets the connection: the client sees an error
        finally:
            with lock:
                waiting[0] -= 1
        return True

    monkeypatch.setattr(panel, "wait_latency", wait_latency)
    return peaks


@pytest.mark.timeout(60)
def test_concurrent_requests_overlap(panel: DemoPanel, monkeypatch: pytest.MonkeyPatch) -> None:
    batches = [",".join(panel.create_orders(100)) for _ in range(4)]
    clients = [httpx.Client(timeout=30.0) for _ in batches]
    for client in clients:  # open the connections first: four keep-alive sessions
        client.post(panel.url, data={"key": KEY, "action": "balance"})
    peaks = meet_in_latency(monkeypatch, panel, parties=4)

    def multi_status(client: httpx.Client, ids: str) -> int:
        data = {"key": KEY, "action": "status", "orders": ids}
        return len(client.post(panel.url, data=data).json())

    with ThreadPoolExecutor(max_workers=4) as pool:
        sizes = list(pool.map(multi_status, clients, batches))
    for client in clients:
        client.close()
    assert sizes == [100] * 4
    assert max(peaks) == 4


def test_stop_is_idempotent_and_start_again_serves() -> None:
    panel = DemoPanel(key=KEY, services=20)
    panel.stop()
    with pytest.raises(RuntimeError):
        _ = panel.url
    panel.start()
    panel.stop()
    panel.stop()
    with panel:
        assert httpx.post(panel.url, data={"key": KEY, "action": "balance"}).status_code == 200


@pytest.mark.timeout(30)
def test_command_line_serves_until_terminated() -> None:
    command = [sys.executable, "-m", "smmdesk.demopanel", "--port", "0", "--key", "cli-key"]
    command += ["--services", "50", "--latency-ms", "0", "--seed", "3"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        assert url.endswith("/api/v2")
        answer = httpx.post(url, data={"key": "cli-key", "action": "balance"}).json()
        assert answer == {"balance": "1000.00000", "currency": "USD"}
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=5) == 0
    finally:
        process.kill()
        process.wait()


def test_request_log_never_shows_the_key(
    panel: DemoPanel, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="smmdesk.demopanel"):
        httpx.get(panel.url, params={"action": "balance", "key": KEY})
        httpx.post(panel.url, data={"action": "balance", "key": KEY})
    assert "balance" in caplog.text
    assert KEY not in caplog.text

"""The HTTP server itself: paths, keep-alive, latency and concurrency, stop, the CLI."""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
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


@pytest.mark.timeout(10)
def test_latency_applies_and_can_change_at_runtime(panel: DemoPanel, api: Api) -> None:
    panel.latency_ms = 150
    started = time.perf_counter()
    api.post("balance")
    assert time.perf_counter() - started >= 0.15
    panel.latency_ms = 0
    started = time.perf_counter()
    api.post("balance")
    assert time.perf_counter() - started < 0.1


@pytest.mark.timeout(10)
def test_concurrent_requests_overlap(panel: DemoPanel) -> None:
    batches = [",".join(panel.create_orders(100)) for _ in range(4)]
    clients = [httpx.Client(timeout=5.0) for _ in batches]
    for client in clients:  # open the connections first: measure requests, not handshakes
        client.post(panel.url, data={"key": KEY, "action": "balance"})
    panel.latency_ms = 100

    def multi_status(client: httpx.Client, ids: str) -> int:
        data = {"key": KEY, "action": "status", "orders": ids}
        return len(client.post(panel.url, data=data).json())

    with ThreadPoolExecutor(max_workers=4) as pool:
        started = time.perf_counter()
        sizes = list(pool.map(multi_status, clients, batches))
        elapsed = time.perf_counter() - started
    for client in clients:
        client.close()
    assert sizes == [100] * 4
    assert elapsed < 0.25


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

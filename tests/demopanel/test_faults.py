"""Every fault kind as a client sees it at the HTTP level, and how rules fire."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Callable
from decimal import Decimal

import httpx
import pytest

from smmdesk.demopanel import FAULTS, DemoPanel

from .conftest import Api, WireService

Find = Callable[..., WireService]


def test_fault_names() -> None:
    assert FAULTS == (
        "timeout",
        "refused",
        "reset",
        "http500",
        "html",
        "ratelimit",
        "truncated",
        "wrongshape",
        "error200",
    )


def test_http500(panel: DemoPanel, api: Api) -> None:
    panel.inject("balance", "http500")
    response = api.post("balance")
    assert response.status_code == 500
    assert "Internal Server Error" in response.text


def test_html_challenge_page(panel: DemoPanel, api: Api) -> None:
    panel.inject("services", "html")
    response = api.post("services")
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("text/html")
    assert "Just a moment..." in response.text


def test_ratelimit(panel: DemoPanel, api: Api) -> None:
    panel.inject("status", "ratelimit")
    response = api.post("status", order=1)
    assert response.status_code == 429
    assert response.headers["retry-after"] == "1"
    assert response.json() == {"error": "Too many requests"}


def test_truncated_json(panel: DemoPanel, api: Api) -> None:
    panel.inject("services", "truncated")
    response = api.post("services")
    assert response.status_code == 200
    assert int(response.headers["content-length"]) == len(response.content)
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.content)


@pytest.mark.parametrize(
    ("action", "fields", "expected_type"),
    [
        ("services", {}, list),
        ("add", {}, dict),
        ("status", {"order": "1"}, dict),
        ("status", {"orders": "1,2"}, dict),
        ("balance", {}, dict),
        ("refill", {"orders": "1"}, list),
    ],
)
def test_wrongshape_is_valid_json_of_the_wrong_shape(
    panel: DemoPanel, api: Api, action: str, fields: dict[str, str], expected_type: type
) -> None:
    normal = api.call(action, **fields)
    panel.inject(action, "wrongshape")
    wrong = api.call(action, **fields)
    assert wrong != normal
    assert not isinstance(wrong, expected_type) or wrong == {"foo": 1}


def test_error200(panel: DemoPanel, api: Api) -> None:
    panel.inject("balance", "error200")
    assert api.call("balance") == {"error": "Internal panel error"}


@pytest.mark.timeout(10)
def test_timeout_stalls_and_add_is_placed_anyway(panel: DemoPanel, find: Find) -> None:
    panel.timeout_fault_seconds = 1.0
    panel.inject("add", "timeout")
    service = find(type="Default")
    form = {"key": "test-key", "action": "add", "service": str(service.id), "link": "https://a"}
    form["quantity"] = str(service.min)
    with httpx.Client(timeout=0.3) as client, pytest.raises(httpx.ReadTimeout):
        client.post(panel.url, data=form)
    assert len(panel.orders) == 1  # placed: the outcome is unclear to the client
    assert panel.balance < Decimal("1000")


@pytest.mark.timeout(10)
def test_refused_drops_the_connection_without_applying(
    panel: DemoPanel, api: Api, find: Find
) -> None:
    panel.inject("add", "refused")
    service = find(type="Default")
    with pytest.raises(httpx.TransportError) as raised:
        api.post("add", service=service.id, link="https://a", quantity=service.min)
    assert not isinstance(raised.value, httpx.TimeoutException)
    assert panel.orders == {}
    assert panel.balance == Decimal("1000")
    assert api.call("balance")["balance"] == "1000.00000"  # the next request is served


@pytest.mark.timeout(10)
def test_reset_mid_body_after_placing_the_order(panel: DemoPanel, api: Api, find: Find) -> None:
    panel.inject("add", "reset")
    service = find(type="Default")
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        api.post("add", service=service.id, link="https://a", quantity=service.min)
    assert len(panel.orders) == 1


@pytest.mark.parametrize("kind", ["http500", "html", "ratelimit", "truncated", "wrongshape"])
def test_faulty_add_is_not_applied(panel: DemoPanel, api: Api, find: Find, kind: str) -> None:
    panel.inject("add", kind)
    service = find(type="Default")
    api.post("add", service=service.id, link="https://a", quantity=service.min)
    assert panel.orders == {}
    assert panel.balance == Decimal("1000")


def test_count_fires_exactly_n_times(panel: DemoPanel, api: Api) -> None:
    panel.inject("balance", "http500", count=2)
    codes = [api.post("balance").status_code for _ in range(4)]
    assert codes == [500, 500, 200, 200]


def test_probability_fires_until_cleared(panel: DemoPanel, api: Api) -> None:
    panel.inject("balance", "http500", probability=0.5)
    codes = [api.post("balance").status_code for _ in range(40)]
    assert 5 < codes.count(500) < 35
    panel.clear_faults()
    assert {api.post("balance").status_code for _ in range(10)} == {200}


def test_star_matches_any_action_and_others_are_spared(panel: DemoPanel, api: Api) -> None:
    panel.inject("*", "html", count=2)
    assert api.post("balance").status_code == 503
    assert api.post("services").status_code == 503
    assert api.post("status", order=1).status_code == 200
    panel.inject("add", "http500")
    assert api.post("balance").status_code == 200


def test_requests_counts_every_received_request(panel: DemoPanel, api: Api) -> None:
    panel.inject("status", "http500", count=2)
    for _ in range(3):
        api.post("status", order=1)
    api.post("balance")
    assert panel.requests["status"] == 3
    assert panel.requests["balance"] == 1
    assert panel.requests["add"] == 0


@pytest.mark.parametrize(
    "arguments",
    [
        {"kind": "meteor"},
        {"kind": "html", "count": 0},
        {"kind": "html", "probability": 1.5},
        {"kind": "html", "count": 1, "probability": 0.5},
    ],
)
def test_inject_rejects_nonsense(panel: DemoPanel, arguments: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        panel.inject("balance", **arguments)  # type: ignore[arg-type]


@pytest.mark.timeout(60)
def test_stop_releases_a_stalled_handler_promptly() -> None:
    """stop() ends a handler stalled in a 30 s `timeout` fault instead of waiting for it.

    The proof is the caller's error: its connection is dropped (not a read timeout, which
    would come after 10 s). The only clock here is a hang guard far from both figures; how
    fast stop() is, is bench/demo_panel.py's business."""
    panel = DemoPanel(key="test-key", services=30).start()
    assert panel.timeout_fault_seconds == 30.0
    panel.inject("balance", "timeout")
    outcome: list[BaseException] = []

    def stalled_call() -> None:
        try:
            httpx.post(panel.url, data={"key": "test-key", "action": "balance"}, timeout=10.0)
        except httpx.HTTPError as error:
            outcome.append(error)

    caller = threading.Thread(target=stalled_call)
    caller.start()
    while panel.requests["balance"] == 0:
        time.sleep(0.01)
    serving = [t for t in threading.enumerate() if t.name == f"demopanel:{panel.port}"]
    started = time.monotonic()
    panel.stop()
    assert time.monotonic() - started < 10.0, "stop() waited for the stalled handler"
    assert len(serving) == 1
    serving[0].join(timeout=30.0)
    assert not serving[0].is_alive()
    caller.join(timeout=30.0)
    assert not caller.is_alive()
    assert outcome and not isinstance(outcome[0], httpx.TimeoutException)


@pytest.mark.timeout(10)
def test_reset_promises_more_body_than_it_sends(panel: DemoPanel) -> None:
    panel.inject("balance", "reset")
    body = b"key=test-key&action=balance"
    request = (
        b"POST /api/v2 HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    )
    received = b""
    with socket.create_connection(("127.0.0.1", panel.port), timeout=5) as connection:
        connection.sendall(request)
        with contextlib.suppress(ConnectionResetError):
            while chunk := connection.recv(4096):
                received += chunk
    head, _, sent_body = received.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200")
    promised = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
    assert 0 < len(sent_body) < promised

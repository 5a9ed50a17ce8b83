"""Hostile panels at the transport level (issue 10): nothing crashes, nothing leaks, nothing
is spoofed. Every test runs the real client against a real misbehaving loopback server
(tests/api/hostile.py): bodies without end, gzip bombs, trickles, garbage bytes, echoed
keys, rate limits."""

from __future__ import annotations

import gzip
import json
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.utils import formatdate
from pathlib import Path
from urllib.parse import quote, quote_plus

import httpcore
import httpx
import pytest

from smmdesk.api import (
    AnswerTooLarge,
    ApiError,
    PanelClient,
    PanelError,
    ProtocolError,
    RateLimited,
    RequestTimeout,
    RetryPolicy,
    TransportError,
)
from smmdesk.api.pacing import InFlightGate, TokenBucket
from smmdesk.api.transport import DeadlineTransport, _api_error, environment_proxy

from . import hostile
from .hostile import HostilePanel, Request

KEY = "sk-Hostile/Key+=&0d9c7b3a5e1f"  # its URL-encoded forms differ from it
KEY_FORMS = (KEY, quote(KEY, safe=""), quote_plus(KEY), quote(KEY))
FAST = RetryPolicy(max_attempts=3, base_delay=0.01, max_delay=0.02)
MiB = 1 << 20
BALANCE = {"balance": "12.50", "currency": "USD"}
CATALOGUE = [
    {"service": 1, "name": "Followers", "type": "Default", "category": "Instagram"}
    | {"rate": "0.90", "min": 10, "max": 1000, "refill": True, "cancel": False}
]


def client_for(panel: HostilePanel | hostile.TlsTrickleServer, **options: object) -> PanelClient:
    settings: dict[str, object] = {"timeout": 5.0, "connect_timeout": 2.0, "retry": FAST}
    settings.update(options)
    return PanelClient(panel.url, KEY, **settings)  # type: ignore[arg-type]


@contextmanager
def serving(
    behaviour: hostile.Behaviour, **options: object
) -> Iterator[tuple[HostilePanel, PanelClient]]:
    """A hostile panel and a client for it, both closed afterwards."""
    with HostilePanel(behaviour) as panel, client_for(panel, **options) as client:
        yield panel, client


def hides_the_key(text: str) -> bool:
    return not any(form in text for form in KEY_FORMS)


@contextmanager
def peak_rss_growth() -> Iterator[list[float]]:
    """Yields a list that receives the peak resident size reached inside the block, over
    the size at its start, in MiB (Linux: the high-water mark is reset first)."""
    growth: list[float] = []
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        yield growth  # no way to measure here: the caller skips the memory check
        return
    start = _status_kib("VmRSS")
    yield growth
    growth.append((_status_kib("VmHWM") - start) / 1024)


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


# -- 1. bounded memory -----------------------------------------------------------------


def test_a_300_mb_body_on_balance_is_refused_before_reading_it() -> None:
    behaviour = hostile.endless(content_length=300_000_000)
    with (
        serving(behaviour) as (panel, client),
        peak_rss_growth() as growth,
        pytest.raises(AnswerTooLarge) as caught,
    ):
        client.balance()
    assert str(caught.value).startswith("The panel's answer is larger than 1 MB")
    assert isinstance(caught.value, ProtocolError)
    assert panel.actions() == ["balance"], "a body over the cap is not worth a retry"
    assert panel.sent_bytes < 20 * MiB, "the client hung up instead of reading on"
    assert not growth or growth[0] < 16


def test_a_gzip_bomb_is_caught_by_its_decoded_size() -> None:
    body, inflated = hostile.gzip_bomb(2_000_000)
    assert len(body) < 2_100_000 and inflated > 1_900 * MiB
    freed = bytes(31 * MiB)
    del freed  # glibc now serves blocks up to 31 MiB from the heap, where a realloc copies
    with HostilePanel(hostile.bomb()) as panel, client_for(panel) as client:
        with peak_rss_growth() as small, pytest.raises(AnswerTooLarge, match="larger than 1 MB"):
            client.balance()
        with peak_rss_growth() as large, pytest.raises(AnswerTooLarge, match="than 64 MB"):
            client.services()
    assert not small or small[0] < 16
    assert not large or large[0] < 64 + 8, "the cap (61 MiB), plus a few 64 KiB steps"


def test_an_endless_chunked_catalogue_stops_at_the_services_cap() -> None:
    with HostilePanel(hostile.endless()) as panel:
        with (
            client_for(panel) as client,
            peak_rss_growth() as growth,
            pytest.raises(AnswerTooLarge, match="larger than 64 MB"),
        ):
            client.services()
        with (
            client_for(panel, max_services_bytes=5_000_000) as capped,
            pytest.raises(AnswerTooLarge, match="larger than 5 MB"),
        ):
            capped.services()
    assert panel.actions() == ["services", "services"]
    assert not growth or growth[0] < 64 + 8


def test_an_endless_answer_to_add_marks_the_request_as_sent() -> None:
    """The journal turns an `add` failure into `unconfirmed` (not `rejected`) when it is
    no refusal of the panel's and `request_sent` is true: the panel may have placed it."""
    with serving(hostile.endless()) as (panel, client), pytest.raises(AnswerTooLarge) as caught:
        client.add("1", link="https://x.test/p/1", quantity=10)
    assert caught.value.request_sent is True
    assert not isinstance(caught.value, PanelError)
    assert panel.actions() == ["add"], "sent once, never again"


def test_a_gzip_answer_within_the_cap_is_read() -> None:
    body = gzip.compress(json.dumps(BALANCE).encode())

    def answer(request: Request, exchange: hostile.Exchange) -> None:
        exchange.answer(200, body, [("Content-Encoding", "gzip")])

    with HostilePanel(answer) as panel, client_for(panel) as client:
        assert str(client.balance().amount) == "12.50"
    assert panel.requests[0].headers["accept-encoding"] == "gzip, deflate"


# -- 2. a wall-clock deadline per request ----------------------------------------------


def test_a_trickled_body_times_out_at_the_deadline_and_the_connection_is_closed() -> None:
    payload = json.dumps({"order": 1}).encode() + b" " * 100
    with serving(hostile.trickle(payload, interval=0.2), timeout=1.0) as (panel, client):
        started = time.monotonic()
        with pytest.raises(RequestTimeout) as caught:
            client.add("1", link="https://x.test/p/1", quantity=10)
        elapsed = time.monotonic() - started
        closed = _wait_for(lambda: bool(panel.disconnects), 2.0)
    assert 0.95 <= elapsed < 1.5, elapsed
    assert caught.value.phase == "read" and caught.value.request_sent is True
    assert "within 1 s" in str(caught.value)
    assert closed and panel.disconnects[0] - started < elapsed + 1.0, "the socket was closed"
    assert panel.actions() == ["add"]


def test_trickled_headers_time_out_and_a_read_retries_within_two_timeouts() -> None:
    behaviour = hostile.trickle(b"", interval=0.1, in_headers=True)
    with serving(behaviour, timeout=1.0) as (panel, client):
        started = time.monotonic()
        with pytest.raises(RequestTimeout):
            client.balance()
        elapsed = time.monotonic() - started
    assert 1.95 <= elapsed < 2.6, elapsed
    assert panel.actions() == ["balance", "balance"], "retried once: the budget is 2 timeouts"


def test_a_trickled_tls_handshake_times_out_before_the_request_leaves() -> None:
    with (
        hostile.TlsTrickleServer(interval=0.05) as server,
        client_for(server, timeout=1.0) as client,
    ):
        started = time.monotonic()
        with pytest.raises(RequestTimeout) as caught:
            client.add("1", link="https://x.test/p/1", quantity=10)
        elapsed = time.monotonic() - started
    assert 0.95 <= elapsed < 1.5, elapsed
    assert caught.value.phase == "connect" and caught.value.request_sent is False


@pytest.mark.parametrize("proxy", [None, "http://127.0.0.1:9", "socks5://127.0.0.1:9"])
def test_the_client_transport_holds_every_socket_operation_to_the_deadline(
    proxy: str | None,
) -> None:
    assert DeadlineTransport(proxy=proxy).enforces_deadlines


def test_proxies_from_the_environment_are_still_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "proxy.test:3128")
    monkeypatch.setenv("NO_PROXY", "direct.example")
    assert environment_proxy("https://panel.example/api/v2") == "http://proxy.test:3128"
    assert environment_proxy("https://direct.example/api/v2") is None
    assert environment_proxy("http://panel.example/api/v2") is None  # no HTTP_PROXY set


def _wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.02)
    return bool(condition())


# -- 3. any bad bytes give a typed error -----------------------------------------------

BAD_ANSWERS = {
    "bad gzip": b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 9\r\n\r\nnot gzip!",
    "cut-off gzip": b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 12\r\n\r\n"
    + gzip.compress(b'{"balance": 1}')[:12],
    "unknown encoding": b"HTTP/1.1 200 OK\r\nContent-Encoding: x-evil\r\nContent-Length: 2"
    b"\r\n\r\n{}",
    "brotli unasked": b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\nContent-Length: 2\r\n\r\n{}",
    "bad length": b"HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n{}",
    "two lengths": b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
    "short body": b'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"balance"',
    "not http": b"SSH-2.0-OpenSSH_9.6\r\n\r\n",
    "bad status": b"HTTP/1.1 2000 OK\r\nContent-Length: 2\r\n\r\n{}",
    "bad chunk": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
    "header bytes": b"HTTP/1.1 200 OK\r\nX-\xff\xfe: \x00\x01\r\nContent-Length: 2\r\n\r\n{}",
    "silence": b"",
}


@pytest.mark.parametrize("kind", sorted(BAD_ANSWERS))
def test_bad_transport_bytes_give_a_typed_error(kind: str) -> None:
    with serving(hostile.raw(BAD_ANSWERS[kind])) as (_, client), pytest.raises(ApiError) as caught:
        client.add("1", link="https://x.test/p/1", quantity=10)
    assert isinstance(caught.value, TransportError | ProtocolError), repr(caught.value)
    assert caught.value.message and caught.value.request_sent is True
    if "gzip" in kind or "encoding" in kind or "brotli" in kind:
        assert isinstance(caught.value, ProtocolError)


UNMAPPED_HTTPX_ERRORS: list[Exception] = [
    httpx.DecodingError("bad br"),
    httpx.TooManyRedirects("loop"),
    httpx.StreamConsumed(),
    httpx.StreamClosed(),
    httpx.ResponseNotRead(),
    httpx.InvalidURL("bad"),
    httpx.LocalProtocolError("h11"),
    httpx.RemoteProtocolError("h11"),
    httpx.CloseError("close"),
    httpx.PoolTimeout("pool"),
    httpx.UnsupportedProtocol("ftp"),
    httpx.ProxyError("proxy"),
    httpcore.ReadError("raw httpcore"),
    httpcore.RemoteProtocolError("raw httpcore"),
]


@pytest.mark.parametrize("exc", UNMAPPED_HTTPX_ERRORS, ids=lambda e: type(e).__name__)
def test_every_httpx_failure_maps_to_an_api_error(exc: Exception) -> None:
    error = _api_error(exc, 200, deadline=time.monotonic() + 60, seconds=60)
    assert isinstance(error, ApiError) and error.message
    if isinstance(exc, httpx.DecodingError):
        assert isinstance(error, ProtocolError)


# -- 4. the key never comes back out ---------------------------------------------------


def test_an_echoed_key_is_masked_in_every_error_and_answer() -> None:
    escaped = "".join(f"\\u{ord(c):04x}" for c in KEY)
    answers = {
        "balance": hostile.json_answer({"error": f"Invalid API key: {KEY}"}),
        "add": hostile.raw(
            (
                "HTTP/1.1 302 Found\r\nContent-Length: 0\r\n"
                f"Location: https://panel.example/api/v2?key={quote_plus(KEY)}&action=add\r\n\r\n"
            ).encode(),
            close=False,
        ),
        "refill": _page(f"<html><body>Bad key {quote(KEY, safe='')} / {KEY}</body></html>"),
        "status": hostile.json_answer(
            {"1": {"error": f"order of {KEY} not found"}, "2": {"status": "Pending"}}
        ),
        "cancel": hostile.raw(
            b'HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n{"error": "%s"}'
            % (len(escaped) + 13, escaped.encode()),
            close=False,
        ),
        "services": hostile.json_answer([CATALOGUE[0] | {"name": f"Views for {KEY}"}]),
    }
    errors: list[ApiError] = []
    with serving(hostile.by_action(hostile.json_answer({}), **answers)) as (_, client):
        for call in (
            client.balance,
            lambda: client.add("1", link="https://x.test/p/1", quantity=10),
            lambda: client.refill("1"),
            lambda: client.cancel("1"),
        ):
            with pytest.raises(ApiError) as caught:
                call()
            errors.append(caught.value)
        statuses = client.statuses(["1", "2"])
        [service] = client.services()
    wrong_key, redirect, page, cancel = errors
    assert isinstance(wrong_key, PanelError) and "Invalid API key: ***" in wrong_key.message
    assert isinstance(redirect, ProtocolError) and "redirects to" in redirect.message
    assert "key=***" in redirect.message
    assert isinstance(page, ProtocolError) and "***" in page.body_excerpt
    assert isinstance(cancel, PanelError) and cancel.panel_message == "***"
    item_error = statuses["1"]
    assert isinstance(item_error, PanelError) and "***" in item_error.panel_message
    assert service.name == "Views for ***"
    for error in [*errors, item_error]:
        texts = [str(error), repr(error), *map(str, error.args), *vars(error).values()]
        assert all(hides_the_key(str(t)) for t in texts), error


def _page(html: str, status: int = 503) -> hostile.Behaviour:
    def behave(request: Request, exchange: hostile.Exchange) -> None:
        exchange.answer(status, html.encode(), [("Content-Type", "text/html")])

    return behave


def test_httpx_and_httpcore_do_not_log_the_key_even_at_debug(
    caplog: pytest.LogCaptureFixture,
) -> None:
    location = f"https://panel.example/api/v2?key={quote_plus(KEY)}"
    answers = {
        "balance": hostile.json_answer({"error": f"Invalid API key: {KEY}"}, 401),
        "add": hostile.raw(
            f"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n".encode(),
            close=False,
        ),
    }
    caplog.set_level(logging.DEBUG)
    with serving(hostile.by_action(hostile.json_answer(BALANCE), **answers)) as (_, client):
        with pytest.raises(PanelError):
            client.balance()
        with pytest.raises(ProtocolError):
            client.add("1", link="https://x.test/p/1", quantity=10)
        logging.getLogger("smmdesk.api").warning("a script logs %s", KEY)
    names = {record.name for record in caplog.records}
    assert {"httpx", "httpcore.http11", "httpcore.connection"} <= names, names
    assert any("Location" in record.getMessage() for record in caplog.records)
    assert hides_the_key(caplog.text)
    assert all(hides_the_key(record.getMessage()) for record in caplog.records)


# -- 6. 429 and Retry-After --------------------------------------------------------------


def too_many(
    retry_after: str | None, body: bytes = b'{"error": "Too many requests"}'
) -> hostile.Behaviour:
    headers = [("Retry-After", retry_after)] if retry_after is not None else []

    def behave(request: Request, exchange: hostile.Exchange) -> None:
        exchange.answer(429, body, headers)

    return behave


def test_a_short_retry_after_is_waited_out_and_the_read_succeeds() -> None:
    slept: list[float] = []
    behaviour = hostile.in_turn(too_many("0"), too_many("0.05"), hostile.json_answer(BALANCE))
    with HostilePanel(behaviour) as panel, client_for(panel, sleep=slept.append) as client:
        assert str(client.balance().amount) == "12.50"
    assert panel.actions() == ["balance"] * 3
    assert slept[1] >= 0.05
    assert client.batch_limit == 1, "a 429 narrows the batch concurrency for a while"


@pytest.mark.parametrize(
    ("wish", "words"),
    [("86400", "1 day"), ("3600", "1 hour"), ("120", "2 minutes"), ("999999999", "a week")],
)
def test_a_long_retry_after_fails_at_once_saying_when_to_try_again(wish: str, words: str) -> None:
    with HostilePanel(too_many(wish)) as panel, client_for(panel) as client:
        started = time.monotonic()
        with pytest.raises(RateLimited) as caught:
            client.balance()
    assert time.monotonic() - started < 1.0
    assert panel.actions() == ["balance"]
    assert words in str(caught.value) and caught.value.panel_message == "Too many requests"
    assert caught.value.retry_after == float(wish) and caught.value.retry_at is not None


def test_a_retry_after_date_is_honoured() -> None:
    slept: list[float] = []
    soon = formatdate(time.time() + 3, usegmt=True)
    behaviour = hostile.in_turn(
        too_many(soon, b"<html>slow down</html>"), hostile.json_answer(BALANCE)
    )
    with HostilePanel(behaviour) as panel, client_for(panel, sleep=slept.append) as client:
        client.balance()
    assert len(slept) == 1 and 1.5 <= slept[0] <= 3.0


def test_a_429_on_a_write_is_the_panels_refusal_and_never_retried() -> None:
    with (
        serving(too_many("1", b"<html>429</html>")) as (panel, client),
        pytest.raises(RateLimited) as caught,
    ):
        client.add("1", link="https://x.test/p/1", quantity=10)
    assert panel.actions() == ["add"]
    assert caught.value.panel_message == "Too many requests" and caught.value.http_status == 429


def test_after_a_429_batches_go_one_at_a_time() -> None:
    ids = [str(i) for i in range(1, 801)]  # 8 batches of 100

    def statuses(request: Request, exchange: hostile.Exchange) -> None:
        asked = request.form["orders"].split(",")
        body = json.dumps({i: {"status": "Pending"} for i in asked}).encode()
        time.sleep(0.1)
        exchange.answer(200, body)

    behaviour = hostile.in_turn(too_many("0"), statuses)
    with HostilePanel(behaviour) as panel, client_for(panel, max_in_flight=4) as client:
        results = client.statuses(ids)
    assert len(results) == 800 and not any(isinstance(r, ApiError) for r in results.values())
    assert len(panel.arrivals) == 9
    assert panel.arrivals[-4:] == [1, 1, 1, 1], panel.arrivals

    with HostilePanel(statuses) as calm, client_for(calm, max_in_flight=4) as client:
        client.statuses(ids)
    assert max(calm.arrivals) == 4, "without a 429, four batches are in flight"


def test_the_in_flight_gate_recovers_after_the_throttle() -> None:
    now = [0.0]
    gate = InFlightGate(4, clock=lambda: now[0])
    assert gate.limit == 4
    gate.throttle(60)
    assert gate.limit == 1
    now[0] = 60.5
    assert gate.limit == 4


def test_requests_per_minute_paces_the_client() -> None:
    slept: list[float] = []
    behaviour = hostile.json_answer(BALANCE)
    with serving(behaviour, requests_per_minute=120, sleep=slept.append) as (_, client):
        for _ in range(15):
            client.balance()
    assert len(slept) == 3, "a burst of 12 at once, then waits"
    gaps = [slept[0], slept[1] - slept[0], slept[2] - slept[1]]
    assert gaps[0] <= 1 / 1.8
    assert gaps[1:] == pytest.approx([1 / 1.8] * 2, abs=0.05), "then 108 a minute"


def test_the_token_bucket_never_allows_more_than_the_rate_in_any_minute() -> None:
    now = [0.0]
    bucket = TokenBucket(60, clock=lambda: now[0])
    sent: list[float] = []
    for _ in range(300):
        wait = bucket.reserve()
        sent.append(now[0] + wait)
        now[0] += 0.01  # callers arrive ten a second, far faster than allowed
    assert sent[:6] == pytest.approx([0.0, 0.01, 0.02, 0.03, 0.04, 0.05])
    worst = max(sum(1 for t in sent if s <= t < s + 60) for s in sent)
    assert worst <= 60

"""One bounded exchange with an untrusted panel: a size cap and a wall-clock deadline.

httpx bounds each socket read, not a whole answer. A panel that trickles a byte a second
never trips a read timeout, and one that streams gigabytes (or a small gzip bomb) would
fill the memory. `fetch` therefore streams the answer, decompresses it itself in small
steps (counting *decoded* bytes against the cap), and holds every socket operation of the
request, from connect to the last byte, to one deadline: `DeadlineTransport` gives each
read, write, connect and TLS handshake only the time left. Every failure comes out as an
`ApiError`, never as an httpx exception.
"""

from __future__ import annotations

import contextlib
import logging
import mmap
import socket
import threading
import time
import urllib.request
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

from .errors import (
    AnswerTooLarge,
    ApiError,
    ConnectionFailed,
    InvalidPanelUrl,
    ProtocolError,
    RequestTimeout,
    TransportError,
)

log = logging.getLogger("smmdesk.api")

MB = 1_000_000
SMALL_ANSWER_BYTES = 1 * MB
LARGE_ANSWER_BYTES = 64 * MB
ACCEPT_ENCODING = "gzip, deflate"
_STEP = 64 * 1024  # decoded bytes per decompression step
_TIMEOUT_PHASES: dict[type[Exception], str] = {
    httpx.ConnectTimeout: "connect",
    httpx.ReadTimeout: "read",
    httpx.WriteTimeout: "write",
    httpx.PoolTimeout: "pool",
    httpcore.ConnectTimeout: "connect",
    httpcore.ReadTimeout: "read",
    httpcore.WriteTimeout: "write",
    httpcore.PoolTimeout: "pool",
}
_NEVER_LEFT = (
    httpx.ConnectError,
    httpx.ProxyError,
    httpx.UnsupportedProtocol,
    httpcore.ConnectError,
    httpcore.ProxyError,
    httpcore.UnsupportedProtocol,
)
# What httpx (or, on a close it does not wrap, httpcore) may raise.
_HTTP_FAILURES = (
    httpx.HTTPError,
    httpx.StreamError,
    httpx.InvalidURL,
    httpcore.TimeoutException,
    httpcore.NetworkError,
    httpcore.ProtocolError,
    httpcore.ProxyError,
    httpcore.UnsupportedProtocol,
)
_deadline = threading.local()  # sync httpcore does a request's I/O in the caller's thread


@dataclass(frozen=True)
class Answer:
    status: int
    headers: httpx.Headers
    body: bytes


def fetch(
    http: httpx.Client,
    url: str,
    form: Mapping[str, str],
    *,
    limit: int,
    timeout: httpx.Timeout,
    deadline: float,
) -> Answer:
    """POST `form` and read the whole answer, decoded, within `deadline` (a
    `time.monotonic()` value) and `limit` bytes; raises `ApiError` kinds only."""
    seconds = max(0.0, deadline - time.monotonic())
    status = 0
    try:
        with _deadline_scope(deadline):
            request_timeout = _clipped(timeout, seconds)
            with http.stream("POST", url, data=form, timeout=request_timeout) as response:
                status = response.status_code
                body = _read_body(response, limit, deadline, seconds)
                return Answer(status, response.headers, body)
    except ApiError:
        raise
    except _HTTP_FAILURES as exc:
        raise _api_error(exc, status, deadline, seconds) from None


def _clipped(timeout: httpx.Timeout, seconds: float) -> httpx.Timeout:
    def clip(value: float | None) -> float:
        return seconds if value is None else min(value, seconds)

    return httpx.Timeout(
        connect=clip(timeout.connect),
        read=clip(timeout.read),
        write=clip(timeout.write),
        pool=clip(timeout.pool),
    )


def _read_body(response: httpx.Response, limit: int, deadline: float, seconds: float) -> bytes:
    status = response.status_code
    if response.is_stream_consumed:  # built in memory (a test's transport), decoded by httpx
        if len(response.content) > limit:
            raise AnswerTooLarge(limit, http_status=status)
        return response.content
    decoder = _Decoder(response.headers.get("Content-Encoding", ""), status)
    if decoder.is_identity and _declared_length(response) > limit:
        raise AnswerTooLarge(limit, http_status=status)  # not a byte of it read
    with _CappedBuffer(limit, status) as body:
        for raw in response.iter_raw():
            for piece in decoder.feed(raw):
                body.write(piece)
            if time.monotonic() >= deadline:  # when the transport cannot enforce it itself
                raise _deadline_timeout("read", seconds)
        decoder.finish()
        return body.value()


class _CappedBuffer:
    """An answer's bytes in an anonymous mapping of `limit` bytes, of which only the
    pages written become resident. A growing `BytesIO` is reallocated as it grows, and
    while glibc serves blocks under its mmap threshold (raised up to 32 MiB by earlier
    frees) from the heap, a reallocation copies: a gzip bomb stopped at the 64 MB cap
    then peaked at 67-104 MiB, depending on what was freed before; this way 63
    (tests/api/test_hostile_transport.py)."""

    def __init__(self, limit: int, status: int) -> None:
        self._limit = limit
        self._status = status
        self._map = mmap.mmap(-1, max(limit, 1))

    def __enter__(self) -> _CappedBuffer:
        return self

    def __exit__(self, *exc: object) -> None:
        self._map.close()

    def write(self, piece: bytes) -> None:
        if self._map.tell() + len(piece) > self._limit:
            raise AnswerTooLarge(self._limit, http_status=self._status)
        self._map.write(piece)

    def value(self) -> bytes:
        return self._map[: self._map.tell()]


def _declared_length(response: httpx.Response) -> int:
    try:
        return int(response.headers.get("Content-Length", "0"))
    except ValueError:
        return 0


class _Decoder:
    """Undoes the answer's Content-Encoding (gzip and deflate, as asked for in
    `ACCEPT_ENCODING`) one bounded step at a time, so a gzip bomb costs at most `_STEP`
    bytes before the cap sees them; httpx's own decoder inflates a whole read at once."""

    def __init__(self, header: str, status: int) -> None:
        names = [n.strip().lower() for n in header.split(",") if n.strip()]
        names = [n for n in names if n != "identity"]
        unknown = [n for n in names if n not in ("gzip", "x-gzip", "deflate")]
        if unknown:
            raise ProtocolError(
                f"The panel's answer uses an encoding SMMDesk cannot read ({unknown[0][:40]})",
                http_status=status,
            )
        self._status = status
        self._layers = [_Inflate(n) for n in reversed(names)]  # the last applied comes off first

    @property
    def is_identity(self) -> bool:
        return not self._layers

    def feed(self, data: bytes) -> Iterator[bytes]:
        try:
            yield from self._through(0, data)
        except zlib.error:
            raise self._garbled() from None

    def _through(self, layer: int, data: bytes) -> Iterator[bytes]:
        if layer == len(self._layers):
            yield data
            return
        for piece in self._layers[layer].feed(data):
            yield from self._through(layer + 1, piece)

    def finish(self) -> None:
        if any(not layer.complete for layer in self._layers):
            raise self._garbled()

    def _garbled(self) -> ProtocolError:
        return ProtocolError(
            "The panel's answer is garbled: its compressed data is broken or cut off",
            http_status=self._status,
        )


class _Inflate:
    """One gzip or deflate layer. Gzip may come in several members; "deflate" is zlib
    data, or raw deflate from servers that misread the standard (as httpx accepts)."""

    def __init__(self, name: str) -> None:
        self._gzip = name != "deflate"
        self._raw_fallback = not self._gzip
        self._wbits = zlib.MAX_WBITS | 16 if self._gzip else zlib.MAX_WBITS
        self._inflate = zlib.decompressobj(self._wbits)
        self._fed = False

    @property
    def complete(self) -> bool:
        return not self._fed or self._inflate.eof

    def feed(self, data: bytes) -> Iterator[bytes]:
        while data or self._fed:
            try:
                out = self._inflate.decompress(data, _STEP)
            except zlib.error:
                if not self._raw_fallback:
                    raise
                self._raw_fallback = False
                self._inflate = zlib.decompressobj(-zlib.MAX_WBITS)
                continue
            self._fed, self._raw_fallback = True, False
            if out:
                yield out
            if self._inflate.eof:
                data = self._inflate.unused_data
                if not (data and self._gzip):
                    return  # trailing bytes after a deflate stream are ignored, as by httpx
                self._inflate = zlib.decompressobj(self._wbits)  # the next gzip member
                continue
            data = self._inflate.unconsumed_tail
            if not data and len(out) < _STEP:
                return  # all input used and no output pending


def _api_error(exc: Exception, status: int, deadline: float, seconds: float) -> ApiError:
    """The ApiError for any httpx failure (the caller redacts its text)."""
    reason = _reason(exc)
    if isinstance(exc, httpx.TimeoutException | httpcore.TimeoutException):
        phase = next((p for t, p in _TIMEOUT_PHASES.items() if isinstance(exc, t)), "read")
        if time.monotonic() >= deadline - 0.02:  # the operation was given the time left
            return _deadline_timeout(phase, seconds)
        return RequestTimeout(f"The panel did not answer in time ({phase} timeout)", phase=phase)
    if isinstance(exc, _NEVER_LEFT):
        return ConnectionFailed(f"Could not connect to the panel: {reason}")
    if isinstance(exc, httpx.DecodingError):
        return ProtocolError(
            f"The panel's answer could not be decoded: {reason}", http_status=status or 200
        )
    if isinstance(exc, httpx.InvalidURL):
        return InvalidPanelUrl(f"The panel URL cannot be used: {reason}")
    if isinstance(exc, httpx.TransportError | httpcore.NetworkError | httpcore.ProtocolError):
        return TransportError(f"The connection to the panel broke: {reason}")
    return TransportError(f"The request to the panel failed: {reason}")


def _reason(exc: Exception) -> str:
    """The exception's words on one short line: h11 quotes the panel's bad bytes in them."""
    words = " ".join(str(exc).split()) or type(exc).__name__
    return words if len(words) <= 120 else words[:120] + "…"


def _deadline_timeout(phase: str, seconds: float) -> RequestTimeout:
    return RequestTimeout(
        f"The panel did not answer within {seconds:.3g} s ({phase} deadline)", phase=phase
    )


# -- the deadline, down to each socket operation ----------------------------------------


@contextmanager
def _deadline_scope(deadline: float) -> Iterator[None]:
    _deadline.at = deadline
    try:
        yield
    finally:
        _deadline.at = None


def _time_left(timeout: float | None, expired: type[httpcore.TimeoutException]) -> float | None:
    """The timeout for one socket operation: the given one, shortened to the deadline."""
    at: float | None = getattr(_deadline, "at", None)
    if at is None:  # an operation outside `fetch`: as httpx would do it
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise expired("the request's deadline has passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _time_left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _time_left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        """A TLS handshake is many reads inside one call: a watchdog shuts the socket
        down at the deadline, since a server trickling its certificate never times out."""
        left = _time_left(timeout, httpcore.ConnectTimeout)
        if left is None:
            return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, left))
        fired = threading.Event()
        sock = self._inner.get_extra_info("socket")
        watchdog = threading.Timer(left, _shut_down, args=(sock, fired))
        watchdog.daemon = True
        watchdog.start()
        try:
            return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, left))
        except httpcore.NetworkError:
            if fired.is_set():
                raise httpcore.ConnectTimeout("the TLS handshake outlasted the deadline") from None
            raise
        finally:
            watchdog.cancel()

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


def _shut_down(sock: socket.socket | None, fired: threading.Event) -> None:
    fired.set()
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in the handshake


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        left = _time_left(timeout, httpcore.ConnectTimeout)
        stream = self._inner.connect_tcp(host, port, left, local_address, socket_options)
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:
        left = _time_left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.connect_unix_socket(path, left, socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class DeadlineTransport(httpx.HTTPTransport):
    """httpx's transport, with every socket operation held to the request's deadline.

    httpx offers no public way to pass httpcore a network backend, so the pool's backend
    (a private attribute, stable since httpcore 0.17) is wrapped after construction. If
    that ever fails, `fetch` still checks the deadline between reads of the body.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        pool = self._pool
        inner = getattr(pool, "_network_backend", None)
        if isinstance(inner, httpcore.NetworkBackend):
            pool._network_backend = _DeadlineBackend(inner)
        else:
            log.warning("httpcore changed: request deadlines apply between reads only")

    @property
    def enforces_deadlines(self) -> bool:
        return isinstance(getattr(self._pool, "_network_backend", None), _DeadlineBackend)


def environment_proxy(url: str) -> str | None:
    """The proxy the environment (HTTPS_PROXY, ALL_PROXY, NO_PROXY; the system settings
    on Windows and macOS) sets for `url`, as httpx would have used it by itself."""
    parts = urlsplit(url)
    proxies = urllib.request.getproxies()
    chosen = proxies.get(parts.scheme) or proxies.get("all")
    if not chosen or urllib.request.proxy_bypass(parts.hostname or ""):
        return None
    return chosen if "://" in chosen else f"http://{chosen}"

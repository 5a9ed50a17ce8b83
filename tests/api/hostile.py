"""Hostile panels: throw-away HTTP servers on loopback that misbehave at the byte level.

Each `HostilePanel` runs a raw socket server (stdlib `socketserver`, one thread per
connection, keep-alive honoured) and answers every request with a `Behaviour`: a function
given the parsed request and an `Exchange` to write bytes with. The helpers below build the
usual misbehaviours: endless or huge bodies, gzip bombs, trickles, redirects, 429s.
The panel records what it received and how many bytes it managed to send, so a test can
tell that the client stopped reading.
"""

from __future__ import annotations

import json
import socket
import socketserver
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import parse_qsl

BLOCK = 64 * 1024
REASONS = {200: "OK", 302: "Found", 400: "Bad Request", 429: "Too Many Requests", 503: "Busy"}


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    form: dict[str, str]

    @property
    def action(self) -> str:
        return self.form.get("action", "")


@dataclass
class Exchange:
    """One request's answer channel. `send` returns False once the client has gone."""

    panel: HostilePanel
    sock: socket.socket
    keep_alive: bool = True

    def send(self, data: bytes) -> bool:
        if self.panel.stopping.is_set():
            return False
        try:
            self.sock.sendall(data)
        except OSError:
            self.panel.note_disconnect()
            return False
        self.panel.add_sent(len(data))
        return True

    def head(self, status: int, headers: Iterable[tuple[str, str]] = ()) -> bool:
        lines = [f"HTTP/1.1 {status} {REASONS.get(status, 'Whatever')}"]
        lines += [f"{name}: {value}" for name, value in headers]
        return self.send(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))

    def answer(self, status: int, body: bytes, headers: Iterable[tuple[str, str]] = ()) -> bool:
        lines = [f"HTTP/1.1 {status} {REASONS.get(status, 'Whatever')}"]
        lines += [f"{name}: {value}" for name, value in [*headers, ("Content-Length", len(body))]]
        return self.send(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)


Behaviour = Callable[[Request, Exchange], None]


@dataclass
class HostilePanel:
    """A loopback server answering each request with `behaviour`; a context manager."""

    behaviour: Behaviour
    requests: list[Request] = field(default_factory=list)
    sent_bytes: int = 0
    disconnects: list[float] = field(default_factory=list)
    in_flight: int = 0
    arrivals: list[int] = field(default_factory=list)  # requests in flight as each arrived
    stopping: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        panel = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                panel.serve(self.request)

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self._server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/api/v2"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self) -> HostilePanel:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def actions(self) -> list[str]:
        return [r.action for r in self.requests]

    def add_sent(self, count: int) -> None:
        with self._lock:
            self.sent_bytes += count

    def note_disconnect(self) -> None:
        with self._lock:
            self.disconnects.append(time.monotonic())

    def serve(self, sock: socket.socket) -> None:
        reader = sock.makefile("rb")
        try:
            while not self.stopping.is_set():
                request = _read_request(reader)
                if request is None:
                    return
                with self._lock:
                    self.requests.append(request)
                    self.in_flight += 1
                    self.arrivals.append(self.in_flight)
                exchange = Exchange(self, sock)
                try:
                    self.behaviour(request, exchange)
                finally:
                    with self._lock:
                        self.in_flight -= 1
                if not exchange.keep_alive:
                    return
        except OSError:
            self.note_disconnect()
        finally:
            reader.close()


def _head(status: int, headers: Iterable[tuple[str, str]]) -> bytes:
    lines = [f"HTTP/1.1 {status} {REASONS.get(status, 'Whatever')}"]
    lines += [f"{name}: {value}" for name, value in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _read_request(reader: Any) -> Request | None:
    line = reader.readline(65536)
    if not line:
        return None
    method, path, _ = line.decode("latin-1").split(" ", 2)
    headers: dict[str, str] = {}
    while (header := reader.readline(65536)) not in (b"\r\n", b"\n", b""):
        name, _, value = header.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    body = reader.read(int(headers.get("content-length", "0")))
    form = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    return Request(method, path, headers, form)


# -- behaviours ------------------------------------------------------------------------


def json_answer(
    payload: Any, status: int = 200, headers: Iterable[tuple[str, str]] = ()
) -> Behaviour:
    body = json.dumps(payload).encode()

    def behave(request: Request, exchange: Exchange) -> None:
        exchange.answer(status, body, [("Content-Type", "application/json"), *headers])

    return behave


def by_action(default: Behaviour, **per_action: Behaviour) -> Behaviour:
    def behave(request: Request, exchange: Exchange) -> None:
        per_action.get(request.action, default)(request, exchange)

    return behave


def in_turn(*behaviours: Behaviour) -> Behaviour:
    """The first behaviour for the first request, and so on; the last one from then on."""
    calls = iter(range(10**9))

    def behave(request: Request, exchange: Exchange) -> None:
        behaviours[min(next(calls), len(behaviours) - 1)](request, exchange)

    return behave


def endless(*, content_length: int | None = None, encoding: str | None = None) -> Behaviour:
    """A body that never ends (chunked), or a huge declared one: blocks of `{` until the
    client hangs up. With `encoding`, the same blocks under that Content-Encoding header."""
    block = b"{" * BLOCK

    def behave(request: Request, exchange: Exchange) -> None:
        exchange.keep_alive = False
        headers = [("Content-Type", "application/json")]
        if encoding:
            headers.append(("Content-Encoding", encoding))
        if content_length is None:
            headers.append(("Transfer-Encoding", "chunked"))
            piece = f"{len(block):x}\r\n".encode() + block + b"\r\n"
        else:
            headers.append(("Content-Length", str(content_length)))
            piece = block
        if not exchange.head(200, headers):
            return
        sent = 0
        while content_length is None or sent < content_length:
            if not exchange.send(piece):
                return
            sent += len(block)

    return behave


@cache
def gzip_bomb(compressed_bytes: int = 2_000_000) -> tuple[bytes, int]:
    """About `compressed_bytes` of gzip that inflate to ~1000 times as much zeros, and
    that size. Built from one repeated full-flush block (milliseconds, not a 2 GB pass);
    the trailer's checksum is for the first blocks only: a client must stop long before."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(1 << 20)
    head = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    tail = packer.flush()
    count = max(1, (compressed_bytes - len(head)) // len(block))
    return head + block * count + tail, (count + 1) << 20


def bomb(compressed_bytes: int = 2_000_000) -> Behaviour:
    body, _ = gzip_bomb(compressed_bytes)

    def behave(request: Request, exchange: Exchange) -> None:
        exchange.keep_alive = False
        headers = [("Content-Type", "application/json"), ("Content-Encoding", "gzip")]
        exchange.answer(200, body, headers)

    return behave


def trickle(payload: bytes, *, interval: float = 1.0, in_headers: bool = False) -> Behaviour:
    """One byte every `interval` seconds: of the status line and headers (`in_headers`), or
    of a body whose headers came at once. Never trips a per-read timeout."""

    def behave(request: Request, exchange: Exchange) -> None:
        exchange.keep_alive = False
        if in_headers:
            data = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Slow: " + b"a" * 10**4
        else:
            if not exchange.head(200, [("Content-Length", str(len(payload)))]):
                return
            data = payload
        for byte in _bytes(data):
            if exchange.panel.stopping.wait(interval) or not exchange.send(byte):
                return

    return behave


def _bytes(data: bytes) -> Iterator[bytes]:
    return (data[i : i + 1] for i in range(len(data)))


def raw(data: bytes, *, close: bool = True) -> Behaviour:
    """Exactly these bytes as the answer (status line and headers included)."""

    def behave(request: Request, exchange: Exchange) -> None:
        exchange.keep_alive = not close
        exchange.send(data)

    return behave


class TlsTrickleServer:
    """A TCP server for https:// clients that starts a TLS record and never finishes it."""

    def __init__(self, interval: float = 0.5) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"https://127.0.0.1:{self._listener.getsockname()[1]}/api/v2"
        self.interval = interval
        self.disconnects: list[float] = []
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> TlsTrickleServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stopping.set()
        self._listener.close()
        self._thread.join(5)

    def _serve(self) -> None:
        try:
            conn, _ = self._listener.accept()
        except OSError:
            return
        with conn:
            conn.recv(BLOCK)  # the ClientHello
            record = b"\x16\x03\x03\x40\x00"  # handshake, TLS 1.2, 16384 bytes to come
            for byte in _bytes(record + b"\x02" * 16384):
                if self._stopping.wait(self.interval):
                    return
                try:
                    conn.sendall(byte)
                except OSError:
                    self.disconnects.append(time.monotonic())
                    return

"""The HTTP side of the demo panel: a threading stdlib server speaking API v2 on loopback.

Each request is read in full, counted, checked against the fault plan, delayed by the
configured latency (outside the ledger lock, so concurrent requests overlap), then
answered. Connections are HTTP/1.1 keep-alive with a Content-Length on every answer, so
a client can reuse them exactly as it would with a real panel.
"""

from __future__ import annotations

import contextlib
import logging
import re
import socket
import struct
import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

from .actions import is_multi
from .faults import canned_response

if TYPE_CHECKING:
    from .panel import DemoPanel

logger = logging.getLogger("smmdesk.demopanel")

API_PATHS = frozenset({"/api/v2", "/api", "/api/v1"})
JSON = "application/json; charset=utf-8"
NOT_FOUND_PAGE = (
    b"<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>"
)
API_KEY_IN_QUERY = re.compile(r"([?&]key=)[^&\s]*")
LINGER_RESET = struct.pack("ii", 1, 0)  # SO_LINGER on, 0 s: close() sends RST, not FIN


class PanelHTTPServer(ThreadingHTTPServer):
    """Tracks open connections so that stopping the panel also ends keep-alive sessions."""

    daemon_threads = True
    request_queue_size = 128  # the default backlog of 5 drops bursts of new connections

    def __init__(self, address: tuple[str, int], panel: DemoPanel) -> None:
        self.panel = panel
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, ApiRequestHandler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """Wake handler threads blocked reading an idle keep-alive connection."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients dropping connections is routine here (timeouts, faults): no stderr noise."""
        logger.debug("error while serving %s", client_address, exc_info=True)


class ApiRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "nginx"
    sys_version = ""
    timeout = 120  # an idle keep-alive connection is dropped after this many seconds
    server: PanelHTTPServer

    def setup(self) -> None:
        """Headers and body go out in separate writes: without NODELAY, Nagle's algorithm
        and the client's delayed ACK would add ~40 ms to every keep-alive answer."""
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        self._serve({**self._query_form(), **dict(parse_qsl(body, keep_blank_values=True))})

    def do_GET(self) -> None:
        self._serve(self._query_form())

    def log_message(self, format: str, *args: Any) -> None:
        """Request lines go to DEBUG, with any ``key=`` in a GET query masked: the app's
        log file may capture this logger, and an API key must never reach it."""
        message = API_KEY_IN_QUERY.sub(r"\1***", format % args)
        logger.debug("%s %s", self.address_string(), message)

    def _query_form(self) -> dict[str, str]:
        return dict(parse_qsl(urlsplit(self.path).query, keep_blank_values=True))

    def _serve(self, form: Mapping[str, str]) -> None:
        if urlsplit(self.path).path.rstrip("/") not in API_PATHS:
            self._send(404, NOT_FOUND_PAGE, "text/html")
            return
        panel = self.server.panel
        action = form.get("action", "")
        fault = panel.receive(action)
        if fault == "refused":
            self._reset_connection()
            return
        if not panel.wait_latency():
            self._reset_connection()  # the panel is stopping
            return
        if fault is None:
            self._send(200, panel.router.answer(form, panel.unsupported_multi))
        else:
            self._send_fault(fault, action, form)

    def _send_fault(self, kind: str, action: str, form: Mapping[str, str]) -> None:
        panel = self.server.panel
        if kind in ("timeout", "reset") and action == "add":
            body = panel.router.answer(form, panel.unsupported_multi)  # placed, never confirmed
        else:
            body = panel.router.preview(form, panel.unsupported_multi)
        if kind == "timeout":
            panel.stall()
            self.close_connection = True
        elif kind == "reset":
            self._send_head(200, JSON, len(body) * 2)
            self.wfile.write(body[: len(body) // 2])
            self._reset_connection()
        elif kind == "truncated":
            self._send(200, body[: len(body) // 2])
        else:
            canned = canned_response(kind, action, is_multi(form))
            self._send(canned.status, canned.body, canned.content_type, canned.headers)

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str = JSON,
        headers: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self._send_head(status, content_type, len(body), headers)
        self.wfile.write(body)

    def _send_head(
        self,
        status: int,
        content_type: str,
        length: int,
        headers: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()

    def _reset_connection(self) -> None:
        """Abort with RST: the fd must really close, so drop the read buffer's reference."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, LINGER_RESET)
            self.rfile.close()
            self.connection.close()

"""A proxy's password appears in no file the app wrote, no log line and no error message.

A session through the same layers as the GUI (store, keyring, client pool, worker facade,
log file at DEBUG): it starts from a database an older SMMDesk left with the password in
the proxy URL, saves a new proxied panel as the panels dialog does, and makes requests
through a proxy on loopback that echoes the credentials it was given back into the
panel's answer, through a dead proxy, and with an address that has no scheme.
"""

from __future__ import annotations

import base64
import json
import logging
import socket
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import keyring
import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from smmdesk import logs, paths
from smmdesk.api import PanelError, proxies
from smmdesk.demopanel import DemoPanel
from smmdesk.secrets import KeyStore
from smmdesk.services.panels import PanelDraft
from smmdesk.store import Store
from smmdesk.store.migrations import MIGRATIONS
from smmdesk.workers import Desk
from tests.conftest import TEST_KEY

PASSWORD = "Px-4c7d1e9a-secret"
OLD_PANEL_ID = 7
SIGNAL_TIMEOUT_MS = 30_000  # a hang guard only


class EchoingProxy(BaseHTTPRequestHandler):
    """A forward proxy that refuses every request, quoting the credentials it was sent."""

    def do_POST(self) -> None:
        sent = self.headers.get("Proxy-Authorization", "").removeprefix("Basic ")
        words = f"Proxy user {base64.b64decode(sent).decode()} may not reach {self.path}"
        body = json.dumps({"error": words}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: this is the test's server, not the app."""


@contextmanager
def echoing_proxy() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), EchoingProxy)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def an_older_database(path: Path, url: str, proxy: str) -> None:
    """Schema 5, as an older SMMDesk left it: the proxy URL with its password. Built by the
    first five migrations, so later ones never have to be undone here."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    with conn:
        for migration in MIGRATIONS[:5]:
            migration(conn)
        conn.execute(
            "INSERT INTO panels (id, name, url, proxy, allow_insecure_http, created_at)"
            " VALUES (?, 'Old panel', ?, ?, 0, '2024-01-02T03:04:05.000000+00:00')",
            (OLD_PANEL_ID, url, proxy),
        )
        conn.execute("PRAGMA user_version = 5")
    conn.close()


@pytest.fixture
def log_file() -> Iterator[Path]:
    path = logs.configure(paths.log_dir(), level=logging.DEBUG)
    yield path
    root = logging.getLogger("smmdesk")
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()


def answer(qtbot: QtBot, signal: Any, start: Any) -> Any:
    with qtbot.waitSignal(signal, timeout=SIGNAL_TIMEOUT_MS) as blocker:
        start()
    assert blocker.args is not None
    return blocker.args[1]


def run_a_session(qtbot: QtBot, demo_panel: DemoPanel, proxy_port: int) -> list[Exception]:
    """Every error the session met, for the caller to read."""
    echoing = f"http://me:{PASSWORD}@127.0.0.1:{proxy_port}"
    an_older_database(paths.database_path(), demo_panel.url, echoing)
    store = Store.open(paths.database_path())
    keys = KeyStore()
    keys.save(OLD_PANEL_ID, TEST_KEY)
    desk = Desk(store, keys)
    try:
        answer(qtbot, desk.history_opened, desk.open_history)  # moves the password
        assert keys.load_proxy_password(OLD_PANEL_ID) == PASSWORD
        errors = [answer(qtbot, desk.task_failed, lambda: desk.fetch_balance(OLD_PANEL_ID))]
        shown = proxies.masked(f"http://me@127.0.0.1:{proxy_port}")  # as the form shows it
        kept = PanelDraft("Old panel", demo_panel.url, shown, False)
        test = lambda: desk.test_connection(kept, None, OLD_PANEL_ID)  # noqa: E731
        errors.append(answer(qtbot, desk.task_failed, test))
        dead = f"socks5://me:{PASSWORD}@127.0.0.1:{closed_port()}"
        new = PanelDraft("New panel", demo_panel.url, dead, False, 60)
        saved = answer(qtbot, desk.panels_changed, lambda: desk.save_panel(None, new, TEST_KEY))
        errors.append(answer(qtbot, desk.task_failed, lambda: desk.fetch_balance(saved.panel.id)))
        no_scheme = PanelDraft("Typo", demo_panel.url, f"me:{PASSWORD}@127.0.0.1:1080", False)
        typo = lambda: desk.test_connection(no_scheme, TEST_KEY)  # noqa: E731
        errors.append(answer(qtbot, desk.task_failed, typo))
        logging.getLogger("smmdesk.tests").warning("careless: proxy %s", echoing)
        return errors
    finally:
        desk.shutdown()
        store.close()


def test_the_proxy_password_is_in_no_file_log_or_error(
    qapp: QApplication,
    qtbot: QtBot,
    demo_panel: DemoPanel,
    log_file: Path,
    isolated_app: Path,
) -> None:
    with echoing_proxy() as port:
        errors = run_a_session(qtbot, demo_panel, port)
    for handler in logging.getLogger("smmdesk").handlers:
        handler.flush()

    echoed, through_dead_proxy = errors[0], errors[2]
    assert isinstance(echoed, PanelError) and "Proxy user me:***" in str(echoed)
    assert "Could not connect" in str(through_dead_proxy)
    assert "Start the proxy address with http://" in str(errors[3])
    leaking_errors = [str(error) for error in errors if PASSWORD in str(error)]
    assert leaking_errors == []

    log_text = log_file.read_text(encoding="utf-8")
    assert "careless: proxy http://me:***@" in log_text and "BALANCE failed" in log_text
    files = [path for path in isolated_app.rglob("*") if path.is_file()]
    assert paths.database_path() in files and log_file in files
    assert any(path.name.endswith(".v5.bak") for path in files)
    needle = PASSWORD.encode()
    assert [path for path in files if needle in path.read_bytes()] == []
    assert keyring.get_password("smmdesk", f"panel-{OLD_PANEL_ID}-proxy") == PASSWORD

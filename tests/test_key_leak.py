"""The test key appears in no file the app wrote: its data, config and log folders.

With the whole suite this runs last (see `tests/conftest.py`) and scans what every test
left behind. On its own it is still a real check: it first drives a session of its own
with the test key, through the same layers as the GUI (keyring, client pool, worker
facade, journal, store, log file at DEBUG), against the demo panel made to echo the key
back the way some panels do, and then scans.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from smmdesk import logs, paths
from smmdesk.api import PanelClient, Service
from smmdesk.api.draft import OrderDraft
from smmdesk.demopanel import DemoPanel
from smmdesk.secrets import KeyStore
from smmdesk.store import Store
from smmdesk.workers import Desk
from tests import conftest

SIGNAL_TIMEOUT_MS = 30_000  # generous: only a hang guard
MONTH_S = 30 * 86_400
# The whole key, and its random tail alone: a key cut short (a body excerpt, a masked
# prefix) still leaks if the tail is there.
NEEDLES = (conftest.TEST_KEY.encode(), conftest.TEST_KEY.rsplit("-", 1)[1].encode())


def leaking_files(root: Path) -> tuple[list[Path], list[Path]]:
    files = [path for path in root.rglob("*") if path.is_file()]
    return files, [path for path in files if any(n in path.read_bytes() for n in NEEDLES)]


@pytest.fixture
def log_file() -> Iterator[Path]:
    """The app's rotating log file at DEBUG, as `Session` opens it (at INFO); detached after."""
    path = logs.configure(paths.log_dir(), level=logging.DEBUG)
    yield path
    root = logging.getLogger("smmdesk")
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()


def echo_the_key(panel: DemoPanel, monkeypatch: pytest.MonkeyPatch) -> None:
    """Some panels echo the key back (api-v2.md): in an error, in an HTML page, and here
    also in a service description. Orders whose link contains "echo" get the echo."""
    answer = panel.router.answer

    def echoing(form: Mapping[str, str], unsupported_multi: Collection[str]) -> bytes:
        key, action = form.get("key", ""), form.get("action", "")
        if action == "add" and "echo" in form.get("link", ""):
            return json.dumps({"error": f"Invalid API key: {key}"}).encode()
        if action == "balance":
            return f"<html><body>Access denied for key {key}</body></html>".encode()
        body = answer(form, unsupported_multi)
        if action == "services":
            services: list[dict[str, Any]] = json.loads(body)
            services[0]["desc"] = f"Works with key {key}"
            return json.dumps(services).encode()
        return body

    monkeypatch.setattr(panel.router, "answer", echoing)


def wait_for(qtbot: QtBot, signal: Any, start: Any) -> list[Any]:
    with qtbot.waitSignal(signal, timeout=SIGNAL_TIMEOUT_MS) as blocker:
        start()
    return list(blocker.args or [])


def a_default_service(panel: DemoPanel, **flags: bool) -> Service:
    with PanelClient(panel.url, conftest.TEST_KEY) as client:
        services = client.services()
    return next(
        s
        for s in services
        if s.type == "Default" and not s.dripfeed and all(getattr(s, k) for k in flags)
    )


def an_order(service: Service, link: str) -> OrderDraft:
    return OrderDraft.of(service, link, service.min)


def run_a_session(qtbot: QtBot, panel: DemoPanel, monkeypatch: pytest.MonkeyPatch) -> None:
    """Catalogue, balance, orders (placed, refused, unconfirmed), status, refill, cancel,
    with the key saved in the (in-memory) keyring and read back by the client pool."""
    refillable = a_default_service(panel, refill=True)
    cancellable = a_default_service(panel, cancel=True)
    echo_the_key(panel, monkeypatch)
    store = Store.open(paths.database_path())
    keys = KeyStore()
    row = store.add_panel("Key leak check", panel.url)
    keys.save(row.id, conftest.TEST_KEY)
    desk = Desk(store, keys)
    try:
        wait_for(qtbot, desk.services_loaded, lambda: desk.refresh_services(row.id))
        wait_for(qtbot, desk.task_failed, lambda: desk.fetch_balance(row.id))

        def place(service: Service, link: str) -> Any:
            request = an_order(service, link)
            return wait_for(qtbot, desk.order_placed, lambda: desk.place_order(row.id, request))[1]

        to_refill = place(refillable, "https://instagram.com/p/keyleak-refill")
        to_cancel = place(cancellable, "https://instagram.com/p/keyleak-cancel")
        place(refillable, "https://instagram.com/p/keyleak-echo")  # refused, key echoed
        panel.inject("add", "reset")
        place(refillable, "https://instagram.com/p/keyleak-reset")  # unconfirmed
        wait_for(
            qtbot, desk.cancels_requested, lambda: desk.request_cancels(row.id, [to_cancel.id])
        )
        panel.advance(MONTH_S)
        wait_for(qtbot, desk.orders_refreshed, lambda: desk.refresh_orders(row.id))
        wait_for(
            qtbot, desk.refills_requested, lambda: desk.request_refills(row.id, [to_refill.id])
        )
        # A careless log line: the key was registered for redaction when the pool read it.
        logging.getLogger("smmdesk.tests").warning("using key %s", conftest.TEST_KEY)
        # A GET with the key in the query: the demo server logs its request lines.
        httpx.get(panel.url, params={"key": conftest.TEST_KEY, "action": "services"})
    finally:
        desk.shutdown()
        store.close()


def test_the_key_is_in_no_file_the_app_wrote(
    qapp: QApplication,
    qtbot: QtBot,
    demo_panel: DemoPanel,
    log_file: Path,
    app_dirs_root: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run_a_session(qtbot, demo_panel, monkeypatch)
    for handler in logging.getLogger("smmdesk").handlers:
        handler.flush()
    log_text = log_file.read_text(encoding="utf-8")
    assert "order #" in log_text and "***" in log_text, "the session should have logged"
    files, leaking = leaking_files(app_dirs_root)
    assert paths.database_path() in files and log_file in files
    assert leaking == []

"""The `smmdesk` command: --version, --selftest as a real subprocess, and the start-up
sequence (demo row always present, demo server started when the demo panel is chosen,
orders a crash left behind announced until dismissed, keys asked for when no keyring
works)."""

from __future__ import annotations

import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from smmdesk import __version__
from smmdesk.api import Service
from smmdesk.app import Session, parse_arguments
from smmdesk.demopanel import DemoPanel
from smmdesk.paths import database_path
from smmdesk.secrets import KeyStore
from smmdesk.services.panels import DEMO_PANEL_NAME, PanelProfiles
from smmdesk.store import Store
from tests.conftest import TEST_KEY

SELFTEST_BUDGET_S = 60


def run_smmdesk(*arguments: str, timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smmdesk", *arguments],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_version_prints_every_version_and_exits_0() -> None:
    done = run_smmdesk("--version", timeout=30)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"SMMDesk {__version__}"
    assert "Qt " in lines[1] and "PySide6 " in lines[1]
    assert lines[2].startswith("Python ")


@pytest.mark.timeout(SELFTEST_BUDGET_S + 30)
def test_selftest_passes_in_a_subprocess(isolated_app: Path) -> None:
    started = time.monotonic()
    done = run_smmdesk(
        "--selftest", "--data-dir", str(isolated_app / "selftest"), timeout=SELFTEST_BUDGET_S
    )
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().endswith("selftest passed")
    assert elapsed < SELFTEST_BUDGET_S
    for step in ("load services", "place order", "refresh status", "refill", "cancel"):
        assert step in done.stdout


def test_arguments() -> None:
    parsed = parse_arguments(["--demo", "--data-dir", "/tmp/x"])
    assert parsed.demo and parsed.data_dir == Path("/tmp/x") and not parsed.selftest


def test_demo_row_is_ensured_once(isolated_app: Path) -> None:
    store = Store.open(isolated_app / "ensure.db")
    profiles = PanelProfiles(store, KeyStore(session_only=True))
    first = profiles.ensure_demo()
    second = profiles.ensure_demo()
    assert first == second and first.is_demo and first.name == DEMO_PANEL_NAME
    assert len(store.panels()) == 1
    store.close()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_first_launch_opens_the_demo_panel(qtbot: QtBot, qapp: QApplication) -> None:
    session = Session(qapp, force_demo=False)
    try:
        window = session.window
        qtbot.addWidget(window)
        assert not session.is_open  # the data layer waits for the first paint
        with qtbot.waitSignal(session.opened, timeout=30_000):
            window.show()
        qtbot.waitUntil(lambda: window.services_pane.model.rowCount() == 600, timeout=30_000)
        assert window.switcher.currentText() == DEMO_PANEL_NAME
        assert session.demo.panel is not None
        qtbot.waitUntil(lambda: session.context.balance is not None, timeout=30_000)
        window.close()
    finally:
        session.close()
    assert database_path().exists()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_orders_a_crash_left_sending_are_announced_until_dismissed(
    qtbot: QtBot, qapp: QApplication
) -> None:
    with Store.open(database_path()) as store:  # what a killed SMMDesk left behind
        panel = store.add_panel("Crashed", "https://crashed.example/api/v2")
        service = Service("1", "Followers", "Default", "Instagram", Decimal("1.2"), 10, 1000)
        store.insert_sending_order(panel.id, service, link="https://x.example/p", quantity=100)
    session = Session(qapp, force_demo=True)
    try:
        window = session.window
        qtbot.addWidget(window)
        with qtbot.waitSignal(session.opened, timeout=30_000):
            window.show()
        notice = window.recovery_notice
        assert notice.isVisible()
        assert notice.text.startswith("1 order was being sent when SMMDesk last closed.")
        window.status.show_message("The next message", 1)
        qtbot.waitUntil(lambda: window.status.currentMessage() == "", timeout=5_000)
        assert notice.isVisible()  # a status-bar message would be gone by now
        window.close()
    finally:
        session.close()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_after_a_restart_without_a_keyring_the_active_panels_key_is_asked_for(
    qtbot: QtBot, qapp: QApplication, demo_panel: DemoPanel
) -> None:
    with Store.open(database_path()) as store:
        store.add_panel("My panel", demo_panel.url)  # its key went to a keyring gone now
    keyring.set_keyring(fail.Keyring())
    session = Session(qapp, force_demo=False)
    try:
        window = session.window
        qtbot.addWidget(window)
        with qtbot.waitSignal(session.opened, timeout=30_000):
            window.show()
        prompter = window.key_prompter
        qtbot.waitUntil(lambda: prompter.dialog is not None, timeout=30_000)
        dialog = prompter.dialog
        assert dialog is not None and "“My panel”" in dialog.message.text()
        qtbot.keyClicks(dialog.key_edit, TEST_KEY)
        qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: session.context.balance is not None, timeout=30_000)
        window.close()
    finally:
        session.close()

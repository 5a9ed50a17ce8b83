"""The `smmdesk` command: --version, --selftest as a real subprocess, and the start-up
sequence (demo row always present, demo server started when the demo panel is chosen,
orders a crash left behind announced until dismissed, keys asked for when no keyring
works)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from smmdesk import __version__
from smmdesk.api import Service
from smmdesk.app import Session, guard_data_folder, parse_arguments
from smmdesk.demopanel import DemoPanel
from smmdesk.paths import database_path
from smmdesk.secrets import KeyStore
from smmdesk.services.panels import DEMO_PANEL_NAME, PanelProfiles
from smmdesk.store import OrderQuery, Store
from smmdesk.ui.window.storage_problem import StorageProblemDialog
from tests.conftest import TEST_KEY
from tests.store.disks import RANDOM_HEADER, locked_by_another_program, overwrite_header
from tests.store.test_db import build_v1

SELFTEST_BUDGET_S = 60


def run_smmdesk(*arguments: str, timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smmdesk", *arguments],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.mark.timeout(SELFTEST_BUDGET_S + 30)
def test_selftest_without_data_dir_leaves_the_users_history_alone(tmp_path: Path) -> None:
    """Its demo orders go to a throw-away folder, never into the user's own history."""
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SMMDESK_", "XDG_"))}
    env["HOME"] = str(home)
    done = subprocess.run(
        [sys.executable, "-m", "smmdesk", "--selftest"],
        capture_output=True,
        text=True,
        timeout=SELFTEST_BUDGET_S,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    written = [p for p in home.rglob("*") if p.is_file()] if home.exists() else []
    assert not any(p.suffix in (".db", ".sqlite3") for p in written), written


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


FIRST_PAINT_PROBE = """
import sys
import PySide6.QtCore as core
from PySide6.QtWidgets import QApplication
from smmdesk.app import Session
app = QApplication(sys.argv[:1])
session = Session(app, force_demo=False)
def painted():
    print("Qt built" if "Qt" in core.__dict__ else "Qt not built", flush=True)
    app.quit()
session.window.first_painted.connect(painted)
session.window.show()
app.exec()
session.close()
"""


def test_the_first_paint_does_not_wait_for_the_qt_namespace(isolated_app: Path) -> None:
    """Importing `Qt` makes PySide build the namespace's 95 enums (21 ms): the window is
    painted first (see `smmdesk.app`)."""
    environment = {**os.environ, "SMMDESK_DATA_DIR": str(isolated_app / "probe")}
    done = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT_PROBE],
        capture_output=True, text=True, timeout=60, check=False, env=environment,
    )  # fmt: skip
    assert done.stdout.strip() == "Qt not built", done.stdout + done.stderr


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


# -- broken disks at start-up: words and a way out, never a traceback ---------------------


def click_in_dialog(button: str, before: Callable[[], object] = lambda: None) -> None:
    """Once the start-up dialog is up (its own event loop may be running), run `before`
    and click `button` in it; gives up after a few seconds."""
    attempts = iter(range(500))

    def look() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, StorageProblemDialog)]
        visible = [dialog for dialog in shown if dialog.isVisible()]
        if not visible:
            if next(attempts, None) is not None:
                QTimer.singleShot(10, look)
            return
        before()
        found = visible[0].findChild(QPushButton, button)
        assert isinstance(found, QPushButton), button
        found.click()

    QTimer.singleShot(0, look)


def open_session(qtbot: QtBot, qapp: QApplication, button: str) -> Session:
    """A session whose start-up dialog is answered with `button`; `opened` has fired."""
    session = Session(qapp, force_demo=True)
    qtbot.addWidget(session.window)
    with qtbot.waitSignal(session.opened, timeout=30_000):
        session.window.show()
        qtbot.waitUntil(lambda: session.window.findChild(StorageProblemDialog) is not None)
        click_in_dialog(button)
    return session


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_a_damaged_database_is_restored_from_its_backup_at_start_up(
    qtbot: QtBot, qapp: QApplication
) -> None:
    path = database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    build_v1(path)
    Store.open(path).close()  # migrated: the v1 backup is beside it
    overwrite_header(path)
    damaged = path.read_bytes()
    session = open_session(qtbot, qapp, "restoreButton")
    try:
        orders = session.store.orders_page(OrderQuery(), 0, 10)
        assert [order.order_id for order in orders] == [None, "4521"]
        assert "Restored the backup from" in session.window.status.currentMessage()
        kept = [f for f in path.parent.glob("smmdesk.db.damaged-*") if f.name[-4:] != "-shm"]
        assert [file.read_bytes() for file in kept] == [damaged]
        session.window.close()
    finally:
        session.close()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_a_locked_database_can_be_opened_read_only_at_start_up(
    qtbot: QtBot, qapp: QApplication
) -> None:
    path = database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    build_v1(path)
    Store.open(path).close()
    with locked_by_another_program(path):
        session = open_session(qtbot, qapp, "readOnlyButton")
    try:
        assert session.store.read_only
        assert session.window.windowTitle().endswith("(read-only)")
        assert session.store.count_orders(OrderQuery()) == 2
        assert str(path.parent) in session.window.status.currentMessage()
        session.window.close()
    finally:
        session.close()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_a_data_folder_that_cannot_be_made_is_explained_until_fixed(
    qapp: QApplication, isolated_app: Path
) -> None:
    in_the_way = isolated_app / "blocked"
    in_the_way.write_text("a file where the data folder should be")
    click_in_dialog("quitButton")
    assert guard_data_folder(in_the_way / "data") is None
    click_in_dialog("retryButton", before=in_the_way.unlink)
    guard = guard_data_folder(in_the_way / "data")
    assert guard is not None and (in_the_way / "data").is_dir()
    guard.release()


def test_selftest_on_a_damaged_database_says_so_and_fails(isolated_app: Path) -> None:
    data = isolated_app / "damaged" / "data"
    data.mkdir(parents=True)
    (data / "smmdesk.db").write_bytes(RANDOM_HEADER * 100)
    done = run_smmdesk("--selftest", "--data-dir", str(isolated_app / "damaged"), timeout=60)
    assert done.returncode == 1
    assert "FAILED  open the history: The database is damaged" in done.stdout
    assert str(data / "smmdesk.db") in done.stdout and "Traceback" not in done.stderr

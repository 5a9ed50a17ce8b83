"""The New order pane's service picker over a 20,000-service catalogue, as a user meets it.

    .venv/bin/python bench/picker.py [--services 20000]   (offscreen unless set)

The pane sits in a 1024x640 window on a real store and Desk, with 30 favourites and 10
recently ordered services read through the Desk as the app reads them; the catalogue is
the demo panel's (its messy names: emoji, flags, accents), fetched once over HTTP.

(a) a keystroke: from the key press to the list of matches painted, typing phrases
    character by character and deleting some again (p50, p95, max; target p95 <= 20 ms);
(b) Down on the line: the whole list opened, favourites first;
(c) a new catalogue handed to the picker (a refresh), and a star (favourites re-ordered).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow

from smmdesk.api import PanelClient, Service
from smmdesk.demopanel import DemoPanel
from smmdesk.runtime import favour_gui_thread
from smmdesk.secrets import KeyStore
from smmdesk.settings import Settings
from smmdesk.store import Store
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.ordering.order_form import NewOrderPane
from smmdesk.workers import Desk

KEY = "bench-key"
PHRASES = (
    "instagram followers brazil",
    "tiktok views",
    "youtube likes hq",
    "telegram post views",
    "seguidores",
    "1234",
)
DELETED = 6  # characters taken back with Backspace after each phrase
TARGET_P95_MS = 20.0
FAVOURITES = 30
RECENTS = 10


def fetch_catalogue(count: int) -> list[Service]:
    panel = DemoPanel(key=KEY, services=count, seed=3).start()
    try:
        with PanelClient(panel.url, KEY) as client:
            return client.services()
    finally:
        panel.stop()


class Rig:
    """A store with favourites and recent orders, a Desk, a context and the pane shown."""

    def __init__(self, app: QApplication, folder: Path, services: list[Service]) -> None:
        self.app = app
        self.store = Store.open(folder / "bench.db")
        panel = self.store.add_panel("Bench", "http://127.0.0.1:9/api/v2")
        for service in services[100 : 100 + FAVOURITES]:
            self.store.star_service(panel.id, service)
        for service in services[5000 : 5000 + RECENTS]:
            self.store.insert_sending_order(panel.id, service, link="https://x.test/p", quantity=1)
        self.desk = Desk(self.store, KeyStore(session_only=True))
        ini = QSettings(str(folder / "bench.ini"), QSettings.Format.IniFormat)
        self.context = AppContext(self.desk, Settings(ini), self.store.panels())
        self.window = QMainWindow()
        self.pane = NewOrderPane(self.context, self.window)
        self.window.setCentralWidget(self.pane)
        self.window.resize(1024, 640)
        self.window.show()
        self.picker = self.pane.picker
        book = self.picker._book
        assert book is not None
        self.context.panel_id = panel.id  # active, without the automatic fetches
        book.on_context_panel_changed(panel.id)
        wait_until(app, lambda: len(book.favourites) == FAVOURITES and bool(book.recent_ids))
        self.hand_over(services)
        settle(app)  # the picker folds the names in slices once the catalogue is shown

    def hand_over(self, services: list[Service]) -> None:
        self.context.services = services
        self.context.catalogue_changed.emit(self.context.panel_id)
        self.app.processEvents()

    def close(self) -> None:
        self.desk.shutdown()
        self.window.close()
        self.store.close()


def wait_until(app: QApplication, done: Callable[[], bool], timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("benchmark step timed out")
        app.processEvents()
        time.sleep(0.001)


def settle(app: QApplication, seconds: float = 0.5) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.005)


GUI_CPU_MS: list[float] = []  # the GUI thread's own CPU time of each timed action


def timed(app: QApplication, action: Callable[[], object]) -> float:
    """Milliseconds from the action to its events handled (the list laid out and painted:
    the offscreen platform paints in processEvents). The GUI thread's CPU time of the
    same span goes to GUI_CPU_MS: on a machine other work keeps busy, it shows what the
    picker costs apart from the waiting for a core."""
    started, cpu = time.perf_counter(), time.thread_time()
    action()
    app.processEvents()
    GUI_CPU_MS.append((time.thread_time() - cpu) * 1000)
    return (time.perf_counter() - started) * 1000


def keystrokes(app: QApplication, rig: Rig) -> list[float]:
    line = rig.picker.search_line
    line.setFocus()
    latencies = []
    for phrase in PHRASES:
        line.selectAll()
        for char in phrase:
            latencies.append(timed(app, partial(QTest.keyClick, line, char)))
        for _ in range(DELETED):
            latencies.append(timed(app, partial(QTest.keyClick, line, Qt.Key.Key_Backspace)))
        QTest.keyClick(line, Qt.Key.Key_Escape)
        app.processEvents()
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=20_000)
    count = parser.parse_args().services
    favour_gui_thread()  # as the app does at start-up
    app = QApplication(sys.argv[:1])
    services = fetch_catalogue(count)
    with tempfile.TemporaryDirectory(prefix="smmdesk-bench-") as tmp:
        rig = Rig(app, Path(tmp), services)
        try:
            GUI_CPU_MS.clear()
            typed = keystrokes(app, rig) + keystrokes(app, rig)
            cpu = list(GUI_CPU_MS)
            line = rig.picker.search_line
            opened = timed(app, lambda: QTest.keyClick(line, Qt.Key.Key_Down))
            first = rig.picker.model.service(0)
            QTest.keyClick(line, Qt.Key.Key_Escape)
            refreshed = timed(app, lambda: rig.hand_over(list(services)))
            starred = timed(app, lambda: rig.picker._book.toggle(services[9000]))  # type: ignore[union-attr]
        finally:
            rig.close()
    p50, p95 = statistics.median(typed), statistics.quantiles(typed, n=20)[18]
    verdict = "ok" if p95 <= TARGET_P95_MS else "MISSED"
    print(f"service picker in the New order pane, {count:,} services, 1024x640")
    print(
        f"(a) keystroke ({len(typed)} keys): p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
        f"max {max(typed):.1f} ms (target p95 <= {TARGET_P95_MS:.0f})  {verdict}"
    )
    cpu_p50, cpu_p95 = statistics.median(cpu), statistics.quantiles(cpu, n=20)[18]
    print(
        f"    the GUI thread's CPU time of a keystroke: p50 {cpu_p50:.1f} ms, p95 {cpu_p95:.1f} ms"
    )
    print(f"    machine load while measuring (1 min): {os.getloadavg()[0]:.1f}")
    first_starred = first is not None and first.id == services[100].id
    print(f"(b) Down, the whole list opened: {opened:.1f} ms (a favourite first: {first_starred})")
    print(f"(c) a new catalogue handed over: {refreshed:.1f} ms; a star: {starred:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""GUI benchmarks: a 20,000-service catalogue, filter keystrokes, GUI-thread stalls, cold start.

    python bench/gui_catalogue.py            (offscreen unless QT_QPA_PLATFORM is set)

(a) from the `services` answer received to a filterable, sortable view populated;
(b) filter keystroke latency over ~50 typed prefixes (p50 / p95);
(c) the longest GUI-thread stall (a 5 ms timer's lateness) while the Desk loads the
    catalogue, while it saves the catalogue as panel edits run beside it, and while it
    refreshes 10,000 orders (demo panel at 100 ms latency);
(d) cold start to the first painted window, SMMDesk vs a bare PySide6 QMainWindow.

The demo panel runs in a child process, as a real panel would be on another machine: an
in-process server would compete for the GIL and its JSON encoding would show up as GUI stalls
that users never see.
"""

from __future__ import annotations

import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

KEY = "bench-key"
SERVICES = 20_000
ORDERS = 10_000
LATENCY_MS = 100
EDITS = 5  # panel edits sent while the catalogue is saved
PREFIXES = ("instagram followers", "tiktok views", "youtube likes", "telegram post", "1")
COLD_RUNS = 9  # each, by turns
BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QMainWindow
class Window(QMainWindow):
    def event(self, event):
        handled = super().event(event)
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            QApplication.quit()
        return handled
app = QApplication(sys.argv[:1])
window = Window()
window.setWindowTitle("bare")
window.resize(1000, 630)
window.show()
app.exec()
"""


# -- the demo panel in a child process ----------------------------------------------------


def serve(conn: Connection, services: int, latency_ms: int, orders: int) -> None:
    from smmdesk.demopanel import DemoPanel

    panel = DemoPanel(key=KEY, services=services, latency_ms=latency_ms, seed=3).start()
    ids = panel.create_orders(orders) if orders else []
    conn.send((panel.url, ids))
    conn.recv()  # any message: stop
    panel.stop()


class PanelProcess:
    def __init__(self, services: int, latency_ms: int = 0, orders: int = 0) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(
            target=serve, args=(child, services, latency_ms, orders), daemon=True
        )
        self._process.start()
        self.url, self.order_ids = self._conn.recv()

    def stop(self) -> None:
        self._conn.send("stop")
        self._process.join(10)


# -- measuring ----------------------------------------------------------------------------


def stall_meter() -> tuple[Callable[[], None], Callable[[], float]]:
    """A 5 ms timer that records how late it fires; returns (start, stop -> worst ms)."""
    from PySide6.QtCore import Qt, QTimer

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(5)
    state = {"last": 0.0, "worst": 0.0}

    def tick() -> None:
        now = time.perf_counter()
        state["worst"] = max(state["worst"], (now - state["last"]) * 1000 - 5)
        state["last"] = now

    def start() -> None:
        state["last"], state["worst"] = time.perf_counter(), 0.0
        timer.start()

    def stop() -> float:
        timer.stop()
        return state["worst"]

    timer.timeout.connect(tick)
    return start, stop


def wait_until(app: object, done: Callable[[], bool], timeout_s: float = 120) -> None:
    """Run the event loop until `done()`, asleep between events as the app's `exec()` is.

    Polling instead (`processEvents` and a 1 ms sleep, as this did before) woke the GUI
    thread 1,000 times a second to ask a busy worker for the GIL: it slowed the worker it
    was timing (a 100,000-order export: 2.13 s polled, 2.00 s asleep) and is no load
    the app puts on it. A 100 ms timer wakes the loop to check the deadline."""
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.monotonic() + timeout_s
    guard = QTimer()
    guard.start(100)
    try:
        while not done():
            if time.monotonic() > deadline:
                raise TimeoutError("benchmark step timed out")
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)  # type: ignore[attr-defined]
    finally:
        guard.stop()


class Rig:
    """A store, desk, context and a shown services pane, as the app builds them."""

    def __init__(self, app: object, url: str, folder: Path) -> None:
        from PySide6.QtCore import QSettings

        from smmdesk.runtime import freeze_start_up_objects
        from smmdesk.secrets import KeyStore
        from smmdesk.settings import Settings
        from smmdesk.store import Store
        from smmdesk.ui.catalogue.services_pane import ServicesPane
        from smmdesk.ui.common.context import AppContext
        from smmdesk.workers import Desk

        self.app = app
        self.url = url
        self.store = Store.open(folder / "bench.db")
        keys = KeyStore(session_only=True)
        self.panel = self.store.add_panel("Bench", url)
        keys.save(self.panel.id, KEY)
        self.desk = Desk(self.store, keys)
        ini = QSettings(str(folder / "bench.ini"), QSettings.Format.IniFormat)
        self.context = AppContext(self.desk, Settings(ini), self.store.panels())
        self.pane = ServicesPane(self.context)
        self.pane.resize(1200, 700)
        self.pane.show()
        self.context.panel_id = self.panel.id  # active, without the automatic fetches
        freeze_start_up_objects()  # as the app does once it has opened

    def close(self) -> None:
        self.desk.shutdown()
        self.pane.close()
        self.store.close()


def catalogue_figures(app: object, rig: Rig) -> dict[str, float]:
    """(a) client.services() alone, then answer → populated view, unsorted and sorted.

    The answer is handed to the context as the Desk delivers it: a ticket for the refresh
    and a `CatalogueLoaded` from the network, with the search texts the worker folds (their
    time is added to the figure: the user waits for it too)."""
    from smmdesk.api.client import PanelClient
    from smmdesk.services.catalogue import search_texts
    from smmdesk.store import ServicesSnapshot
    from smmdesk.ui.catalogue.services_model import Column
    from smmdesk.workers import CatalogueLoaded

    with PanelClient(rig.url, KEY) as client:  # a client of its own, as the Desk builds one
        started = time.perf_counter()
        services = client.services()
        fetch_ms = (time.perf_counter() - started) * 1000
    snapshot = ServicesSnapshot(services, _now())
    empty = CatalogueLoaded(ServicesSnapshot([], _now()), None, True)
    started = time.perf_counter()
    texts = search_texts(services)
    folding_ms = (time.perf_counter() - started) * 1000
    loaded = CatalogueLoaded(snapshot, None, True, (), texts)
    results = {"services() call": fetch_ms}
    for label, column in (("unsorted", -1), ("sorted by rate", int(Column.RATE))):
        rig.context.on_desk_services_loaded(_refresh_ticket(rig), empty)
        rig.pane.table.sortByColumn(column, _ascending())
        app.processEvents()  # type: ignore[attr-defined]
        started = time.perf_counter()
        rig.context.on_desk_services_loaded(_refresh_ticket(rig), loaded)
        app.processEvents()  # type: ignore[attr-defined]
        assert rig.pane.model.rowCount() == len(services)
        shown_ms = (time.perf_counter() - started) * 1000
        results[f"answer → view ({label})"] = folding_ms + shown_ms
    rig.pane.table.sortByColumn(-1, _ascending())
    return results


def _refresh_ticket(rig: Rig) -> object:
    from smmdesk.workers import Job, Ticket

    return Ticket(Job.REFRESH_SERVICES, rig.panel.id, generation=0)


def keystroke_figures(app: object, rig: Rig) -> list[float]:
    """(b) type each prefix character by character; one latency per keystroke."""
    latencies = []
    for phrase in PREFIXES:
        for end in range(1, len(phrase) + 1):
            started = time.perf_counter()
            rig.pane.search.setText(phrase[:end])
            app.processEvents()  # type: ignore[attr-defined]
            latencies.append((time.perf_counter() - started) * 1000)
        rig.pane.search.clear()
        app.processEvents()  # type: ignore[attr-defined]
    return latencies


def stall_during(app: object, job: Callable[[], object], finished: Callable[[], bool]) -> float:
    start, stop = stall_meter()
    start()
    job()
    wait_until(app, finished)
    return stop()


def catalogue_stall(app: object, rig: Rig, loads: int = 3) -> float:
    """(c1) the whole path through the Desk: HTTP, parse and cache on a worker, GUI update;
    the worst of `loads` catalogue refreshes, each started from an idle GUI.

    Settling first matters: a repaint still pending from the previous step that overlaps
    the worker's parse is the GIL convoy (every model call-back of the repaint waits for
    the GIL), which measures the previous step, not this load.
    """
    loaded: list[object] = []

    def on_loaded(*arguments: object) -> None:
        loaded.append(arguments)

    rig.desk.services_loaded.connect(on_loaded)
    worst = 0.0
    for _ in range(loads):
        settle(app)
        loaded.clear()
        job = lambda: rig.desk.refresh_services(rig.panel.id)  # noqa: E731
        worst = max(worst, stall_during(app, job, lambda: bool(loaded)))
    return worst


def catalogue_and_panel_edit_stall(app: object, rig: Rig, rounds: int = 3) -> float:
    """(c3) issue 8's case: a 20,000-service catalogue saved by one worker while panel
    edits run on the write pool as the panels dialog sends them (a new name, the key field
    left empty); the GUI thread must not wait for either."""
    from smmdesk.services.panels import PanelDraft

    loaded: list[object] = []
    edited: list[object] = []
    rig.desk.services_loaded.connect(lambda *arguments: loaded.append(arguments))
    rig.desk.panels_changed.connect(lambda *arguments: edited.append(arguments))
    worst = 0.0
    for round_number in range(rounds):
        settle(app)
        loaded.clear()
        edited.clear()

        def job(n: int = round_number) -> None:
            rig.desk.refresh_services(rig.panel.id)
            for edit in range(EDITS):
                draft = PanelDraft(f"Bench {n}.{edit}", rig.url, None, False)
                rig.desk.save_panel(rig.panel.id, draft, None)  # the key field left empty

        def finished() -> bool:
            return bool(loaded) and len(edited) == EDITS

        worst = max(worst, stall_during(app, job, finished))
    return worst


def settle(app: object, seconds: float = 0.5) -> None:
    """Let pending layouts and repaints finish."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.005)


def refresh_figures(app: object, folder: Path) -> dict[str, float]:
    """(c2) 10,000 tracked orders refreshed through the Desk at 100 ms latency."""
    from smmdesk.workers import NetworkSettings

    server = PanelProcess(services=50, latency_ms=LATENCY_MS, orders=ORDERS)
    rig = Rig(app, server.url, folder / "orders")
    try:
        rig.store.import_orders(rig.panel.id, server.order_ids)
        reports: list[object] = []
        rig.desk.orders_refreshed.connect(lambda _ticket, report: reports.append(report))
        settle(app)
        started = time.perf_counter()
        stall = stall_during(
            app, lambda: rig.desk.refresh_orders(rig.panel.id), lambda: bool(reports)
        )
        elapsed = time.perf_counter() - started
    finally:
        rig.close()
        server.stop()
    in_flight = NetworkSettings().max_in_flight  # the default the app ships with
    floor = -(-ORDERS // 100) / in_flight * LATENCY_MS / 1000
    return {"stall": stall, "seconds": elapsed, "floor": floor}


def cold_start_figures(folder: Path) -> tuple[float, float]:
    """(d) median wall time from spawning the process to its first painted window.

    The two are started by turns: run one after the other in blocks, the machine's drift
    between the blocks showed as the ratio (the same build measured 2.34x in blocks and
    1.41x by turns, within minutes of each other)."""
    data = folder / "cold"
    app_cmd = [sys.executable, "-m", "smmdesk", "--exit-after-first-paint", "--data-dir", str(data)]
    bare_cmd = [sys.executable, "-c", BARE_WINDOW]
    compile_as_installed()
    time_to_paint(app_cmd)  # first run creates the database: not what a user sees daily
    app_runs, bare_runs = [], []
    for _ in range(COLD_RUNS):
        app_runs.append(time_to_paint(app_cmd))
        bare_runs.append(time_to_paint(bare_cmd))
    return statistics.median(app_runs), statistics.median(bare_runs)


def compile_as_installed() -> None:
    """SMMDesk's bytecode, as pip writes it when it installs the wheel (and as PySide6's is
    for the bare window). A source tree run with PYTHONDONTWRITEBYTECODE set, as this
    machine's is, compiled every module at every start: 10-20 ms a start, which no
    installed copy pays."""
    import compileall

    compileall.compile_dir(Path(__file__).resolve().parent.parent / "smmdesk", quiet=1)


def time_to_paint(command: list[str]) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = (time.perf_counter() - started) * 1000
    process.wait(30)
    if line.strip() != "painted":
        raise RuntimeError(f"{command[:3]} did not report a paint")
    return elapsed


def _now() -> object:
    from datetime import UTC, datetime

    return datetime.now(UTC)


def _ascending() -> object:
    from PySide6.QtCore import Qt

    return Qt.SortOrder.AscendingOrder


# -- report -------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def row(name: str, value: str, target: str, ok: bool | None) -> str:
    verdict = "" if ok is None else ("ok" if ok else "MISSED")
    return f"{name:<46} {value:>14} {target:>12}  {verdict}"


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from smmdesk.runtime import favour_gui_thread

    favour_gui_thread()  # as the app does at start-up
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="smmdesk-bench-") as tmp:
        folder = Path(tmp)
        os.environ["SMMDESK_DATA_DIR"] = str(folder / "app")
        server = PanelProcess(services=SERVICES)
        rig = Rig(app, server.url, folder)
        try:
            load = catalogue_figures(app, rig)
            keys = keystroke_figures(app, rig)
            catalogue_stall_ms = catalogue_stall(app, rig)
            edit_stall_ms = catalogue_and_panel_edit_stall(app, rig)
        finally:
            rig.close()
            server.stop()
        refresh = refresh_figures(app, folder)
        cold_app, cold_bare = cold_start_figures(folder)
    lines = [
        row("figure", "measured", "target", None),
        row(
            f"client.services() for {SERVICES:,} services",
            f"{load['services() call']:.0f} ms",
            "",
            None,
        ),
    ]
    for label in ("unsorted", "sorted by rate"):
        value = load[f"answer → view ({label})"]
        lines.append(
            row(f"(a) answer → view, {label}", f"{value:.0f} ms", "≤ 300 ms", value <= 300)
        )
    p50, p95 = percentile(keys, 0.5), percentile(keys, 0.95)
    lines.append(row(f"(b) keystroke p50 ({len(keys)} keystrokes)", f"{p50:.1f} ms", "", None))
    lines.append(row("(b) keystroke p95", f"{p95:.1f} ms", "≤ 20 ms", p95 <= 20))
    lines.append(
        row(
            "(c) worst stall, catalogue load via Desk",
            f"{catalogue_stall_ms:.0f} ms",
            "≤ 50 ms",
            catalogue_stall_ms <= 50,
        )
    )
    lines.append(
        row(
            "(c) worst stall, catalogue save + panel edits",
            f"{edit_stall_ms:.0f} ms",
            "≤ 50 ms",
            edit_stall_ms <= 50,
        )
    )
    lines.append(
        row(
            f"(c) worst stall, {ORDERS:,}-order refresh",
            f"{refresh['stall']:.0f} ms",
            "≤ 50 ms",
            refresh["stall"] <= 50,
        )
    )
    ratio_floor = refresh["seconds"] / refresh["floor"]
    lines.append(
        row(
            "    refresh time / protocol floor",
            f"{refresh['seconds']:.1f} s / {refresh['floor']:.1f} s",
            "≤ 1.3x",
            ratio_floor <= 1.3,
        )
    )
    ratio = cold_app / cold_bare
    lines.append(
        row("(d) cold start SMMDesk / bare PySide6", f"{cold_app:.0f}/{cold_bare:.0f} ms", "", None)
    )
    lines.append(row("(d) cold start ratio", f"{ratio:.2f}x", "≤ 1.5x", ratio <= 1.5))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

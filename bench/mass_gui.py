"""Mass order through the pane and the Desk: preview time and placing 200 orders.

    python bench/mass_gui.py [--repeat 5]      (offscreen unless QT_QPA_PLATFORM is set)

(a) pasted lines to the preview shown: the text is in the box, "Check lines" is clicked,
    and the clock stops when the table holds every checked line (parse and check on a
    worker, the model reset on the GUI thread), for 1,000 and 10,000 lines; beside it,
    the check job's own work timed without Qt (`parse_mass_text`, `BatchChecker.load`
    and `check`: bench/mass_parse.py details it) and the paste into the text box;
(b) 200 orders placed on the demo panel at 100 ms latency, 2 in flight, from the
    confirmation to the last outcome shown: seconds, the ratio to the protocol floor
    (200 / 2 x 100 ms = 10 s), and the longest GUI-thread stall meanwhile, the
    confirmation's own click included.

The demo panel runs in a child process, as in bench/gui_catalogue.py: an in-process server
would compete for the GIL and show up as GUI stalls users never see.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.gui_catalogue import KEY, PanelProcess, settle, stall_meter, wait_until

SERVICES = 300
SIZES = (1_000, 10_000)
TARGETS_MS = {1_000: 100, 10_000: 300}
ORDERS = 200
LATENCY_MS = 100
IN_FLIGHT = 2


class Rig:
    """A store, desk, context and a shown Mass order pane, as the app builds them, on a
    panel whose catalogue is cached (checking reads the cache, never the network)."""

    def __init__(self, app: object, url: str, folder: Path) -> None:
        from PySide6.QtCore import QSettings

        from smmdesk.runtime import freeze_start_up_objects
        from smmdesk.secrets import KeyStore
        from smmdesk.settings import MASS_IN_FLIGHT, Settings
        from smmdesk.store import Store
        from smmdesk.ui.common.context import AppContext
        from smmdesk.ui.mass.mass_pane import MassOrderPane
        from smmdesk.workers import Desk

        self.app = app
        folder.mkdir(parents=True, exist_ok=True)
        self.store = Store.open(folder / "bench.db")
        keys = KeyStore(session_only=True)
        self.panel = self.store.add_panel("Bench", url)
        keys.save(self.panel.id, KEY)
        self.desk = Desk(self.store, keys)
        settings = Settings(QSettings(str(folder / "bench.ini"), QSettings.Format.IniFormat))
        settings.set(MASS_IN_FLIGHT, IN_FLIGHT)
        self.context = AppContext(self.desk, settings, self.store.panels())
        self.context.set_active_panel(self.panel.id)
        wait_until(app, lambda: bool(self.context.services) and self.context.balance is not None)
        self.pane = MassOrderPane(self.context)
        self.pane.resize(1280, 800)
        self.pane.show()
        settle(app)
        freeze_start_up_objects()  # as the app does once it has opened

    def lines(self, count: int, tag: str) -> str:
        from smmdesk.api.forms import is_package

        plain = [s for s in self.context.services if s.type == "Default" and not s.dripfeed]
        plain = [s for s in plain if not is_package(s) and s.max >= s.min]
        picked = (plain[n % len(plain)] for n in range(count))
        return "\n".join(
            f"{service.id}|https://instagram.com/{tag}/{n}|{service.min}"
            for n, service in enumerate(picked)
        )

    def close(self) -> None:
        self.desk.shutdown()
        self.pane.close()
        self.store.close()


def core_ms(rig: Rig, text: str) -> float:
    """What the Desk's check job does, on this thread without Qt: parse, load, check."""
    from smmdesk.api.mass_lines import parse_mass_text
    from smmdesk.services.mass_check import BatchChecker

    started = time.perf_counter()
    lines = parse_mass_text(text)
    checker = BatchChecker.load(rig.store, rig.panel.id, lines)
    checker.check(lines, currencies={rig.panel.id: "USD"})
    return (time.perf_counter() - started) * 1000


def preview_figures(app: object, rig: Rig, repeat: int) -> dict[int, tuple[float, float, float]]:
    """(a) median ms from "Check lines" to the preview shown, of the paste itself, and of
    the check job's work alone (the rest is the pane's and the thread hops')."""
    from PySide6.QtCore import QMimeData

    from smmdesk.ui.mass.session import Phase

    results = {}
    for size in SIZES:
        checks, pastes, cores = [], [], []
        for run in range(repeat):
            text = rig.lines(size, f"a{size}r{run}")
            cores.append(core_ms(rig, text))
            rig.pane.on_clearButton_clicked()
            settle(app, 0.3)
            mime = QMimeData()
            mime.setText(text)
            started = time.perf_counter()
            rig.pane.input.text_edit.insertFromMimeData(mime)
            app.processEvents()  # type: ignore[attr-defined]
            pastes.append((time.perf_counter() - started) * 1000)
            settle(app, 0.3)
            started = time.perf_counter()
            rig.pane.input.check_button.click()
            wait_until(
                app,
                lambda n=size: (
                    rig.pane.session.phase is Phase.PREVIEW and rig.pane.model.rowCount() == n
                ),
            )
            app.processEvents()  # type: ignore[attr-defined]  # the view laid out and painted
            checks.append((time.perf_counter() - started) * 1000)
        results[size] = (
            statistics.median(checks),
            statistics.median(pastes),
            statistics.median(cores),
        )
    rig.pane.on_clearButton_clicked()
    return results


def placing_figures(app: object, folder: Path) -> dict[str, float]:
    """(b) 200 orders at 100 ms latency, 2 in flight, through the pane and the Desk."""
    from PySide6.QtWidgets import QDialogButtonBox

    from smmdesk.ui.mass.dialogs import ConfirmBatchDialog
    from smmdesk.ui.mass.session import Phase

    server = PanelProcess(services=SERVICES, latency_ms=LATENCY_MS)
    rig = Rig(app, server.url, folder / "placing")
    try:
        rig.pane.input.text_edit.setPlainText(rig.lines(ORDERS, "b"))
        rig.pane.input.check_button.click()
        wait_until(app, lambda: rig.pane.session.phase is Phase.PREVIEW)
        rig.pane.place_button.click()
        dialog = rig.pane.findChild(ConfirmBatchDialog)
        assert dialog is not None and dialog.count == ORDERS
        settle(app)
        start, stop = stall_meter()
        start()  # the click's own handling counts: it is the first thing the user waits for
        started = time.perf_counter()
        dialog.buttons.button(QDialogButtonBox.StandardButton.Yes).click()
        click_ms = (time.perf_counter() - started) * 1000
        wait_until(app, lambda: rig.pane.session.phase is Phase.DONE, timeout_s=300)
        elapsed = time.perf_counter() - started
        stall = stop()
        placed = rig.pane.session.counts()["placed"]
    finally:
        rig.close()
        server.stop()
    floor = ORDERS / IN_FLIGHT * LATENCY_MS / 1000
    return {
        "seconds": elapsed,
        "floor": floor,
        "stall": stall,
        "placed": placed,
        "click": click_ms,
    }


def row(name: str, value: str, target: str, ok: bool | None) -> str:
    verdict = "" if ok is None else ("ok" if ok else "MISSED")
    return f"{name:<50} {value:>16} {target:>10}  {verdict}"


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from smmdesk.app import favour_gui_thread

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    favour_gui_thread()  # as the app does at start-up
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="smmdesk-bench-") as tmp:
        folder = Path(tmp)
        os.environ["SMMDESK_DATA_DIR"] = str(folder / "app")
        server = PanelProcess(services=SERVICES)
        rig = Rig(app, server.url, folder / "preview")
        try:
            preview = preview_figures(app, rig, args.repeat)
        finally:
            rig.close()
            server.stop()
        placing = placing_figures(app, folder)
    lines = [row("figure", "measured", "target", None)]
    for size, (check_ms, paste_ms, core) in preview.items():
        target = TARGETS_MS[size]
        lines.append(
            row(
                f"(a) {size:,} lines: Check → preview shown",
                f"{check_ms:.0f} ms",
                f"≤ {target} ms",
                check_ms <= target,
            )
        )
        lines.append(row("    of which the check job's work (no Qt)", f"{core:.0f} ms", "", None))
        lines.append(
            row(f"    {size:,} lines: the paste into the text box", f"{paste_ms:.0f} ms", "", None)
        )
    ratio = placing["seconds"] / placing["floor"]
    lines.append(
        row(
            f"(b) {ORDERS} orders, {LATENCY_MS} ms latency, {IN_FLIGHT} in flight",
            f"{placing['seconds']:.1f} s / {placing['floor']:.0f} s",
            "",
            None,
        )
    )
    lines.append(row("    time / protocol floor", f"{ratio:.2f}x", "≤ 1.2x", ratio <= 1.2))
    lines.append(
        row(
            "    orders placed",
            f"{placing['placed']:.0f}",
            f"{ORDERS}",
            placing["placed"] == ORDERS,
        )
    )
    lines.append(
        row(
            "(b) worst GUI-thread stall while placing",
            f"{placing['stall']:.0f} ms",
            "≤ 50 ms",
            placing["stall"] <= 50,
        )
    )
    click = f"{placing['click']:.0f} ms"
    lines.append(row("    the confirmation's click, within it", click, "", None))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

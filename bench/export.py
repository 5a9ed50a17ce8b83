"""Exporting 100,000 orders to CSV through the `Desk` worker path, and the GUI thread
meanwhile.

    .venv/bin/python bench/export.py [--orders 100000] [--runs 3]   (offscreen unless set)

The history is the one `bench/orders_query.py` builds (bulk-inserted, the view columns
computed by the store's own functions); the runtime is set as the app sets it
(`smmdesk.runtime`). Each run asks `Desk.export_orders` for every
order (a select-all on the "All" tab) and measures, from the call to `orders_exported`
arriving on the GUI thread: the seconds taken, how many `progressed` signals arrived, and
the GUI thread's worst stall (a 5 ms timer's lateness, `gui_catalogue.stall_meter`).

Target (issue 11): 100,000 orders in <= 2 s, off the GUI thread, with progress; the
stall within design.md's 50 ms.
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

from PySide6.QtWidgets import QApplication

from bench.gui_catalogue import settle, stall_meter, wait_until
from bench.orders_query import fill
from smmdesk.runtime import favour_gui_thread, freeze_start_up_objects
from smmdesk.secrets import KeyStore
from smmdesk.services.bulk import OrderSelection
from smmdesk.store import OrderQuery, Store
from smmdesk.workers import Desk, Exported, Progress, Ticket

TARGET_S = 2.0
TARGET_STALL_MS = 50.0


class Run:
    """One export through the desk: its answer and the progress it reported."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.serial = 0
        self.exported: Exported | None = None
        self.progress: list[Progress] = []
        desk.orders_exported.connect(self.on_desk_orders_exported)
        desk.progressed.connect(self.on_desk_progressed)
        desk.task_failed.connect(self.on_desk_task_failed)

    def start(self, panel_id: int, path: Path) -> None:
        self.exported, self.progress = None, []
        selection = OrderSelection.matching(OrderQuery())
        self.serial = self.desk.export_orders(panel_id, selection, path).serial

    def on_desk_orders_exported(self, ticket: Ticket, exported: Exported) -> None:
        if ticket.serial == self.serial:
            self.exported = exported

    def on_desk_progressed(self, ticket: Ticket, progress: Progress) -> None:
        if ticket.serial == self.serial:
            self.progress.append(progress)

    def on_desk_task_failed(self, ticket: Ticket, error: Exception) -> None:
        if ticket.serial == self.serial:
            raise SystemExit(f"export failed: {error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    favour_gui_thread()  # as the app runs (smmdesk.app)
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        started = time.perf_counter()
        panel_ids = fill(path, args.orders)
        print(f"inserted {args.orders:,} orders in {time.perf_counter() - started:.1f} s")
        with Store.open(path) as store:
            desk = Desk(store, KeyStore())
            freeze_start_up_objects()
            try:
                measure(app, Run(desk), panel_ids[0], Path(folder), args.runs)
            finally:
                desk.shutdown()


def measure(app: QApplication, run: Run, panel_id: int, folder: Path, runs: int) -> None:
    seconds, stalls = [], []
    for n in range(runs):
        target = folder / f"orders-{n}.csv"
        settle(app)
        start_meter, stop_meter = stall_meter()
        start_meter()
        started = time.perf_counter()
        run.start(panel_id, target)
        wait_until(app, lambda: run.exported is not None)
        seconds.append(time.perf_counter() - started)
        stalls.append(stop_meter())
        assert run.exported is not None
        size = target.stat().st_size / 1e6
        print(
            f"run {n + 1}: {run.exported.count:,} orders, {size:.1f} MB in {seconds[-1]:.2f} s;"
            f" {len(run.progress)} progress signals; worst GUI stall {stalls[-1]:.1f} ms"
        )
    median, stall = statistics.median(seconds), max(stalls)
    verdict = "OK" if median <= TARGET_S and stall <= TARGET_STALL_MS else "OVER TARGET"
    print(
        f"export median {median:.2f} s (target <= {TARGET_S:.0f} s), worst GUI stall"
        f" {stall:.1f} ms (target <= {TARGET_STALL_MS:.0f} ms): {verdict}"
    )


if __name__ == "__main__":
    main()

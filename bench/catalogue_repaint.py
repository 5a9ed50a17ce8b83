"""Services table repaint over a 20,000-service catalogue: this tree's model against the
model of another commit, in one process, by turns.

    python bench/catalogue_repaint.py [--against COMMIT] [--rounds N]

Both models (`ServicesModel`; the other commit's `smmdesk/ui/catalogue` is loaded under
another package name) get the same catalogue, a tenth of it new or re-priced, and their
tree's `ServicesView` (with its delegate) of 1200 x 700 each. A round paints, for each
model in turn:

- a page never shown before (scrolled to; its display texts are built and kept), and
- the same page again (what scrolling back, hovering and selecting cost),

synchronously (`repaint()`), and records the GUI thread's CPU time of each paint. The
figures are per paint: median and p95, per model, with the load average.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SERVICES = 20_000
OLD_PACKAGE = "catalogue_then"
PACKAGE = "smmdesk/ui/catalogue"


def catalogue() -> list[Any]:
    from smmdesk.api import Service

    types = ("Default", "Package", "Custom Comments", "Subscriptions")
    return [
        Service(
            str(1000 + n),
            f"Instagram Followers | Real Accounts {n} | Max {n % 50}K | Refill {n % 90} days",
            types[n % len(types)],
            f"Instagram Followers [{n % 40}]",
            Decimal(n % 997) / 7,
            10 * (1 + n % 5),
            10_000 * (1 + n % 100),
            refill=n % 2 == 0,
            cancel=n % 3 == 0,
            dripfeed=n % 5 == 0,
        )
        for n in range(SERVICES)
    ]


def changes(services: list[Any]) -> Any:
    from smmdesk.store import CatalogueDiff

    added = frozenset(s.id for s in services[::20])
    repriced = {s.id: (s.rate + 1, s.rate) for s in services[10::20]}
    return CatalogueDiff(added=added, repriced=repriced)


def load_then(commit: str, folder: Path) -> ModuleType:
    """The other commit's catalogue package, importable as `OLD_PACKAGE`: its view module."""
    target = folder / OLD_PACKAGE
    target.mkdir()
    listing = subprocess.run(
        ["git", "-C", str(ROOT), "ls-tree", "--name-only", f"{commit}:{PACKAGE}"],
        check=True,
        capture_output=True,
        text=True,
    )
    for name in listing.stdout.split():
        if name.endswith(".py"):
            source = subprocess.run(
                ["git", "-C", str(ROOT), "show", f"{commit}:{PACKAGE}/{name}"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            (target / name).write_text(source.replace("smmdesk.ui.catalogue", OLD_PACKAGE))
    sys.path.insert(0, str(folder))
    import importlib

    importlib.import_module(f"{OLD_PACKAGE}.services_model")
    return importlib.import_module(f"{OLD_PACKAGE}.services_view")


def view_of(views: ModuleType, model: Any) -> Any:
    view = views.ServicesView(model)
    view.resize(1200, 700)
    view.show()
    return view


def paint_cpu_ms(view: Any) -> float:
    started = time.thread_time()
    view.viewport().repaint()
    return (time.thread_time() - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default="HEAD", help="the commit to compare with")
    parser.add_argument("--rounds", type=int, default=60)
    arguments = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from smmdesk.runtime import favour_gui_thread
    from smmdesk.ui.catalogue import services_view
    from smmdesk.ui.catalogue.services_model import ServicesModel

    favour_gui_thread()  # as the app does at start-up
    app = QApplication(sys.argv[:1])
    services = catalogue()
    diff = changes(services)
    with tempfile.TemporaryDirectory() as folder:
        then = load_then(arguments.against, Path(folder))
        trees = {
            arguments.against: (then, sys.modules[f"{OLD_PACKAGE}.services_model"].ServicesModel()),
            "this tree": (services_view, ServicesModel()),
        }
        views = {}
        for name, (view_module, model) in trees.items():
            model.set_catalogue(services, diff, "USD")
            views[name] = view_of(view_module, model)
        app.processEvents()
        first: dict[str, list[float]] = {name: [] for name in trees}
        again: dict[str, list[float]] = {name: [] for name in trees}
        for round_number in range(arguments.rounds):
            for name, view in views.items():
                bar = view.verticalScrollBar()
                bar.setValue(round_number * bar.pageStep() % max(bar.maximum(), 1))
                app.processEvents()
                first[name].append(paint_cpu_ms(view))
                again[name].append(paint_cpu_ms(view))
    print(f"load average: {Path('/proc/loadavg').read_text().split()[:3]}")
    for label, figures in (("new page", first), ("same page again", again)):
        for name, values in figures.items():
            p95 = statistics.quantiles(values, n=20)[-1]
            median = statistics.median(values)
            print(f"{label:16} {name:10} CPU ms median {median:5.1f}  p95 {p95:5.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

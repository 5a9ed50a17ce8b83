"""The Refills pane's table with thousands of refills: how long the GUI thread waits to show
them (sorted newest first, as the pane opens), to sort them by a column, and for each
keystroke of a search (the first one folds every row's text; later ones reuse it).

Run: `.venv/bin/python bench/refills_pane.py [--refills 10000]`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def waited(app: object, work: Callable[[], object]) -> float:
    """Milliseconds until `work` and the repaint it asked for are done."""
    started = time.perf_counter()
    work()
    app.processEvents()  # type: ignore[attr-defined]
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--refills", type=int, default=10_000)
    args = parser.parse_args()
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QTableView

    from smmdesk.api import RefillState
    from smmdesk.runtime import favour_gui_thread
    from smmdesk.store import RefillRecord
    from smmdesk.ui.refills.refills_model import RefillColumn, RefillsModel, RefillsProxy

    favour_gui_thread()
    app = QApplication(sys.argv[:1])
    now = datetime.now(UTC)
    states = list(RefillState)
    records = [
        RefillRecord(
            n, 1 + n % 3, n, str(100_000 + n), str(5_000 + n), None, None,
            states[n % len(states)], now - timedelta(minutes=n * 7 % 99_991), now,
        )
        for n in range(args.refills)
    ]  # fmt: skip
    model = RefillsModel()
    proxy = RefillsProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(RefillColumn.CREATED, Qt.SortOrder.DescendingOrder)
    view.resize(1200, 600)
    view.show()
    app.processEvents()
    print(f"{args.refills:,} refills")
    shown_ms = waited(app, lambda: model.set_records(records))
    print(f"  shown, newest first:        {shown_ms:6.0f} ms")
    for column in (RefillColumn.ORDER_ID, RefillColumn.STATUS):
        sort = lambda c=column: view.sortByColumn(c, Qt.SortOrder.AscendingOrder)  # noqa: E731
        print(f"  sorted by {column.name.lower():18}{waited(app, sort):6.0f} ms")
    for text in ("1", "10", "100", "1000", ""):
        search = lambda t=text: proxy.set_search(t)  # noqa: E731
        shown = f"{text!r} ({{rows}} rows)"
        ms = waited(app, search)
        print(f"  search {shown.format(rows=proxy.rowCount()):20}{ms:6.0f} ms")


if __name__ == "__main__":
    main()

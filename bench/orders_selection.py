"""Acting on a whole selection at 100,000 orders: what select-all costs, and where.

Run: `.venv/bin/python bench/orders_selection.py [--orders 100000] [--repeat 9]`.

* `BulkPlanner.plan` for "all orders of a panel" (the `plan_orders` Desk job, on a
  worker): reading every matching order and splitting it for a refill.
* `LocalReads.resolutions`: the one lookup the GUI thread adds on a selection change
  (whether the selected order's ID was entered by hand); must stay far under a frame.
* The GUI-thread work after an answer arrives: the text Copy IDs puts on the
  clipboard, the rows the per-order outcome table paints first, and its Copy button.

The history is the one `bench/orders_query.py` builds (bulk-inserted, same columns).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.orders_query import fill
from smmdesk.runtime import favour_gui_thread
from smmdesk.services.bulk import BulkAction, BulkPlanner, OrderSelection
from smmdesk.store import OrderQuery, Store
from smmdesk.ui.orders.bulk_outcome import as_text, refill_rows
from smmdesk.workers import LocalReads, RefillsRequested


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and worst wall time in milliseconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    favour_gui_thread()  # the collector's thresholds as the app sets them
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        panel_ids = fill(path, args.orders)
        with Store.open(path) as store:
            report(store, panel_ids[0], args.repeat)


def report(store: Store, panel_id: int, repeat: int) -> None:
    planner, reads = BulkPlanner(store), LocalReads(store)
    everything = OrderSelection.matching(OrderQuery(panel_id=panel_id))
    plan = planner.plan(panel_id, everything, BulkAction.REFILL)
    print(f"select-all on panel {panel_id}: {plan.asked:,} orders, {len(plan.eligible):,} eligible")
    median, worst = timed(lambda: planner.plan(panel_id, everything, BulkAction.REFILL), repeat)
    print(f"  plan (worker)                : median {median:7.1f} ms, worst {worst:7.1f} ms")
    ids = planner.plan(panel_id, everything, BulkAction.COPY_IDS).eligible
    median, worst = timed(lambda: "\n".join(r.order_id or "" for r in ids), repeat)
    print(f"  copy-IDs text (GUI thread)   : median {median:7.1f} ms, worst {worst:7.1f} ms")
    refills = store.add_refills([(r, str(r.id), None) for r in plan.eligible])
    answer = RefillsRequested(refills, [])
    median, worst = timed(lambda: refill_rows(plan, answer)[:40], repeat)
    print(f"  outcome table, first 40 rows : median {median:7.1f} ms, worst {worst:7.1f} ms")
    median, worst = timed(lambda: as_text(refill_rows(plan, answer)), repeat)
    print(f"  outcome Copy, every row      : median {median:7.1f} ms, worst {worst:7.1f} ms")
    record_id = plan.eligible[len(plan.eligible) // 2].id
    lookups = [timed(lambda: reads.resolutions(record_id), 1)[0] for _ in range(200)]
    p95 = statistics.quantiles(lookups, n=20)[-1]
    print(f"  resolutions lookup (GUI)     : p95 {p95:7.3f} ms over 200")


if __name__ == "__main__":
    main()

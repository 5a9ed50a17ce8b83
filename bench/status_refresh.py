"""Status refresh of many tracked orders against the demo panel, versus the protocol floor.

The floor is what the protocol allows at best: ceil(N / 100) multi-status requests, with
`concurrency` of them in flight, each costing one round-trip latency.

    python bench/status_refresh.py [--orders 10000] [--latency-ms 100] [--concurrency 4]

Prints elapsed time, floor and ratio (target: ratio <= 1.3) for the bare client and for the
full tracker path (client + one SQLite transaction); then the store's part alone, as CPU
time (steadier than wall time on a shared machine): recording the statuses the panel
gave, and working out the figures schema 11 keeps for those orders, which the next read
of a report, the scorecard or the Overview does (`derived.settle`), not the refresh.
"""

from __future__ import annotations

import argparse
import math
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from smmdesk.api import OrderStatus, PanelClient
from smmdesk.demopanel import DemoPanel
from smmdesk.services import StatusTracker
from smmdesk.store import Store
from smmdesk.store.derived import settle

KEY = "bench-key"
TARGET_RATIO = 1.3


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--latency-ms", type=float, default=100.0)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    return parser.parse_args()


def floor_seconds(orders: int, concurrency: int, latency_ms: float) -> float:
    return math.ceil(math.ceil(orders / 100) / concurrency) * latency_ms / 1000


def time_client(panel: DemoPanel, ids: list[str], concurrency: int) -> float:
    with PanelClient(panel.url, KEY, max_in_flight=concurrency) as client:
        started = time.perf_counter()
        results = client.statuses(ids)
        elapsed = time.perf_counter() - started
    assert len(results) == len(ids)
    return elapsed


def time_tracker(panel: DemoPanel, ids: list[str], concurrency: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "bench.sqlite3")
        panel_row = store.add_panel("bench", panel.url)
        store.import_orders(panel_row.id, ids)
        with PanelClient(panel.url, KEY, max_in_flight=concurrency) as client:
            started = time.perf_counter()
            report = StatusTracker(store).refresh_orders(client, panel_row.id)
            elapsed = time.perf_counter() - started
        store.close()
    assert report.checked == len(ids)
    return elapsed


def time_store(statuses: dict[str, OrderStatus], repeat: int) -> tuple[list[float], list[float]]:
    """CPU milliseconds of recording `statuses` for as many newly tracked orders, and of
    settling them afterwards; a fresh store each time."""
    recorded, settled = [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            store = Store.open(Path(folder) / "bench.sqlite3")
            panel = store.add_panel("bench", "https://bench.example/api/v2")
            store.import_orders(panel.id, list(statuses))
            settle(store._db)
            started = time.process_time()
            store.record_order_statuses(panel.id, statuses, {}, datetime.now(UTC))
            recorded.append((time.process_time() - started) * 1000)
            started = time.process_time()
            settle(store._db)
            settled.append((time.process_time() - started) * 1000)
            store.close()
    return recorded, settled


def main() -> int:
    args = parse_args()
    floor = floor_seconds(args.orders, args.concurrency, args.latency_ms)
    with DemoPanel(key=KEY, services=200, seed=1) as panel:
        ids = panel.create_orders(args.orders)
        panel.latency_ms = args.latency_ms
        rows = [
            (
                "client.statuses()",
                [time_client(panel, ids, args.concurrency) for _ in range(args.repeat)],
            ),
            (
                "StatusTracker (client + store)",
                [time_tracker(panel, ids, args.concurrency) for _ in range(args.repeat)],
            ),
        ]
        panel.latency_ms = 0
        with PanelClient(panel.url, KEY) as client:
            answers = client.statuses(ids)
    statuses = {i: answer for i, answer in answers.items() if isinstance(answer, OrderStatus)}
    recorded, settled = time_store(statuses, args.repeat)
    print(
        f"Status refresh: {args.orders:,} orders, {args.latency_ms:.0f} ms latency, "
        f"{args.concurrency} requests in flight; protocol floor {floor:.3f} s"
    )
    worst = 0.0
    for name, timings in rows:
        median = statistics.median(timings)
        worst = max(worst, median / floor)
        print(
            f"  {name:32s} median {median:.3f} s  ratio {median / floor:.2f}x  (runs: "
            + ", ".join(f"{t:.3f}" for t in timings)
            + ")"
        )
    verdict = "meets" if worst <= TARGET_RATIO else "MISSES"
    print(f"  worst ratio {worst:.2f}x {verdict} the target of {TARGET_RATIO}x")
    for name, cpu in (
        ("record_order_statuses", recorded),
        ("settle, before the next read", settled),
    ):
        print(
            f"  store's part, {name}: CPU median {statistics.median(cpu):.0f} ms (runs: "
            + ", ".join(f"{t:.0f}" for t in cpu)
            + ")"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

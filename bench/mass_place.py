"""Mass order, placing: a batch sent through the journal, versus the protocol floor.

Run: `.venv/bin/python bench/mass_place.py [--orders 200] [--latency-ms 100] [--in-flight 2]`.

The demo panel runs in a process of its own (`python -m smmdesk.demopanel`) with the
latency of a distant panel on every answer, so this process does only what the app does:
`BatchPlacer.run` with a real `PanelClient`, each line claimed with its `sending` row,
sent, and its answer recorded in SQLite (FULL sync, as in the app). The floor is what the
protocol allows at best: one `add` per order, `in_flight` of them at once, each a
round trip: orders / in_flight * latency. Target (issue 11): <= 1.2x the floor.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from smmdesk.api import PanelClient
from smmdesk.api.draft import OrderDraft
from smmdesk.services.batches import BatchControl, BatchPlacer, BatchProgress
from smmdesk.store import Store

KEY = "bench-key"
TARGET_RATIO = 1.2


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=200)
    parser.add_argument("--latency-ms", type=float, default=100.0)
    parser.add_argument("--in-flight", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    return parser.parse_args()


@contextmanager
def demo_panel(latency_ms: float) -> Iterator[str]:
    """A demo panel in a child process; yields its API URL."""
    command = [sys.executable, "-m", "smmdesk.demopanel", "--key", KEY, "--services", "300",
               "--latency-ms", str(latency_ms), "--balance", "100000000"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        yield process.stdout.readline().strip()
    finally:
        process.terminate()
        process.wait(timeout=10)


def place_once(url: str, orders: int, in_flight: int, run: int) -> tuple[float, BatchProgress, int]:
    """Seconds for one batch of `orders`, its final progress, and how many reports came.
    Each run has links of its own: the panel refuses a link that has an active order."""
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "b.db") as store:
        panel = store.add_panel("Bench", url, allow_insecure_http=True)
        with PanelClient(url, KEY, allow_insecure_http=True) as client:
            service = next(s for s in client.services() if s.type == "Default" and not s.dripfeed)
            drafts = [
                (
                    n,
                    panel.id,
                    OrderDraft.of(service, f"https://instagram.com/p/r{run}o{n}", service.min),
                )
                for n in range(1, orders + 1)
            ]
            batch = store.create_batch("bench", drafts)
            reports: list[BatchProgress] = []

            @contextmanager
            def lease(panel_id: int) -> Iterator[PanelClient]:
                yield client

            client.balance()  # the connection is open before timing starts
            started = time.perf_counter()
            final = BatchPlacer(store).run(batch.id, lease, in_flight, BatchControl(),
                                           reports.append)  # fmt: skip
            elapsed = time.perf_counter() - started
    return elapsed, final, len(reports)


def main() -> int:
    args = parse_args()
    floor = args.orders / args.in_flight * args.latency_ms / 1000
    with demo_panel(args.latency_ms) as url:
        runs = [place_once(url, args.orders, args.in_flight, run) for run in range(args.repeat)]
    seconds = statistics.median(run[0] for run in runs)
    final = runs[-1][1]
    print(
        f"Mass order placing: {args.orders} orders, {args.latency_ms:.0f} ms latency,"
        f" {args.in_flight} in flight; protocol floor {floor:.2f} s"
    )
    print(
        f"  BatchPlacer median {seconds:.2f} s  ratio {seconds / floor:.2f}x  (runs: "
        + ", ".join(f"{run[0]:.2f}" for run in runs)
        + ")"
    )
    print(
        f"  placed {final.placed}/{final.total} (rejected {final.rejected}, unconfirmed"
        f" {final.unconfirmed}), {runs[-1][2]} progress reports"
        f" ({runs[-1][2] / runs[-1][0]:.1f} a second)"
    )
    verdict = "meets" if seconds / floor <= TARGET_RATIO else "MISSES"
    print(f"  ratio {seconds / floor:.2f}x {verdict} the target of {TARGET_RATIO}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The demo panel's own speed: catalogue generation, serving it, latency and concurrency.

    python bench/demo_panel.py [--services 20000] [--repeat 5]

These figures used to be wall-clock asserts in tests/demopanel, where a loaded machine
made them fail; the tests now check what the panel does, and this script says how fast:

(a) building a DemoPanel with a 20,000-service catalogue (target < 1 s);
(b) serving that catalogue to one `services` request (target < 1 s);
(c) a `balance` round trip at 0 ms latency (p50 / p95, target < 100 ms), and at 150 ms
    latency (never below 150 ms: the latency is honoured);
(d) four 100-ID multi-status requests at 100 ms latency on four connections: they overlap,
    so together they take about one latency (target < 250 ms; one after another: 400 ms);
(e) stop() with a handler stalled in a `timeout` fault (target < 1 s; the stall is 30 s).

Each figure is the median of --repeat runs; the exit status is 0 even when a target is
missed (the verdict is printed), as for the other benches.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import httpx

from smmdesk.demopanel import DemoPanel

KEY = "bench-key"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--round-trips", type=int, default=200)
    return parser.parse_args()


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def generate_and_serve(services: int) -> tuple[float, float]:
    """(a) and (b): seconds to build the panel, seconds for one `services` answer."""
    started = time.perf_counter()
    panel = DemoPanel(key=KEY, services=services, seed=1)
    generated = time.perf_counter() - started
    with panel, httpx.Client(timeout=30.0) as client:
        started = time.perf_counter()
        response = client.post(panel.url, data={"key": KEY, "action": "services"})
        served = time.perf_counter() - started
    if len(response.json()) != services:
        raise RuntimeError("the services answer is incomplete")
    return generated, served


def round_trips(panel: DemoPanel, client: httpx.Client, count: int) -> list[float]:
    """(c) seconds per `balance` round trip at the panel's current latency."""
    data = {"key": KEY, "action": "balance"}
    client.post(panel.url, data=data)  # the connection is open before timing starts
    return [timed(lambda: client.post(panel.url, data=data)) for _ in range(count)]


def overlapping_requests(panel: DemoPanel, latency_ms: float) -> float:
    """(d) seconds for four multi-status requests sent at once on four connections."""
    batches = [",".join(panel.create_orders(100)) for _ in range(4)]
    clients = [httpx.Client(timeout=10.0) for _ in batches]
    try:
        for client in clients:
            client.post(panel.url, data={"key": KEY, "action": "balance"})
        panel.latency_ms = latency_ms

        def multi_status(client: httpx.Client, ids: str) -> None:
            client.post(panel.url, data={"key": KEY, "action": "status", "orders": ids})

        with ThreadPoolExecutor(max_workers=4) as pool:
            return timed(lambda: list(pool.map(multi_status, clients, batches)))
    finally:
        panel.latency_ms = 0
        for client in clients:
            client.close()


def stop_with_a_stalled_handler() -> float:
    """(e) seconds stop() takes while a handler sits in a 30 s `timeout` fault."""
    panel = DemoPanel(key=KEY, services=30).start()
    panel.inject("balance", "timeout")

    def stalled_call() -> None:
        with contextlib.suppress(httpx.HTTPError):  # the connection is dropped by stop()
            httpx.post(panel.url, data={"key": KEY, "action": "balance"}, timeout=60.0)

    caller = threading.Thread(target=stalled_call)
    caller.start()
    while panel.requests["balance"] == 0:
        time.sleep(0.01)
    seconds = timed(panel.stop)
    caller.join()
    return seconds


def row(name: str, value: str, target: str, ok: bool | None) -> str:
    verdict = "" if ok is None else ("ok" if ok else "MISSED")
    return f"{name:<52} {value:>12} {target:>10}  {verdict}"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    args = parse_args()
    runs = [generate_and_serve(args.services) for _ in range(args.repeat)]
    generated = statistics.median(run[0] for run in runs)
    served = statistics.median(run[1] for run in runs)
    with DemoPanel(key=KEY, services=300, seed=1) as panel, httpx.Client(timeout=10.0) as client:
        fast = round_trips(panel, client, args.round_trips)
        panel.latency_ms = 150
        slow = round_trips(panel, client, max(10, args.round_trips // 20))
        panel.latency_ms = 0
        overlap = statistics.median(overlapping_requests(panel, 100) for _ in range(args.repeat))
    stop = statistics.median(stop_with_a_stalled_handler() for _ in range(args.repeat))
    ms = 1000
    print(f"Demo panel: {args.services:,} services, median of {args.repeat} runs")
    lines = [
        row("figure", "measured", "target", None),
        row(f"(a) build a {args.services:,}-service panel", f"{generated:.3f} s", "< 1 s",
            generated < 1.0),
        row(f"(b) serve {args.services:,} services", f"{served:.3f} s", "< 1 s", served < 1.0),
        row("(c) balance round trip, 0 ms latency, p50", f"{statistics.median(fast) * ms:.1f} ms",
            "< 100 ms", statistics.median(fast) < 0.1),
        row("(c) balance round trip, 0 ms latency, p95", f"{percentile(fast, 0.95) * ms:.1f} ms",
            "< 100 ms", percentile(fast, 0.95) < 0.1),
        row("(c) balance round trip, 150 ms latency, min", f"{min(slow) * ms:.1f} ms",
            ">= 150 ms", min(slow) >= 0.15),
        row("(d) 4 multi-status at 100 ms latency, together", f"{overlap * ms:.0f} ms",
            "< 250 ms", overlap < 0.25),
        row("(e) stop() with a stalled handler", f"{stop * ms:.0f} ms", "< 1000 ms", stop < 1.0),
    ]  # fmt: skip
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

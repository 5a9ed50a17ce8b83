"""``python -m smmdesk.demopanel``: run a demo panel until SIGINT or SIGTERM.

The API URL is the first line on stdout (flushed at once), so that a parent process
started with ``--port 0`` can read which port it got.
"""

from __future__ import annotations

import argparse
import signal
import threading
from decimal import Decimal
from types import FrameType

from .panel import DemoPanel


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m smmdesk.demopanel", description="Serve a demo SMM panel (API v2)."
    )
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--key", default="demo-key", help="the API key the panel accepts")
    parser.add_argument("--services", type=int, default=300, help="catalogue size")
    parser.add_argument("--latency-ms", type=float, default=0.0, help="delay of every answer")
    parser.add_argument("--speed", type=float, default=1.0, help="simulated clock speed")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--balance", type=Decimal, default=Decimal("1000"))
    parser.add_argument("--currency", default="USD")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    stop_requested = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop_requested.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    panel = DemoPanel(
        key=arguments.key,
        services=arguments.services,
        seed=arguments.seed,
        latency_ms=arguments.latency_ms,
        speed=arguments.speed,
        balance=arguments.balance,
        currency=arguments.currency,
        host=arguments.host,
        port=arguments.port,
    )
    with panel:
        print(panel.url, flush=True)
        while not stop_requested.wait(0.5):
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

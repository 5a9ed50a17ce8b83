"""A real SMM panel API v2 server on loopback, for Demo mode, tests and benchmarks.

Stdlib only and independent of the rest of SMMDesk (and of Qt), so that it can run in a
subprocess, in a test fixture or behind the app's Demo mode alike.

    with DemoPanel(key="demo-key", services=300, seed=1) as panel:
        httpx.post(panel.url, data={"key": "demo-key", "action": "balance"})
"""

from .faults import FAULTS
from .panel import DemoPanel

APP_DEMO_SERVICES = 600
APP_DEMO_SPEED = 5.0  # simulated seconds per real second: orders progress while you watch


def app_demo(key: str) -> DemoPanel:
    """The demo panel the app's Demo mode and `--selftest` run (not started yet)."""
    return DemoPanel(key=key, services=APP_DEMO_SERVICES, speed=APP_DEMO_SPEED)


__all__ = ["APP_DEMO_SERVICES", "APP_DEMO_SPEED", "FAULTS", "DemoPanel", "app_demo"]

"""A real SMM panel API v2 server on loopback, for Demo mode, tests and benchmarks.

Stdlib only and independent of the rest of SMMDesk (and of Qt), so that it can run in a
subprocess, in a test fixture or behind the app's Demo mode alike.

    with DemoPanel(key="demo-key", services=300, seed=1) as panel:
        httpx.post(panel.url, data={"key": "demo-key", "action": "balance"})
"""

from .faults import FAULTS
from .panel import DemoPanel

__all__ = ["FAULTS", "DemoPanel"]

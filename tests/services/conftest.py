"""Service fixtures: the real demo panel on loopback, a client for it, and a store."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from smmdesk import paths
from smmdesk.api import PanelClient, RetryPolicy, Service
from smmdesk.api.draft import OrderDraft
from smmdesk.demopanel import DemoPanel
from smmdesk.store import Panel, Store
from tests.conftest import TEST_KEY

_links = itertools.count(1)


@pytest.fixture
def panel_server() -> Iterator[DemoPanel]:
    with DemoPanel(key=TEST_KEY, services=50, seed=1, latency_ms=0, speed=1.0) as server:
        server.timeout_fault_seconds = 2.0
        yield server


@pytest.fixture
def client(panel_server: DemoPanel) -> Iterator[PanelClient]:
    """Short timeouts and no waiting between read retries, so fault tests stay fast."""
    retry = RetryPolicy(max_attempts=2, base_delay=0.01, max_delay=0.01, max_retry_after=0.01)
    with PanelClient(panel_server.url, TEST_KEY, timeout=0.5, retry=retry) as opened:
        yield opened


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.open(paths.database_path()) as opened:
        yield opened


@pytest.fixture
def panel(store: Store, panel_server: DemoPanel) -> Panel:
    return store.add_panel("Demo", panel_server.url, is_demo=True)


@pytest.fixture
def catalogue(client: PanelClient) -> list[Service]:
    return client.services()


def default_service(catalogue: list[Service], *, refill: bool | None = None,
                    cancel: bool | None = None) -> Service:  # fmt: skip
    """A plain Default service (link + quantity), optionally with given refill/cancel."""
    for service in catalogue:
        if service.type != "Default" or service.dripfeed:
            continue
        if refill is not None and service.refill != refill:
            continue
        if cancel is not None and service.cancel != cancel:
            continue
        return service
    raise LookupError("the demo catalogue has no such Default service")


def order_for(service: Service, quantity: int | None = None) -> OrderDraft:
    return OrderDraft.of(
        service=service,
        link=f"https://instagram.com/p/test{next(_links)}",
        quantity=service.min if quantity is None else quantity,
    )

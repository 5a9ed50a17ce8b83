"""Fixtures that drive the demo panel with raw httpx, independent of the app's client."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import httpx
import pytest

from smmdesk.demopanel import DemoPanel

KEY = "test-key"
_links = itertools.count(1)


@dataclass(frozen=True)
class WireService:
    """A served catalogue entry with its dialect quirks normalised, for choosing in tests."""

    id: int
    type: str
    rate: Decimal
    min: int
    max: int
    refill: bool
    cancel: bool
    dripfeed: bool

    @classmethod
    def parse(cls, wire: dict[str, Any]) -> WireService:
        return cls(
            id=int(wire["service"]),
            type=wire["type"],
            rate=Decimal(wire["rate"]),
            min=int(wire["min"]),
            max=int(wire["max"]),
            refill=bool(wire["refill"]),
            cancel=bool(wire["cancel"]),
            dripfeed=bool(wire.get("dripfeed", False)),
        )


class Api:
    """Form-encoded POSTs to the panel; ``call`` returns the decoded JSON of a 200."""

    def __init__(self, client: httpx.Client, url: str) -> None:
        self.client = client
        self.url = url

    def post(self, action: str, key: str = KEY, **fields: Any) -> httpx.Response:
        data = {"key": key, "action": action, **{name: str(v) for name, v in fields.items()}}
        return self.client.post(self.url, data=data)

    def call(self, action: str, **fields: Any) -> Any:
        response = self.post(action, **fields)
        assert response.status_code == 200, response.text
        return response.json()

    def add_default(self, service: WireService, **fields: Any) -> Any:
        fields.setdefault("quantity", service.min)
        return self.call("add", service=service.id, link=unique_link(), **fields)


def unique_link() -> str:
    return f"https://instagram.com/p/test{next(_links)}"


def pick(panel: DemoPanel, **wanted: Any) -> WireService:
    """The first served service whose normalised attributes match ``wanted``."""
    for wire in panel.services_list:
        service = WireService.parse(wire)
        if all(getattr(service, name) == value for name, value in wanted.items()):
            return service
    raise LookupError(f"no service with {wanted}")


@pytest.fixture
def panel() -> Iterator[DemoPanel]:
    with DemoPanel(key=KEY, services=300, seed=7, balance=Decimal("1000")) as running:
        yield running


@pytest.fixture
def api(panel: DemoPanel) -> Iterator[Api]:
    with httpx.Client(timeout=5.0) as client:
        yield Api(client, panel.url)


@pytest.fixture
def find(panel: DemoPanel) -> Callable[..., WireService]:
    return lambda **wanted: pick(panel, **wanted)

"""Store fixtures: a fresh database in the test's app-data folder."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from smmdesk import paths
from smmdesk.api import Service
from smmdesk.store import Panel, Store


def make_service(service_id: str = "1", rate: str = "1.50", **overrides: Any) -> Service:
    values: dict[str, Any] = {
        "id": service_id,
        "name": f"Instagram Followers [{service_id}]",
        "type": "Default",
        "category": "Instagram",
        "rate": Decimal(rate),
        "min": 10,
        "max": 10_000,
        "refill": True,
        "cancel": False,
    }
    values.update(overrides)
    return Service(**values)


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.open(paths.database_path()) as opened:
        yield opened


@pytest.fixture
def panel(store: Store) -> Panel:
    return store.add_panel("Main panel", "https://panel.example/api/v2")

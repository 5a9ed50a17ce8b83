"""The generated catalogue: deterministic, complete, and as untidy as real panels'."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest

from smmdesk.demopanel import DemoPanel
from smmdesk.demopanel.catalogue import ALL_TYPES, generate_catalogue

from .conftest import KEY, Api


def test_same_seed_same_catalogue_and_different_seed_differs() -> None:
    assert generate_catalogue(200, seed=3) == generate_catalogue(200, seed=3)
    assert generate_catalogue(200, seed=3) != generate_catalogue(200, seed=4)


def test_ids_are_consecutive_integers_from_one(panel: DemoPanel) -> None:
    assert [wire["service"] for wire in panel.services_list] == list(range(1, 301))


def test_every_protocol_type_is_present(panel: DemoPanel) -> None:
    served = {wire["type"] for wire in panel.services_list}
    assert served == set(ALL_TYPES)
    types = [wire["type"] for wire in panel.services_list]
    assert types.count("Default") > len(types) / 2


def test_dialect_quirks_are_mixed(panel: DemoPanel) -> None:
    services = panel.services_list
    assert {type(wire["min"]) for wire in services} == {int, str}
    assert {type(wire["refill"]) for wire in services} == {bool, int}
    assert any("dripfeed" not in wire for wire in services)
    assert any("\n" in wire.get("desc", "") for wire in services)
    assert any("desc" not in wire for wire in services)
    assert any(not wire["name"].isascii() for wire in services)
    assert {bool(wire["refill"]) for wire in services} == {True, False}
    assert {bool(wire["cancel"]) for wire in services} == {True, False}


def test_rates_are_positive_strings_with_at_most_five_decimals(panel: DemoPanel) -> None:
    for wire in panel.services_list:
        rate = wire["rate"]
        assert isinstance(rate, str)
        assert Decimal(rate) > 0
        assert len(rate.partition(".")[2]) <= 5
        assert int(wire["min"]) <= int(wire["max"])


def test_services_action_serves_the_catalogue(panel: DemoPanel, api: Api) -> None:
    assert api.call("services") == panel.services_list
    assert "charset=utf-8" in api.post("services").headers["content-type"]


@pytest.mark.timeout(60)
def test_twenty_thousand_services_generate_and_serve_complete() -> None:
    """How fast is bench/demo_panel.py's business; this checks the big catalogue is whole."""
    panel = DemoPanel(key=KEY, services=20_000, seed=1)
    with panel, httpx.Client(timeout=30.0) as client:
        response = client.post(panel.url, data={"key": KEY, "action": "services"})
    served = response.json()
    assert served == panel.services_list
    assert [wire["service"] for wire in served] == list(range(1, 20_001))
    assert {wire["type"] for wire in served} == set(ALL_TYPES)


def test_one_served_entry_can_be_changed_without_touching_the_ledger(
    panel: DemoPanel, api: Api
) -> None:
    panel.serve_entry(5, rate="abc")
    served = api.call("services")
    assert served[4]["rate"] == "abc"
    assert [wire["service"] for wire in served] == list(range(1, 301))
    fields = {"service": 5, "link": "https://instagram.com/p/ledger", "quantity": served[4]["min"]}
    assert "order" in api.call("add", **fields)  # the panel still sells it

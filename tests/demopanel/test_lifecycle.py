"""Order lifecycles driven by the simulated clock, and the status action's shapes."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import httpx

from smmdesk.demopanel import DemoPanel

from .conftest import KEY, Api, WireService, pick, unique_link

Find = Callable[..., WireService]
FINAL = {"Completed", "Partial"}


def test_pending_then_in_progress_then_final(panel: DemoPanel, api: Api, find: Find) -> None:
    service = find(type="Default", dripfeed=False)
    order_id = api.add_default(service, quantity=service.min * 10)["order"]
    first = api.call("status", order=order_id)
    assert first == {
        "charge": first["charge"],
        "start_count": "0",
        "status": "Pending",
        "remains": str(service.min * 10),
        "currency": "USD",
    }
    panel.advance(6.5)
    early = api.call("status", order=order_id)
    panel.advance(10)
    later = api.call("status", order=order_id)
    assert early["status"] == later["status"] == "In progress"
    assert early["start_count"] == later["start_count"] != "0"
    assert int(later["remains"]) < int(early["remains"])
    panel.advance(60)
    final = api.call("status", order=order_id)
    assert final["status"] in FINAL
    assert (final["remains"] == "0") == (final["status"] == "Completed")


def test_fates_are_deterministic_per_seed() -> None:
    def fates(seed: int) -> dict[str, str]:
        with DemoPanel(key=KEY, services=50, seed=seed) as panel:
            ids = panel.create_orders(40)
            panel.advance(100)
            data = {"key": KEY, "action": "status", "orders": ",".join(ids)}
            answer = httpx.post(panel.url, data=data).json()
            return {order_id: item["status"] for order_id, item in answer.items()}

    assert fates(5) == fates(5)
    assert set(fates(5).values()) == FINAL


def test_partial_orders_refund_their_remains(panel: DemoPanel, api: Api) -> None:
    service = pick(panel, type="Default", dripfeed=False, min=100)
    charges = Decimal(0)
    ids = []
    for _ in range(40):
        order_id = api.add_default(service, quantity=1_000)["order"]
        ids.append(order_id)
        charges += panel.orders[str(order_id)].charge
    panel.advance(100)
    answers = api.call("status", orders=",".join(map(str, ids)))
    refunds = sum(
        (Decimal(answer["charge"]) * int(answer["remains"]) / 1000).quantize(Decimal("0.00001"))
        for answer in answers.values()
    )
    assert any(answer["status"] == "Partial" for answer in answers.values())
    assert panel.balance == Decimal("1000") - charges + refunds


def test_dripfeed_reports_runs(panel: DemoPanel, api: Api, find: Find) -> None:
    service = find(type="Default", dripfeed=True)
    order_id = api.add_default(service, runs=3, interval=1)["order"]
    assert api.call("status", order=order_id)["runs"] == 0
    panel.advance(6.5)
    assert api.call("status", order=order_id)["runs"] == 1
    panel.advance(60)
    assert api.call("status", order=order_id)["runs"] == 2
    panel.advance(1_000)
    final = api.call("status", order=order_id)
    assert final["runs"] == 3
    assert final["status"] in FINAL


def test_subscription_is_active_then_completed_or_expired(
    panel: DemoPanel, api: Api, find: Find
) -> None:
    service = find(type="Subscriptions")
    fields = {"service": service.id, "min": service.min, "max": service.min, "delay": 0}
    limited = api.call("add", username="a", posts=3, **fields)["order"]
    open_ended = api.call("add", username="b", **fields)["order"]
    panel.advance(40)
    active = api.call("status", order=limited)
    assert active["status"] == "Active"
    assert isinstance(active["posts"], int)
    panel.advance(1_000)
    assert api.call("status", order=limited) == {"status": "Completed", "posts": 3}
    assert api.call("status", order=open_ended)["status"] == "Expired"


def test_unknown_order_id(api: Api) -> None:
    assert api.call("status", order=1) == {"error": "Incorrect order ID"}
    assert api.call("status", order="abc") == {"error": "Incorrect order ID"}
    assert api.call("status") == {"error": "Incorrect order ID"}


def test_multi_status_is_keyed_by_id(panel: DemoPanel, api: Api) -> None:
    first, second = panel.create_orders(2)
    answer = api.call("status", orders=f"{first}, {second},42,x")
    assert list(answer) == [first, second, "42", "x"]
    assert answer[first]["status"] == "Pending"
    assert answer["42"] == answer["x"] == {"error": "Incorrect order ID"}


def test_multi_status_takes_at_most_one_hundred_ids(panel: DemoPanel, api: Api) -> None:
    ids = panel.create_orders(101)
    assert len(api.call("status", orders=",".join(ids[:100]))) == 100
    assert "error" in api.call("status", orders=",".join(ids))


def test_create_orders_charges_nothing(panel: DemoPanel) -> None:
    ids = panel.create_orders(10_000)
    assert len(set(ids)) == 10_000
    assert all(order_id in panel.orders for order_id in ids)
    panel.advance(1_000)
    assert panel.balance == Decimal("1000")


def test_create_orders_for_one_service(panel: DemoPanel) -> None:
    service = pick(panel, type="Default", refill=True)
    ids = panel.create_orders(3, service_id=service.id)
    assert {panel.orders[order_id].service_id for order_id in ids} == {service.id}


def test_link_of_created_orders_does_not_block_add(panel: DemoPanel, api: Api) -> None:
    panel.create_orders(5)
    service = pick(panel, type="Default")
    assert "order" in api.call("add", service=service.id, link=unique_link(), quantity=service.min)

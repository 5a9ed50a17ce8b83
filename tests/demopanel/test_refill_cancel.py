"""Refills and cancels: allowed only where the service and the order's state allow."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from smmdesk.demopanel import DemoPanel

from .conftest import Api, WireService

Find = Callable[..., WireService]


def _finished_order(panel: DemoPanel, api: Api, service: WireService) -> int:
    order_id: int = api.add_default(service)["order"]
    panel.advance(1_000)
    return order_id


def test_refill_of_a_finished_order(panel: DemoPanel, api: Api, find: Find) -> None:
    service = find(type="Default", refill=True, dripfeed=False)
    order_id = _finished_order(panel, api, service)
    answer = api.call("refill", order=order_id)
    assert isinstance(answer["refill"], str)
    assert api.call("refill_status", refill=answer["refill"]) == {"status": "Pending"}
    panel.advance(5.5)
    assert api.call("refill_status", refill=answer["refill"]) == {"status": "In progress"}
    panel.advance(100)
    final = api.call("refill_status", refill=answer["refill"])
    assert final["status"] in {"Completed", "Rejected"}


def test_refill_refused_before_completion_or_where_disabled(
    api: Api, find: Find, panel: DemoPanel
) -> None:
    refillable = find(type="Default", refill=True)
    fresh = api.add_default(refillable)["order"]
    assert api.call("refill", order=fresh) == {"error": "Refill is not available for this order"}
    no_refill = find(type="Default", refill=False)
    finished = _finished_order(panel, api, no_refill)
    assert api.call("refill", order=finished) == {"error": "Refill is disabled for this service"}
    assert api.call("refill", order=1) == {"error": "Incorrect order ID"}


def test_multi_refill_and_multi_refill_status(panel: DemoPanel, api: Api, find: Find) -> None:
    service = find(type="Default", refill=True)
    order_id = _finished_order(panel, api, service)
    answer = api.call("refill", orders=f"{order_id},3")
    assert answer[0]["order"] == order_id
    assert isinstance(answer[0]["refill"], int)
    assert answer[1] == {"order": 3, "refill": {"error": "Incorrect order ID"}}
    refill_id = answer[0]["refill"]
    statuses = api.call("refill_status", refills=f"{refill_id},3")
    assert statuses == [
        {"refill": refill_id, "status": "Pending"},
        {"refill": 3, "status": {"error": "Refill not found"}},
    ]
    assert api.call("refill_status", refill=3) == {"error": "Refill not found"}


def test_cancel_refunds_a_pending_order(panel: DemoPanel, api: Api, find: Find) -> None:
    service = find(type="Default", cancel=True, dripfeed=False)
    order_id = api.add_default(service)["order"]
    assert panel.balance < Decimal("1000")
    answer = api.call("cancel", order=order_id)
    assert answer == {"status": "success", "message": "Cancellation request added"}
    assert panel.balance == Decimal("1000")
    assert api.call("status", order=order_id)["status"] == "Canceled"
    assert api.call("cancel", order=order_id) == {"error": "Order cannot be canceled"}


def test_cancel_in_progress_refunds_the_remaining_share(
    panel: DemoPanel, api: Api, find: Find
) -> None:
    service = find(type="Default", cancel=True, dripfeed=False)
    order_id = api.add_default(service, quantity=service.min * 10)["order"]
    charge = panel.orders[str(order_id)].charge
    panel.advance(15)
    assert api.call("status", order=order_id)["status"] == "In progress"
    api.call("cancel", order=order_id)
    remains = int(api.call("status", order=order_id)["remains"])
    refund = (charge * remains / (service.min * 10)).quantize(Decimal("0.00001"))
    assert 0 < remains < service.min * 10
    assert panel.balance == Decimal("1000") - charge + refund


def test_cancel_refused_where_disabled_or_finished(panel: DemoPanel, api: Api, find: Find) -> None:
    no_cancel = find(type="Default", cancel=False)
    order_id = api.add_default(no_cancel)["order"]
    assert api.call("cancel", order=order_id) == {"error": "Cancel is disabled for this service"}
    finished = _finished_order(panel, api, find(type="Default", cancel=True))
    assert api.call("cancel", order=finished) == {"error": "Order cannot be canceled"}


def test_multi_cancel(api: Api, find: Find) -> None:
    service = find(type="Default", cancel=True)
    order_id = api.add_default(service)["order"]
    assert api.call("cancel", orders=f"{order_id},9") == [
        {"order": order_id, "cancel": 1},
        {"order": 9, "cancel": {"error": "Incorrect order ID"}},
    ]


def test_unsupported_multi_variants_answer_incorrect_request(
    panel: DemoPanel, api: Api, find: Find
) -> None:
    panel.unsupported_multi = {"refill", "cancel"}
    service = find(type="Default", refill=True, cancel=True)
    order_id = _finished_order(panel, api, service)
    assert api.call("refill", orders=str(order_id)) == {"error": "Incorrect request"}
    assert api.call("cancel", orders=str(order_id)) == {"error": "Incorrect request"}
    assert "refill" in api.call("refill", order=order_id)
    assert isinstance(api.call("status", orders=str(order_id)), dict)

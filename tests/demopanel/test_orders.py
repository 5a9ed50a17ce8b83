"""``add`` validation and charging, worded like real panels."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from smmdesk.demopanel import DemoPanel
from smmdesk.demopanel.placement import REQUIRED_FIELDS

from .conftest import KEY, Api, WireService, unique_link

Find = Callable[..., WireService]


def test_add_returns_an_integer_order_and_draws_the_balance(
    panel: DemoPanel, api: Api, find: Find
) -> None:
    service = find(type="Default")
    answer = api.add_default(service, quantity=service.min)
    assert isinstance(answer["order"], int)
    charge = (service.rate * service.min / 1000).quantize(Decimal("0.00001"))
    assert panel.balance == Decimal("1000") - charge
    assert api.call("balance") == {"balance": f"{panel.balance:f}", "currency": "USD"}


def test_balance_has_five_decimals(api: Api) -> None:
    assert api.call("balance") == {"balance": "1000.00000", "currency": "USD"}


@pytest.mark.parametrize("key", ["wrong", ""])
def test_wrong_or_missing_key(api: Api, key: str) -> None:
    response = api.post("balance", key=key)
    assert response.status_code == 200
    assert response.json() == {"error": "Invalid API key"}


def test_unknown_action(api: Api) -> None:
    assert api.call("teleport") == {"error": "Incorrect request"}


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"link": "https://x", "quantity": "100"}, "Incorrect service ID"),
        ({"service": "999999", "link": "https://x", "quantity": "100"}, "Incorrect service ID"),
        ({"service": "abc", "link": "https://x", "quantity": "100"}, "Incorrect service ID"),
    ],
)
def test_add_refuses_unknown_services(api: Api, fields: dict[str, str], error: str) -> None:
    assert api.call("add", **fields) == {"error": error}


def test_add_checks_link_and_quantity_limits(api: Api, find: Find) -> None:
    service = find(type="Default")
    assert api.call("add", service=service.id, quantity=service.min) == {"error": "Incorrect link"}
    assert api.add_default(service, quantity=service.min - 1) == {
        "error": f"Quantity less than minimal {service.min}"
    }
    assert api.add_default(service, quantity=service.max + 1) == {
        "error": f"Quantity more than maximum {service.max}"
    }
    assert api.add_default(service, quantity="") == {
        "error": f"Quantity less than minimal {service.min}"
    }


@pytest.mark.parametrize("service_type", sorted(REQUIRED_FIELDS))
def test_type_specific_fields_are_required(api: Api, find: Find, service_type: str) -> None:
    service = find(type=service_type)
    answer = api.add_default(service, quantity=service.max)
    assert answer == {"error": REQUIRED_FIELDS[service_type][0][1]}


def test_list_types_count_non_empty_lines(panel: DemoPanel, api: Api, find: Find) -> None:
    service = find(type="Custom Comments")
    comments = "\n".join(f"nice {index}" for index in range(service.min)) + "\n\n"
    answer = api.call("add", service=service.id, link=unique_link(), comments=comments)
    order = panel.orders[str(answer["order"])]
    assert order.quantity == service.min
    blank = api.call("add", service=service.id, link=unique_link(), comments="\n \n")
    assert blank == {"error": "Comments are required"}
    too_many = "\n".join("x" for _ in range(service.max + 1))
    answer = api.call("add", service=service.id, link=unique_link(), comments=too_many)
    assert answer == {"error": f"Quantity more than maximum {service.max}"}


def test_package_is_charged_its_rate(panel: DemoPanel, api: Api, find: Find) -> None:
    service = find(type="Package")
    answer = api.call("add", service=service.id, link=unique_link())
    assert panel.orders[str(answer["order"])].charge == service.rate
    assert panel.balance == Decimal("1000") - service.rate


def test_poll_needs_a_positive_answer_number(api: Api, find: Find) -> None:
    service = find(type="Poll")
    fields = {"service": service.id, "quantity": service.min, "link": unique_link()}
    assert api.call("add", answer_number="zero", **fields) == {"error": "Incorrect answer number"}
    assert "order" in api.call("add", answer_number="2", **fields)


def test_dripfeed_charges_every_run(panel: DemoPanel, api: Api, find: Find) -> None:
    service = find(type="Default", dripfeed=True)
    answer = api.add_default(service, quantity=service.min, runs=3, interval=10)
    charge = (service.rate * service.min * 3 / 1000).quantize(Decimal("0.00001"))
    assert panel.orders[str(answer["order"])].charge == charge
    assert panel.balance == Decimal("1000") - charge


def test_dripfeed_refused_where_disabled_or_malformed(api: Api, find: Find) -> None:
    plain = find(type="Default", dripfeed=False)
    assert api.add_default(plain, runs=3, interval=10) == {
        "error": "Drip-feed is disabled for this service"
    }
    dripfeed = find(type="Default", dripfeed=True)
    assert api.add_default(dripfeed, runs=1, interval=10) == {"error": "Incorrect runs"}
    assert api.add_default(dripfeed, runs=2, interval=0) == {"error": "Incorrect interval"}


def test_not_enough_funds(api: Api, find: Find) -> None:
    with DemoPanel(key=KEY, services=300, seed=7, balance=Decimal("0.001")) as poor:
        service = find(type="Default")
        response = api.client.post(
            poor.url,
            data={
                "key": KEY,
                "action": "add",
                "service": str(service.id),
                "link": "https://x",
                "quantity": str(service.max),
            },
        )
        assert response.json() == {"error": "Not enough funds on balance"}
        assert poor.balance == Decimal("0.001")


def test_duplicate_active_link_is_refused_until_completed(
    panel: DemoPanel, api: Api, find: Find
) -> None:
    service = find(type="Default")
    fields = {"service": service.id, "link": "https://t.me/same", "quantity": service.min}
    assert "order" in api.call("add", **fields)
    assert api.call("add", **fields) == {
        "error": "You have active order with this link. Please wait until order being completed."
    }
    panel.advance(1_000)
    assert "order" in api.call("add", **fields)


def test_subscriptions_need_no_link_and_check_min_max(api: Api, find: Find) -> None:
    service = find(type="Subscriptions")
    fields = {"service": service.id, "username": "someone", "delay": 0}
    answer = api.call("add", min=service.min, max=service.min * 2, posts=5, **fields)
    assert isinstance(answer["order"], int)
    assert api.call("add", min=service.min - 1, max=service.max, **fields) == {
        "error": f"Quantity less than minimal {service.min}"
    }
    assert api.call("add", min=service.max, max=service.min, **fields) == {
        "error": "Incorrect min/max"
    }
    assert api.call("add", min=service.min, max=service.max, **{**fields, "delay": 7}) == {
        "error": "Incorrect delay"
    }


def test_add_can_answer_with_the_charge_and_currency(
    panel: DemoPanel, api: Api, find: Find
) -> None:
    service = find(type="Default")
    assert set(api.add_default(service)) == {"order"}
    panel.charge_in_add = True
    before = panel.balance
    answer = api.add_default(service, quantity=service.min)
    assert answer["currency"] == "USD"
    assert Decimal(answer["charge"]) == before - panel.balance > 0


def test_an_identical_add_within_the_repeat_window_gets_the_same_id(
    panel: DemoPanel, api: Api, find: Find
) -> None:
    service = find(type="Default")
    panel.repeat_window_s = 120
    fields = {"service": service.id, "link": unique_link(), "quantity": service.min}
    first = api.call("add", **fields)
    balance = panel.balance
    assert api.call("add", **fields) == first
    assert panel.balance == balance  # nothing placed, nothing charged
    other = api.call("add", **{**fields, "quantity": service.min + 1})
    assert "active order with this link" in other["error"]
    panel.advance(121)
    assert api.call("add", **fields) != first  # past the window: refused or a new order

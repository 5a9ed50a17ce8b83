"""Every value a hostile or broken panel was seen to send: refused with a `ProtocolError`
naming the field (or, in a list answer, only that entry), accepted within bounds, never
another exception and never slow."""

from __future__ import annotations

import json
import time
from decimal import Decimal
from typing import Any

import pytest

from smmdesk.api import wire
from smmdesk.api.errors import ApiError, PanelError, ProtocolError
from smmdesk.api.models import OrderState, OrderStatus, PlacedOrder, ServiceList

GOOD = {"service": 1, "name": "Likes", "type": "Default", "category": "IG", "rate": "0.9"}
GOOD |= {"min": 10, "max": 1000}
HUGE_INT = float("inf")  # what json_items makes of a 5,000-digit integer literal
TWO_MILLION = "9" * 2_000_000


def catalogue(**bad: Any) -> ServiceList:
    """A catalogue of one good service and one with `bad` fields, as the panel sent it."""
    return wire.parse_services([GOOD, {**GOOD, "service": 17, **bad}])


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"rate": "abc"}, "rate"),
        ({"rate": "-1"}, "rate"),
        ({"rate": -0.5}, "rate"),
        ({"rate": TWO_MILLION}, "rate"),
        ({"rate": "1e999999"}, "rate"),
        ({"rate": float("inf")}, "rate"),
        ({"rate": float("nan")}, "rate"),
        ({"rate": "NaN"}, "rate"),
        ({"rate": "Infinity"}, "rate"),
        ({"rate": "1e15"}, "rate"),
        ({"rate": 10**15}, "rate"),
        ({"rate": None}, "rate"),
        ({"rate": True}, "rate"),
        ({"rate": [1]}, "rate"),
        ({"min": 500, "max": 100}, "min"),
        ({"min": -1}, "min"),
        ({"max": -5}, "max"),
        ({"min": HUGE_INT}, "min"),
        ({"min": "1e1000000"}, "min"),
        ({"min": "1e30"}, "min"),
        ({"max": 2**63}, "max"),
        ({"max": 1.5}, "max"),
        ({"max": "12abc"}, "max"),
        ({"max": "9" * 5000}, "max"),
        ({"name": {"en": "Likes"}}, "name"),
        ({"category": ["IG"]}, "category"),
        ({"refill": "maybe"}, "refill"),
        ({"cancel": float("nan")}, "cancel"),
        ({"dripfeed": "x" * 10_000}, "dripfeed"),
    ],
)
def test_a_malformed_service_is_skipped_and_named(bad: dict[str, Any], field: str) -> None:
    services = catalogue(**bad)
    assert [s.id for s in services] == ["1"]
    (skipped,) = services.skipped
    assert (skipped.index, skipped.item_id, skipped.field) == (1, "17", field)
    assert skipped.reason


NOT_IDS: list[Any] = [float("inf"), float("nan"), 1.5, True, None, [], {}, "x" * 10_000]
NOT_IDS += ["a b", "1,2", "", "\x00", "tab\there", 2.0**60, 10**64]


@pytest.mark.parametrize("bad_id", NOT_IDS)
def test_a_service_without_a_sane_id_is_skipped_without_one(bad_id: Any) -> None:
    services = catalogue(service=bad_id)
    assert [s.id for s in services] == ["1"]
    assert [(s.index, s.item_id, s.field) for s in services.skipped] == [(1, None, "service")]


def test_an_entry_that_is_not_an_object_is_skipped() -> None:
    services = wire.parse_services([GOOD, "oops", 5, None])
    assert len(services) == 1
    assert [(s.index, s.field) for s in services.skipped] == [
        (1, "entry"),
        (2, "entry"),
        (3, "entry"),
    ]


def test_one_bad_service_in_a_thousand_hides_only_itself() -> None:
    items = [{**GOOD, "service": n} for n in range(1000)]
    items[500] = {**items[500], "rate": "abc"}
    services = wire.parse_services(items)
    assert len(services) == 999 and isinstance(services, list)
    assert services.skipped[0].describe() == "service 500: invalid rate (not a number)"


def test_a_catalogue_of_nothing_but_bad_entries_is_an_error_not_an_empty_catalogue() -> None:
    with pytest.raises(ProtocolError, match=r"No service .* could be read \(2 entries\)") as caught:
        wire.parse_services([{**GOOD, "rate": "abc"}, {**GOOD, "rate": "x"}])
    assert "invalid rate" in caught.value.body_excerpt


def test_an_empty_catalogue_is_still_an_empty_catalogue() -> None:
    assert wire.parse_services([]) == [] and wire.parse_services([]).skipped == ()


@pytest.mark.parametrize(
    ("field", "value", "kept"),
    [
        ("name", "n" * 10_000, "n" * 999 + "…"),
        ("category", "c" * 1_001, "c" * 999 + "…"),
        ("desc", "d" * 50_000, "d" * 19_999 + "…"),
        ("name", "bad \ud800 half", "bad \ufffd half"),
        ("name", 12345, "12345"),
        ("desc", False, ""),
    ],
)
def test_long_or_odd_texts_are_bounded_not_refused(field: str, value: Any, kept: str) -> None:
    (service,) = wire.parse_services([{**GOOD, field: value}])
    shown = service.description if field == "desc" else getattr(service, field)
    assert shown == kept


def test_a_description_that_is_not_a_text_stays_in_extra() -> None:
    (service,) = wire.parse_services([{**GOOD, "desc": {"en": "Fast", "ru": "Быстро"}}])
    assert service.description == "" and service.extra["desc"] == {"en": "Fast", "ru": "Быстро"}


def test_deeply_nested_extras_are_replaced_by_a_preview() -> None:
    deep: Any = 1
    for _ in range(5000):
        deep = [deep]
    (service,) = wire.parse_services([{**GOOD, "x": deep, "y": list(range(5000))}])
    assert service.extra["x"] == "[1 item]" and service.extra["y"] == "[5000 items]"
    json.dumps(dict(service.extra))


@pytest.mark.parametrize(
    ("value", "rate"),
    [
        ("0.90", Decimal("0.90")),
        (0.9, Decimal("0.9")),
        (8, Decimal(8)),
        ("1,234.5", Decimal("1234.5")),
        ("95200", Decimal("95200")),
        ("0.30000000000000004", Decimal("0.3000000000")),
        (0.1 + 0.2, Decimal("0.3000000000")),
        ("1e-50", Decimal("0E-10")),
        ("999999999999999.9", Decimal("999999999999999.9")),
        ("0", Decimal(0)),
    ],
)
def test_rates_within_bounds(value: Any, rate: Decimal) -> None:
    (service,) = wire.parse_services([{**GOOD, "rate": value}])
    assert service.rate == rate


@pytest.mark.parametrize(
    ("low", "high", "limits"),
    [
        ("50", "10,000", (50, 10_000)),
        (None, None, (0, 0)),
        (5, 0, (5, 0)),
        (50.0, "1e3", (50, 1000)),
    ],
)
def test_limits_within_bounds_and_max_zero_means_no_limit(low: Any, high: Any, limits: Any) -> None:
    (service,) = wire.parse_services([{**GOOD, "min": low, "max": high}])
    assert (service.min, service.max) == limits


STATUS = {"status": "In progress", "charge": "1.5", "start_count": "10", "remains": "5"}


def statuses(count: int = 250, **bad: Any) -> dict[str, OrderStatus | ApiError]:
    payload: dict[str, Any] = {str(n): dict(STATUS) for n in range(count)}
    payload["7"] = {**STATUS, **bad}
    return wire.parse_multi_status(payload, list(payload))


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"start_count": 1e30}, "start_count"),
        ({"start_count": "1e30"}, "start_count"),
        ({"start_count": HUGE_INT}, "start_count"),
        ({"remains": 2**63}, "remains"),
        ({"remains": float("nan")}, "remains"),
        ({"charge": "abc"}, "charge"),
        ({"charge": TWO_MILLION}, "charge"),
        ({"charge": "1e999999"}, "charge"),
        ({"currency": "U" * 1000}, "currency"),
        ({"currency": {"code": "USD"}}, "currency"),
        ({"runs": 1.5}, "runs"),
        ({"posts": [5]}, "posts"),
        ({"orders": [1, 1.5]}, "orders"),
        ({"orders": "1,2"}, "orders"),
        ({"orders": list(range(10_001))}, "orders"),
        ({"expiry": "e" * 100}, "expiry"),
        ({"status": None}, "status"),
        ({"status": 5}, "status"),
    ],
)
def test_a_malformed_order_status_is_that_orders_error_only(
    bad: dict[str, Any], field: str
) -> None:
    results = statuses(**bad)
    error = results["7"]
    assert isinstance(error, ProtocolError)
    assert f"invalid {field} for order 7" in error.message
    assert len(error.body_excerpt) <= 80
    assert all(isinstance(results[str(n)], OrderStatus) for n in range(250) if n != 7)


@pytest.mark.parametrize(
    ("extra", "check"),
    [
        ({"remains": "Unknown"}, lambda s: s.remains is None and s.extra["remains"] == "Unknown"),
        ({"remains": "-12"}, lambda s: s.remains == -12),
        ({"remains": ""}, lambda s: s.remains is None),
        ({"start_count": "N/A"}, lambda s: s.start_count is None),
        (
            {"status": "S" * 10_000},
            lambda s: len(s.status_text) == 200 and s.state is OrderState.UNKNOWN,
        ),
        ({"charge": None, "currency": None}, lambda s: s.charge is None and s.currency is None),
    ],
)
def test_tolerated_status_values(extra: dict[str, Any], check: Any) -> None:
    status = statuses(count=8, **extra)["7"]
    assert isinstance(status, OrderStatus) and check(status)


def test_unreadable_ids_in_a_multi_status_are_left_out() -> None:
    payload = {"x" * 65: STATUS, "a b": STATUS, "5": STATUS}
    assert list(wire.parse_multi_status(payload, ["5"])) == ["5"]


@pytest.mark.parametrize(
    "order", [float("inf"), float("nan"), 1.5, True, "x" * 10_000, None, [1], 2.0**53, -(10**70)]
)
def test_add_refuses_an_order_id_that_is_no_id(order: Any) -> None:
    with pytest.raises(ProtocolError, match="invalid order"):
        wire.parse_placed_order({"order": order})
    with pytest.raises(ProtocolError, match="invalid order"):
        wire.parse_order_id({"order": order})


@pytest.mark.parametrize(
    ("order", "kept"),
    [(23501, "23501"), (23501.0, "23501"), (" ord_7f ", "ord_7f"), ("1.5", "1.5")],
)
def test_add_keeps_ids_as_strings(order: Any, kept: str) -> None:
    assert wire.parse_order_id({"order": order}) == kept


@pytest.mark.parametrize(
    ("answer", "placed"),
    [
        ({"order": 5}, PlacedOrder("5")),
        (
            {"order": 5, "charge": "0.27819", "currency": "EUR"},
            PlacedOrder("5", Decimal("0.27819"), "EUR"),
        ),
        ({"order": 5, "charge": "abc", "currency": "E" * 100}, PlacedOrder("5")),
        ({"status": "success", "order": "32", "charge": 1.25}, PlacedOrder("32", Decimal("1.25"))),
    ],
)
def test_add_answer_with_and_without_its_real_charge(answer: Any, placed: PlacedOrder) -> None:
    assert wire.parse_placed_order(answer) == placed


@pytest.mark.parametrize(
    "balance", ["1e999999", TWO_MILLION, "1e15", float("nan"), HUGE_INT, None, "abc", {"a": 1}]
)
def test_an_absurd_balance_is_refused(balance: Any) -> None:
    with pytest.raises(ProtocolError, match="invalid balance"):
        wire.parse_balance({"balance": balance, "currency": "USD"})


def test_a_negative_balance_and_missing_currency_are_fine() -> None:
    balance = wire.parse_balance({"balance": "-5.5"})
    assert (balance.amount, balance.currency) == (Decimal("-5.5"), "USD")
    with pytest.raises(ProtocolError, match="invalid currency"):
        wire.parse_balance({"balance": "1", "currency": "X" * 17})


def test_one_bad_refill_in_a_multi_answer_is_that_orders_error() -> None:
    answer = [
        {"order": 1, "refill": 7},
        {"order": 2, "refill": 1.5},
        {"order": 3, "refill": "Refill is disabled for this service"},
        {"order": 4, "refill": {"error": "Incorrect order ID"}},
        {"order": 1.5, "refill": 9},
        "junk",
    ]
    results = wire.parse_multi_refills(answer)
    assert results["1"] == "7" and set(results) == {"1", "2", "3", "4"}
    assert isinstance(results["2"], ProtocolError) and "for order 2" in results["2"].message
    assert results["3"] == PanelError("Refill is disabled for this service")
    assert results["4"] == PanelError("Incorrect order ID")


def test_one_bad_refill_status_in_a_multi_answer_is_that_refills_error() -> None:
    answer = [{"refill": 1, "status": "Completed"}, {"refill": 2, "status": ["x"]}]
    results = wire.parse_multi_refill_statuses(answer)
    assert not isinstance(results["1"], ApiError) and results["1"].is_final
    assert isinstance(results["2"], ProtocolError) and "for refill 2" in results["2"].message


def test_multi_cancel_outcomes() -> None:
    answer = [{"order": 1, "cancel": 1}, {"order": 2, "cancel": 0}, {"order": 3, "cancel": [[]]}]
    answer += [{"order": 4, "cancel": "Cancel is disabled for this service"}]
    results = wire.parse_multi_cancels(answer)
    assert results["1"] is None
    assert all(isinstance(results[k], PanelError) for k in "234")


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"a":' * 100_000 + "1" + "}" * 100_000, "nested too deeply"),
        ("[" * 100_000, "nested too deeply"),
        ('{"balance": ' + "9" * 5000 + "}", None),
        ('{"balance": NaN}', None),
        ('{"balance": -Infinity}', None),
        ('{"balance": 1e999999}', None),
    ],
)
def test_hostile_bodies_are_protocol_errors(body: str, words: str | None) -> None:
    started = time.perf_counter()
    with pytest.raises(ProtocolError, match=words or "invalid balance"):
        wire.parse_balance(wire.decode_body(body.encode(), 200, None))
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("text", ["1e1000000", "-1e999999999999999999", "9" * 64, "1" + "0" * 63])
def test_huge_exponents_are_refused_in_microseconds_not_seconds(text: str) -> None:
    started = time.perf_counter()
    results = statuses(count=8, start_count=text, remains=text, charge=text)
    assert isinstance(results["7"], ProtocolError)
    assert time.perf_counter() - started < 0.05


def test_error_objects_nested_a_thousand_levels_give_a_short_refusal() -> None:
    error: Any = "deep"
    for _ in range(5000):
        error = {"error": error}
    refusal = wire.panel_error_in({"error": error})
    assert refusal is not None and len(refusal.message) < 200
    refusal = wire.panel_error_in({"error": {"code": 5, "detail": "x" * 10_000}})
    assert refusal is not None and len(refusal.message) < 200
    long_words = wire.panel_error_in({"error": "w" * 100_000})
    assert long_words is not None and len(long_words.panel_message) == 1000

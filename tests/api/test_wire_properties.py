"""Whatever a panel sends, the API layer gives a typed, bounded result or an `ApiError`.

Property-based: hypothesis generates JSON values (huge integers, non-finite floats, number
words, long texts, lone surrogates, deep nesting, shapes close to real answers) for every
action's parser, and arbitrary bytes as the HTTP body through the real `PanelClient` (over
an `httpx.MockTransport`). No other exception may escape, every result must respect the
bounds of `values.py`, and a parse of a bounded input stays well under 50 ms.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from functools import partial
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from smmdesk.api import wire
from smmdesk.api.client import PanelClient
from smmdesk.api.errors import ApiError
from smmdesk.api.models import Balance, OrderStatus, PlacedOrder, RefillStatus, Service, ServiceList
from smmdesk.api.retry import RetryPolicy
from smmdesk.api.values import INT64_MAX, INT64_MIN

PARSE = settings(
    max_examples=200,
    deadline=timedelta(milliseconds=50),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
THROUGH_CLIENT = settings(
    max_examples=100,
    deadline=timedelta(milliseconds=1000),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FIELDS = [
    "service",
    "id",
    "name",
    "type",
    "category",
    "rate",
    "min",
    "max",
    "refill",
    "cancel",
    "dripfeed",
    "desc",
    "description",
    "status",
    "charge",
    "start_count",
    "remains",
    "currency",
    "posts",
    "runs",
    "orders",
    "expiry",
    "order",
    "error",
    "errors",
    "message",
    "msg",
    "balance",
    "data",
    "refill_id",
]

# -- JSON values a panel could send --------------------------------------------------------

texts = st.text(
    st.one_of(st.characters(), st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)),
    max_size=40,
)
number_words = st.one_of(
    st.sampled_from(["NaN", "Infinity", "-inf", "1e999999", "1e1000000", "-0", "0x1F", "1_000"]),
    st.sampled_from(["Unknown", "", " ", "1,000", "12abc", "1.5", "١٢٣", "²", "1e-50"]),
    st.from_regex(r"\A-?[0-9]{1,25}(\.[0-9]{0,20})?([eE][-+]?[0-9]{1,20})?\Z"),
    st.builds(lambda digit, n: digit * n, st.sampled_from("91"), st.integers(60, 20_000)),
)
long_texts = st.builds(
    lambda char, n: char * n, st.sampled_from("x9 .\u0000♻"), st.integers(0, 50_000)
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**4000), max_value=10**4000),
    st.floats(allow_nan=True, allow_infinity=True),
    texts,
    number_words,
    long_texts,
)
keys = st.one_of(st.sampled_from(FIELDS), texts)


@dataclass(frozen=True)
class Deep:
    """A value nested `depth` levels deep, built inside the test (`realise`): hypothesis
    prints and shrinks this recipe, and could not print a thousand-level structure."""

    leaf: Any
    depth: int
    as_dict: bool = False


def realise(value: Any) -> Any:
    """The payload with every `Deep` recipe built (recursion bounded by the recipe's
    own small nesting, not by `depth`)."""
    if isinstance(value, Deep):
        built = realise(value.leaf)
        for _ in range(value.depth):
            built = {"error": built} if value.as_dict else [built]
        return built
    if isinstance(value, list):
        return [realise(v) for v in value]
    if isinstance(value, dict):
        return {k: realise(v) for k, v in value.items()}
    return value


nested = st.builds(Deep, scalars, st.integers(0, 3000), st.booleans())
json_values = st.recursive(
    st.one_of(scalars, nested),
    lambda children: st.one_of(
        st.lists(children, max_size=6), st.dictionaries(keys, children, max_size=8)
    ),
    max_leaves=30,
)
field_values = st.one_of(scalars, nested, json_values)
entries = st.dictionaries(st.sampled_from(FIELDS), field_values, max_size=12)
ids = st.one_of(st.integers(-5, 10**6).map(str), texts, st.sampled_from(["1", "2", "ord_3"]))
# Near-valid answers: the real shape of each action's answer, each field mostly valid and
# anything at all otherwise, so that the parsers get past the outer shape and meet the
# hostile value in the field.
STATUS_WORDS = "Pending|In progress|Completed|Partial|Canceled|Processed|Awaiting|Creating"
STATUS_WORDS += "|tasks.status.completed|Teleported|success"
VALID = {
    "id": st.one_of(st.integers(1, 10**9), st.integers(1, 10**9).map(str), st.just("ord_7f")),
    "money": st.one_of(
        st.decimals(0, 10**6, places=5, allow_nan=False, allow_infinity=False).map(str),
        st.floats(0, 1e6),
        st.integers(0, 10**6),
    ),
    "count": st.one_of(st.integers(-100, 10**9), st.integers(0, 10**9).map(str)),
    "flag": st.sampled_from([True, False, 0, 1, "1", "0", "true", "false", None]),
    "word": st.sampled_from(STATUS_WORDS.split("|")),
    "text": texts,
    "currency": st.sampled_from(["USD", "EUR", "UZS", None]),
}


def near(kind: str) -> st.SearchStrategy[Any]:
    """Valid six times in seven: an answer has several fields, most must pass."""
    return st.one_of(*[VALID[kind]] * 6, field_values)


asked = st.sampled_from(["1", "2", "ord_3"])
asked_ids = st.one_of(asked, asked, asked, near("id"))
id_keys = st.one_of(st.sampled_from(["1", "2", "ord_3"]), texts)
service_entries = st.fixed_dictionaries(
    {"service": near("id"), "rate": near("money"), "min": near("count"), "max": near("count")},
    optional={
        "name": near("text"),
        "type": st.sampled_from(["Default", "custom_comments", "Package"]),
        "category": near("text"),
        "refill": near("flag"),
        "cancel": near("flag"),
        "dripfeed": near("flag"),
        "desc": near("text"),
        "average_time": field_values,
    },
)
status_objects = st.fixed_dictionaries(
    {"status": VALID["word"]},
    optional={
        "charge": near("money"),
        "start_count": near("count"),
        "remains": st.one_of(near("count"), st.just("Unknown")),
        "currency": near("currency"),
        "runs": near("count"),
        "posts": near("count"),
        "orders": st.lists(near("id"), max_size=3),
        "expiry": near("text"),
    },
)


def pairs(id_key: str, value_key: str, value: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(
        st.fixed_dictionaries({id_key: asked_ids, value_key: value}), min_size=1, max_size=4
    )


SHAPED: dict[str, st.SearchStrategy[Any]] = {
    "services": st.one_of(
        st.lists(service_entries, max_size=6),
        st.fixed_dictionaries(
            {"status": st.just("success"), "data": st.lists(service_entries, max_size=6)}
        ),
    ),
    "add": st.fixed_dictionaries(
        {"order": near("id")}, optional={"charge": near("money"), "currency": near("currency")}
    ),
    "status": status_objects,
    "multi status": st.dictionaries(
        id_keys, st.one_of(status_objects, status_objects, field_values), min_size=1, max_size=4
    ),
    "refill": st.fixed_dictionaries({"refill": near("id")}),
    "multi refill": pairs("order", "refill", near("id")),
    "refill_status": st.fixed_dictionaries({"status": VALID["word"]}),
    "multi refill_status": pairs("refill", "status", VALID["word"]),
    "cancel": st.one_of(
        st.fixed_dictionaries({"status": near("word")}, optional={"cancel": near("flag")}),
        pairs("order", "cancel", near("flag")),
    ),
    "multi cancel": pairs("order", "cancel", near("flag")),
    "balance": st.fixed_dictionaries(
        {"balance": near("money")}, optional={"currency": near("currency")}
    ),
}
answers = st.one_of(
    json_values,
    entries,
    st.lists(entries, max_size=8),
    st.dictionaries(ids, st.one_of(entries, field_values), max_size=8),
    *SHAPED.values(),
)

# -- what a typed result must look like -----------------------------------------------------


def sane_id(value: str) -> bool:
    return 0 < len(value) <= 64 and value.isprintable() and " " not in value and "," not in value


def sane_text(value: str, limit: int) -> bool:
    value.encode("utf-8")
    return len(value) <= limit


def sane_money(value: Decimal | None, *, signed: bool = True) -> bool:
    if value is None:
        return True
    exponent = value.as_tuple().exponent
    return (
        value.is_finite()
        and abs(value) < 10**15
        and isinstance(exponent, int)
        and exponent >= -10
        and (signed or value >= 0)
    )


def sane_count(value: int | None) -> bool:
    return value is None or (type(value) is int and INT64_MIN <= value <= INT64_MAX)


def storable(extra: Any) -> bool:
    json.dumps(dict(extra), default=str, ensure_ascii=False).encode("utf-8")
    return True


def check_service(service: Service) -> None:
    assert sane_id(service.id)
    assert sane_text(service.name, 1000) and sane_text(service.category, 1000)
    assert sane_text(service.type, 200) and sane_text(service.description, 20_000)
    assert sane_money(service.rate, signed=False)
    assert 0 <= service.min <= INT64_MAX and 0 <= service.max <= INT64_MAX
    assert service.max == 0 or service.min <= service.max
    assert all(type(flag) is bool for flag in (service.refill, service.cancel, service.dripfeed))
    assert storable(service.extra)


def check_order_status(status: OrderStatus) -> None:
    assert sane_text(status.status_text, 200) and sane_money(status.charge)
    counts = (status.start_count, status.remains, status.posts, status.runs)
    assert all(sane_count(c) for c in counts)
    assert status.currency is None or sane_text(status.currency, 16)
    assert status.expiry is None or sane_text(status.expiry, 64)
    assert all(sane_id(o) for o in status.orders) and storable(status.extra)


def check_id(value: str) -> None:
    assert sane_id(value)


def check_nothing_but_errors(value: Any) -> None:
    pytest.fail(f"a cancellation's outcome is None or an ApiError, not {value!r}")


def check_refill_status(status: RefillStatus) -> None:
    assert sane_id(status.refill_id) and sane_text(status.status_text, 200)


def check_outcomes(results: dict[str, Any], check: Callable[[Any], None]) -> None:
    for key, value in results.items():
        assert sane_id(key)
        if not isinstance(value, ApiError) and value is not None:
            check(value)


def typed_or_api_error(parse: Callable[[], Any]) -> Any:
    try:
        return parse()
    except ApiError as error:
        assert str(error) and len(str(error)) < 2_000
        return None


# -- every parser --------------------------------------------------------------------------


@PARSE
@given(answers)
@example([{"service": 1, "rate": "abc", "min": 1, "max": 2}, {"service": 2, "rate": "1"}])
@example([{"service": 1, "rate": "9" * 2_000_000}])
@example([{"service": float("inf"), "rate": "1", "min": "1e1000000", "max": 10**4200}])
def test_services(payload: Any) -> None:
    payload = realise(payload)
    services = typed_or_api_error(lambda: wire.parse_services(payload))
    if services is not None:
        assert isinstance(services, ServiceList)
        for service in services:
            check_service(service)
        assert all(sane_text(s.field, 40) and s.reason for s in services.skipped)


@PARSE
@given(answers)
@example({"order": float("nan")})
@example({"order": 1.5, "charge": "1e999999"})
@example({"order": True})
@example({"order": "x" * 10_000})
def test_add(payload: Any) -> None:
    payload = realise(payload)
    placed = typed_or_api_error(lambda: wire.parse_placed_order(payload))
    if placed is not None:
        assert isinstance(placed, PlacedOrder) and sane_id(placed.order_id)
        assert sane_money(placed.charge) and (placed.currency is None or len(placed.currency) <= 16)
        assert wire.parse_order_id(payload) == placed.order_id


@PARSE
@given(answers)
def test_status(payload: Any) -> None:
    payload = realise(payload)
    status = typed_or_api_error(lambda: wire.parse_order_status("1", payload))
    if status is not None:
        check_order_status(status)


@PARSE
@given(answers, st.lists(st.sampled_from(["1", "2", "ord_3"]), min_size=1, max_size=3))
@example({"1": {"status": "Pending", "start_count": 1e30}, "2": {"status": "x"}}, ["1", "2"])
@example({"1": {"status": "Active", "orders": [Deep(1, 3000)]}}, ["1"])
def test_multi_status(payload: Any, asked: list[str]) -> None:
    payload = realise(payload)
    results = typed_or_api_error(lambda: wire.parse_multi_status(payload, asked))
    if results is not None:
        check_outcomes(results, check_order_status)


@PARSE
@given(answers)
def test_refill(payload: Any) -> None:
    payload = realise(payload)
    refill_id = typed_or_api_error(lambda: wire.parse_refill_id(payload))
    assert refill_id is None or sane_id(refill_id)


@PARSE
@given(answers)
def test_multi_refill(payload: Any) -> None:
    payload = realise(payload)
    results = typed_or_api_error(lambda: wire.parse_multi_refills(payload))
    if results is not None:
        check_outcomes(results, check_id)
    legacy = typed_or_api_error(lambda: wire.parse_multi_items(payload, "order", "refill"))
    for value in (legacy or {}).values():
        if not isinstance(value, ApiError):
            typed_or_api_error(partial(wire.to_id, value))


@PARSE
@given(answers)
def test_refill_status(payload: Any) -> None:
    payload = realise(payload)
    status = typed_or_api_error(lambda: wire.parse_refill_status("1", payload))
    if status is not None:
        check_refill_status(status)


@PARSE
@given(answers)
def test_multi_refill_status(payload: Any) -> None:
    payload = realise(payload)
    results = typed_or_api_error(lambda: wire.parse_multi_refill_statuses(payload))
    if results is not None:
        check_outcomes(results, check_refill_status)


@PARSE
@given(answers)
def test_cancel(payload: Any) -> None:
    payload = realise(payload)
    typed_or_api_error(lambda: wire.check_cancel_answer(payload))


@PARSE
@given(answers)
def test_multi_cancel(payload: Any) -> None:
    payload = realise(payload)
    results = typed_or_api_error(lambda: wire.parse_multi_cancels(payload))
    if results is not None:
        check_outcomes(results, check_nothing_but_errors)


@PARSE
@given(answers)
@example({"balance": "1e999999"})
@example({"balance": float("nan")})
@example({"balance": 10**4200})
@example({"balance": "1", "currency": Deep("USD", 3000, as_dict=True)})
def test_balance(payload: Any) -> None:
    payload = realise(payload)
    balance = typed_or_api_error(lambda: wire.parse_balance(payload))
    if balance is not None:
        assert isinstance(balance, Balance) and sane_money(balance.amount)
        assert 0 < len(balance.currency) <= 16


@PARSE
@given(answers, st.sampled_from([200, 400, 500]))
def test_refusals_are_found_without_raising(payload: Any, http_status: int) -> None:
    payload = realise(payload)
    error = wire.panel_error_in(payload, http_status)
    if error is not None:
        assert 0 < len(error.panel_message) <= 1000 and str(error)
        error.panel_message.encode("utf-8")


# -- arbitrary bytes through the real client ----------------------------------------------


def _noisy(text: str, cut: int, prefix: str) -> bytes:
    return (prefix + text[: cut if cut >= 0 else None]).encode("utf-8", "surrogatepass")


def _dumps(value: Any) -> str:
    try:
        return json.dumps(value, ensure_ascii=False)
    except (ValueError, RecursionError):  # an int past the str limit, or too deep to dump
        return "[]"


def json_bodies(values: st.SearchStrategy[Any], noisy: bool) -> st.SearchStrategy[bytes]:
    """JSON text of `values`, if `noisy` cut short or behind noise a panel prints."""
    if not noisy:
        return values.map(realise).map(_dumps).map(lambda text: _noisy(text, -1, ""))
    return st.builds(
        _noisy,
        values.map(realise).map(_dumps),
        st.integers(-1, 200),
        st.sampled_from(["", "\ufeff", "  \n", "<html>", "<br /><b>Notice</b>: x<br />"]),
    )


# Raw JSON literals that no Python value dumps to, put where a real answer has a value.
literals = st.one_of(
    number_words,
    st.sampled_from(["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "true", "null", "{}"]),
    st.builds(lambda n: "9" * n, st.integers(4_000, 6_000)),
    st.builds(lambda n: "[" * n + "]" * n, st.integers(900, 5_000)),
)
TEMPLATES = {
    "services": '[{"service": 1, "rate": "1"}, {"service": 2, "rate": @, "min": @, "max": 9}]',
    "add": '{"order": @, "charge": @, "currency": "USD"}',
    "status": '{"status": "Pending", "start_count": @, "charge": @}',
    "multi status": '{"1": {"status": "Pending", "remains": @}, "2": {"status": "Completed"}}',
    "refill": '{"refill": @}',
    "multi refill": '[{"order": 1, "refill": @}, {"order": 2, "refill": 5}]',
    "refill_status": '{"status": @}',
    "multi refill_status": '[{"refill": 1, "status": @}, {"refill": 2, "status": "Completed"}]',
    "cancel": '{"cancel": @}',
    "multi cancel": '[{"order": 1, "cancel": @}, {"order": 2, "cancel": 1}]',
    "balance": '{"balance": @, "currency": "USD"}',
}


def templated(action: str) -> st.SearchStrategy[bytes]:
    template = TEMPLATES[action]
    return st.lists(literals, min_size=2, max_size=2).map(
        lambda pair: template.replace("@", pair[0], 1).replace("@", pair[1], 1).encode()
    )


deep_bodies = st.builds(
    lambda opener, depth, close: (opener * depth + ("]" * depth if close else "")).encode(),
    st.sampled_from(["[", '{"a":', '{"error":']),
    st.integers(1, 100_000),
    st.booleans(),
)


def bodies(action: str) -> st.SearchStrategy[bytes]:
    shaped = json_bodies(SHAPED[action], noisy=False)
    return st.one_of(
        st.binary(max_size=2000),
        json_bodies(answers, noisy=True),
        json_bodies(SHAPED[action], noisy=True),
        shaped,
        shaped,
        shaped,
        templated(action),
        deep_bodies,
    )


ACTIONS: dict[str, Callable[[PanelClient], Any]] = {
    "services": lambda c: c.services(),
    "add": lambda c: c.add("1", link="https://x.test/p", quantity=10),
    "status": lambda c: c.status("1"),
    "multi status": lambda c: c.statuses(["1", "2", "ord_3"]),
    "refill": lambda c: c.refill("1"),
    "multi refill": lambda c: c.refills(["1", "2"]),
    "refill_status": lambda c: c.refill_status("1"),
    "multi refill_status": lambda c: c.refill_statuses(["1", "2"]),
    "cancel": lambda c: c.cancel("1"),
    "multi cancel": lambda c: c.cancels(["1", "2"]),
    "balance": lambda c: c.balance(),
}
RESULT_TYPES: dict[str, Any] = {
    "services": list,
    "add": str,
    "status": OrderStatus,
    "refill": str,
    "refill_status": RefillStatus,
    "cancel": type(None),
    "balance": Balance,
}


def client_answering(body: bytes, http_status: int) -> PanelClient:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(http_status, content=body)

    return PanelClient(
        "https://panel.example/api/v2",
        "k-secret",
        transport=httpx.MockTransport(handler),
        retry=RetryPolicy(max_attempts=1),
        sleep=lambda seconds: None,
    )


@pytest.mark.parametrize("action", list(ACTIONS))
@THROUGH_CLIENT
@given(data=st.data(), http_status=st.sampled_from([200, 200, 200, 200, 201, 400, 429, 503]))
def test_any_bytes_through_the_client(action: str, data: st.DataObject, http_status: int) -> None:
    body = data.draw(bodies(action), label="body")
    with client_answering(body, http_status) as client:
        result = typed_or_api_error(lambda: ACTIONS[action](client))
    if result is None:
        return
    if action in RESULT_TYPES:
        assert isinstance(result, RESULT_TYPES[action])
    else:
        assert isinstance(result, dict)
        kinds = ApiError | str | OrderStatus | RefillStatus
        assert all(v is None or isinstance(v, kinds) for v in result.values())


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 100_000,
        b'{"balance": ' + b"9" * 5000 + b', "order": ' + b"9" * 5000 + b"}",
        b'{"balance": 1e999999, "order": NaN, "refill": Infinity, "status": -Infinity}',
    ],
    ids=["deep", "5000-digits", "non-finite"],
)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_what_broke_before_through_the_client(action: str, body: bytes) -> None:
    with client_answering(body, 200) as client:
        typed_or_api_error(lambda: ACTIONS[action](client))

"""Batch calls: one malformed entry of a multi answer, or one nonsensical single answer in
the fallback, hides only its own ID; the other IDs of the batch keep their outcomes.

Recorded answers through `httpx.MockTransport` (no network): the api layer's unit tests.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import parse_qs

import httpx
import pytest

from smmdesk.api import (
    ApiError,
    PanelClient,
    PanelError,
    ProtocolError,
    RefillState,
    RefillStatus,
    RetryPolicy,
)

URL = "https://panel.example/api/v2"
SECRET = "k-batch-5e4d3c2b1a"
IDS = [str(n) for n in range(1, 11)]
BAD = "7"  # the one ID whose entry is broken in each answer below


def client_for(answer: Callable[[dict[str, str]], object]) -> tuple[PanelClient, list[str]]:
    """A client whose panel answers each form with `answer(form)` (JSON-encoded); the
    list collects each request's action and IDs."""
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        form = {k: v[0] for k, v in parse_qs(request.content.decode()).items()}
        seen.append(f"{form['action']}:{form.get('orders', form.get('order', ''))}")
        return httpx.Response(200, content=json.dumps(answer(form)).encode())

    client = PanelClient(
        URL, SECRET, transport=httpx.MockTransport(handler), retry=RetryPolicy(max_attempts=1)
    )
    return client, seen


def assert_only_bad_failed(results: dict[str, object], field: str) -> None:
    error = results[BAD]
    assert isinstance(error, ProtocolError)
    assert field in str(error) and BAD in str(error)
    assert all(not isinstance(results[i], ApiError) for i in IDS if i != BAD)


def test_a_malformed_multi_refill_entry_hides_only_its_order() -> None:
    def answer(form: dict[str, str]) -> object:
        return [
            {"order": int(i), "refill": {"bad": "shape"} if i == BAD else int(i) + 100}
            for i in form["orders"].split(",")
        ]

    client, seen = client_for(answer)
    results = client.refills(IDS)
    assert_only_bad_failed(results, "refill")
    assert results["1"] == "101"
    assert seen == [f"refill:{','.join(IDS)}"]


def test_a_refusal_in_words_without_an_object_is_that_orders_refusal() -> None:
    client, _ = client_for(
        lambda form: [
            {"order": int(i), "refill": "Refill is disabled" if i == BAD else int(i)}
            for i in form["orders"].split(",")
        ]
    )
    results = client.refills(IDS)
    assert results[BAD] == PanelError("Refill is disabled")
    assert results["2"] == "2"


def test_a_malformed_multi_refill_status_entry_hides_only_its_refill() -> None:
    def answer(form: dict[str, str]) -> object:
        return [
            {"refill": int(i), "status": ["no", "word"] if i == BAD else "Completed"}
            for i in form["refills"].split(",")
        ]

    client, _ = client_for(answer)
    results = client.refill_statuses(IDS)
    assert_only_bad_failed(results, "status")
    assert results["3"] == RefillStatus("3", "Completed", RefillState.COMPLETED)


def test_a_malformed_multi_status_entry_hides_only_its_order() -> None:
    def answer(form: dict[str, str]) -> object:
        return {
            i: {"status": "Pending", "start_count": "1e30" if i == BAD else "10"}
            for i in form["orders"].split(",")
        }

    client, _ = client_for(answer)
    results = client.statuses(IDS)
    assert_only_bad_failed(results, "start_count")


def test_an_unreadable_multi_cancel_entry_is_that_orders_refusal_only() -> None:
    def answer(form: dict[str, str]) -> object:
        return [
            {"order": int(i), "cancel": {"weird": True} if i == BAD else 1}
            for i in form["orders"].split(",")
        ]

    client, _ = client_for(answer)
    results = client.cancels(IDS)
    assert isinstance(results[BAD], PanelError)
    assert [i for i, outcome in results.items() if outcome is not None] == [BAD]


def test_an_entry_with_an_unreadable_id_leaves_only_that_id_unanswered() -> None:
    def answer(form: dict[str, str]) -> object:
        ids = form["orders"].split(",")
        return [{"order": 1.5 if i == BAD else int(i), "refill": int(i)} for i in ids]

    client, _ = client_for(answer)
    results = client.refills(IDS)
    assert isinstance(results[BAD], ProtocolError)
    assert "did not mention this ID" in str(results[BAD])
    assert [i for i in IDS if results[i] != i] == [BAD]


SINGLE_ANSWERS: dict[str, tuple[Callable[[PanelClient], dict[str, object]], object, object]] = {
    # action: (the batch call, a good single answer, a nonsensical single answer)
    "refill": (lambda c: dict(c.refills(IDS)), {"refill": "55"}, {"refill": [1, 2]}),
    "refill_status": (
        lambda c: dict(c.refill_statuses(IDS)),
        {"status": "Pending"},
        {"status": 42},
    ),
    "cancel": (lambda c: dict(c.cancels(IDS)), {"status": "success"}, {"what": "?"}),
    "status": (lambda c: dict(c.statuses(IDS)), {"status": "Completed"}, {"status": None}),
}


@pytest.mark.parametrize("action", SINGLE_ANSWERS)
def test_in_the_single_fallback_a_nonsensical_answer_is_that_ids_outcome(action: str) -> None:
    batch_call, good, nonsense = SINGLE_ANSWERS[action]

    def answer(form: dict[str, str]) -> object:
        if "orders" in form or "refills" in form:
            return {"error": "Incorrect request"}  # no multi variant on this panel
        one = form.get("order", form.get("refill"))
        return nonsense if one == BAD else good

    client, seen = client_for(answer)
    results = batch_call(client)
    assert isinstance(results[BAD], ProtocolError)
    assert all(not isinstance(results[i], ApiError) for i in IDS if i != BAD)
    assert len(seen) == 1 + len(IDS)  # the multi try, then one call per ID
    results = batch_call(client)  # the client remembers: single calls straight away
    assert isinstance(results[BAD], ProtocolError)
    assert len(seen) == 1 + 2 * len(IDS)


def test_a_transport_failure_in_the_single_fallback_fails_the_batch() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        form = {k: v[0] for k, v in parse_qs(request.content.decode()).items()}
        if "orders" in form:
            return httpx.Response(200, json={"error": "Incorrect request"})
        raise httpx.ConnectError("unreachable", request=request)

    client = PanelClient(
        URL, SECRET, transport=httpx.MockTransport(handler), retry=RetryPolicy(max_attempts=1)
    )
    with pytest.raises(ApiError) as caught:
        client.refills(IDS)
    assert not isinstance(caught.value, PanelError | ProtocolError)


def test_an_account_refusal_of_the_multi_call_is_not_tried_one_by_one() -> None:
    client, seen = client_for(lambda form: {"error": "neworder.error.not_enough_funds"})
    with pytest.raises(PanelError) as caught:
        client.refills(IDS)
    assert str(caught.value) == "Not enough funds on the panel balance"
    assert len(seen) == 1

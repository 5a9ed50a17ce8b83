"""The client reads every dialect of api-v2.md, from recorded answers (no network),
including what the second survey of panels found ("More seen in the field")."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from urllib.parse import parse_qs

import httpx
import pytest

from smmdesk.api import (
    OrderState,
    PanelClient,
    PanelError,
    ProtocolError,
    RefillState,
    RetryPolicy,
    ServiceType,
    wire,
)
from smmdesk.api.models import PlacedOrder
from smmdesk.api.refusals import RefusalKind as RK
from smmdesk.api.refusals import human_refusal, refusal_kind
from tests.api import samples

URL = "https://panel.example/api/v2"
SECRET = "k-9f8e7d6c5b4a"


def client_answering(
    body: str | Callable[[dict[str, str]], str], status: int = 200
) -> tuple[PanelClient, list[dict[str, str]]]:
    seen: list[dict[str, str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        form = {k: v[0] for k, v in parse_qs(request.content.decode()).items()}
        seen.append(form)
        text = body(form) if callable(body) else body
        return httpx.Response(status, content=text.encode())

    client = PanelClient(
        URL,
        SECRET,
        transport=httpx.MockTransport(handler),
        retry=RetryPolicy(max_attempts=1),
    )
    return client, seen


def test_services_in_the_common_dialect_keep_strings_ids_and_extras() -> None:
    client, seen = client_answering(samples.PERFECTPANEL_SERVICES)
    first, second = client.services()
    assert seen == [{"key": SECRET, "action": "services"}]
    assert (first.id, first.rate, first.min, first.max) == ("1", Decimal("0.90"), 50, 10000)
    assert first.refill and first.cancel and not first.dripfeed
    assert second.service_type is ServiceType.CUSTOM_COMMENTS
    assert second.dripfeed and not second.refill
    assert second.description == "Real comments\nStart 0-1h"
    assert second.extra["average_time"] == "2 hours"


def test_services_in_the_smartpanel_dialect() -> None:
    (service,) = client_answering(samples.SMARTPANEL_SERVICES)[0].services()
    assert service.service_type is ServiceType.CUSTOM_COMMENTS_PACKAGE
    assert not service.refill and not service.cancel and service.dripfeed
    assert client_answering(samples.SMARTPANEL_EMPTY)[0].services() == []


def test_byte_order_mark_and_whitespace_are_tolerated() -> None:
    balance = client_answering(samples.BOM_AND_SPACES)[0].balance()
    assert (balance.amount, balance.currency) == (Decimal("100.84292"), "USD")


def test_smartpanel_success_wrapper_and_error_without_error_key() -> None:
    assert client_answering(samples.SMARTPANEL_BALANCE)[0].balance().currency == "EUR"
    with pytest.raises(PanelError, match="Incorrect service ID"):
        client_answering(samples.SMARTPANEL_ERROR)[0].add("1", link="x", quantity=10)


def test_an_error_next_to_an_order_id_is_a_failure_not_an_order() -> None:
    with pytest.raises(PanelError) as caught:
        client_answering(samples.ERROR_WITH_ORDER)[0].add("1", link="x", quantity=10)
    assert caught.value.panel_message == "low balance"


def test_an_errors_list_is_joined() -> None:
    with pytest.raises(PanelError, match="Link is invalid; Quantity is too low"):
        client_answering(samples.ERRORS_LIST)[0].add("1", link="x", quantity=10)


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        (samples.PHP_NOTICE, 200, "not valid JSON"),
        (samples.CLOUDFLARE, 503, "web page"),
        (samples.TRUNCATED, 200, "not valid JSON"),
        ("", 200, "empty answer"),
        ('"just a string"', 200, "Unexpected answer"),
    ],
)
def test_noise_that_hides_the_json_is_a_protocol_error(body: str, status: int, words: str) -> None:
    with pytest.raises(ProtocolError, match=words) as caught:
        client_answering(body, status)[0].balance()
    assert caught.value.http_status == status


def test_a_body_that_echoes_the_key_is_redacted_in_the_error() -> None:
    with pytest.raises(ProtocolError) as caught:
        client_answering(f"<html>bad key {SECRET}</html>", 403)[0].balance()
    assert SECRET not in str(caught.value)
    assert "***" in str(caught.value)


def test_multi_status_reads_every_item_form() -> None:
    client, seen = client_answering(samples.MULTI_STATUS)
    ids = ["1", "10", "100", "ord_7f", "ab12", "55", "56"]
    results = client.statuses(ids)
    assert seen[0]["orders"] == ",".join(ids)
    partial = results["1"]
    assert not isinstance(partial, Exception)
    assert (partial.state, partial.remains, partial.charge) == (
        OrderState.PARTIAL,
        157,
        Decimal("0.27819"),
    )
    assert partial.is_final
    assert results["10"] == PanelError("Incorrect order ID")
    assert results["55"] == PanelError("Incorrect order ID")
    subscription = results["ord_7f"]
    assert not isinstance(subscription, Exception)
    assert (subscription.state, subscription.posts) == (OrderState.ACTIVE, 5)
    drip = results["ab12"]
    assert not isinstance(drip, Exception)
    assert (drip.state, drip.runs, drip.remains) == (OrderState.IN_PROGRESS, 3, None)
    assert drip.extra["remains"] == "Unknown"
    cancelled = results["56"]
    assert not isinstance(cancelled, Exception)
    assert (cancelled.state, cancelled.remains, cancelled.status_text) == (
        OrderState.CANCELED,
        -12,
        "Order Cancelled",
    )


@pytest.mark.parametrize(
    ("word", "state"),
    [
        ("Pending", OrderState.PENDING),
        ("In progress", OrderState.IN_PROGRESS),
        ("Inprogress", OrderState.IN_PROGRESS),
        ("in_progress", OrderState.IN_PROGRESS),
        ("Processing", OrderState.IN_PROGRESS),
        ("Complete", OrderState.COMPLETED),
        ("Partially Completed", OrderState.PARTIAL),
        ("Canceled", OrderState.CANCELED),
        ("Cancelled", OrderState.CANCELED),
        ("Refunded", OrderState.REFUNDED),
        ("Fail", OrderState.FAILED),
        ("Expired", OrderState.EXPIRED),
        ("Paused", OrderState.PAUSED),
        ("Teleported", OrderState.UNKNOWN),
    ],
)
def test_status_words_are_normalised(word: str, state: OrderState) -> None:
    assert OrderState.parse(word) is state


def test_an_unknown_status_word_is_not_final_and_keeps_its_text() -> None:
    client, _ = client_answering('{"status": "Teleported", "remains": "3"}')
    status = client.status("9")
    assert (status.state, status.status_text, status.is_final) == (
        OrderState.UNKNOWN,
        "Teleported",
        False,
    )


def test_multi_refill_refill_status_and_cancel() -> None:
    refills = client_answering(samples.MULTI_REFILL)[0].refills(["1", "2", "3"])
    assert refills == {"1": "1", "2": "ref_2", "3": PanelError("Incorrect order ID")}
    statuses = client_answering(samples.MULTI_REFILL_STATUS)[0].refill_statuses(["1", "2", "3"])
    first, second = statuses["1"], statuses["2"]
    assert not isinstance(first, Exception) and first.state is RefillState.COMPLETED
    assert not isinstance(second, Exception) and second.state is RefillState.REJECTED
    assert statuses["3"] == PanelError("Refill not found")
    cancels = client_answering(samples.MULTI_CANCEL)[0].cancels(["2", "9"])
    assert cancels == {"2": None, "9": PanelError("Incorrect order ID")}


def test_single_refill_and_cancel_answers() -> None:
    assert client_answering(samples.SINGLE_REFILL_VERBOSE)[0].refill("5") == "12345"
    client, seen = client_answering(
        lambda form: samples.SINGLE_CANCEL if "order" in form else '{"error": "Incorrect request"}'
    )
    client.cancel("5")
    assert [form.get("orders", form.get("order")) for form in seen] == ["5", "5"]


def test_multi_variant_rejected_falls_back_to_single_calls_and_remembers() -> None:
    def answer(form: dict[str, str]) -> str:
        if "orders" in form:
            return '{"error": "Incorrect request"}'
        return '{"status": "Completed", "charge": "1", "remains": "0"}'

    client, seen = client_answering(answer)
    assert set(client.statuses(["1", "2"])) == {"1", "2"}
    assert set(client.statuses(["3", "4"])) == {"3", "4"}
    assert [("orders" in form) for form in seen] == [True, False, False, False, False]


def test_a_rejected_multi_variant_whose_single_call_fails_alike_is_raised() -> None:
    client, seen = client_answering('{"error": "Incorrect request"}')
    with pytest.raises(PanelError):
        client.statuses(["1", "2"])
    assert len(seen) == 2


def test_list_fields_are_sent_one_per_line_and_empty_fields_dropped() -> None:
    client, seen = client_answering('{"order": "ord_abc"}')
    order_id = client.add("2", link="https://x/p/1", comments=["Nice", " ", "Great "], posts=None)
    assert order_id == "ord_abc"
    assert seen[0]["comments"] == "Nice\nGreat"
    assert "posts" not in seen[0] and "quantity" not in seen[0]


def test_the_key_is_not_in_repr() -> None:
    client, _ = client_answering("{}")
    assert SECRET not in repr(client)


@pytest.mark.parametrize(
    ("word", "state"),
    [
        ("Creating", OrderState.PENDING),
        ("Awaiting", OrderState.PENDING),
        ("tasks.status.completed", OrderState.COMPLETED),
        ("orders.status.in_progress", OrderState.IN_PROGRESS),
        ("Processed", OrderState.UNKNOWN),
    ],
)
def test_status_words_seen_in_the_field(word: str, state: OrderState) -> None:
    assert OrderState.parse(word) is state


@pytest.mark.parametrize(
    ("word", "state"),
    [
        ("Processed", RefillState.COMPLETED),
        ("tasks.status.completed", RefillState.COMPLETED),
        ("tasks.status.rejected", RefillState.REJECTED),
        ("Awaiting", RefillState.PENDING),
        ("Creating", RefillState.PENDING),
        ("tasks.status.", RefillState.UNKNOWN),
        ("tasks.status.teleported", RefillState.UNKNOWN),
    ],
)
def test_refill_status_words_seen_in_the_field(word: str, state: RefillState) -> None:
    assert RefillState.parse(word) is state


def test_multi_refill_status_with_untranslated_keys_keeps_the_raw_word() -> None:
    answer = client_answering(samples.MULTI_REFILL_STATUS_KEYS)[0]
    statuses = answer.refill_statuses(["1", "2", "3", "4"])
    states = {
        k: (v.state, v.status_text) for k, v in statuses.items() if not isinstance(v, Exception)
    }
    assert states == {
        "1": (RefillState.COMPLETED, "tasks.status.completed"),
        "2": (RefillState.COMPLETED, "Processed"),
        "3": (RefillState.IN_PROGRESS, "tasks.status.in_progress"),
        "4": (RefillState.PENDING, "Awaiting"),
    }


def test_a_drip_feed_status_keeps_runs_and_child_orders_and_invents_no_charge() -> None:
    status = client_answering(samples.DRIPFEED_STATUS)[0].status("9")
    assert (status.state, status.runs, status.orders) == (
        OrderState.IN_PROGRESS,
        3,
        ("101", "102", "ord_103"),
    )
    assert (status.charge, status.remains, status.start_count, status.currency) == (None,) * 4


def test_a_subscription_status_keeps_posts_expiry_and_child_orders() -> None:
    status = client_answering(samples.SUBSCRIPTION_STATUS)[0].status("9")
    assert (status.state, status.posts, status.expiry, status.orders) == (
        OrderState.ACTIVE,
        5,
        "2026-12-31 23:59",
        ("7", "8"),
    )
    assert (status.charge, status.remains, status.runs) == (None, None, None)


@pytest.mark.parametrize(("key", "words"), list(samples.UNTRANSLATED_ERRORS.items()))
def test_untranslated_error_keys_get_human_words_and_keep_the_key(key: str, words: str) -> None:
    client, _ = client_answering(json.dumps({"error": key}))
    with pytest.raises(PanelError) as caught:
        client.add("1", link="https://x.test/p", quantity=10)
    assert (str(caught.value), caught.value.panel_message) == (words, key)


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        (
            "You have active order with this link. Please wait until order being completed.",
            RK.DUPLICATE_LINK,
        ),
        ("neworder.error.link_duplicate", RK.DUPLICATE_LINK),
        ("link_duplicate", RK.DUPLICATE_LINK),
        ("Not enough funds on balance", RK.NOT_ENOUGH_FUNDS),
        ("neworder.error.not_enough_funds", RK.NOT_ENOUGH_FUNDS),
        ("low balance", RK.NOT_ENOUGH_FUNDS),
        ("Invalid API key", RK.INVALID_KEY),
        ("Incorrect service ID", RK.BAD_SERVICE),
        ("neworder.error.incorrect_service_id", RK.BAD_SERVICE),
        ("Quantity less than minimal 50", RK.BAD_QUANTITY),
        ("Quantity more than maximum 10000", RK.BAD_QUANTITY),
        ("neworder.error.min_quantity", RK.BAD_QUANTITY),
        ("neworder.error.max_quantity", RK.BAD_QUANTITY),
        ("neworder.error.link", RK.BAD_LINK),
        ("Incorrect link", RK.BAD_LINK),
        ("Incorrect order ID", RK.OTHER),
        ("Refill is disabled for this service", RK.OTHER),
        ("", RK.OTHER),
    ],
)
def test_refusal_kinds(message: str, kind: RK) -> None:
    assert refusal_kind(message) is kind


def test_human_refusal_leaves_the_panels_own_words_alone() -> None:
    words = "You have active order with this link. Please wait until order being completed."
    assert human_refusal(words) == words
    assert human_refusal("neworder.error.link_disabled") == "The panel refused: link disabled"


def test_a_duplicate_link_refusal_is_recognisable_from_the_panel_error() -> None:
    client, _ = client_answering('{"error": "neworder.error.link_duplicate"}')
    with pytest.raises(PanelError) as caught:
        client.add("1", link="https://x.test/p", quantity=10)
    assert refusal_kind(caught.value.panel_message) is RK.DUPLICATE_LINK


def test_the_full_add_answer_has_the_real_charge() -> None:
    placed = wire.parse_placed_order(json.loads(samples.ADD_WITH_CHARGE))
    assert placed == PlacedOrder("23501", Decimal("2.7819"), "EUR")
    assert client_answering(samples.ADD_WITH_CHARGE)[0].add("1", link="x", quantity=10) == "23501"

"""`place` returns the panel's whole answer to `add` (`PlacedOrder`); `add` keeps returning
the ID for scripts; a refusal carries the human words and the raw ones apart."""

from __future__ import annotations

import json
from decimal import Decimal

import httpx
import pytest

import smmdesk.api as api
from smmdesk.api import PanelClient, PanelError, PlacedOrder, RetryPolicy, Service
from smmdesk.api.draft import OrderDraft

URL = "https://panel.example/api/v2"
SECRET = "k-placed-0a1b2c3d4e"
SERVICE = Service("1", "Likes", "Default", "Instagram", Decimal("0.9"), 10, 1000)


def client_answering(body: object) -> tuple[PanelClient, list[bytes]]:
    sent: list[bytes] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.content)
        return httpx.Response(200, content=json.dumps(body).encode())

    client = PanelClient(
        URL, SECRET, transport=httpx.MockTransport(handler), retry=RetryPolicy(max_attempts=1)
    )
    return client, sent


def draft() -> OrderDraft:
    return OrderDraft.of(SERVICE, "https://instagram.com/p/x", 100)


@pytest.mark.parametrize(
    ("answer", "placed"),
    [
        ({"order": 23501}, PlacedOrder("23501")),
        (
            {"order": "23501", "charge": "0.09", "currency": "EUR"},
            PlacedOrder("23501", Decimal("0.09"), "EUR"),
        ),
        ({"status": "success", "order": 32, "charge": 1.5}, PlacedOrder("32", Decimal("1.5"))),
        # The order exists once its ID is known: an unreadable charge is unknown, not an error.
        ({"order": 7, "charge": "lots", "currency": ["?"]}, PlacedOrder("7")),
    ],
)
def test_place_returns_the_id_and_the_real_charge_when_given(
    answer: dict[str, object], placed: PlacedOrder
) -> None:
    client, sent = client_answering(answer)
    assert client.place(draft()) == placed
    assert len(sent) == 1


def test_add_returns_just_the_id() -> None:
    client, _ = client_answering({"order": 23501, "charge": "0.09"})
    assert client.add("1", link="https://instagram.com/p/x", quantity=100) == "23501"


def test_a_refusal_beside_an_order_id_is_a_refusal() -> None:
    client, _ = client_answering({"error": "low balance", "order": 32})
    with pytest.raises(PanelError, match="low balance"):
        client.place(draft())


def test_a_refusal_keeps_the_raw_key_and_reads_in_human_words() -> None:
    client, _ = client_answering({"error": "neworder.error.not_enough_funds"})
    with pytest.raises(PanelError) as caught:
        client.place(draft())
    error = caught.value
    assert error.panel_message == "neworder.error.not_enough_funds"
    assert error.message == str(error) == "Not enough funds on the panel balance"
    assert api.refusal_kind(error.panel_message) is api.RefusalKind.NOT_ENOUGH_FUNDS


def test_a_panel_error_built_by_hand_reads_as_the_panels_words_unless_told() -> None:
    assert str(PanelError("Incorrect order ID")) == "Incorrect order ID"
    told = PanelError("neworder.error.link", message="The panel does not accept this link")
    assert (told.panel_message, str(told)) == (
        "neworder.error.link",
        "The panel does not accept this link",
    )
    assert told == PanelError("neworder.error.link")  # the same refusal, whatever the words


def test_the_package_exports_the_parsing_results() -> None:
    for name in ("ServiceList", "SkippedItem", "PlacedOrder", "RefusalKind"):
        assert name in api.__all__ and isinstance(getattr(api, name), type)
    assert api.human_refusal("neworder.error.link") == "The panel does not accept this link"

"""`OrderDraft`: one shape from the form to the wire; `key` and `action` are never a field."""

from __future__ import annotations

from decimal import Decimal

import pytest

from smmdesk.api import PanelClient, Service
from smmdesk.api.draft import OrderDraft, add_params


def service(kind: str = "Default") -> Service:
    return Service(
        id="7", name="Views", type=kind, category="YT", rate=Decimal("1.5"), min=10, max=100
    )


def test_params_are_the_fields_as_they_will_be_sent() -> None:
    draft = OrderDraft.of(service(), "https://x.test/v", 50, fields={"request_id": "r-1"})
    assert draft.params() == {
        "service": "7",
        "link": "https://x.test/v",
        "quantity": "50",
        "request_id": "r-1",
    }
    assert (draft.link, draft.quantity, draft.runs, draft.interval) == (
        "https://x.test/v",
        50,
        None,
        None,
    )
    assert dict(draft.type_fields) == {"request_id": "r-1"}


@pytest.mark.parametrize("name", ["key", "action", "service"])
def test_a_draft_cannot_overwrite_what_the_client_sends(name: str) -> None:
    with pytest.raises(ValueError, match=name):
        OrderDraft(service(), {name: "x"})
    with pytest.raises(ValueError, match=name):
        OrderDraft.of(service(), "https://x.test", 10, fields={name: "x"})


@pytest.mark.parametrize("name", ["key", "action"])
def test_a_script_cannot_either(name: str) -> None:
    with pytest.raises(ValueError, match=name):
        add_params("7", {name: "x"})
    client = PanelClient("https://panel.invalid/api/v2", "secret-key")
    try:
        with pytest.raises(ValueError, match=name):
            client.add("7", "https://x.test", 10, **{name: "x"})
    finally:
        client.close()


def test_lists_are_sent_one_per_line() -> None:
    params = add_params("7", {"comments": [" one ", "", "two"], "link": None})
    assert params == {"service": "7", "comments": "one\ntwo"}


def test_a_draft_is_frozen() -> None:
    draft = OrderDraft.of(service(), "https://x.test", 10)
    with pytest.raises(TypeError):
        draft.fields["link"] = "https://elsewhere.test"  # type: ignore[index]

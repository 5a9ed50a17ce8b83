"""The confirmation lists every field of the request that will be sent."""

from __future__ import annotations

from decimal import Decimal

from smmdesk.api import Balance, Service
from smmdesk.api.draft import OrderDraft
from smmdesk.ui.ordering.confirm_dialog import summarize


def service(kind: str) -> Service:
    return Service(
        id="9", name="Svc", type=kind, category="IG", rate=Decimal("2"), min=1, max=10_000
    )


def test_every_subscription_field_is_listed() -> None:
    fields = {
        "username": "someone",
        "min": "100",
        "max": "200",
        "posts": "5",
        "old_posts": "2",
        "delay": "30",
        "expiry": "31/12/2026",
    }
    draft = OrderDraft(service("Subscriptions"), fields, Decimal("2.00"), "USD")
    summary = summarize(draft, Balance(Decimal("10"), "USD"))
    labels = dict(summary.rows)
    assert labels == {
        "Username": "someone",
        "Min per post": "100",
        "Max per post": "200",
        "New posts": "5",
        "Old posts": "2",
        "Delay (minutes)": "30",
        "Expiry": "31/12/2026",
    }
    assert summary.balance_after == "8.00 USD" and not summary.over_balance


def test_a_list_shows_its_first_lines_and_count() -> None:
    comments = "\n".join(f"comment {i}" for i in range(1, 8))
    draft = OrderDraft(service("Custom Comments"), {"link": "https://x.test", "comments": comments})
    rows = dict(summarize(draft, None).rows)
    assert rows["Link"] == "https://x.test"
    assert rows["Comments"].splitlines() == [
        "7 lines:",
        "comment 1",
        "comment 2",
        "comment 3",
        "… and 4 more lines",
    ]


def test_extra_fields_are_listed_by_name() -> None:
    draft = OrderDraft(
        service("Default"), {"link": "https://x.test", "quantity": "10", "coupon": "SPRING"}
    )
    assert dict(summarize(draft, None).rows)["coupon"] == "SPRING"

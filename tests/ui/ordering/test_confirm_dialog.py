"""The confirmation lists every field of the request that will be sent, its quantity and
charge as the panel counts them, and the active orders already on the link."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel
from pytestqt.qtbot import QtBot

from smmdesk.api import Balance, Service
from smmdesk.api.draft import OrderDraft
from smmdesk.store import JournalState, OrderRecord
from smmdesk.ui.ordering.confirm_dialog import ConfirmOrderDialog, summarize


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


def test_a_subscription_shows_per_post_and_the_total_for_the_posts_asked() -> None:
    fields = {"username": "someone", "min": "100", "max": "200", "posts": "5", "delay": "30"}
    draft = OrderDraft(service("Subscriptions"), fields, Decimal("2.00"), "USD")
    summary = summarize(draft, Balance(Decimal("10"), "USD"))
    assert summary.quantity == "100\N{EN DASH}200 per post \N{MULTIPLICATION SIGN} 5 posts"
    assert summary.charge == "2.00 USD (5 posts \N{MULTIPLICATION SIGN} 0.40 USD per post)"
    assert summary.balance_after == "8.00 USD"


def test_an_open_ended_subscription_says_so() -> None:
    fields = {"username": "someone", "min": "100", "max": "200", "delay": "30"}
    draft = OrderDraft(service("Subscriptions"), fields, None, "USD")
    summary = summarize(draft, Balance(Decimal("0.30"), "USD"))
    assert summary.quantity == "100\N{EN DASH}200 per post, open-ended"
    assert summary.charge.startswith("0.40 USD per post, open-ended")
    assert summary.balance_after == "0.30 USD — not enough funds for one post"
    assert summary.over_balance


def test_a_dripfeed_shows_runs_times_quantity() -> None:
    item = Service(id="9", name="Svc", type="Default", category="IG", rate=Decimal("2"),
                   min=1, max=10_000, dripfeed=True)  # fmt: skip
    fields = {"link": "https://x.test", "quantity": "1000", "runs": "3", "interval": "10"}
    summary = summarize(OrderDraft(item, fields, Decimal("6"), "USD"), None)
    assert summary.quantity == "3 runs \N{MULTIPLICATION SIGN} 1,000 = 3,000"
    assert summary.charge == "6.00 USD (3 runs \N{MULTIPLICATION SIGN} 2.00 USD)"


def test_a_list_type_counts_its_lines() -> None:
    fields = {"link": "https://x.test", "comments": "a\nb\nc"}
    summary = summarize(OrderDraft(service("Custom Comments"), fields, None, "USD"), None)
    assert (summary.quantity, summary.charge) == ("3 lines", "0.006 USD")


def twin(journal_state: JournalState, order_id: str | None, minutes: int) -> OrderRecord:
    created = datetime.now(UTC) - timedelta(minutes=minutes)
    return OrderRecord(
        id=12, panel_id=2, service_id="7", service_name="IG Likes <b>HQ</b>",
        service_type="Default", link="https://x.test/p/1", quantity=100, runs=None,
        interval=None, fields={}, charge_estimate=None, currency="USD",
        journal_state=journal_state, order_id=order_id, error=None,
        status_text="Pending" if order_id else None, state=None, charge=None,
        start_count=None, remains=None, posts=None, runs_done=None, created_at=created,
        updated_at=created, checked_at=None, can_refill=True, can_cancel=True,
    )  # fmt: skip


def test_twins_are_named_with_panel_order_service_status_and_age() -> None:
    draft = OrderDraft(service("Default"), {"link": "https://x.test/p/1", "quantity": "100"})
    twins = [twin(JournalState.PLACED, "5501", 3), twin(JournalState.UNCONFIRMED, None, 150)]
    summary = summarize(draft, None, twins, {2: "Second panel"}.__getitem__)
    assert summary.twins == (
        "Second panel · order 5501 · IG Likes <b>HQ</b> · Pending · 3 min ago",
        "Second panel · #12 (no order ID yet) · IG Likes <b>HQ</b> · unconfirmed · 2 h ago",
    )
    assert summary.twin_warning.startswith("An unconfirmed order for this link may already")


def test_placing_another_order_for_the_link_takes_an_explicit_tick(qtbot: QtBot) -> None:
    draft = OrderDraft(service("Default"), {"link": "https://x.test/p/1", "quantity": "100"})
    summary = summarize(draft, None, [twin(JournalState.PLACED, "5501", 3)])
    dialog = ConfirmOrderDialog(summary)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Place another order for this link?"
    assert dialog.message.text().startswith("This link already has an active order.")
    listed = dialog.findChild(QLabel, "twinsList")
    assert listed is not None and listed.textFormat() is Qt.TextFormat.PlainText
    assert "order 5501" in listed.text()
    assert dialog.yes_button.text() == "&Place another order"  # Alt+P, once ticked
    assert not dialog.yes_button.isEnabled() and dialog.no_button.isDefault()
    check = dialog.findChild(QCheckBox, "twinCheck")
    check.setChecked(True)
    assert dialog.yes_button.isEnabled()


def test_without_twins_the_question_is_plain(qtbot: QtBot) -> None:
    draft = OrderDraft(service("Default"), {"link": "https://x.test/p/1", "quantity": "100"})
    dialog = ConfirmOrderDialog(summarize(draft, None))
    qtbot.addWidget(dialog)
    assert dialog.findChild(QCheckBox, "twinCheck") is None
    assert dialog.yes_button.isEnabled()
    rows = {
        dialog.form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().text()
        for row in range(dialog.form.rowCount())
    }
    assert {"Quantity", "Charge"} <= rows


def test_a_typed_quantity_is_shown_once(qtbot: QtBot) -> None:
    draft = OrderDraft(service("Default"), {"link": "https://x.test/p/9", "quantity": "1000"})
    dialog = ConfirmOrderDialog(summarize(draft, None))
    qtbot.addWidget(dialog)
    labels = [
        dialog.form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().text()
        for row in range(dialog.form.rowCount())
    ]
    assert labels.count("Quantity") == 1 and "Total quantity" not in labels

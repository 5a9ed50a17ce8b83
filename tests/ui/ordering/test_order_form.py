"""The New order pane on its own: fields per service type, the live estimate, validation
that blocks sending, the extra fields editor and "order again"."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from smmdesk.api import Balance, FieldKind, Service, ServiceType, order_fields
from smmdesk.demopanel import DemoPanel
from smmdesk.store import JournalState, OrderRecord, Store
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.ordering.extra_fields import ExtraFieldsModel
from smmdesk.ui.ordering.order_form import EXTRAS_KEY, NewOrderPane
from tests.ui.order_helpers import unconfirmed_order

UNKNOWN_TYPE = "Story Views Premium"
TIMES, DASH = "\N{MULTIPLICATION SIGN}", "\N{EN DASH}"


def make_service(
    service_type: str,
    service_id: str = "9001",
    rate: str = "0.90",
    minimum: int = 50,
    maximum: int = 10_000,
    dripfeed: bool = False,
) -> Service:
    return Service(
        id=service_id,
        name=f"Test {service_type}",
        type=service_type,
        category="Tests",
        rate=Decimal(rate),
        min=minimum,
        max=maximum,
        dripfeed=dripfeed,
    )


@pytest.fixture
def pane(qtbot: QtBot, context: AppContext) -> NewOrderPane:
    widget = NewOrderPane(context)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def use(pane: NewOrderPane, *services: Service) -> None:
    pane.picker.set_services(list(services))
    pane.select_service(services[0].id)


def fill(pane: NewOrderPane, **values: str) -> None:
    pane.fields.set_values(values)


@pytest.mark.parametrize("service_type", [*(t.value for t in ServiceType), UNKNOWN_TYPE])
def test_each_service_type_renders_its_fields(pane: NewOrderPane, service_type: str) -> None:
    service = make_service(service_type, dripfeed=True)
    use(pane, service)
    specs = order_fields(service)
    assert list(pane.fields.inputs) == [spec.name for spec in specs]
    widget_types = {
        FieldKind.TEXT: QLineEdit,
        FieldKind.NUMBER: QLineEdit,
        FieldKind.DATE: QLineEdit,
        FieldKind.LINES: QPlainTextEdit,
        FieldKind.CHOICE: QComboBox,
    }
    for spec in specs:
        editor = pane.findChild(widget_types[spec.kind], f"edit_{spec.name}")
        assert editor is not None, spec.name
        assert pane.findChild(QLabel, f"error_{spec.name}") is not None
    assert pane.extras.isChecked() is (service.service_type is None)


def test_dripfeed_fields_only_where_allowed(pane: NewOrderPane) -> None:
    use(pane, make_service("Default", dripfeed=False))
    assert "runs" not in pane.fields.inputs
    use(pane, make_service("Default", service_id="9002", dripfeed=True))
    assert {"runs", "interval"} <= set(pane.fields.inputs)


def test_lines_field_counts_lines_live(pane: NewOrderPane) -> None:
    use(pane, make_service("Custom Comments"))
    fill(pane, comments="nice\n\ngreat\nwow\n")
    assert pane.findChild(QLabel, "count_comments").text() == "3 lines"


def test_live_estimate_with_runs_and_balance(pane: NewOrderPane, context: AppContext) -> None:
    context.balance = Balance(Decimal("10"), "USD")
    use(pane, make_service("Default", rate="0.90", dripfeed=True))
    fill(pane, link="https://x.test/p/1", quantity="1000")
    assert pane.charge_label.text() == "0.90 USD"
    assert pane.balance_after_label.text() == "9.10 USD"
    assert pane.quantity_label.text() == "1,000"
    fill(pane, runs="3", interval="10")
    assert pane.charge_label.text() == f"2.70 USD (3 runs {TIMES} 0.90 USD)"
    assert pane.quantity_label.text() == f"3 runs {TIMES} 1,000 = 3,000"
    fill(pane, quantity="5000")
    assert pane.charge_label.text().startswith("13.50 USD")
    assert "not enough funds" in pane.balance_after_label.text()
    assert "color" in pane.balance_after_label.styleSheet()


def test_package_costs_its_rate(pane: NewOrderPane, context: AppContext) -> None:
    context.balance = Balance(Decimal("100"), "EUR")
    use(pane, make_service("Package", rate="12.5"))
    assert "quantity" not in pane.fields.inputs
    assert pane.charge_label.text() == "12.50 EUR"


def test_a_subscription_costs_its_posts_and_says_per_post(
    pane: NewOrderPane, context: AppContext
) -> None:
    """Issue 9: the form showed 4.764 USD (one post); the panel wanted 47.64 for 10 posts."""
    context.balance = Balance(Decimal("40"), "USD")
    use(pane, make_service("Subscriptions", rate="2.382", minimum=100, maximum=5000))
    fill(pane, username="someone", min="100", max="2000", posts="10")
    assert pane.charge_label.text() == f"47.64 USD (10 posts {TIMES} 4.764 USD per post)"
    assert pane.quantity_label.text() == f"100{DASH}2,000 per post {TIMES} 10 posts"
    assert pane.balance_after_label.text() == "-7.64 USD — not enough funds"
    fill(pane, posts="")
    assert pane.charge_label.text().startswith("4.764 USD per post, open-ended")
    assert pane.quantity_label.text() == f"100{DASH}2,000 per post, open-ended"
    assert pane.balance_after_label.text() == "40.00 USD — charged post by post"


def test_a_list_type_shows_its_lines_as_the_quantity(pane: NewOrderPane) -> None:
    use(pane, make_service("Custom Comments", rate="8", minimum=1))
    fill(pane, link="https://x.test/p/1", comments="nice\n\ngreat\nwow")
    assert pane.quantity_label.text() == "3 lines"
    assert pane.charge_label.text() == "0.024 USD"


def test_active_orders_on_the_link_are_named_live_on_every_panel(
    pane: NewOrderPane, context: AppContext, store: Store
) -> None:
    service = make_service("Default")
    use(pane, service)
    other = store.add_panel("Second panel", "https://second.example/api/v2")
    context.set_panels(store.panels())
    unconfirmed_order(store, other.id, service, "https://www.instagram.com/p/Twin/")
    fill(pane, link="https://instagram.com/p/Other", quantity="100")
    assert not pane.twins_label.isVisible()
    fill(pane, link="http://instagram.com/p/Twin?igshid=abc")
    assert pane.twins_label.isVisible()
    text = pane.twins_label.text()
    assert text.startswith("An unconfirmed order for this link may already be on the panel.")
    assert "Second panel · #" in text and "unconfirmed · just now" in text
    assert pane.twins_label.textFormat() is Qt.TextFormat.PlainText


def test_validation_blocks_sending_with_messages_next_to_fields(
    qtbot: QtBot, pane: NewOrderPane, demo_panel: DemoPanel
) -> None:
    use(pane, make_service("Default", minimum=50))
    fill(pane, link="", quantity="10")
    qtbot.mouseClick(pane.place_button, Qt.MouseButton.LeftButton)
    link_error = pane.findChild(QLabel, "error_link")
    quantity_error = pane.findChild(QLabel, "error_quantity")
    qtbot.waitUntil(link_error.isVisible)  # rows added to a shown form appear one loop later
    assert link_error.text() == "Link is required"
    assert quantity_error.isVisible() and "At least 50" in quantity_error.text()
    assert not [d for d in pane.findChildren(QDialog) if d.isVisible()]
    fill(pane, link="https://x.test/p/1")  # live after the first attempt
    assert not link_error.isVisible()
    assert quantity_error.isVisible()
    assert demo_panel.requests["add"] == 0


def test_extra_fields_clash_and_pass_through(pane: NewOrderPane) -> None:
    service = make_service(UNKNOWN_TYPE)
    use(pane, service)
    fill(pane, link="https://x.test/p/1", quantity="100")
    pane.extras.model.add_row("link", "dup")
    assert pane.validate()[EXTRAS_KEY].startswith("Already a form field")
    pane.extras.model.set_values({"request_id": "abc-1", "comments": "one"})
    assert EXTRAS_KEY not in pane.validate()
    draft = pane.build_draft(service)
    assert draft.link == "https://x.test/p/1"
    assert draft.quantity == 100
    assert dict(draft.type_fields) == {"request_id": "abc-1", "comments": "one"}
    assert draft.params() == {
        "service": service.id,
        "link": "https://x.test/p/1",
        "quantity": "100",
        "request_id": "abc-1",
        "comments": "one",
    }


def test_extra_fields_model(qtmodeltester: object) -> None:
    model = ExtraFieldsModel()
    model.add_row("coupon", "SPRING")
    model.add_row("request_id", "r-1")
    model.add_row("", "ignored")
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.values() == {"coupon": "SPRING", "request_id": "r-1"}
    model.setData(model.index(0, 1), "AUTUMN")
    model.remove_rows([1, 2])
    assert model.values() == {"coupon": "AUTUMN"}


def test_prefill_orders_again(pane: NewOrderPane, context: AppContext) -> None:
    service = next(s for s in context.services if s.service_type is ServiceType.DEFAULT)
    record = order_record(service, fields={"coupon": "X1"})
    pane.prefill(record)
    assert pane.service == service
    assert pane.values()["link"] == "https://x.test/again"
    assert pane.values()["quantity"] == "150"
    assert pane.extras.values() == {"coupon": "X1"}


def order_record(service: Service, fields: dict[str, str]) -> OrderRecord:
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    return OrderRecord(
        id=1, panel_id=1, service_id=service.id, service_name=service.name,
        service_type=service.type, link="https://x.test/again", quantity=150, runs=None,
        interval=None, fields=fields, charge_estimate=None, currency="USD",
        journal_state=JournalState.PLACED, order_id="5", error=None, status_text=None,
        state=None, charge=None, start_count=None, remains=None, posts=None, runs_done=None,
        created_at=now, updated_at=now, checked_at=None, can_refill=True, can_cancel=True,
    )  # fmt: skip

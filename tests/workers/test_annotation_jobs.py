"""`Desk`'s jobs on notes, customers, sell prices and markups, against the real demo panel:
the notes never travel to the panel, writes land in one go, totals follow the filter, and
a selection across panels is judged order by order against each order's own panel."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from smmdesk.demopanel import DemoPanel
from smmdesk.services.annotations import AnnotationEdit, OrderNotes, OrdersAnnotated, OrderTotals
from smmdesk.services.bulk import OTHER_PANEL, BulkAction, BulkPlan, OrderSelection
from smmdesk.services.profit import SellPriceInput
from smmdesk.store import JournalState, OrderQuery, OrderRecord, Panel, Store
from smmdesk.store.records import Markups
from smmdesk.workers import Desk, Job

from .test_desk import answer, load_services, order_draft

NOTE = "VIP: deliver before Friday — pago via Pix"
CUSTOMER = "Loja da Ana"
ESTIMATE = Decimal("2.5")  # what the form would have shown; the demo's `add` states no charge


@pytest.fixture
def forms(demo_panel: DemoPanel, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, str]]:
    """Every form the demo panel receives over HTTP, as it received it."""
    received: list[dict[str, str]] = []
    router = demo_panel.router
    original = router.answer

    def recording(form: Mapping[str, str], unsupported: Any) -> bytes:
        received.append(dict(form))
        return original(form, unsupported)

    monkeypatch.setattr(router, "answer", recording)
    return received


def place_noted(
    qtbot: QtBot, desk: Desk, panel: Panel, link: str, notes: OrderNotes
) -> OrderRecord:
    snapshot = load_services(qtbot, desk, panel)
    draft = replace(order_draft(snapshot.services, link), charge_estimate=ESTIMATE)
    _, record = answer(
        qtbot, desk, desk.order_placed,
        lambda: desk.place_annotated_order(panel.id, draft, notes), Job.PLACE_ORDER, OrderRecord,
    )  # fmt: skip
    return record


def test_notes_are_written_on_the_row_and_never_sent_to_the_panel(
    qtbot: QtBot, desk: Desk, test_panel: Panel, forms: list[dict[str, str]]
) -> None:
    notes = OrderNotes(NOTE, CUSTOMER, SellPriceInput(amount=Decimal("9.90")))
    record = place_noted(qtbot, desk, test_panel, "https://instagram.com/p/noted", notes)

    assert record.journal_state is JournalState.PLACED
    assert (record.note, record.customer, record.sell_price) == (NOTE, CUSTOMER, Decimal("9.90"))
    [add] = [form for form in forms if form.get("action") == "add"]
    assert set(add) == {"key", "action", "service", "link", "quantity"}
    sent = " ".join(f"{k}={v}" for form in forms for k, v in form.items())
    assert "Ana" not in sent and "VIP" not in sent and "9.90" not in sent


def test_a_customers_markup_fills_the_sell_price_before_the_services(
    qtbot: QtBot, desk: Desk, test_panel: Panel
) -> None:
    snapshot = load_services(qtbot, desk, test_panel)
    service = order_draft(snapshot.services, "https://x.example").service
    for start in (
        lambda: desk.save_service_markup(test_panel.id, service.id, Decimal(10)),
        lambda: desk.save_customer_markup(CUSTOMER.upper(), Decimal(50)),
    ):
        _, markups = answer(qtbot, desk, desk.markups_loaded, start, Job.SAVE_MARKUP, Markups)
    assert [m.percent for m in markups.customers] == [Decimal(50)]

    for_ana = place_noted(
        qtbot, desk, test_panel, "https://x.example/a", OrderNotes(customer=CUSTOMER)
    )
    for_nobody = place_noted(qtbot, desk, test_panel, "https://x.example/b", OrderNotes())
    assert for_ana.sell_price == ESTIMATE * Decimal("1.5")
    assert for_nobody.sell_price == ESTIMATE * Decimal("1.1")

    _, loaded = answer(
        qtbot, desk, desk.markups_loaded, desk.load_markups, Job.LOAD_MARKUPS, Markups
    )
    assert loaded.known_customers == (CUSTOMER,)


def test_a_selection_is_edited_in_one_go_and_totals_follow_the_filter(
    qtbot: QtBot, desk: Desk, store: Store, test_panel: Panel
) -> None:
    first = place_noted(qtbot, desk, test_panel, "https://x.example/c1", OrderNotes())
    second = place_noted(qtbot, desk, test_panel, "https://x.example/c2", OrderNotes())
    shown = OrderQuery(text="x.example/c")
    edit = AnnotationEdit(customer="Bob", sell_price=SellPriceInput(markup=Decimal(100)))
    _, done = answer(
        qtbot, desk, desk.orders_annotated,
        lambda: desk.annotate_orders(None, OrderSelection.matching(shown), edit),
        Job.ANNOTATE_ORDERS, OrdersAnnotated,
    )  # fmt: skip
    assert done == OrdersAnnotated(2, 0)
    records = store.orders_by_ids([first.id, second.id])
    assert {r.customer for r in records} == {"Bob"}

    _, totals = answer(
        qtbot, desk, desk.orders_totalled,
        lambda: desk.total_orders(OrderQuery(text="bob")), Job.TOTAL_ORDERS, OrderTotals,
    )  # fmt: skip
    [usd] = totals.by_currency
    spend = sum((r.charge or r.charge_estimate or Decimal(0)) for r in records)
    assert (usd.orders, usd.sold, usd.spend, usd.sell, usd.profit) == (
        2,
        2,
        spend,
        2 * spend,
        spend,
    )


def test_a_selection_across_panels_is_judged_against_each_orders_panel(
    qtbot: QtBot, desk: Desk, store: Store, test_panel: Panel
) -> None:
    mine = place_noted(qtbot, desk, test_panel, "https://x.example/r1", OrderNotes())
    other = store.add_panel("Other panel", "https://other.example/api/v2")
    [elsewhere] = store.import_orders(other.id, ["555"])
    selection = OrderSelection.of([mine.id, elsewhere.id])

    _, across = answer(
        qtbot, desk, desk.orders_planned,
        lambda: desk.plan_orders_across(selection, BulkAction.COPY_IDS), Job.PLAN_ORDERS, BulkPlan,
    )  # fmt: skip
    assert {o.id for o in across.eligible} == {mine.id, elsewhere.id}
    _, single = answer(
        qtbot, desk, desk.orders_planned,
        lambda: desk.plan_orders(test_panel.id, selection, BulkAction.CANCEL),
        Job.PLAN_ORDERS, BulkPlan,
    )  # fmt: skip
    assert OTHER_PANEL in {n.reason for n in single.not_eligible}
    _, spanning = answer(
        qtbot, desk, desk.orders_planned,
        lambda: desk.plan_orders_across(selection, BulkAction.CANCEL), Job.PLAN_ORDERS, BulkPlan,
    )  # fmt: skip
    assert OTHER_PANEL not in {n.reason for n in spanning.not_eligible}
    assert spanning.asked == 2

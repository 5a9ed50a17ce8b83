"""The per-order outcome table of a bulk refill or cancel, and the confirmation's words."""

from __future__ import annotations

from smmdesk.services.bulk import (
    NO_REFILL,
    REFILL_RUNNING,
    BulkAction,
    BulkPlan,
    NotSent,
    plan,
)
from smmdesk.store import Store
from smmdesk.ui.orders.bulk_dialogs import confirm_text
from smmdesk.ui.orders.bulk_outcome import OutcomeModel, as_text, refill_rows
from smmdesk.workers import RefillsRequested
from tests.ui.order_helpers import add_panel


def test_every_order_gets_a_row_and_the_table_copies_as_text(
    qtmodeltester: object, store: Store
) -> None:
    panel_id = add_panel(store)
    accepted, refused, held = store.import_orders(panel_id, ["1", "2", "3"])
    planned = plan(BulkAction.REFILL, panel_id, [accepted, refused, held], running={held.id})
    refills = store.add_refills([(accepted, "77", None), (refused, None, "Refill\tis\ndisabled")])
    rows = refill_rows(planned, RefillsRequested(refills, []))
    assert [(r.order_id, r.outcome, r.details) for r in rows] == [
        ("1", "Accepted", "Refill 77"),
        ("2", "Refused", "Refill\tis\ndisabled"),
        ("3", "Not sent", REFILL_RUNNING.capitalize()),
    ]
    model = OutcomeModel(rows)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert as_text(rows).splitlines() == [
        "Order ID\tLink\tOutcome\tDetails",
        "1\t\tAccepted\tRefill 77",
        "2\t\tRefused\tRefill is disabled",
        f"3\t\tNot sent\t{REFILL_RUNNING.capitalize()}",
    ]


def test_the_confirmation_counts_and_explains(store: Store) -> None:
    panel_id = add_panel(store)
    first, second = store.import_orders(panel_id, ["1", "2"])
    planned = plan(BulkAction.REFILL, panel_id, [first, second], running={second.id})
    assert confirm_text(planned) == (
        f"Refill 1 of the 2 selected orders?\n\n1 order will not be sent:\n• 1: {REFILL_RUNNING}"
    )
    nothing = BulkPlan(BulkAction.REFILL, panel_id, [], [NotSent(first, NO_REFILL)])
    assert confirm_text(nothing) == f"The selected order cannot be refilled:\n• 1: {NO_REFILL}"
    cancel = plan(BulkAction.CANCEL, panel_id, [first, second])
    assert confirm_text(cancel) == "Cancel 2 orders? A cancel request cannot be taken back."

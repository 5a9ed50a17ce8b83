from datetime import UTC, datetime
from decimal import Decimal

from smmdesk.api import OrderState, RefillState
from smmdesk.services.notices import (
    NAMED_IDS,
    NoticeKind,
    low_balance_notice,
    order_notices,
    refill_notices,
)
from smmdesk.store import OrderChange, RefillChange, RefillRecord

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def change(record_id: int, after: OrderState, before: OrderState | None = None) -> OrderChange:
    return OrderChange(record_id, str(1000 + record_id), before or OrderState.IN_PROGRESS, after)


def test_a_thousand_completed_orders_make_one_notice_naming_a_few() -> None:
    changes = [change(i, OrderState.COMPLETED) for i in range(1000)]
    changes += [change(2000, OrderState.PARTIAL), change(2001, OrderState.IN_PROGRESS)]

    notices = order_notices(3, "Panel A", changes)

    by_kind = {notice.kind: notice for notice in notices}
    assert set(by_kind) == {NoticeKind.COMPLETED, NoticeKind.PARTIAL}
    completed = by_kind[NoticeKind.COMPLETED]
    assert (completed.count, completed.panel_id, completed.panel_name) == (1000, 3, "Panel A")
    assert completed.record_ids == tuple(range(1000))
    assert completed.order_ids == tuple(str(1000 + i) for i in range(NAMED_IDS))


def test_orders_that_did_not_move_into_a_told_state_make_no_notice() -> None:
    unchanged = change(1, OrderState.COMPLETED, before=OrderState.COMPLETED)
    assert order_notices(1, "A", [unchanged, change(2, OrderState.PENDING)]) == []


def refill(record_id: int, after: RefillState) -> RefillChange:
    record = RefillRecord(
        record_id, 1, record_id + 50, str(record_id), "r", None, None, after, NOW, NOW
    )
    return RefillChange(record, RefillState.IN_PROGRESS, after)


def test_rejected_and_failed_refills_share_one_notice() -> None:
    notices = refill_notices(
        1,
        "A",
        [
            refill(1, RefillState.REJECTED),
            refill(2, RefillState.FAILED),
            refill(3, RefillState.COMPLETED),
        ],
    )
    by_kind = {notice.kind: notice for notice in notices}
    assert by_kind[NoticeKind.REFILL_REJECTED].record_ids == (51, 52)
    assert by_kind[NoticeKind.REFILL_COMPLETED].count == 1


def test_low_balance_only_below_the_threshold() -> None:
    assert low_balance_notice(1, "A", Decimal("10"), Decimal("10"), "USD") is None
    notice = low_balance_notice(1, "A", Decimal("9.99"), Decimal("10"), "USD")
    assert notice is not None and notice.balance == Decimal("9.99")

from datetime import UTC, datetime
from decimal import Decimal

from smmdesk.api import OrderState, RefillState
from smmdesk.services.notices import (
    NAMED_IDS,
    NoticeKind,
    low_balance_notice,
    merge_notices,
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


def test_refreshes_of_several_panels_merge_into_one_notice_per_kind() -> None:
    first = order_notices(1, "A", [change(i, OrderState.COMPLETED) for i in range(600)])
    second = order_notices(2, "B", [change(i, OrderState.COMPLETED) for i in range(600, 1000)])
    partial = order_notices(2, "B", [change(1000, OrderState.PARTIAL)])
    low = low_balance_notice(1, "A", Decimal("1"), Decimal("10"), "USD")
    assert low is not None

    merged = merge_notices([*first, *partial, low, *second])

    assert [notice.kind for notice in merged] == [
        NoticeKind.COMPLETED,
        NoticeKind.PARTIAL,
        NoticeKind.LOW_BALANCE,
    ]
    completed, alone, untouched = merged
    assert (completed.count, completed.panel_count) == (1000, 2)
    assert completed.record_ids == tuple(range(1000))
    assert completed.order_ids == tuple(str(1000 + i) for i in range(NAMED_IDS))
    assert alone == partial[0] and untouched == low


def test_two_refreshes_of_one_panel_merge_into_one_notice_about_that_panel() -> None:
    notices = [
        *order_notices(4, "A", [change(1, OrderState.CANCELED)]),
        *order_notices(4, "A", [change(2, OrderState.CANCELED)]),
    ]
    (merged,) = merge_notices(notices)
    assert (merged.count, merged.panel_count, merged.panel_name) == (2, 1, "A")
    assert merged.record_ids == (1, 2)

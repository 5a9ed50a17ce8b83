"""What is worth telling the user after a refresh, grouped so that it stays readable.

A refresh that completes 1,000 orders gives one notice, not 1,000: notices are one per
kind and panel, and each keeps the record IDs it is about so that clicking it can show
exactly those orders. Qt-free and wordless: the UI words a `Notice` (translated, numbers
in the user's locale) for the tray, the desktop's notification service or the window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from smmdesk.api import OrderState, RefillState
from smmdesk.store import OrderChange, OrderRecord, RefillChange, WatchedPrice


class NoticeKind(StrEnum):
    """Each kind can be switched off on its own; the value is its settings key."""

    COMPLETED = "completed"
    PARTIAL = "partial"
    CANCELED = "canceled"
    REFUNDED = "refunded"
    REFILL_COMPLETED = "refill_completed"
    REFILL_REJECTED = "refill_rejected"
    UNCONFIRMED = "unconfirmed"
    LOW_BALANCE = "low_balance"
    PRICE_CHANGED = "price_changed"


ORDER_KINDS = {
    OrderState.COMPLETED: NoticeKind.COMPLETED,
    OrderState.PARTIAL: NoticeKind.PARTIAL,
    OrderState.CANCELED: NoticeKind.CANCELED,
    OrderState.REFUNDED: NoticeKind.REFUNDED,
}
REFILL_KINDS = {
    RefillState.COMPLETED: NoticeKind.REFILL_COMPLETED,
    RefillState.REJECTED: NoticeKind.REFILL_REJECTED,
    RefillState.FAILED: NoticeKind.REFILL_REJECTED,
}


@dataclass(frozen=True, slots=True)
class Notice:
    """One notification about one panel.

    `record_ids`: the orders it is about (for refills, the orders refilled), for the UI
    to select; `order_ids`: the panel's IDs of the first few, to name them; `count`: how
    many in all. A low balance carries `balance`, `threshold` and `currency` instead; a
    price change the first few `prices` that moved.
    """

    kind: NoticeKind
    panel_id: int
    panel_name: str
    count: int = 0
    record_ids: tuple[int, ...] = ()
    order_ids: tuple[str, ...] = ()
    balance: Decimal | None = None
    threshold: Decimal | None = None
    currency: str = ""
    prices: tuple[WatchedPrice, ...] = ()


NAMED_IDS = 5  # a notice names this many orders at most, then says how many more


def order_notices(panel_id: int, panel_name: str, changes: Sequence[OrderChange]) -> list[Notice]:
    """One notice per kind for the orders whose state moved into a state worth telling."""
    groups: dict[NoticeKind, list[OrderChange]] = {}
    for change in changes:
        kind = ORDER_KINDS.get(change.after)
        if kind is not None and change.before != change.after:
            groups.setdefault(kind, []).append(change)
    return [
        Notice(
            kind,
            panel_id,
            panel_name,
            count=len(moved),
            record_ids=tuple(change.record_id for change in moved),
            order_ids=tuple(change.order_id for change in moved[:NAMED_IDS]),
        )
        for kind, moved in groups.items()
    ]


def refill_notices(panel_id: int, panel_name: str, changes: Sequence[RefillChange]) -> list[Notice]:
    """One notice per kind for refills that ended (completed; rejected or failed)."""
    groups: dict[NoticeKind, list[RefillChange]] = {}
    for change in changes:
        kind = REFILL_KINDS.get(change.after)
        if kind is not None and change.before != change.after:
            groups.setdefault(kind, []).append(change)
    return [
        Notice(
            kind,
            panel_id,
            panel_name,
            count=len(ended),
            record_ids=tuple(change.refill.order_record_id for change in ended),
            order_ids=tuple(change.refill.order_id for change in ended[:NAMED_IDS]),
        )
        for kind, ended in groups.items()
    ]


def unconfirmed_notice(
    panel_id: int, panel_name: str, orders: Sequence[OrderRecord]
) -> Notice | None:
    """Orders whose `add` got no clear answer, for the user to check on the panel."""
    if not orders:
        return None
    return Notice(
        NoticeKind.UNCONFIRMED,
        panel_id,
        panel_name,
        count=len(orders),
        record_ids=tuple(order.id for order in orders),
    )


def low_balance_notice(
    panel_id: int, panel_name: str, balance: Decimal, threshold: Decimal, currency: str
) -> Notice | None:
    """A notice when `balance` is below `threshold`; None when it is not."""
    if balance >= threshold:
        return None
    return Notice(
        NoticeKind.LOW_BALANCE,
        panel_id,
        panel_name,
        balance=balance,
        threshold=threshold,
        currency=currency,
    )


def price_notice(panel_id: int, panel_name: str, watched: Sequence[WatchedPrice]) -> Notice | None:
    """Services the user ordered lately that a catalogue fetch re-priced or dropped."""
    if not watched:
        return None
    return Notice(
        NoticeKind.PRICE_CHANGED,
        panel_id,
        panel_name,
        count=len(watched),
        prices=tuple(watched[:NAMED_IDS]),
    )

"""What is worth telling the user after a refresh, grouped so that it stays readable.

A refresh that completes 1,000 orders gives one notice, not 1,000: notices are one per
kind and panel, and each keeps the record IDs it is about so that clicking it can show
exactly those orders. Notices about orders and refills gathered from refreshes that end
together (every panel refreshed at once) are merged into one per kind (`merge_notices`):
"1,000 orders completed on 4 panels", not four notifications. Qt-free and wordless: the
UI words a `Notice` (translated, numbers in the user's locale) for the tray, the desktop's
notification service or the window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from itertools import chain, islice

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
# The kinds a refresh reports, which `merge_notices` merges across refreshes and panels.
REFRESH_KINDS = frozenset(ORDER_KINDS.values()) | frozenset(REFILL_KINDS.values())


@dataclass(frozen=True, slots=True)
class Notice:
    """One notification about one panel.

    `record_ids`: the orders it is about (for refills, the orders refilled), for the UI
    to select; `order_ids`: the panel's IDs of the first few, to name them; `count`: how
    many in all. A low balance carries `balance`, `threshold` and `currency` instead; a
    price change the first few `prices` that moved. A notice merged from several panels'
    refreshes says how many panels in `panel_count`; `panel_id` and `panel_name` are then
    the first panel's.
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
    panel_count: int = 1


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


def merge_notices(notices: Sequence[Notice]) -> list[Notice]:
    """One notice per kind for the `REFRESH_KINDS` notices of several refreshes (of one
    panel or of many), in the order the kinds first came; then the other notices, as
    they were."""
    merged: list[Notice] = []
    groups: dict[NoticeKind, list[Notice]] = {}
    for notice in notices:
        if notice.kind not in REFRESH_KINDS:
            merged.append(notice)
        elif notice.kind in groups:
            groups[notice.kind].append(notice)
        else:
            groups[notice.kind] = [notice]
    return [_merged(group) for group in groups.values()] + merged


def _merged(group: list[Notice]) -> Notice:
    if len(group) == 1:
        return group[0]
    return replace(
        group[0],
        count=sum(notice.count for notice in group),
        record_ids=tuple(chain.from_iterable(notice.record_ids for notice in group)),
        order_ids=tuple(islice(chain.from_iterable(n.order_ids for n in group), NAMED_IDS)),
        panel_count=len({notice.panel_id for notice in group}),
    )

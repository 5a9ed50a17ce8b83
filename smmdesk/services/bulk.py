"""Acting on a selection of orders: which orders a selection means, and which of them an
action may be sent for.

A selection is either the record IDs the user picked or "every order matching this
query" (select-all): the orders view pages from SQLite, so only the store knows every
order a select-all covers. The eligibility rules live here once, used both to ask the user
("600 of 3,000 cannot be refilled: …") and again just before sending, where the state may
have moved on meanwhile.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from enum import Enum

from smmdesk.api import OrderState
from smmdesk.store import JournalState, OrderQuery, OrderRecord, Store

NOT_PLACED = "not placed on the panel"
OTHER_PANEL = "on another panel"
NO_REFILL = "the service has no refill"
NO_CANCEL = "the service has no cancel"
NOT_REFILLABLE = "canceled, refunded or failed"
ALREADY_FINAL = "already final"
REFILL_RUNNING = "a refill is already running"
NO_ORDER_ID = "no order ID"
NO_LINK = "no link"

# Orders that have nothing left to refill: the panel gave the money back or never started.
_NO_REFILL_STATES = frozenset({OrderState.CANCELED, OrderState.REFUNDED, OrderState.FAILED})


class BulkAction(Enum):
    """What the user wants done with a selection; the value reads as a verb."""

    REFILL = "refill"
    CANCEL = "cancel"
    COPY_IDS = "copy the order IDs of"
    COPY_LINKS = "copy the links of"


@dataclass(frozen=True, slots=True)
class OrderSelection:
    """Which orders an action is for: every order matching `query` (select-all), else the
    record IDs picked one by one."""

    query: OrderQuery | None = None
    record_ids: tuple[int, ...] = ()

    @classmethod
    def matching(cls, query: OrderQuery) -> OrderSelection:
        return cls(query=query)

    @classmethod
    def of(cls, record_ids: Sequence[int]) -> OrderSelection:
        return cls(record_ids=tuple(dict.fromkeys(record_ids)))


@dataclass(frozen=True, slots=True)
class NotSent:
    """An order left out of a bulk action before anything was sent, and why."""

    order: OrderRecord
    reason: str


@dataclass(frozen=True, slots=True)
class BulkPlan:
    """A selection split into the orders the action may be sent for and the rest."""

    action: BulkAction
    panel_id: int
    eligible: list[OrderRecord] = field(default_factory=list)
    not_eligible: list[NotSent] = field(default_factory=list)

    @property
    def asked(self) -> int:
        return len(self.eligible) + len(self.not_eligible)

    def reasons(self) -> list[tuple[str, int]]:
        """Why orders were left out, the most frequent reason first."""
        return Counter(n.reason for n in self.not_eligible).most_common()


def refill_refusal(order: OrderRecord, panel_id: int, running: Container[int]) -> str | None:
    """Why a refill must not be sent for `order` (None: it may); `running` holds the
    record IDs of orders with a refill the panel has not finished."""
    refusal = _not_placed(order, panel_id)
    if refusal:
        return refusal
    if not order.can_refill:
        return NO_REFILL
    if order.state in _NO_REFILL_STATES:
        return NOT_REFILLABLE
    if order.id in running:
        return REFILL_RUNNING
    return None


def cancel_refusal(order: OrderRecord, panel_id: int) -> str | None:
    """Why a cancel must not be sent for `order` (None: it may)."""
    refusal = _not_placed(order, panel_id)
    if refusal:
        return refusal
    if not order.can_cancel:
        return NO_CANCEL
    if order.state is not None and order.state.is_final:
        return ALREADY_FINAL
    return None


def plan(
    action: BulkAction,
    panel_id: int,
    orders: Sequence[OrderRecord],
    running: Container[int] = frozenset(),
) -> BulkPlan:
    """Split `orders` by whether `action` may be done for each."""
    result = BulkPlan(action, panel_id)
    for order in orders:
        reason = _refusal(action, order, panel_id, running)
        if reason is None:
            result.eligible.append(order)
        else:
            result.not_eligible.append(NotSent(order, reason))
    return result


class BulkPlanner:
    """Resolves selections against the store; safe to call from worker threads."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def orders(self, selection: OrderSelection) -> list[OrderRecord]:
        """The orders a selection means now, in the view's order for a select-all."""
        if selection.query is not None:
            return self._store.orders_matching(selection.query)
        return self._store.orders_by_ids(selection.record_ids)

    def plan(self, panel_id: int, selection: OrderSelection, action: BulkAction) -> BulkPlan:
        return plan(action, panel_id, self.orders(selection), self.running_refills(panel_id))

    def running_refills(self, panel_id: int) -> frozenset[int]:
        """Record IDs of the panel's orders with a refill that is not final yet."""
        return frozenset(r.order_record_id for r in self._store.non_final_refills(panel_id))


def _refusal(
    action: BulkAction, order: OrderRecord, panel_id: int, running: Container[int]
) -> str | None:
    if action is BulkAction.REFILL:
        return refill_refusal(order, panel_id, running)
    if action is BulkAction.CANCEL:
        return cancel_refusal(order, panel_id)
    if action is BulkAction.COPY_IDS:
        return None if order.order_id else NO_ORDER_ID
    return None if order.link else NO_LINK


def _not_placed(order: OrderRecord, panel_id: int) -> str | None:
    if order.panel_id != panel_id:
        return OTHER_PANEL
    if order.journal_state is not JournalState.PLACED or not order.order_id:
        return NOT_PLACED
    return None

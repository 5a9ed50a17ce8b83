"""Asking panels for refills and cancels, and keeping every answer.

Multi variants are used through `PanelClient.refills()` / `cancels()` (which fall back to
single calls where a panel lacks them). Neither is resent automatically: the client only
retries a write that provably never left.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from smmdesk.api import ApiError
from smmdesk.store import CancelRecord, JournalState, OrderRecord, RefillRecord, Store

if TYPE_CHECKING:
    from smmdesk.api.client import PanelClient

log = logging.getLogger("smmdesk.services")

T = TypeVar("T")
REFILL_NOT_OFFERED = "Refill is not available for this service."
CANCEL_NOT_OFFERED = "Cancel is not available for this service."


class RefillCancelService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def request_refills(
        self, client: PanelClient, panel_id: int, record_ids: list[int]
    ) -> list[RefillRecord]:
        """Request a refill for each placed order; one refill row per order, accepted or
        not. A failure of the whole request is recorded on every row it concerned."""
        orders = self._placed(panel_id, record_ids)
        asked = [o for o in orders if o.can_refill]
        answers = _ask(client.refills, asked)
        outcomes: list[tuple[OrderRecord, str | None, str | None]] = []
        for order in orders:
            answer = answers.get(order.order_id or "", _Refusal(REFILL_NOT_OFFERED))
            if isinstance(answer, _Refusal):
                outcomes.append((order, None, answer.message))
            else:
                outcomes.append((order, answer, None))
        return self._store.add_refills(outcomes)

    def request_cancels(
        self, client: PanelClient, panel_id: int, record_ids: list[int]
    ) -> list[CancelRecord]:
        """Ask the panel to cancel each placed order; one cancel row per order."""
        orders = self._placed(panel_id, record_ids)
        asked = [o for o in orders if o.can_cancel]
        answers = _ask(client.cancels, asked)
        outcomes: list[tuple[OrderRecord, str | None]] = []
        for order in orders:
            answer = answers.get(order.order_id or "", _Refusal(CANCEL_NOT_OFFERED))
            outcomes.append((order, answer.message if isinstance(answer, _Refusal) else None))
        return self._store.add_cancels(outcomes)

    def _placed(self, panel_id: int, record_ids: Sequence[int]) -> list[OrderRecord]:
        """The orders that can be asked about: this panel's, placed, with an order ID."""
        records = self._store.orders_by_ids(record_ids)
        usable = [
            r
            for r in records
            if r.panel_id == panel_id and r.journal_state is JournalState.PLACED and r.order_id
        ]
        if len(usable) != len(record_ids):
            log.info("skipped %d orders that are not placed on panel %d",
                     len(record_ids) - len(usable), panel_id)  # fmt: skip
        return usable


class _Refusal:
    """An error message standing in for an answer (kept apart from a refill ID string)."""

    def __init__(self, message: str) -> None:
        self.message = message


def _ask(
    call: Callable[[list[str]], dict[str, T | ApiError]], orders: list[OrderRecord]
) -> dict[str, T | _Refusal]:
    ids = [o.order_id for o in orders if o.order_id]
    if not ids:
        return {}
    try:
        answers = call(ids)
    except ApiError as error:
        log.warning("request for %d orders failed: %s", len(ids), error)
        return dict.fromkeys(ids, _Refusal(str(error)))
    return {k: _Refusal(str(v)) if isinstance(v, ApiError) else v for k, v in answers.items()}

"""Asking panels for refills and cancels, and keeping every answer.

Only orders that `bulk` finds eligible are sent, checked again here because the state
may have moved since the user was asked: no refill for a canceled, refunded or failed
order, none while an earlier refill of the order is still running, no cancel for a final
order. The rest come back as `NotSent` with the reason, and are not recorded: nothing was
asked. Multi variants are used through `PanelClient.refills()` / `cancels()` (which fall
back to single calls where a panel lacks them). Neither is resent automatically: the
client only retries a write that provably never left.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from smmdesk.api import ApiError
from smmdesk.store import CancelRecord, OrderRecord, RefillRecord, Store

from .bulk import BulkAction, BulkPlanner, NotSent, OrderSelection

if TYPE_CHECKING:
    from smmdesk.api.client import PanelClient

log = logging.getLogger("smmdesk.services")

T = TypeVar("T")
R = TypeVar("R", RefillRecord, CancelRecord)


@dataclass(frozen=True, slots=True)
class Requested(Generic[R]):
    """One row per order sent (accepted or refused by the panel), and the orders held
    back before sending."""

    records: list[R]
    not_sent: list[NotSent]


class RefillCancelService:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._planner = BulkPlanner(store)

    def request_refills(
        self, client: PanelClient, panel_id: int, record_ids: list[int]
    ) -> Requested[RefillRecord]:
        """Request a refill for each eligible order; one refill row per order sent. A
        failure of the whole request is recorded on every row it concerned."""
        plan = self._planner.plan(panel_id, OrderSelection.of(record_ids), BulkAction.REFILL)
        answers = _ask(client.refills, plan.eligible)
        outcomes: list[tuple[OrderRecord, str | None, str | None]] = []
        for order in plan.eligible:
            answer = answers[order.order_id or ""]
            if isinstance(answer, _Refusal):
                outcomes.append((order, None, answer.message))
            else:
                outcomes.append((order, answer, None))
        _log_held_back("refills", plan.not_eligible)
        return Requested(self._store.add_refills(outcomes) if outcomes else [], plan.not_eligible)

    def request_cancels(
        self, client: PanelClient, panel_id: int, record_ids: list[int]
    ) -> Requested[CancelRecord]:
        """Ask the panel to cancel each eligible order; one cancel row per order sent."""
        plan = self._planner.plan(panel_id, OrderSelection.of(record_ids), BulkAction.CANCEL)
        answers = _ask(client.cancels, plan.eligible)
        outcomes: list[tuple[OrderRecord, str | None]] = []
        for order in plan.eligible:
            answer = answers[order.order_id or ""]
            outcomes.append((order, answer.message if isinstance(answer, _Refusal) else None))
        _log_held_back("cancels", plan.not_eligible)
        return Requested(self._store.add_cancels(outcomes) if outcomes else [], plan.not_eligible)


def _log_held_back(what: str, held_back: list[NotSent]) -> None:
    if held_back:
        log.info("%d %s not sent: not eligible", len(held_back), what)


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

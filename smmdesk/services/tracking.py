"""Refreshing the status of a panel's non-final orders and refills.

`PanelClient.statuses()` batches 100 IDs a request with bounded concurrency; the results
are written in one transaction and the report lists what changed, for notifications.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from smmdesk.api import ApiError, OrderStatus, RefillStatus
from smmdesk.store import OrderChange, RefillChange, Store
from smmdesk.store.codec import utcnow

if TYPE_CHECKING:
    from smmdesk.api.client import PanelClient

log = logging.getLogger("smmdesk.services")
T = TypeVar("T", OrderStatus, RefillStatus)


@dataclass(frozen=True, slots=True)
class RefreshReport:
    """What one order-status refresh found: the orders whose state moved, and refusals."""

    checked: int
    changed: list[OrderChange] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    finished_at: datetime = field(default_factory=utcnow)


@dataclass(frozen=True, slots=True)
class RefillRefreshReport:
    """What one refill-status refresh found; `errors` is keyed by refill ID."""

    checked: int
    changed: list[RefillChange] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    finished_at: datetime = field(default_factory=utcnow)


class StatusTracker:
    """Asks panels about orders and refills that may still change.

    Raises `ApiError` only when the panel could not be asked at all (every batch failed);
    a refusal about single IDs lands in the report's `errors` and on the order row.
    """

    def __init__(self, store: Store) -> None:
        self._store = store

    def refresh_orders(
        self,
        client: PanelClient,
        panel_id: int,
        progress: Callable[[int, int], None] | None = None,
    ) -> RefreshReport:
        """Ask about every order that may still change; `progress(done, total)` follows
        the panel's answers (for "Refreshing 1,240 of 3,000 orders…")."""
        pending = self._store.non_final_order_ids(panel_id)
        if not pending:
            return RefreshReport(checked=0)
        results = client.statuses(pending, progress)
        statuses, errors = _split(results)
        changed = self._store.record_order_statuses(panel_id, statuses, errors, utcnow())
        log.info(
            "panel %d: %d orders checked, %d changed, %d errors",
            panel_id, len(pending), len(changed), len(errors),
        )  # fmt: skip
        return RefreshReport(checked=len(statuses), changed=changed, errors=errors)

    def refresh_refills(self, client: PanelClient, panel_id: int) -> RefillRefreshReport:
        pending = [r.refill_id for r in self._store.non_final_refills(panel_id) if r.refill_id]
        if not pending:
            return RefillRefreshReport(checked=0)
        results = client.refill_statuses(pending)
        statuses, errors = _split(results)
        changed = self._store.record_refill_statuses(panel_id, statuses, errors, utcnow())
        return RefillRefreshReport(checked=len(statuses), changed=changed, errors=errors)


def _split(
    results: dict[str, T | ApiError],
) -> tuple[dict[str, T], dict[str, str]]:
    statuses = {k: v for k, v in results.items() if not isinstance(v, ApiError)}
    errors = {k: str(v) for k, v in results.items() if isinstance(v, ApiError)}
    return statuses, errors

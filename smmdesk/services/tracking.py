"""Refreshing the status of a panel's non-final orders and refills.

`PanelClient.statuses()` batches 100 IDs a request with bounded concurrency. The answers
are written as they come (those that arrived while the previous write ran, together), the
requests going on meanwhile: written after the last answer, the 10,000-order refresh took
1.6-1.9x the protocol floor where the requests alone take 1.2x, and asked a chunk at a
time, the chunks' partial last rounds of requests cost 1.5x. The report lists what
changed, for notifications.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from queue import SimpleQueue
from typing import TYPE_CHECKING, TypeVar

from smmdesk.api import ApiError, OrderStatus, RefillStatus
from smmdesk.store import OrderChange, RefillChange, Store
from smmdesk.store.codec import utcnow

if TYPE_CHECKING:
    from smmdesk.api.client import PanelClient

log = logging.getLogger("smmdesk.services")
T = TypeVar("T", OrderStatus, RefillStatus)
Progress = Callable[[int, int], None]


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
        progress: Progress | None = None,
    ) -> RefreshReport:
        """Ask about every order that may still change; `progress(done, total)` follows
        the panel's answers (for "Refreshing 1,240 of 3,000 orders…").

        A request that failed is written (as its orders' errors) only once another was
        answered: a panel that answers nothing changes nothing."""
        pending = self._store.non_final_order_ids(panel_id)
        if not pending:
            return RefreshReport(checked=0)
        checked = 0
        changed: list[OrderChange] = []
        errors: dict[str, str] = {}
        failed: dict[str, str] = {}
        for answers in _answers_as_they_come(client, pending, progress):
            statuses: dict[str, OrderStatus] = {}
            refusals: dict[str, str] = {}
            for ids, outcome in answers:
                if isinstance(outcome, ApiError):
                    failed |= dict.fromkeys(ids, str(outcome))
                    continue
                answered, refused = _split(dict(outcome))
                statuses |= answered
                refusals |= refused
            if statuses or refusals:
                changed += self._store.record_order_statuses(panel_id, statuses, refusals, utcnow())
            checked += len(statuses)
            errors |= refusals
        if failed:
            changed += self._store.record_order_statuses(panel_id, {}, failed, utcnow())
            errors |= failed
        log.info(
            "panel %d: %d orders checked, %d changed, %d errors",
            panel_id, len(pending), len(changed), len(errors),
        )  # fmt: skip
        return RefreshReport(checked=checked, changed=changed, errors=errors)

    def refresh_refills(self, client: PanelClient, panel_id: int) -> RefillRefreshReport:
        pending = [r.refill_id for r in self._store.non_final_refills(panel_id) if r.refill_id]
        if not pending:
            return RefillRefreshReport(checked=0)
        results = client.refill_statuses(pending)
        statuses, errors = _split(results)
        changed = self._store.record_refill_statuses(panel_id, statuses, errors, utcnow())
        return RefillRefreshReport(checked=len(statuses), changed=changed, errors=errors)


Answer = tuple[list[str], "Mapping[str, OrderStatus | ApiError] | ApiError"]


def _answers_as_they_come(
    client: PanelClient, orders: list[str], progress: Progress | None
) -> Iterator[list[Answer]]:
    """The panel's answers while it is still being asked: each time, those that arrived
    since the last (a request's IDs with their statuses, or the request's failure).
    Raises, at the end, when every request failed."""
    arrived: SimpleQueue[Answer | None] = SimpleQueue()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="smmdesk-asking") as asker:
        asking = asker.submit(
            client.statuses, orders, progress, lambda ids, outcome: arrived.put((ids, outcome))
        )
        asking.add_done_callback(lambda _asked: arrived.put(None))
        while (first := arrived.get()) is not None:
            answers, done = [first], False
            while not arrived.empty():
                more = arrived.get()
                if more is None:
                    done = True
                    break
                answers.append(more)
            yield answers
            if done:
                break
        asking.result()


def _split(
    results: dict[str, T | ApiError],
) -> tuple[dict[str, T], dict[str, str]]:
    statuses = {k: v for k, v in results.items() if not isinstance(v, ApiError)}
    errors = {k: str(v) for k, v in results.items() if isinstance(v, ApiError)}
    return statuses, errors

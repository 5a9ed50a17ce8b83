"""Building order histories in a real store for the order pane tests and the bench.

Orders are imported (the "Track existing order IDs" path), then given statuses through
`record_order_statuses`, exactly as a status refresh would.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from itertools import cycle

from smmdesk.api import OrderState, OrderStatus, Service
from smmdesk.store import JournalState, OrderRecord, Store

STATE_CYCLE = (
    OrderState.PENDING,
    OrderState.IN_PROGRESS,
    OrderState.COMPLETED,
    OrderState.PARTIAL,
    OrderState.CANCELED,
)


def add_panel(store: Store, name: str = "History panel") -> int:
    return store.add_panel(name, "http://127.0.0.1:9/api/v2").id


def import_history(
    store: Store, panel_id: int, count: int, first_id: int = 1000, chunk: int = 5000
) -> None:
    """`count` placed orders with statuses cycling through STATE_CYCLE."""
    states = cycle(STATE_CYCLE)
    for start in range(first_id, first_id + count, chunk):
        ids = [str(i) for i in range(start, min(start + chunk, first_id + count))]
        store.import_orders(panel_id, ids)
        statuses = {order_id: _status(order_id, next(states)) for order_id in ids}
        store.record_order_statuses(panel_id, statuses, {}, datetime.now(UTC))


def _status(order_id: str, state: OrderState) -> OrderStatus:
    number = int(order_id)
    return OrderStatus(
        order_id=order_id,
        status_text=state.label,
        state=state,
        charge=Decimal(number % 97) / 10,
        start_count=number % 1000,
        remains=number % 13,
        currency="USD",
    )


def unconfirmed_order(store: Store, panel_id: int, service: Service, link: str) -> OrderRecord:
    """A journal row whose `add` answer never arrived."""
    record = store.insert_sending_order(panel_id, service, link=link, quantity=service.min)
    return store.set_journal_state(
        record.id,
        JournalState.UNCONFIRMED,
        expect=(JournalState.SENDING,),
        error="No answer from the panel within 0.5 s",
    )


def rejected_order(store: Store, panel_id: int, service: Service, link: str) -> OrderRecord:
    record = store.insert_sending_order(panel_id, service, link=link, quantity=1)
    return store.set_journal_state(
        record.id,
        JournalState.REJECTED,
        expect=(JournalState.SENDING,),
        error=f"Quantity less than minimal {service.min}",
    )

"""Orders placed on chosen days, for the insight tests: written by the journal's own calls
(sending row, the panel's answer), their status recorded as a refresh records it, then
dated back (a journal row is always created "now")."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal
from itertools import count

from smmdesk.api import OrderState, OrderStatus, PlacedOrder, Service
from smmdesk.store import JournalState, Panel, Store

LIKES = Service("1", "Likes | R30", "Default", "Instagram Likes", Decimal("2"), 10, 10_000)
_ids = count(1000)


def order(
    store: Store,
    panel: Panel,
    day: date,
    charge: str,
    *,
    service: Service = LIKES,
    currency: str = "USD",
    state: OrderState = OrderState.COMPLETED,
    remains: int = 0,
    sell: str | None = None,
    customer: str = "",
    order_id: str | None = None,
    finished_at: datetime | None = None,
) -> int:
    """An order placed at noon (local time) on `day`, refreshed to `state` at
    `finished_at` (default now); returns its record ID."""
    sending = store.insert_sending_order(
        panel.id, service, link=f"https://x.example/{next(_ids)}", quantity=1000,
        charge_estimate=Decimal(charge), currency=currency,
    )  # fmt: skip
    order_id = order_id or str(next(_ids))
    store.record_placed(sending.id, PlacedOrder(order_id), expect=[JournalState.SENDING])
    status = OrderStatus(order_id, state.value, state, Decimal(charge), 100, remains, currency)
    store.record_order_statuses(panel.id, {order_id: status}, {}, finished_at or datetime.now(UTC))
    noon = datetime.combine(day, time(12)).astimezone().astimezone(UTC)
    with store._db.transaction() as conn:  # placed on that day
        conn.execute(
            "UPDATE orders SET created_at = ?, placed_at = ? WHERE id = ?",
            (_stamp(noon), _stamp(noon), sending.id),
        )
    if sell is not None or customer:
        prices = {sending.id: Decimal(sell)} if sell is not None else None
        store.annotate_orders([sending.id], customer=customer or None, sell_prices=prices)
    return sending.id


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")

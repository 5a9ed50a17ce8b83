"""A random history written by the store's own calls, for holding the sums SQLite keeps
(schema 11) to the Python rules: orders sent and tracked, placed over six weeks, refreshed
to every state with sensible and odd remains, charges stated or not (a few with an
exponent, which SQLite cannot add exactly), sold or not, refilled or not, in three
currencies and none; a repeated order ID, refusals, orders never confirmed, and a few
orders timed across a clock moved back."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from smmdesk.api import OrderState, OrderStatus, PlacedOrder, RefillState, RefillStatus, Service
from smmdesk.store import JournalState, OrderRecord, Panel, Store, derived
from smmdesk.store.codec import dt_to_db

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
DAYS = 42
_FINAL = (OrderState.COMPLETED, OrderState.PARTIAL, OrderState.CANCELED, OrderState.REFUNDED,
          OrderState.FAILED)  # fmt: skip
_SHIFTED = ("created_at", "placed_at", "started_at", "finished_at", "progressed_at")


def services() -> list[Service]:
    made = []
    for n, (name, category, rate) in enumerate(
        (("Likes", "Instagram", "0.9"), ("Followers HQ", "Instagram", "2.5"),
         ("Views", "TikTok", "0.35"), ("Comments", "YouTube", "12"))
    ):  # fmt: skip
        made.append(Service(str(n + 1), name, "Default", category, Decimal(rate), 10, 10_000))
    return made


def generate(store: Store, seed: int, orders: int = 160, odd: bool = True) -> list[Panel]:
    """`orders` orders on three panels (USD, EUR, and one that never says its currency);
    each panel's catalogue lacks its last service (its category is its name). `odd`: some
    amounts are written with an exponent."""
    rng = random.Random(seed)
    odd_share = 0.05 if odd else 0.0
    panels = [store.add_panel(f"Panel {c}", f"https://{c}.example/api/v2") for c in "abc"]
    catalogue = services()
    for panel in panels:
        store.save_services(panel.id, catalogue[:-1], NOW)
    currencies = ("USD", "EUR", None)
    for n in range(orders):
        at = rng.randrange(len(panels))
        service = rng.choice(catalogue)
        if rng.random() < 0.1:  # renamed on the panel since
            service = replace(service, name=service.name + " (old name)")
        _order(store, rng, panels[at], service, currencies[at], f"{at}-{n}", odd_share)
    return panels


def _order(
    store: Store, rng: random.Random, panel: Panel, service: Service, currency: str | None,
    order_id: str, odd: float,
) -> None:  # fmt: skip
    quantity = rng.choice((None, 100, 1000, 2500))
    kind = rng.choices(("sent", "tracked", "unconfirmed", "rejected", "repeat"),
                       (70, 14, 6, 5, 5))[0]  # fmt: skip
    if kind == "tracked":
        [record] = store.import_orders(panel.id, [order_id], service.id)
    else:
        estimate = _amount(rng, quantity, odd)
        record = store.insert_sending_order(
            panel.id, service, link=f"https://x.example/{order_id}", quantity=quantity,
            charge_estimate=estimate, currency=currency,
        )  # fmt: skip
        if kind in ("unconfirmed", "rejected"):
            state = JournalState(kind)
            store.set_journal_state(record.id, state, expect=[JournalState.SENDING])
            _shift(store, record, rng.uniform(0, DAYS))
            return
        stated = estimate if rng.random() < 0.3 else None
        if kind == "repeat":  # the panel answered with an ID this history holds
            order_id = order_id.split("-")[0] + "-0"
        placed = PlacedOrder(order_id, stated, currency if stated else None)
        record = store.record_placed(record.id, placed, expect=[JournalState.SENDING])
    if kind != "repeat":
        _refresh(store, rng, record, order_id, quantity, currency, odd)
    _annotate(store, rng, record)
    _shift(store, record, rng.uniform(0, DAYS))


def _amount(rng: random.Random, quantity: int | None, odd: float) -> Decimal | None:
    pick = rng.random()
    if pick < 0.05:
        return None
    if pick < 0.05 + odd:
        return Decimal("2E+1")  # stated with an exponent: the Python rules count it
    return (Decimal(rng.randint(1, 99_999)) / 1000 * (quantity or 1000) / 1000).quantize(
        Decimal("0.0000001")
    )


def _refresh(
    store: Store, rng: random.Random, record: OrderRecord, order_id: str,
    quantity: int | None, currency: str | None, odd: float,
) -> None:  # fmt: skip
    """A few refreshes, each some minutes or hours after the last; a few seen before the
    order was placed (the computer's clock moved back meanwhile)."""
    at = record.created_at
    if rng.random() < 0.05:
        at -= timedelta(hours=rng.randint(1, 48))
    charge = _amount(rng, quantity, odd)
    steps = [OrderState.PENDING, OrderState.IN_PROGRESS, rng.choice(_FINAL)]
    for state in steps[: rng.choices((0, 1, 2, 3), (10, 10, 15, 65))[0]]:
        at += timedelta(minutes=rng.randint(5, 600))
        remains = rng.choice((None, 0, 10, 250, 999, -5, 5000))
        status = OrderStatus(order_id, state.value, state, charge, 50, remains, currency)
        store.record_order_statuses(record.panel_id, {order_id: status}, {}, at)
    if rng.random() < 0.15:
        refused = rng.random() < 0.3
        asked = (record, None if refused else f"r{order_id}", "No" if refused else None)
        store.add_refills([asked])
        if not refused:
            state = rng.choice((RefillState.COMPLETED, RefillState.REJECTED, RefillState.PENDING))
            answer = RefillStatus(f"r{order_id}", state.value, state)
            store.record_refill_statuses(record.panel_id, {f"r{order_id}": answer}, {}, at)


def _annotate(store: Store, rng: random.Random, record: OrderRecord) -> None:
    customer = rng.choice(("", "Acme", "Bright Bakery", "Café Lumière"))
    price = rng.choice((None, None, Decimal("3.5"), Decimal("0.1234567"), Decimal("12")))
    prices = {record.id: price} if price is not None else None
    if customer or prices:
        store.annotate_orders([record.id], customer=customer or None, sell_prices=prices)


def _shift(store: Store, record: OrderRecord, days_back: float) -> None:
    """Move the order's times back (the store stamps rows with the present)."""
    back = timedelta(days=days_back)
    with store._db.transaction() as conn:
        row = conn.execute(
            f"SELECT {', '.join(_SHIFTED)} FROM orders WHERE id = ?", (record.id,)
        ).fetchone()
        moved = [
            None if value is None else dt_to_db(datetime.fromisoformat(value) - back)
            for value in row
        ]
        sets = ", ".join(f"{name} = ?" for name in _SHIFTED)
        conn.execute(f"UPDATE orders SET {sets} WHERE id = ?", (*moved, record.id))
        derived.mark(conn, [record.id])

"""A year of order history for the insight benches and screenshots: three panels (two in
USD, one in EUR), their cached catalogues, orders with milestones and status history,
some refills, and (from schema 9 on) customers and sell prices.

Rows go straight into the file through `sqlite3` in one transaction, as in
bench/orders_query.py: through the journal, 100,000 orders would take minutes.
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from smmdesk.api import OrderState, Service
from smmdesk.api.refill_terms import refill_terms
from smmdesk.store import JournalState, Store
from smmdesk.store.derived import settle
from smmdesk.store.order_view import order_key, search_text, view_tab

PANELS = (("Main panel", "USD"), ("Second panel", "USD"), ("Euro panel", "EUR"))
NETWORKS = ("Instagram", "TikTok", "YouTube", "Telegram")
WHAT = ("Followers", "Likes", "Views", "Comments")
TERMS = ("30 Days Refill", "R60", "No Refill", "Lifetime", "", "Refill 7D")
QUANTITIES = (100, 250, 500, 1000, 2000, 5000, 10_000)
STATES = (
    (OrderState.COMPLETED, 70), (OrderState.PARTIAL, 8), (OrderState.CANCELED, 5),
    (OrderState.REFUNDED, 2), (OrderState.FAILED, 2), (OrderState.IN_PROGRESS, 8),
    (OrderState.PENDING, 5),
)  # fmt: skip
CUSTOMERS = ("Acme", "Bright Bakery", "Café Lumière", "Dune Studio", "Echo Gym", "")
_FINAL = {OrderState.COMPLETED, OrderState.PARTIAL, OrderState.CANCELED, OrderState.REFUNDED,
          OrderState.FAILED}  # fmt: skip


def services(seed: int, count: int = 60) -> list[Service]:
    rng = random.Random(seed)
    made = []
    for n in range(count):
        network, what = NETWORKS[n % len(NETWORKS)], WHAT[(n // 4) % len(WHAT)]
        terms = rng.choice(TERMS)
        name = f"{network} {what} {'HQ ' if n % 3 else ''}{terms}".strip()
        rate = Decimal(rng.choice(("0.35", "0.9", "1.2", "2.5", "4.75", "12")))
        made.append(
            Service(str(100 + n), name, "Default", f"{network} {what}", rate, 10, 100_000,
                    refill=bool(terms) and terms != "No Refill", cancel=n % 2 == 0)
        )  # fmt: skip
    return made


Panel = tuple[int, str, list[Service]]  # ID, currency, the services ordered from


def fill(
    path: Path, orders: int, days: int = 365, seed: int = 7, now: datetime | None = None
) -> None:
    """`orders` placed orders spread over the last `days` days."""
    now = now or datetime.now(UTC)
    with Store.open(path) as store:
        panels = []
        for index, (name, currency) in enumerate(PANELS):
            panel = store.add_panel(name, f"https://p{index}.example/api/v2")
            catalogue = services(seed + index)
            store.save_services(panel.id, catalogue[: len(catalogue) * 9 // 10], now)
            panels.append((panel.id, currency, catalogue))
    add_orders(path, panels, orders, days, seed, now)
    _reprice(path, panels[0][0], panels[0][2], now)


def add_orders(
    path: Path, panels: list[Panel], orders: int, days: int, seed: int, now: datetime
) -> None:
    """`orders` placed orders on these panels' services (mostly their first few, as a
    reseller's are), spread over the last `days` days, with their history, settled."""
    conn = sqlite3.connect(path)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(orders)")}
    annotated = {"customer", "sell_price"} <= columns
    rng = random.Random(seed)
    order_rows, events, refills = [], [], []
    start = now - timedelta(days=days)
    step = timedelta(days=days) / max(orders, 1)
    for n in range(orders):
        panel_id, currency, catalogue = rng.choice(panels)
        service = catalogue[min(int(rng.expovariate(0.08)), len(catalogue) - 1)]
        quantity = rng.choice(QUANTITIES)
        charge = (service.rate * quantity / 1000).quantize(Decimal("0.0001"))
        state = rng.choices([s for s, _ in STATES], [w for _, w in STATES])[0]
        created = start + step * n
        to_start = timedelta(minutes=rng.lognormvariate(3.5, 1.2))
        to_finish = to_start + timedelta(hours=rng.lognormvariate(1.5, 1.0))
        started = created + to_start if state is not OrderState.PENDING else None
        finished = created + to_finish if state in _FINAL else None
        if (finished and finished > now) or (started and started > now):
            state, finished, started = OrderState.PENDING, None, None
        order_id = str(1_000_000 + n)
        link = f"https://{service.name.split()[0].lower()}.com/p/{rng.getrandbits(40):x}"
        days_refill = refill_terms(service).days
        row: list[object] = [
            n + 1, panel_id, service.id, service.name, "Default", link, quantity, "{}",
            f"{charge:f}", currency, JournalState.PLACED.value, order_id, state.value,
            f"{charge:f}", _db(created), _db(finished or started or created), 1,
            int(service.cancel), view_tab(JournalState.PLACED, state), order_key(order_id),
            search_text(order_id, link, service.name, service.id), _db(created),
            _opt(started), _opt(finished), _db(finished or started or created), days_refill,
        ]  # fmt: skip
        if annotated:
            priced = rng.random() < 0.6
            row += [rng.choice(CUSTOMERS), f"{charge * Decimal('1.35'):f}" if priced else None]
        order_rows.append(tuple(row))
        events.append((n + 1, _db(created), "placed", None, None))
        if started:
            events.append((n + 1, _db(started), "in_progress", 500, quantity))
        if finished:
            events.append((n + 1, _db(finished), state.value, 500, 0))
        if state is OrderState.COMPLETED and rng.random() < 0.06 and finished:
            refill_state = rng.choice(("completed", "completed", "rejected", "pending"))
            refills.append((panel_id, n + 1, order_id, str(n), refill_state,
                            _db(finished), _db(finished)))  # fmt: skip
    extra = ", customer, sell_price" if annotated else ""
    marks = ", ?" * (len(order_rows[0]) - 1) if order_rows else ""
    with conn:
        conn.executemany(
            "INSERT INTO orders (id, panel_id, service_id, service_name, service_type, link,"
            " quantity, fields, charge_estimate, currency, journal_state, order_id, state,"
            " charge, created_at, updated_at, can_refill, can_cancel, tab, order_key, search,"
            f" placed_at, started_at, finished_at, progressed_at, refill_days{extra})"
            f" VALUES (?{marks})",
            order_rows,
        )
        conn.executemany("INSERT INTO order_events VALUES (?, ?, ?, ?, ?)", events)
        conn.executemany(
            "INSERT INTO refills (panel_id, order_record_id, order_id, refill_id, state,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            refills,
        )
        conn.execute("INSERT INTO orders_to_settle SELECT id FROM orders")  # written outside
    conn.close()
    with Store.open(path) as store:  # what schema 11 keeps with each order, worked out
        settle(store._db)
    conn = sqlite3.connect(path)
    conn.execute("ANALYZE")
    conn.close()


def _reprice(path: Path, panel_id: int, catalogue: list[Service], now: datetime) -> None:
    """A later fetch of the first panel's catalogue: four of its busiest services
    re-priced, two gone (what the price watch lists)."""
    kept = catalogue[2 : len(catalogue) * 9 // 10]
    moved = [
        replace(s, rate=s.rate * Decimal(f) if i < 4 else s.rate)
        for i, (s, f) in enumerate(
            zip(kept, ("1.2", "0.8", "1.5", "1.05", *["1"] * len(kept)), strict=False)
        )
    ]
    with Store.open(path) as store:
        store.save_services(panel_id, moved, now + timedelta(seconds=1))


def _db(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _opt(moment: datetime | None) -> str | None:
    return None if moment is None else _db(moment)

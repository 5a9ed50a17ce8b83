"""Orders view queries at 100,000 orders: `orders_page` and `count_orders` timings.

Run: `.venv/bin/python bench/orders_query.py [--orders 100000] [--repeat 15]`.
Target (design.md): a page of 200 filtered by status and text in <= 50 ms.

The history is bulk-inserted straight into the file through `sqlite3` (one transaction),
with the view columns computed by the store's own `order_view` functions, because going
through the journal one order at a time would take minutes and measure something else.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from smmdesk.api import OrderState
from smmdesk.store import JournalState, OrderQuery, Store
from smmdesk.store.order_view import order_key, search_text, view_tab

PAGE = 200
STATES = [*OrderState, None]
WORDS = ["followers", "likes", "views", "comments", "shares", "saves", "plays", "members"]
NETWORKS = ["instagram", "tiktok", "youtube", "telegram", "twitter", "facebook"]


def fake_rows(panel_ids: list[int], count: int, seed: int) -> Iterator[tuple[object, ...]]:
    rng = random.Random(seed)
    start = datetime(2023, 1, 1, tzinfo=UTC)
    for n in range(count):
        journal = rng.choices(
            [JournalState.PLACED, JournalState.REJECTED, JournalState.UNCONFIRMED],
            weights=[96, 3, 1],
        )[0]
        placed = journal is JournalState.PLACED
        state = rng.choice(STATES) if placed else None
        order_id = str(1_000_000 + n) if placed else None
        network = rng.choice(NETWORKS)
        link = f"https://{network}.com/p/{rng.getrandbits(40):x}"
        name = f"{network.title()} {rng.choice(WORDS)} [{rng.randint(1, 90)}]"
        service_id = str(rng.randint(1, 3000))
        created = (start + timedelta(minutes=7 * n)).isoformat(timespec="microseconds")
        quantity = rng.randint(10, 100_000)
        yield (
            rng.choice(panel_ids), service_id, name, "Default", link, quantity, "{}",
            journal.value, order_id, state.value if state else None,
            str(round(quantity * rng.random() / 100, 4)) if placed else None,
            rng.randint(0, 50_000) if placed else None, rng.randint(-5, quantity),
            created, created, 1, 1, view_tab(journal, state), order_key(order_id),
            search_text(order_id, link, name, service_id),
        )  # fmt: skip


def fill(path: Path, count: int) -> list[int]:
    with Store.open(path) as store:
        panel_ids = [
            store.add_panel(f"Panel {i}", f"https://p{i}.example/api/v2").id for i in (1, 2)
        ]
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO orders (panel_id, service_id, service_name, service_type, link,"
            " quantity, fields, journal_state, order_id, state, charge, start_count, remains,"
            " created_at, updated_at, can_refill, can_cancel, tab, order_key, search)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            fake_rows(panel_ids, count, seed=7),
        )
    conn.execute("ANALYZE")
    conn.close()
    return panel_ids


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return statistics.median(samples), p95


def scenarios(panel: int) -> list[tuple[str, OrderQuery, int]]:
    q = OrderQuery
    return [
        ("all, newest first", q(), 0),
        ("all, page at offset 50,000", q(), 50_000),
        ("all, one panel", q(panel_id=panel), 0),
        ("pending", q(tab="pending"), 0),
        ("completed, by charge", q(tab="completed", sort_column="charge"), 0),
        ("partial, by remains asc", q(tab="partial", sort_column="remains", descending=False), 0),
        ("rejected (rare), by link", q(tab="rejected", sort_column="link"), 0),
        ("unconfirmed (rarest)", q(tab="unconfirmed"), 0),
        ("all, by order ID asc", q(sort_column="order_id", descending=False), 0),
        ("all, by service name", q(sort_column="service_name"), 0),
        ("all, by state", q(sort_column="state"), 0),
        ("text 'tiktok' (common)", q(text="tiktok"), 0),
        ("text 'tiktok' + in progress", q(tab="in_progress", text="TikTok"), 0),
        ("text order ID '1045'", q(text="1045"), 0),
        ("text with no match", q(text="no such order"), 0),
        ("text + panel + by quantity", q(panel_id=panel, text="likes", sort_column="quantity"), 0),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        started = time.perf_counter()
        panel_ids = fill(path, args.orders)
        print(f"inserted {args.orders:,} orders in {time.perf_counter() - started:.1f} s")
        with Store.open(path) as store:
            report(store, panel_ids[0], args.repeat)


def report(store: Store, panel: int, repeat: int) -> None:
    print(f"{'query':40} {'rows':>6} {'page med':>9} {'p95':>7} {'count med':>10} {'p95':>7}")
    worst = 0.0
    for label, query, offset in scenarios(panel):
        rows = len(store.orders_page(query, offset, PAGE))
        page_med, page_p95 = timed(partial(store.orders_page, query, offset, PAGE), repeat)
        count_med, count_p95 = timed(partial(store.count_orders, query), repeat)
        worst = max(worst, page_p95)
        print(
            f"{label:40} {rows:>6} {page_med:>7.1f}ms {page_p95:>5.1f}ms"
            f" {count_med:>8.1f}ms {count_p95:>5.1f}ms"
        )
    tabs_med, tabs_p95 = timed(lambda: store.tab_counts(None), repeat)
    print(f"{'tab_counts (all panels)':40} {'':>6} {tabs_med:>7.1f}ms {tabs_p95:>5.1f}ms")
    verdict = "OK" if worst <= 50 else "OVER TARGET"
    print(f"worst page p95: {worst:.1f} ms (target <= 50 ms): {verdict}")


if __name__ == "__main__":
    main()

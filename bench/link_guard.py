"""The duplicate-link guard at 100,000 orders: `LocalReads.active_orders_on_link` timings.

Run: `.venv/bin/python bench/link_guard.py [--orders 100000] [--panels 5] [--lookups 2000]`.
Target (issue 9): a lookup <= 5 ms at the 95th percentile, on the GUI thread, whatever
the history's length; plus what migrating such a history to the link keys costs once.

The history is bulk-inserted in one transaction into a schema-4 file (the schema before
link keys), with the view columns from the store's own functions; opening it with `Store`
then runs the real migration that backfills and indexes the keys. Lookups are spelled as
users type them (scheme, `www.`, case, trailing slash, tracking parameters), for pages
with active orders, pages whose orders are all finished, and pages never ordered.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from smmdesk.api import OrderState
from smmdesk.store import Database, JournalState, Store
from smmdesk.store.migrations import MIGRATIONS
from smmdesk.store.order_view import order_key, search_text, view_tab
from smmdesk.workers.reads import LocalReads

TARGET_MS = 5.0
LINK_KEY_STEP = 5  # the migration this bench measures (schema 4 -> 5)
NETWORKS = ["instagram", "tiktok", "youtube", "telegram", "twitter", "facebook"]
# Placed orders: mostly finished, as in a real history; a few still running.
STATES = [OrderState.COMPLETED] * 12 + [OrderState.PARTIAL, OrderState.CANCELED] * 2
STATES += [OrderState.PENDING, OrderState.IN_PROGRESS]


def page(rng: random.Random, pages: int) -> str:
    number = rng.randrange(pages)
    return f"https://{NETWORKS[number % len(NETWORKS)]}.com/p/Post{number:07d}"


def fake_rows(panel_ids: list[int], count: int, seed: int) -> Iterator[tuple[object, ...]]:
    """Orders on `count // 3` pages: a page is ordered three times on average."""
    rng = random.Random(seed)
    start = datetime(2023, 1, 1, tzinfo=UTC)
    for n in range(count):
        journal = rng.choices(
            [JournalState.PLACED, JournalState.REJECTED, JournalState.UNCONFIRMED],
            weights=[96, 3, 1],
        )[0]
        state = rng.choice(STATES) if journal is JournalState.PLACED else None
        order_id = str(1_000_000 + n) if journal is JournalState.PLACED else None
        link = page(rng, count // 3)
        created = (start + timedelta(minutes=7 * n)).isoformat(timespec="microseconds")
        yield (
            rng.choice(panel_ids), "7", "Instagram Likes [7]", "Default", link, 100, "{}",
            journal.value, order_id, state.value if state else None, created, created, 1, 1,
            view_tab(journal, state), order_key(order_id),
            search_text(order_id, link, "Instagram Likes [7]", "7"),
        )  # fmt: skip


def fill_schema_4(path: Path, count: int, panels: int) -> None:
    """A history as SMMDesk wrote it before link keys existed."""
    db = Database(path)
    db.migrate(MIGRATIONS[: LINK_KEY_STEP - 1])
    with db.transaction() as conn:
        panel_ids = [
            conn.execute(
                "INSERT INTO panels (name, url, created_at) VALUES (?, ?, ?)",
                (f"Panel {n}", f"https://p{n}.example/api/v2", "2023-01-01T00:00:00+00:00"),
            ).lastrowid
            for n in range(panels)
        ]
        conn.executemany(
            "INSERT INTO orders (panel_id, service_id, service_name, service_type, link,"
            " quantity, fields, journal_state, order_id, state, created_at, updated_at,"
            " can_refill, can_cancel, tab, order_key, search)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            fake_rows([p for p in panel_ids if p is not None], count, seed=7),
        )
    db.close()


def respell(link: str, rng: random.Random) -> str:
    """The same page as a user might paste it."""
    host_and_path = link.removeprefix("https://")
    host, _, path = host_and_path.partition("/")
    spellings = [
        f"http://www.{host.upper()}/{path}/",
        f"{host}/{path}?utm_source=ig_web_copy_link&igshid=MzRlODBiNWFlZA==",
        f"https://m.{host}/{path}?si=Ab12",
        link,
    ]
    return rng.choice(spellings)


def lookups(store: Store, count: int, pages: int, seed: int) -> list[tuple[str, str]]:
    """(kind, typed link): pages with active orders, with finished ones only, never seen."""
    rng = random.Random(seed)
    active = [
        row[0]
        for row in store._db.query(  # a bench may read the file it built
            "SELECT link FROM orders WHERE tab IN ('pending', 'in_progress', 'unconfirmed')"
            " ORDER BY random() LIMIT ?",
            (count,),
        )
    ]
    finished = [
        row[0]
        for row in store._db.query(
            "SELECT link FROM orders WHERE tab = 'completed' ORDER BY random() LIMIT ?",
            (count,),
        )
    ]
    chosen = []
    for n in range(count):
        kind = ("active", "finished", "never ordered")[n % 3]
        link = {
            "active": lambda: rng.choice(active),
            "finished": lambda: rng.choice(finished),
            "never ordered": lambda: page(rng, pages).replace("/p/Post", "/p/New"),
        }[kind]()
        chosen.append((kind, respell(link, rng)))
    return chosen


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(
    reads: LocalReads, chosen: list[tuple[str, str]]
) -> tuple[dict[str, list[float]], dict[str, int]]:
    """Milliseconds per lookup, and how many found active twins, by kind of link."""
    times: dict[str, list[float]] = {}
    found: dict[str, int] = {}
    for kind, link in chosen:
        started = time.perf_counter()
        twins = reads.active_orders_on_link(link)
        times.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
        found[kind] = found.get(kind, 0) + bool(twins)
    return times, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--panels", type=int, default=5)
    parser.add_argument("--lookups", type=int, default=2_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        started = time.perf_counter()
        fill_schema_4(path, args.orders, args.panels)
        print(f"{args.orders:,} orders on {args.panels} panels, schema 4, in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        started = time.perf_counter()
        store = Store.open(path)
        print(f"migration to link keys (backup, backfill, index): "
              f"{time.perf_counter() - started:.2f} s, once")  # fmt: skip
        try:
            report(store, args)
        finally:
            store.close()


def report(store: Store, args: argparse.Namespace) -> None:
    reads = LocalReads(store)
    chosen = lookups(store, args.lookups, args.orders // 3, seed=11)
    measure(reads, chosen[:100])  # warm the page cache, as a running app has
    times, found = measure(reads, chosen)
    print(f"{'lookup':16} {'found twins':>12} {'median':>8} {'p95':>8} {'max':>8}")
    for kind, samples in times.items():
        print(
            f"{kind:16} {found[kind]:>5} of {len(samples):>4} "
            f"{statistics.median(samples):>6.3f}ms {p95(samples):>6.3f}ms"
            f" {max(samples):>6.3f}ms"
        )
    overall = p95([sample for samples in times.values() for sample in samples])
    verdict = "OK" if overall <= TARGET_MS else "OVER TARGET"
    print(f"all lookups p95: {overall:.3f} ms (target <= {TARGET_MS:.0f} ms): {verdict}")


if __name__ == "__main__":
    main()

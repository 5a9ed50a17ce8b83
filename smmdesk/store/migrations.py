"""The schema, as the list of steps that built it.

`MIGRATIONS[i]` takes a database from `PRAGMA user_version` i to i + 1. A released step is
never edited: a change to the schema is a new step at the end, which is what lets an old
user's file open in a new SMMDesk.

Statements run one by one (not with `executescript`, which would commit half way) inside
the single transaction that `Database.migrate` opens.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from smmdesk.api import OrderState, proxies
from smmdesk.api.links import order_link_key
from smmdesk.search import fold

from . import derived, order_view, summaries
from .db import Migration
from .records import JournalState

_V1 = (
    """CREATE TABLE panels (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        url TEXT NOT NULL,
        proxy TEXT,
        allow_insecure_http INTEGER NOT NULL DEFAULT 0,
        is_demo INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE services (
        panel_id INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
        service_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        category TEXT NOT NULL,
        rate TEXT NOT NULL,
        min INTEGER NOT NULL,
        max INTEGER NOT NULL,
        refill INTEGER NOT NULL,
        cancel INTEGER NOT NULL,
        dripfeed INTEGER NOT NULL,
        description TEXT NOT NULL,
        extra TEXT NOT NULL,
        PRIMARY KEY (panel_id, service_id)
    )""",
    """CREATE TABLE catalogue_fetches (
        id INTEGER PRIMARY KEY,
        panel_id INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
        fetched_at TEXT NOT NULL,
        service_count INTEGER NOT NULL
    )""",
    "CREATE INDEX catalogue_fetches_by_panel ON catalogue_fetches(panel_id, id)",
    """CREATE TABLE orders (
        id INTEGER PRIMARY KEY,
        panel_id INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
        service_id TEXT NOT NULL,
        service_name TEXT NOT NULL,
        service_type TEXT NOT NULL,
        link TEXT,
        quantity INTEGER,
        runs INTEGER,
        interval INTEGER,
        fields TEXT NOT NULL DEFAULT '{}',
        charge_estimate TEXT,
        currency TEXT,
        journal_state TEXT NOT NULL,
        order_id TEXT,
        error TEXT,
        status_text TEXT,
        state TEXT,
        charge TEXT,
        start_count INTEGER,
        remains INTEGER,
        posts INTEGER,
        runs_done INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        checked_at TEXT,
        can_refill INTEGER NOT NULL,
        can_cancel INTEGER NOT NULL
    )""",
    """CREATE UNIQUE INDEX orders_by_order_id ON orders(panel_id, order_id)
        WHERE order_id IS NOT NULL""",
    "CREATE INDEX orders_by_journal_state ON orders(journal_state)",
)

_V2 = (
    "ALTER TABLE catalogue_fetches ADD COLUMN is_first INTEGER NOT NULL DEFAULT 0",
    """CREATE TABLE catalogue_changes (
        id INTEGER PRIMARY KEY,
        fetch_id INTEGER NOT NULL REFERENCES catalogue_fetches(id) ON DELETE CASCADE,
        panel_id INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
        service_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('added', 'removed', 'repriced')),
        old_rate TEXT,
        new_rate TEXT
    )""",
    "CREATE INDEX catalogue_changes_by_fetch ON catalogue_changes(fetch_id)",
    "CREATE INDEX catalogue_changes_by_service ON catalogue_changes(panel_id, service_id)",
    """CREATE TABLE refills (
        id INTEGER PRIMARY KEY,
        panel_id INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
        order_record_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        order_id TEXT NOT NULL,
        refill_id TEXT,
        error TEXT,
        status_text TEXT,
        state TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX refills_by_panel ON refills(panel_id, id)",
    "CREATE INDEX refills_by_order ON refills(order_record_id)",
    """CREATE TABLE cancels (
        id INTEGER PRIMARY KEY,
        panel_id INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
        order_record_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        order_id TEXT NOT NULL,
        accepted INTEGER NOT NULL,
        error TEXT,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX cancels_by_panel ON cancels(panel_id, id)",
    "CREATE INDEX cancels_by_order ON cancels(order_record_id)",
    "ALTER TABLE orders ADD COLUMN tab TEXT NOT NULL DEFAULT 'pending'",
    "ALTER TABLE orders ADD COLUMN order_key TEXT",
    "ALTER TABLE orders ADD COLUMN search TEXT NOT NULL DEFAULT ''",
)


_V3 = (
    """CREATE TABLE order_resolutions (
        id INTEGER PRIMARY KEY,
        order_record_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        order_id TEXT NOT NULL,
        previous_order_id TEXT,
        resolved_at TEXT NOT NULL
    )""",
    "CREATE INDEX order_resolutions_by_order ON order_resolutions(order_record_id, id)",
)


_V4 = (
    "CREATE TABLE panel_ids (last_issued INTEGER NOT NULL)",
    "INSERT INTO panel_ids (last_issued) SELECT coalesce(max(id), 0) FROM panels",
    """CREATE TABLE keys_to_delete (
        panel_id INTEGER PRIMARY KEY,
        panel_name TEXT NOT NULL,
        problem TEXT,
        removed_at TEXT NOT NULL
    )""",
)


def _run(conn: sqlite3.Connection, statements: Iterable[str]) -> None:
    for statement in statements:
        conn.execute(statement)


def _v1_initial(conn: sqlite3.Connection) -> None:
    """Panels, the services cache and the orders journal."""
    _run(conn, _V1)


def _v2_history_and_view(conn: sqlite3.Connection) -> None:
    """Catalogue change history, refills and cancels, and the orders-view columns.

    The derived columns are computed in Python for existing rows, since they use the same
    functions as new writes (`order_view`).
    """
    _run(conn, _V2)
    conn.execute(
        "UPDATE catalogue_fetches SET is_first = 1 WHERE id IN "
        "(SELECT min(id) FROM catalogue_fetches GROUP BY panel_id)"
    )
    rows = conn.execute(
        "SELECT id, journal_state, state, order_id, link, service_name, service_id FROM orders"
    ).fetchall()
    conn.executemany(
        "UPDATE orders SET tab = ?, order_key = ?, search = ? WHERE id = ?",
        [
            (
                order_view.view_tab(JournalState(r[1]), None if r[2] is None else OrderState(r[2])),
                order_view.order_key(r[3]),
                order_view.search_text(r[3], r[4], r[5], r[6]),
                r[0],
            )
            for r in rows
        ],
    )
    _run(conn, order_view.index_statements())


def _v3_order_resolutions(conn: sqlite3.Connection) -> None:
    """Order IDs entered by hand for unconfirmed orders, every correction kept."""
    _run(conn, _V3)


def _v4_panel_identity(conn: sqlite3.Connection) -> None:
    """Panel IDs are never given twice (each names a keyring entry), and a removed
    panel's key is remembered until it is deleted. Existing panels keep their IDs, so
    their keyring entries (`panel-<id>`) keep working."""
    _run(conn, _V4)


def _v5_link_keys(conn: sqlite3.Connection) -> None:
    """Each order's normalised link (`api.links.order_link_key`), for the duplicate-link
    guard: backfilled for existing rows, and indexed only where the guard looks (orders
    still active: a short index however long the history)."""
    conn.execute("ALTER TABLE orders ADD COLUMN link_key TEXT")
    rows = conn.execute("SELECT id, link, fields FROM orders").fetchall()
    conn.executemany(
        "UPDATE orders SET link_key = ? WHERE id = ?",
        [(_link_key(link, fields), record_id) for record_id, link, fields in rows],
    )
    conn.execute(
        "CREATE INDEX orders_active_by_link ON orders(link_key) WHERE link_key IS NOT NULL"
        " AND tab IN ('pending', 'in_progress', 'sending', 'unconfirmed')"
    )


def _link_key(link: str | None, fields_json: str) -> str | None:
    """The fields are read only for orders without a link (subscriptions): a tenth of
    the migration's time at 100,000 orders."""
    if link and link.strip():
        return order_link_key(link, {})
    try:
        fields = json.loads(fields_json)
    except ValueError:
        return None
    return order_link_key(None, fields) if isinstance(fields, dict) else None


def _v6_proxy_passwords_and_pacing(conn: sqlite3.Connection) -> None:
    """Proxy passwords leave `panels`, and a panel may limit its requests per minute.

    A migration cannot reach the keyring (the store knows none, and at this point of
    start-up no keyring may be usable yet), so each password moves to
    `proxy_passwords_to_move` and `panels.proxy` keeps the URL without it. The first
    start-up job (`PanelProfiles.move_proxy_passwords`) puts them in the keyring and
    deletes the rows; until then `ClientPool` reads them from there. `secure_delete`
    zeroes the replaced text instead of leaving it in the file's free space.
    """
    secure_before = conn.execute("PRAGMA secure_delete").fetchone()[0]
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("ALTER TABLE panels ADD COLUMN requests_per_minute INTEGER")
    conn.execute(
        """CREATE TABLE proxy_passwords_to_move (
            panel_id INTEGER PRIMARY KEY REFERENCES panels(id) ON DELETE CASCADE,
            password TEXT NOT NULL
        )"""
    )
    rows = conn.execute("SELECT id, proxy FROM panels WHERE proxy IS NOT NULL").fetchall()
    for panel_id, proxy in rows:
        address = proxies.split(proxy)
        if address.password is None:
            continue
        conn.execute(
            "INSERT INTO proxy_passwords_to_move (panel_id, password) VALUES (?, ?)",
            (panel_id, address.password),
        )
        conn.execute("UPDATE panels SET proxy = ? WHERE id = ?", (address.url, panel_id))
    conn.execute(f"PRAGMA secure_delete = {int(secure_before)}")


_V7 = (
    """CREATE TABLE batches (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        created_at TEXT NOT NULL,
        stopped INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE batch_lines (
        batch_id INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        panel_id INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
        service TEXT NOT NULL,
        fields TEXT NOT NULL,
        charge_estimate TEXT,
        currency TEXT,
        order_record_id INTEGER REFERENCES orders(id) ON DELETE CASCADE,
        PRIMARY KEY (batch_id, number)
    ) WITHOUT ROWID""",
    "ALTER TABLE orders ADD COLUMN batch_id INTEGER REFERENCES batches(id) ON DELETE SET NULL",
    "ALTER TABLE orders ADD COLUMN batch_line INTEGER",
    "CREATE INDEX orders_by_batch ON orders(batch_id, batch_line) WHERE batch_id IS NOT NULL",
)


def _v7_batches(conn: sqlite3.Connection) -> None:
    """Mass-order batches: each line stored (the service and fields confirmed) before
    anything is sent, and linked to the journal row of its latest attempt in the
    transaction that inserts that row, so no line is ever sent twice, even after a crash.
    Orders name the batch and line that sent them. A line goes with its journal row, so
    it can never look unsent again."""
    _run(conn, _V7)


_V8 = (
    """CREATE TABLE order_events (
        order_record_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        state TEXT NOT NULL,
        start_count INTEGER,
        remains INTEGER
    )""",
    "CREATE INDEX order_events_by_order ON order_events(order_record_id, at)",
    "ALTER TABLE orders ADD COLUMN placed_at TEXT",
    "ALTER TABLE orders ADD COLUMN started_at TEXT",
    "ALTER TABLE orders ADD COLUMN finished_at TEXT",
    "ALTER TABLE orders ADD COLUMN progressed_at TEXT",
    "ALTER TABLE orders ADD COLUMN refill_days INTEGER",
    "CREATE INDEX orders_by_service ON orders(panel_id, service_id, created_at)",
)
# Sent from SMMDesk (a link, fields or a batch), as opposed to tracked by ID: only these
# have a known placing time.
_SENT_HERE = "(link IS NOT NULL OR fields != '{}' OR batch_id IS NOT NULL)"
_STARTED = "('in_progress', 'partial', 'completed')"
_FINAL = "('completed', 'partial', 'canceled', 'refunded', 'failed', 'expired')"


def _v8_status_history(conn: sqlite3.Connection) -> None:
    """Status history: each order's steps (placed, then every change of state, start count
    or remains, with its time) and the milestones the scorecard reads (placed, started,
    finished, last progress), plus the refill guarantee its service promised; orders by
    service, for the price watch.

    Orders already in the history get what is known: placed when created (if SMMDesk sent
    them), and their present status as one step at its last update."""
    _run(conn, _V8)
    placed = f"journal_state = 'placed' AND {_SENT_HERE}"
    conn.execute(f"UPDATE orders SET placed_at = created_at WHERE {placed}")
    conn.execute(
        "INSERT INTO order_events (order_record_id, at, state) "
        "SELECT id, placed_at, 'placed' FROM orders WHERE placed_at IS NOT NULL"
    )
    conn.execute(
        "INSERT INTO order_events (order_record_id, at, state, start_count, remains) "
        "SELECT id, updated_at, state, start_count, remains FROM orders "
        "WHERE journal_state = 'placed' AND state IS NOT NULL"
    )
    conn.execute(
        f"UPDATE orders SET progressed_at = updated_at, "
        f"started_at = CASE WHEN state IN {_STARTED} THEN updated_at END, "
        f"finished_at = CASE WHEN state IN {_FINAL} THEN updated_at END "
        f"WHERE journal_state = 'placed' AND state IS NOT NULL"
    )


_V9 = (
    "ALTER TABLE orders ADD COLUMN note TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE orders ADD COLUMN customer TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE orders ADD COLUMN sell_price TEXT",
    """CREATE TABLE service_markups (
        panel_id INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
        service_id TEXT NOT NULL,
        percent TEXT NOT NULL,
        PRIMARY KEY (panel_id, service_id)
    ) WITHOUT ROWID""",
    """CREATE TABLE customer_markups (
        customer_key TEXT PRIMARY KEY,
        customer TEXT NOT NULL,
        percent TEXT NOT NULL
    ) WITHOUT ROWID""",
)


def _v9_notes_customers_profit(conn: sqlite3.Connection) -> None:
    """Each order's note, customer label and sell price (the user's own, never sent to a
    panel); markups in percent per service and per customer (`customer_key`: the label
    folded, so "ACME" and "Acme" are one customer); sort indexes for the customer and the
    sell price. The search text is folded (lower case without accents, `search.fold`)
    where it was only lower-cased, so a search matches "promocao" in "Promoção"; only
    rows with something to fold are rewritten."""
    _run(conn, _V9)
    rows = conn.execute("SELECT id, search FROM orders").fetchall()
    conn.executemany(
        "UPDATE orders SET search = ? WHERE id = ?",
        [(folded, record_id) for record_id, text in rows if (folded := fold(text)) != text],
    )
    _run(conn, order_view.annotation_index_statements())


_V10 = (
    """CREATE TABLE favourites (
        panel_id INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
        service_id TEXT NOT NULL,
        name TEXT NOT NULL,
        category TEXT NOT NULL,
        starred_at TEXT NOT NULL,
        PRIMARY KEY (panel_id, service_id)
    ) WITHOUT ROWID""",
)


def _v10_favourites(conn: sqlite3.Connection) -> None:
    """Favourite services per panel, keyed by the panel's service ID rather than by a row
    of the cached catalogue, so a star outlives every refresh, even one that drops the
    service (its name and category as starred are kept to say which one went)."""
    _run(conn, _V10)


def _v11_derived_columns(conn: sqlite3.Connection) -> None:
    """What the reports, the scorecard and the Overview add up, kept with each order and
    indexed (`derived`): a year of history summed from indexes, not order by order."""
    derived.add_derived_columns(conn)


def _v12_spent_as_delivered(conn: sqlite3.Connection) -> None:
    """The Overview's spend counts an order at what was delivered, as the Orders totals
    do (`derived.spent_units`)."""
    derived.respend(conn)


def _v13_service_days_in_report_order(conn: sqlite3.Connection) -> None:
    """The sums per day and service indexed in the order a report by day and service
    lists them (`summaries.SERVICE_DAYS`): read as they are, SQLite sorts nothing."""
    summaries.index(conn, summaries.SERVICE_DAYS)


def _v14_renamed_service_days(conn: sqlite3.Connection) -> None:
    """The days on which a service's sums carry two names, kept as they are added
    (`summaries.note_renamed_days`): a report by day and service looks them up instead of
    searching every line it reads."""
    summaries.note_renamed_days(conn)


def _v15_category_days(conn: sqlite3.Connection) -> None:
    """Each order's category as the catalogue gives it, kept (`derived.category`), and
    the sums by day and category: a report by category groups those, not every service's
    sums joined to the catalogue."""
    derived.add_category(conn)


def _v16_no_completion_before_placing(conn: sqlite3.Connection) -> None:
    """A completion timed below zero (the computer's clock was moved back between the
    order's placing and its completion) is left out of the scorecard's times, as a start
    timed below zero always was: the counts of timed orders are added up again."""
    summaries.recount(conn, summaries.SERVICE_OUTCOMES)


def _v17_dropped_orders(conn: sqlite3.Connection) -> None:
    """When the user said an order's count dropped: the refill windows list it (a
    finished order is never asked about again, so only the user sees a count fall)."""
    conn.execute("ALTER TABLE orders ADD COLUMN dropped_at TEXT")


MIGRATIONS: tuple[Migration, ...] = (
    _v1_initial,
    _v2_history_and_view,
    _v3_order_resolutions,
    _v4_panel_identity,
    _v5_link_keys,
    _v6_proxy_passwords_and_pacing,
    _v7_batches,
    _v8_status_history,
    _v9_notes_customers_profit,
    _v10_favourites,
    _v11_derived_columns,
    _v12_spent_as_delivered,
    _v13_service_days_in_report_order,
    _v14_renamed_service_days,
    _v15_category_days,
    _v16_no_completion_before_placing,
    _v17_dropped_orders,
)
SCHEMA_VERSION = len(MIGRATIONS)

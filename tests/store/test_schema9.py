"""Schema 9: notes, customers, sell prices and markups; the search text folded."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from smmdesk.store import OrderQuery, Store
from smmdesk.store.migrations import MIGRATIONS

_STAMP = "2026-10-01T10:00:00.000000+00:00"


def _v8_history(path: Path) -> None:
    """A history as SMMDesk with schema 8 wrote it: search text only lower-cased."""
    conn = sqlite3.connect(path)
    with conn:
        for migration in MIGRATIONS[:8]:
            migration(conn)
        conn.execute(
            "INSERT INTO panels (id, name, url, created_at) VALUES (1, 'P', 'https://p', ?)",
            (_STAMP,),
        )
        for record_id, name in ((1, "Seguidores Promoção"), (2, "Plain likes")):
            search = "\x1f".join((str(record_id), "https://x.example", name.lower(), "5"))
            conn.execute(
                "INSERT INTO orders (id, panel_id, service_id, service_name, service_type, link,"
                " journal_state, order_id, created_at, updated_at, can_refill, can_cancel, tab,"
                " search) VALUES (?, 1, '5', ?, 'Default', 'https://x.example', 'placed', ?,"
                " ?, ?, 1, 1, 'pending', ?)",
                (record_id, name, str(record_id), _STAMP, _STAMP, search),
            )
        conn.execute("PRAGMA user_version = 8")
    conn.close()


def test_a_v8_history_is_refolded_and_gains_empty_annotations(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _v8_history(path)

    with Store.open(path) as store:
        found = store.orders_page(OrderQuery(text="PROMOCAO seguidores"), 0, 10)
        assert [r.order_id for r in found] == ["1"]
        record = store.order(2)
        assert record is not None
        assert (record.note, record.customer, record.sell_price) == ("", "", None)
        indexes = {row[0] for row in store._db.query("SELECT name FROM sqlite_master")}
        assert {"orders_sort_customer", "orders_tab_sort_sell_price"} <= indexes
        assert {"service_markups", "customer_markups"} <= indexes

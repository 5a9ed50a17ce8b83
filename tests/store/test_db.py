"""Opening, WAL, per-thread connections and migrations from older schemas."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from smmdesk.api import OrderState
from smmdesk.store import SCHEMA_VERSION, JournalState, OrderQuery, Store, StoreError

from .conftest import make_service

# The schema as SMMDesk's first release wrote it (version 1), written out by hand so that
# later edits to the migrations cannot silently change what this test starts from.
V1_SCHEMA = """
CREATE TABLE panels (id INTEGER PRIMARY KEY, name TEXT NOT NULL, url TEXT NOT NULL,
    proxy TEXT, allow_insecure_http INTEGER NOT NULL DEFAULT 0,
    is_demo INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);
CREATE TABLE services (panel_id INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
    service_id TEXT NOT NULL, position INTEGER NOT NULL, name TEXT NOT NULL,
    type TEXT NOT NULL, category TEXT NOT NULL, rate TEXT NOT NULL, min INTEGER NOT NULL,
    max INTEGER NOT NULL, refill INTEGER NOT NULL, cancel INTEGER NOT NULL,
    dripfeed INTEGER NOT NULL, description TEXT NOT NULL, extra TEXT NOT NULL,
    PRIMARY KEY (panel_id, service_id));
CREATE TABLE catalogue_fetches (id INTEGER PRIMARY KEY,
    panel_id INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
    fetched_at TEXT NOT NULL, service_count INTEGER NOT NULL);
CREATE INDEX catalogue_fetches_by_panel ON catalogue_fetches(panel_id, id);
CREATE TABLE orders (id INTEGER PRIMARY KEY,
    panel_id INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
    service_id TEXT NOT NULL, service_name TEXT NOT NULL, service_type TEXT NOT NULL,
    link TEXT, quantity INTEGER, runs INTEGER, interval INTEGER,
    fields TEXT NOT NULL DEFAULT '{}', charge_estimate TEXT, currency TEXT,
    journal_state TEXT NOT NULL, order_id TEXT, error TEXT, status_text TEXT, state TEXT,
    charge TEXT, start_count INTEGER, remains INTEGER, posts INTEGER, runs_done INTEGER,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, checked_at TEXT,
    can_refill INTEGER NOT NULL, can_cancel INTEGER NOT NULL);
CREATE UNIQUE INDEX orders_by_order_id ON orders(panel_id, order_id)
    WHERE order_id IS NOT NULL;
CREATE INDEX orders_by_journal_state ON orders(journal_state);
INSERT INTO panels VALUES (1, 'Old panel', 'https://old.example/api/v2', NULL, 0, 0,
    '2024-01-02T03:04:05.000000+00:00');
INSERT INTO services VALUES (1, '7', 0, 'Old service', 'Default', 'Old', '0.90', 10, 100,
    1, 0, 0, '', '{"speed": "fast"}');
INSERT INTO catalogue_fetches VALUES (1, 1, '2024-01-02T03:04:05.000000+00:00', 1);
INSERT INTO orders (panel_id, service_id, service_name, service_type, link, quantity,
    journal_state, order_id, state, status_text, charge, created_at, updated_at,
    can_refill, can_cancel)
VALUES (1, '7', 'Old service', 'Default', 'https://x.example/OldPost', 50, 'placed', '4521',
    'completed', 'Completed', '0.045', '2024-01-02T03:04:05.000000+00:00',
    '2024-01-02T03:04:05.000000+00:00', 1, 0),
    (1, '7', 'Old service', 'Default', 'https://x.example/b', 60, 'unconfirmed', NULL,
    NULL, NULL, NULL, '2024-01-03T03:04:05.000000+00:00',
    '2024-01-03T03:04:05.000000+00:00', 1, 0);
PRAGMA user_version = 1;
"""


def build_v1(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(V1_SCHEMA)
    conn.close()


def test_a_new_database_uses_wal_and_the_latest_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
    assert not list(tmp_path.glob("*.bak")), "a new database needs no backup"


def test_foreign_keys_are_enforced(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.insert_sending_order(999, make_service(), link="x", quantity=10)


def test_a_v1_database_is_backed_up_then_migrated_keeping_its_data(tmp_path: Path) -> None:
    path = tmp_path / "smmdesk.db"
    build_v1(path)
    with Store.open(path) as store:
        [panel] = store.panels()
        assert panel.name == "Old panel"
        snapshot = store.cached_services(panel.id)
        assert snapshot is not None and snapshot.services[0].extra == {"speed": "fast"}
        assert store.latest_diff(panel.id).is_first_fetch
        placed = store.orders_by_order_ids(panel.id, ["4521"])[0]
        assert placed.state is OrderState.COMPLETED
        # The view columns were filled in for old rows: tabs and search work on them.
        assert store.tab_counts(None)["completed"] == 1
        assert store.tab_counts(None)["unconfirmed"] == 1
        assert store.count_orders(OrderQuery(text="oldpost")) == 1
        # The tables v2 added are usable.
        assert store.refills(panel.id) == []
    backup = tmp_path / "smmdesk.db.v1.bak"
    assert backup.exists()
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM orders").fetchone()[0] == 2
    conn.close()


def test_reopening_a_current_database_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "smmdesk.db"
    with Store.open(path) as store:
        store.add_panel("P", "https://p.example/api/v2")
    with Store.open(path) as store:
        assert [p.name for p in store.panels()] == ["P"]
    assert not list(tmp_path.glob("*.bak"))


def test_a_database_from_a_newer_smmdesk_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer SMMDesk"):
        Store.open(path)


def test_a_foreign_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.close()
    with pytest.raises(StoreError, match="not an SMMDesk database"):
        Store.open(path)


def test_each_thread_writes_through_its_own_connection(store: Store) -> None:
    panel = store.add_panel("P", "https://p.example/api/v2")
    errors: list[BaseException] = []

    def place(n: int) -> None:
        try:
            for i in range(20):
                store.insert_sending_order(panel.id, make_service(), link=f"{n}/{i}", quantity=1)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=place, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert store.tab_counts(panel.id)["all"] == 80
    assert all(
        r.journal_state is JournalState.SENDING for r in store.orders_page(OrderQuery(), 0, 100)
    )

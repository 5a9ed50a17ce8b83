"""The report's reads: a report by day and service is read in its order from an index
(schema 13), so SQLite sorts nothing, in a new history and in one written by schema 12;
the days a service was renamed on are known without reading the lines (schema 14); the
sums by category are kept (schema 15)."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

from smmdesk.store import SCHEMA_VERSION, Panel, Store
from smmdesk.store.migrations import MIGRATIONS
from smmdesk.store.reports import _DAILY_SERVICE_ROWS, Bucket, Grouping, ReportQueries
from tests.insight_orders import LIKES, order
from tests.store.rewound import rewind

RANGE = (date(2025, 12, 1).isoformat(), date(2026, 11, 30).isoformat())


def plan(conn: sqlite3.Connection) -> list[str]:
    return [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {_DAILY_SERVICE_ROWS}", RANGE)]


def test_a_report_by_day_and_service_is_read_in_its_order(store: Store) -> None:
    steps = plan(store._db.connection)

    assert steps == [
        "SEARCH service_days USING COVERING INDEX service_days_report (day>? AND day<?)"
    ]


def test_a_schema_12_history_gains_the_index(tmp_path: Path) -> None:
    path = tmp_path / "v12.db"
    conn = sqlite3.connect(path)
    with conn:
        for migration in MIGRATIONS[:12]:
            migration(conn)
        # Schema 11 builds the sums' tables with today's indexes; SMMDesk with schema 12
        # built them without this one.
        conn.execute("DROP INDEX service_days_report")
        conn.execute("PRAGMA user_version = 12")
    assert any("TEMP B-TREE" in step for step in plan(conn))
    conn.close()

    with Store.open(path) as store:
        version = store._db.query_one("PRAGMA user_version")
        assert version is not None and version[0] == SCHEMA_VERSION
        assert not any("TEMP B-TREE" in step for step in plan(store._db.connection))


DAY = date(2026, 3, 4)


def renamed_days(store: Store) -> list[str]:
    ReportQueries(store).spend_sums(DAY, DAY, Bucket.DAY, Grouping.PANEL, 1)  # settles
    return [row[0] for row in store._db.query("SELECT day FROM service_days_renamed")]


def test_the_day_a_service_is_ordered_under_a_second_name_is_noted(store: Store) -> None:
    panel = store.add_panel("Panel", "https://p.example/api/v2")
    order(store, panel, DAY, "1")
    order(store, panel, DAY, "2")  # the same name again
    order(store, panel, date(2026, 3, 5), "3", service=replace(LIKES, name="Likes"))
    assert renamed_days(store) == []

    order(store, panel, DAY, "4", service=replace(LIKES, name="Likes"))

    assert renamed_days(store) == [DAY.isoformat()]


def test_a_schema_13_history_notes_its_renamed_days(tmp_path: Path) -> None:
    path = tmp_path / "v13.db"
    with Store.open(path) as store:
        panel: Panel = store.add_panel("Panel", "https://p.example/api/v2")
        order(store, panel, DAY, "1")
        order(store, panel, DAY, "4", service=replace(LIKES, name="Likes"))
        order(store, panel, date(2026, 3, 5), "3")
        assert renamed_days(store) == [DAY.isoformat()]
    rewind(path, 13, "DROP TRIGGER service_days_renamed", "DROP TABLE service_days_renamed")

    with Store.open(path) as store:
        assert renamed_days(store) == [DAY.isoformat()]
        order(store, store.panels()[0], date(2026, 3, 5), "2", service=replace(LIKES, name="L"))
        assert renamed_days(store) == [DAY.isoformat(), "2026-03-05"]


def test_a_schema_14_history_gains_its_orders_categories_and_their_sums(tmp_path: Path) -> None:
    path = tmp_path / "v14.db"
    with Store.open(path) as store:
        panel = store.add_panel("Panel", "https://p.example/api/v2")
        store.save_services(panel.id, [LIKES])
        order(store, panel, DAY, "1")
        order(store, panel, DAY, "2", service=replace(LIKES, id="7", name="Gone"))
        fresh = sums_by_category(store)
    rewind(path, 14, "DROP TABLE category_days", "ALTER TABLE orders DROP COLUMN category")

    with Store.open(path) as store:
        assert (
            sums_by_category(store)
            == fresh
            == [
                (DAY.isoformat(), "USD", "Gone", 1, 20_000_000),
                (DAY.isoformat(), "USD", LIKES.category, 1, 10_000_000),
            ]
        )


def sums_by_category(store: Store) -> list[tuple[object, ...]]:
    ReportQueries(store).spend_sums(DAY, DAY, Bucket.DAY, Grouping.PANEL, 1)  # settles
    rows = store._db.query(
        "SELECT day, currency_key, category, orders, cost FROM category_days ORDER BY category"
    )
    return [tuple(row) for row in rows]

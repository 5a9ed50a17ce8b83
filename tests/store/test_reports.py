"""The report's reads: a report by day and service is read in its order from an index
(schema 13), so SQLite sorts nothing, in a new history and in one written by schema 12."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from smmdesk.store import SCHEMA_VERSION, Store
from smmdesk.store.migrations import MIGRATIONS
from smmdesk.store.reports import _DAILY_SERVICE_ROWS

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
        assert version is not None and version[0] == SCHEMA_VERSION == 13
        assert not any("TEMP B-TREE" in step for step in plan(store._db.connection))

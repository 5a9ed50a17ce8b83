"""The services cache of each panel and the history of how its catalogue changed.

Only the latest catalogue is kept in full (it is what the services view opens offline);
what changed between fetches (new, removed and re-priced services) is kept for ever in
`catalogue_changes`, one row per change, grouped by the fetch that noticed it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from types import MappingProxyType

from smmdesk.api import Service

from . import derived
from .codec import dt_from_db, dt_to_db, utcnow
from .db import Database
from .records import CatalogueDiff, PriceChange, ServicesSnapshot

_SERVICE_COLUMNS = (
    "service_id, name, type, category, rate, min, max, refill, cancel, dripfeed, description, extra"
)


class CatalogueRepository:
    _db: Database

    def save_services(
        self, panel_id: int, services: list[Service], fetched_at: datetime | None = None
    ) -> CatalogueDiff:
        """Replace the cached catalogue and record how it differs from the previous one."""
        fetched = dt_to_db(fetched_at or utcnow())
        unique = list({service.id: service for service in services}.values())
        with self._db.transaction() as conn:
            had_fetch = _latest_fetch_id(conn, panel_id) is not None
            old = conn.execute(
                "SELECT service_id, rate, category FROM services WHERE panel_id = ?", (panel_id,)
            ).fetchall()
            old_rates = {row[0]: Decimal(row[1]) for row in old}
            diff = _diff(old_rates, unique) if had_fetch else CatalogueDiff(is_first_fetch=True)
            _mark_recategorised(conn, panel_id, old, unique)
            fetch_id = _insert_fetch(conn, panel_id, fetched, len(unique), not had_fetch)
            _insert_changes(conn, panel_id, fetch_id, diff)
            conn.execute("DELETE FROM services WHERE panel_id = ?", (panel_id,))
            conn.executemany(
                f"INSERT INTO services (panel_id, position, {_SERVICE_COLUMNS})"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_service_row(panel_id, i, s) for i, s in enumerate(unique)],
            )
        return diff

    def cached_services(self, panel_id: int) -> ServicesSnapshot | None:
        fetch = self._db.query_one(
            "SELECT fetched_at FROM catalogue_fetches WHERE panel_id = ? ORDER BY id DESC LIMIT 1",
            (panel_id,),
        )
        if fetch is None:
            return None
        rows = self._db.query(
            f"SELECT {_SERVICE_COLUMNS} FROM services WHERE panel_id = ? ORDER BY position",
            (panel_id,),
        )
        return ServicesSnapshot([_service(row) for row in rows], dt_from_db(fetch[0]))

    def cached_service(self, panel_id: int, service_id: str) -> Service | None:
        return cached_service(self._db.connection, panel_id, service_id)

    def latest_diff(self, panel_id: int) -> CatalogueDiff:
        """What the last fetch changed; a panel never fetched counts as a first fetch."""
        conn = self._db.connection
        fetch = conn.execute(
            "SELECT id, is_first FROM catalogue_fetches WHERE panel_id = ?"
            " ORDER BY id DESC LIMIT 1",
            (panel_id,),
        ).fetchone()
        if fetch is None:
            return CatalogueDiff(is_first_fetch=True)
        rows = conn.execute(
            "SELECT service_id, kind, old_rate, new_rate FROM catalogue_changes WHERE fetch_id = ?",
            (fetch[0],),
        ).fetchall()
        return _diff_from_rows(rows, bool(fetch[1]))

    def price_history(self, panel_id: int, service_id: str) -> list[PriceChange]:
        rows = self._db.query(
            "SELECT c.service_id, c.old_rate, c.new_rate, f.fetched_at"
            " FROM catalogue_changes c JOIN catalogue_fetches f ON f.id = c.fetch_id"
            " WHERE c.panel_id = ? AND c.service_id = ? AND c.kind = 'repriced'"
            " ORDER BY c.id",
            (panel_id, service_id),
        )
        return [
            PriceChange(row[0], Decimal(row[1]), Decimal(row[2]), dt_from_db(row[3]))
            for row in rows
        ]


def cached_service(conn: sqlite3.Connection, panel_id: int, service_id: str) -> Service | None:
    row = conn.execute(
        f"SELECT {_SERVICE_COLUMNS} FROM services WHERE panel_id = ? AND service_id = ?",
        (panel_id, service_id),
    ).fetchone()
    return None if row is None else _service(row)


def _latest_fetch_id(conn: sqlite3.Connection, panel_id: int) -> int | None:
    row = conn.execute(
        "SELECT max(id) FROM catalogue_fetches WHERE panel_id = ?", (panel_id,)
    ).fetchone()
    return None if row[0] is None else int(row[0])


def _mark_recategorised(
    conn: sqlite3.Connection, panel_id: int, old: list[sqlite3.Row], services: Sequence[Service]
) -> None:
    """Note the orders of the services whose category differs, or that come or go (an
    order of a service the catalogue lacks counts under its own name: `derived.category`)."""
    before = {row[0]: row[2] for row in old}
    after = {service.id: service.category for service in services}
    moved = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    if moved:  # (a first fetch: every service, most never ordered from)
        ordered = "SELECT DISTINCT service_id FROM orders WHERE panel_id = ?"
        moved.intersection_update(row[0] for row in conn.execute(ordered, (panel_id,)))
        derived.mark_services(conn, panel_id, moved)


def _diff(old_rates: dict[str, Decimal], services: Sequence[Service]) -> CatalogueDiff:
    new_rates = {service.id: service.rate for service in services}
    repriced = {
        sid: (old_rates[sid], rate)
        for sid, rate in new_rates.items()
        if sid in old_rates and old_rates[sid] != rate
    }
    return CatalogueDiff(
        added=frozenset(new_rates.keys() - old_rates.keys()),
        removed=frozenset(old_rates.keys() - new_rates.keys()),
        repriced=MappingProxyType(repriced),
    )


def _diff_from_rows(rows: list[sqlite3.Row], is_first: bool) -> CatalogueDiff:
    by_kind: dict[str, set[str]] = {"added": set(), "removed": set()}
    repriced: dict[str, tuple[Decimal, Decimal]] = {}
    for service_id, kind, old_rate, new_rate in rows:
        if kind == "repriced":
            repriced[service_id] = (Decimal(old_rate), Decimal(new_rate))
        else:
            by_kind[kind].add(service_id)
    return CatalogueDiff(
        added=frozenset(by_kind["added"]),
        removed=frozenset(by_kind["removed"]),
        repriced=MappingProxyType(repriced),
        is_first_fetch=is_first,
    )


def _insert_fetch(
    conn: sqlite3.Connection, panel_id: int, fetched_at: str, count: int, is_first: bool
) -> int:
    cursor = conn.execute(
        "INSERT INTO catalogue_fetches (panel_id, fetched_at, service_count, is_first)"
        " VALUES (?, ?, ?, ?)",
        (panel_id, fetched_at, count, is_first),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _insert_changes(
    conn: sqlite3.Connection, panel_id: int, fetch_id: int, diff: CatalogueDiff
) -> None:
    rows: list[tuple[object, ...]] = [
        (fetch_id, panel_id, sid, "added", None, None) for sid in sorted(diff.added)
    ]
    rows += [(fetch_id, panel_id, sid, "removed", None, None) for sid in sorted(diff.removed)]
    rows += [
        (fetch_id, panel_id, sid, "repriced", str(old), str(new))
        for sid, (old, new) in sorted(diff.repriced.items())
    ]
    conn.executemany(
        "INSERT INTO catalogue_changes (fetch_id, panel_id, service_id, kind, old_rate, new_rate)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )


def _service_row(panel_id: int, position: int, s: Service) -> tuple[object, ...]:
    extra = json.dumps(dict(s.extra), default=str, ensure_ascii=False)
    return (
        panel_id, position, s.id, s.name, s.type, s.category, str(s.rate), s.min, s.max,
        s.refill, s.cancel, s.dripfeed, s.description, extra,
    )  # fmt: skip


def _service(row: sqlite3.Row) -> Service:
    return Service(
        id=row["service_id"],
        name=row["name"],
        type=row["type"],
        category=row["category"],
        rate=Decimal(row["rate"]),
        min=row["min"],
        max=row["max"],
        refill=bool(row["refill"]),
        cancel=bool(row["cancel"]),
        dripfeed=bool(row["dripfeed"]),
        description=row["description"],
        extra=MappingProxyType(json.loads(row["extra"])),
    )

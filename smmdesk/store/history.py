"""Each order's status history, and the plain facts the scorecard and the refill windows
are computed from.

The tracker writes a step only when an order's state, start count or remains moved, so
the history costs nothing on a refresh where nothing happened; its times are those of
the refresh that saw the change (the refresh interval is the resolution).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from smmdesk.api import OrderState

from .codec import dec_from_db, dt_from_db, dt_to_db
from .db import Database
from .orders import COLUMNS, record_from_row
from .records import OrderRecord

PLACED_STEP = "placed"  # the step the journal writes when the panel accepted the order


@dataclass(frozen=True, slots=True)
class OrderStep:
    """One step of an order: `state` is an `OrderState` value, or "placed"."""

    at: datetime
    state: str
    start_count: int | None
    remains: int | None


@dataclass(frozen=True, slots=True)
class OrderFacts:
    """What the scorecard needs of one placed order, and nothing more (100,000 of them
    are read at once, so durations are computed by SQLite, in seconds).

    `to_start` and `to_finish`: from placed to started and to final; None when unknown
    (tracked by ID, so placed elsewhere at an unknown time; or not there yet).
    `idle`: seconds since its last progress (or since placed), for orders not final.
    """

    panel_id: int
    service_id: str
    service_name: str
    state: OrderState | None
    charge: Decimal | None
    currency: str | None
    to_start: float | None
    to_finish: float | None
    idle: float | None
    refills: int
    refills_done: int
    refills_refused: int


_SECONDS = "(julianday({end}) - julianday({start})) * 86400.0"
_FACTS = (
    "SELECT o.panel_id, o.service_id, o.service_name, o.state, o.charge, o.currency,"
    f" {_SECONDS.format(end='o.started_at', start='o.placed_at')},"
    f" {_SECONDS.format(end='o.finished_at', start='o.placed_at')},"
    " CASE WHEN o.finished_at IS NULL THEN "
    f" {_SECONDS.format(end='?', start='coalesce(o.progressed_at, o.placed_at, o.created_at)')}"
    " END,"
    " count(r.id), count(CASE WHEN r.state = 'completed' THEN 1 END),"
    " count(CASE WHEN r.state IN ('rejected', 'failed') OR r.error IS NOT NULL THEN 1 END)"
    " FROM orders o LEFT JOIN refills r ON r.order_record_id = o.id"
    " WHERE o.journal_state = 'placed' {where} GROUP BY o.id"
)


@dataclass(frozen=True, slots=True)
class RefillWindow:
    """An order whose refill guarantee is closing: it ends `days` after the order
    finished; when the user said its count dropped, and when a refill was last asked."""

    order: OrderRecord
    days: int
    ends_at: datetime
    dropped_at: datetime | None = None
    refilled_at: datetime | None = None

    @property
    def needs_refill(self) -> bool:
        """It dropped (the user said so) or went partial, and no refill was asked since.
        (A finished order is not asked about again: only the user sees a count fall.)"""
        since = self.dropped_at
        if since is None and self.order.state is OrderState.PARTIAL:
            since = self.ends_at - timedelta(days=self.days)  # when it finished
        return since is not None and (self.refilled_at is None or self.refilled_at < since)


_ORDER_COLUMNS = ", ".join(f"o.{name.strip()}" for name in COLUMNS.split(","))
_RUNNING_REFILL = (
    "EXISTS (SELECT 1 FROM refills r WHERE r.order_record_id = o.id AND r.error IS NULL"
    " AND (r.state IS NULL OR r.state IN ('pending', 'in_progress')))"
)
_WINDOWS = (
    f"SELECT {_ORDER_COLUMNS}, o.refill_days AS window_days,"
    " julianday(o.finished_at) + o.refill_days AS window_end, o.dropped_at,"
    " (SELECT max(r.created_at) FROM refills r WHERE r.order_record_id = o.id"
    "  AND r.error IS NULL AND coalesce(r.state, '') NOT IN ('rejected', 'failed'))"
    " AS refilled_at FROM orders o"
    " WHERE o.journal_state = 'placed' AND o.refill_days > 0 AND o.finished_at IS NOT NULL"
    " AND o.state IN ('completed', 'partial') AND o.can_refill"
    f" AND NOT {_RUNNING_REFILL}"
    " AND julianday(o.finished_at) + o.refill_days BETWEEN julianday(?) AND julianday(?) + ?"
    " ORDER BY window_end"
)


@dataclass(frozen=True, slots=True)
class WatchedPrice:
    """A service the user ordered from lately that a catalogue fetch re-priced (old and
    new rate) or no longer lists (`new_rate` None)."""

    panel_id: int
    service_id: str
    service_name: str
    old_rate: Decimal | None
    new_rate: Decimal | None
    changed_at: datetime


_WATCH = (
    "SELECT c.panel_id, c.service_id, c.kind, c.old_rate, c.new_rate, f.fetched_at,"
    " (SELECT o.service_name FROM orders o WHERE o.panel_id = c.panel_id"
    "  AND o.service_id = c.service_id ORDER BY o.id DESC LIMIT 1)"
    " FROM catalogue_changes c JOIN catalogue_fetches f ON f.id = c.fetch_id"
    " WHERE c.kind IN ('repriced', 'removed') AND {which}"
    " AND EXISTS (SELECT 1 FROM orders o WHERE o.panel_id = c.panel_id"
    "  AND o.service_id = c.service_id AND o.created_at >= ?)"
    " ORDER BY c.id DESC"
)


class HistoryRepository:
    _db: Database

    def watched_prices(
        self,
        ordered_since: datetime,
        changed_since: datetime | None = None,
        panel_id: int | None = None,
    ) -> list[WatchedPrice]:
        """Price changes and removals of services ordered since `ordered_since`: those
        of fetches since `changed_since`, or (with `panel_id`) of the panel's latest
        fetch only. Newest first."""
        if panel_id is not None:
            which = "c.fetch_id = (SELECT max(id) FROM catalogue_fetches WHERE panel_id = ?)"
            first: object = panel_id
        else:
            which = "f.fetched_at >= ?"
            first = dt_to_db(changed_since or ordered_since)
        rows = self._db.query(_WATCH.format(which=which), (first, dt_to_db(ordered_since)))
        return [_watched(row) for row in rows]

    def refill_windows(self, now: datetime, within_days: int) -> list[RefillWindow]:
        """Completed or partial orders whose refill guarantee (counted from when they
        finished) ends within `within_days`, soonest first; orders with a refill running
        are left out."""
        stamp = dt_to_db(now)
        rows = self._db.query(_WINDOWS, (stamp, stamp, within_days))
        return [
            RefillWindow(
                record_from_row(row),
                row["window_days"],
                _from_julian(row["window_end"]),
                dt_from_db(row["dropped_at"]) if row["dropped_at"] else None,
                dt_from_db(row["refilled_at"]) if row["refilled_at"] else None,
            )
            for row in rows
        ]

    def mark_dropped(self, record_ids: Sequence[int], at: datetime | None) -> int:
        """Say that these orders' counts dropped at `at` (None: they did not, after all);
        returns how many orders there were."""
        stamp = dt_to_db(at) if at is not None else None
        with self._db.transaction() as conn:
            cursor = conn.executemany(
                "UPDATE orders SET dropped_at = ? WHERE id = ?",
                [(stamp, record_id) for record_id in record_ids],
            )
            return cursor.rowcount

    def order_steps(self, record_id: int) -> list[OrderStep]:
        rows = self._db.query(
            "SELECT at, state, start_count, remains FROM order_events"
            " WHERE order_record_id = ? ORDER BY at, rowid",
            (record_id,),
        )
        return [OrderStep(dt_from_db(r[0]), r[1], r[2], r[3]) for r in rows]

    def order_facts(
        self, now: datetime, panel_id: int | None = None, since: datetime | None = None
    ) -> list[OrderFacts]:
        """Every placed order (of one panel; created since a time), as facts at `now`."""
        clauses: list[str] = []
        arguments: list[object] = []
        if panel_id is not None:
            clauses.append("o.panel_id = ?")
            arguments.append(panel_id)
        if since is not None:
            clauses.append("o.created_at >= ?")
            arguments.append(dt_to_db(since))
        where = "".join(f" AND {clause}" for clause in clauses)
        sql = _FACTS.replace("{where}", where)
        rows = self._db.query(sql, (dt_to_db(now), *arguments))
        return [_facts(row) for row in rows]


def _from_julian(day: float) -> datetime:
    """A julian day number as SQLite computes it, back to a UTC time."""
    return _UNIX_EPOCH + timedelta(days=day - _UNIX_EPOCH_JULIAN_DAY)


_UNIX_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_UNIX_EPOCH_JULIAN_DAY = 2440587.5


def _watched(r: sqlite3.Row) -> WatchedPrice:
    new_rate = dec_from_db(r[4]) if r[2] == "repriced" else None
    return WatchedPrice(r[0], r[1], r[6] or r[1], dec_from_db(r[3]), new_rate, dt_from_db(r[5]))


def _facts(r: sqlite3.Row) -> OrderFacts:
    state = OrderState(r[3]) if r[3] else None
    return OrderFacts(
        r[0], r[1], r[2], state, dec_from_db(r[4]), r[5], r[6], r[7], r[8], r[9], r[10], r[11]
    )

"""What the provider scorecard is made of, per service and per panel, summed by SQLite.

Reading each placed order as `OrderFacts` and tallying them in Python took 1.3 s of SQLite
and 0.5 s of Python at 100,000 orders (bench/reports.py). Schema 11 keeps each order's
outcome, charge in units of 10^-7 and times from placed to started and to finished with
it (`derived`), and their sums per service, outcome and currency (`summaries`): the
counts and charges are read from those sums; a median or a 90th percentile is read where
it stands in an index ordered by service (or panel) and time, `LIMIT 1 OFFSET k`, or,
for many services with few orders each, every time comes in order in one pass over that
index; the orders that may be stuck are read from an index of the idle ones, oldest
first, and the refills on their own. Every figure is the one `order_facts` and the
Python rules give, added up.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import NamedTuple

from . import derived
from .codec import dt_to_db
from .db import Database, GuardedCursor

log = logging.getLogger("smmdesk.store")

_OUTCOMES = """
    SELECT panel_id, service_id, outcome, currency_key, orders, charged, charge, odd,
        started, timed, first_id
    FROM service_outcomes {where} ORDER BY panel_id, service_id"""
# No progress for longer than asked, from `orders_idle` (only orders that may be stuck,
# oldest progress first): up to a second past the moment, then exactly.
_STUCK = """
    SELECT panel_id, service_id, count(*) FROM orders INDEXED BY orders_idle
    WHERE idle_since <= ? AND (julianday(?) - julianday(idle_since)) * 86400.0 > ? {panel}
    GROUP BY panel_id, service_id"""
# From the refills (a short table) to their orders.
_REFILLS = """
    SELECT o.panel_id, o.service_id, count(*),
        count(CASE WHEN r.state = 'completed' THEN 1 END),
        count(CASE WHEN r.state IN ('rejected', 'failed') OR r.error IS NOT NULL THEN 1 END)
    FROM refills r CROSS JOIN orders o ON o.id = r.order_record_id
    WHERE o.journal_state = 'placed' {panel}
    GROUP BY o.panel_id, o.service_id"""
_IN_CHUNK = 500


class _Times(NamedTuple):
    """A time of the scorecard: its column, which orders have it, and its indexes."""

    column: str
    which: str
    by_service: str
    by_panel: str


_TO_START = _Times(
    "to_start_s", "to_start_s >= 0", "orders_to_start_by_service", "orders_to_start_by_panel"
)
_TO_FINISH = _Times(
    "to_finish_s",
    "outcome = 'completed' AND to_finish_s >= 0",
    "orders_to_finish_by_service",
    "orders_to_finish_by_panel",
)
# Every time of every service, each service's in order, services in the order of
# `_OUTCOMES`: one pass over the index, cut by the counts the sums hold.
_IN_ORDER = """
    SELECT {column} FROM orders INDEXED BY {index}
    WHERE scored = 1 AND {which} {panel}
    ORDER BY panel_id, service_id, {column}"""
# One panel's (or service's) times from the rank asked (a median, a 90th percentile).
_RANKED = """
    SELECT {column} FROM orders INDEXED BY {index}
    WHERE scored = 1 AND {which} AND panel_id = ? {service}
    ORDER BY {column} LIMIT ? OFFSET ?"""
# Services with this many times each, on average, or more: each median and percentile is
# read where it stands (two reads a service) rather than every time read (one pass).
# 100,000 orders on 180 services: 90 ms instead of 200; on 30,000 services, the pass.
_TIMES_PER_READ = 200


class TimeSpread(NamedTuple):
    """Median and 90th percentile of some seconds, and how many orders they rest on."""

    median: float | None
    p90: float | None
    orders: int


_NO_TIMES = TimeSpread(None, None, 0)


class _OutcomeRow(NamedTuple):
    panel_id: int
    service_id: str
    outcome: str  # "" while the order runs
    currency: str
    orders: int
    charged: int
    charge_units: int
    odd_charges: int
    started: int  # orders with a time to start
    timed: int  # completed orders with a time to finish
    first_id: int


@dataclass(slots=True)
class ServiceSums:
    """One service of one panel: its orders per final state (None: not final yet), charges
    per currency in units of 10^-7 (orders with a charge and a currency), the seconds from
    placed to started (every order that has them) and to finished (completed orders), its
    refills (asked, completed, refused or failed) and the orders stuck. `first_id` and
    `name`: its first order, and the service's name on it."""

    panel_id: int
    service_id: str
    first_id: int
    name: str = ""
    outcomes: dict[str | None, int] = field(default_factory=dict)
    charge_units: dict[str, int] = field(default_factory=dict)
    to_start: TimeSpread = _NO_TIMES
    to_finish: TimeSpread = _NO_TIMES
    refills: tuple[int, int, int] = (0, 0, 0)
    stuck: int = 0


@dataclass(frozen=True, slots=True)
class ScoreSums:
    """Every service's sums, in the order of their first orders; each panel's times to
    start and to finish (a median is not a sum of its services')."""

    services: list[ServiceSums]
    panel_times: dict[int, tuple[TimeSpread, TimeSpread]]


class ScoresRepository:
    _db: Database

    def score_sums(
        self, now: datetime, stuck_after_s: float, panel_id: int | None = None
    ) -> ScoreSums | None:
        """The scorecard's sums of every panel (or one), at `now`; None when a charge is
        not a plain decimal below a million, which SQLite does not add (then `order_facts`
        and the Python rules are the way)."""
        panel, arguments = ("AND panel_id = ?", (panel_id,)) if panel_id is not None else ("", ())
        derived.settle(self._db)
        with self._db.read_snapshot() as conn:
            where = panel.replace("AND", "WHERE")
            fetched = conn.execute(_OUTCOMES.format(where=where), arguments).fetchall()
            rows = list(map(_OutcomeRow._make, fetched))
            if any(row.odd_charges for row in rows):
                return None
            groups = _groups(rows)
            starts = _time_spreads(conn, _TO_START, rows, _started, panel, arguments)
            finishes = _time_spreads(conn, _TO_FINISH, rows, _timed, panel, arguments)
            if starts is None or finishes is None:
                return None
            for key, sums in groups.items():
                sums.to_start = starts.services.get(key, _NO_TIMES)
                sums.to_finish = finishes.services.get(key, _NO_TIMES)
            panel_times = {
                key: (starts.panels.get(key, _NO_TIMES), finishes.panels.get(key, _NO_TIMES))
                for key in {sums.panel_id for sums in groups.values()}
            }
            _add_stuck(conn, groups, now, stuck_after_s, panel, arguments)
            refills = _REFILLS.format(panel=panel.replace("panel_id", "o.panel_id"))
            for key_panel, service_id, asked, done, refused in conn.execute(
                refills, arguments
            ).fetchall():
                groups[key_panel, service_id].refills = (asked, done, refused)
            _add_names(conn, list(groups.values()))
        return ScoreSums(sorted(groups.values(), key=_first), panel_times)


def _groups(rows: list[_OutcomeRow]) -> dict[tuple[int, str], ServiceSums]:
    """Each service's orders per outcome and charges per currency."""
    groups: dict[tuple[int, str], ServiceSums] = {}
    for row in rows:
        key = (row.panel_id, row.service_id)
        sums = groups.get(key)
        if sums is None:
            sums = groups[key] = ServiceSums(row.panel_id, row.service_id, row.first_id)
        sums.first_id = min(sums.first_id, row.first_id)
        outcome = row.outcome or None
        sums.outcomes[outcome] = sums.outcomes.get(outcome, 0) + row.orders
        if row.charged and row.currency:
            charges = sums.charge_units
            charges[row.currency] = charges.get(row.currency, 0) + row.charge_units
    return groups


@dataclass(frozen=True, slots=True)
class _Spreads:
    services: dict[tuple[int, str], TimeSpread]
    panels: dict[int, TimeSpread]


def _time_spreads(
    conn: sqlite3.Connection,
    times: _Times,
    rows: list[_OutcomeRow],
    count_of: Callable[[_OutcomeRow], int],
    panel: str,
    arguments: tuple[object, ...],
) -> _Spreads | None:
    """A time's spread per service and per panel (how many times each has: from the
    sums). None if the times and the sums disagree."""
    per_service: dict[tuple[int, str], int] = {}
    per_panel: dict[int, int] = {}
    for row in rows:
        key = (row.panel_id, row.service_id)
        per_service[key] = per_service.get(key, 0) + count_of(row)
        per_panel[row.panel_id] = per_panel.get(row.panel_id, 0) + count_of(row)
    if len(per_service) * _TIMES_PER_READ <= sum(per_service.values()):
        services = {
            key: _ranked_spread(conn, times, times.by_service, key, count)
            for key, count in per_service.items()
        }
    else:
        read = _spreads_in_one_pass(conn, times, per_service, panel, arguments)
        if read is None:
            return None
        services = read
    panels = {
        key: _ranked_spread(conn, times, times.by_panel, (key,), count)
        for key, count in per_panel.items()
    }
    return _Spreads(services, panels)


def _spreads_in_one_pass(
    conn: sqlite3.Connection,
    times: _Times,
    per_service: dict[tuple[int, str], int],
    panel: str,
    arguments: tuple[object, ...],
) -> dict[tuple[int, str], TimeSpread] | None:
    """Every time, each service's in order, services in the order of `per_service`."""
    cursor = conn.cursor(GuardedCursor)
    cursor.row_factory = None  # plain tuples: up to a time per order
    asked = {"column": times.column, "index": times.by_service, "which": times.which}
    fetched = cursor.execute(_IN_ORDER.format(**asked, panel=panel), arguments).fetchall()
    values = [value for (value,) in fetched]
    if len(values) != sum(per_service.values()):
        log.warning("%s: the times and their sums disagree", times.column)
        return None
    services, at = {}, 0
    for key, count in per_service.items():
        services[key] = _spread_of(values, at, count)
        at += count
    return services


def _spread_of(values: list[float], at: int, count: int) -> TimeSpread:
    """The median (of the two middle times when they are even) and the 90th percentile
    of `values[at : at + count]`, in order, as the Python rules give them."""
    if not count:
        return _NO_TIMES
    middle = at + count // 2
    median = values[middle] if count % 2 else (values[middle - 1] + values[middle]) / 2
    return TimeSpread(median, values[at + min(count - 1, int(count * 0.9))], count)


def _ranked_spread(
    conn: sqlite3.Connection, times: _Times, index: str, where: tuple[object, ...], count: int
) -> TimeSpread:
    """A panel's (`where`: its ID) or service's (panel and service ID) spread, its
    times read where the median and the 90th percentile stand."""
    if not count:
        return _NO_TIMES
    service = "AND service_id = ?" if len(where) == 2 else ""
    sql = _RANKED.format(column=times.column, index=index, which=times.which, service=service)

    def ranked(rank: int, how_many: int = 1) -> list[float]:
        return [row[0] for row in conn.execute(sql, (*where, how_many, rank)).fetchall()]

    middle = count // 2
    if count % 2:
        [median] = ranked(middle)
    else:
        low, high = ranked(middle - 1, 2)
        median = (low + high) / 2
    [p90] = ranked(min(count - 1, int(count * 0.9)))
    return TimeSpread(median, p90, count)


def _started(row: _OutcomeRow) -> int:
    return row.started


def _timed(row: _OutcomeRow) -> int:
    return row.timed


def _add_stuck(
    conn: sqlite3.Connection,
    groups: dict[tuple[int, str], ServiceSums],
    now: datetime,
    stuck_after_s: float,
    panel: str,
    arguments: tuple[object, ...],
) -> None:
    bound = dt_to_db(now - timedelta(seconds=stuck_after_s - 1))
    stuck = conn.execute(
        _STUCK.format(panel=panel), (bound, dt_to_db(now), stuck_after_s, *arguments)
    ).fetchall()
    for panel_id, service_id, count in stuck:
        groups[panel_id, service_id].stuck = count


def _add_names(conn: sqlite3.Connection, groups: list[ServiceSums]) -> None:
    # (Every read here is `fetchall`: iterating a `GuardedCursor` runs its Python
    # `__next__` per row, 4 µs each, seconds over a scorecard of 30,000 services.)
    """Each service's name as its first order has it (one read per 500 services)."""
    by_first = {sums.first_id: sums for sums in groups}
    ids = list(by_first)
    for start in range(0, len(ids), _IN_CHUNK):
        chunk = ids[start : start + _IN_CHUNK]
        marks = ",".join("?" * len(chunk))
        named = f"SELECT id, service_name FROM orders WHERE id IN ({marks})"
        for record_id, name in conn.execute(named, chunk).fetchall():
            by_first[record_id].name = name


def _first(sums: ServiceSums) -> int:
    return sums.first_id

"""What the provider scorecard is made of, per service and per panel, summed by SQLite.

Reading each placed order as `OrderFacts` and tallying them in Python took 1.3 s of SQLite
and 0.5 s of Python at 100,000 orders (bench/reports.py). Schema 11 keeps each order's
outcome, charge in units of 10^-7 and times from placed to started and to finished with
it (`derived`), in indexes ordered by service: one pass over `orders_outcomes` counts the
orders by outcome and adds the charges per currency; a median or a 90th percentile is
read where it stands in an index ordered by time (`LIMIT 1 OFFSET k`), not found by
reading every time; the orders that may be stuck and the refills are read on their own.
Every figure is the one `order_facts` and the Python rules give, added up.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from . import derived
from .codec import dt_to_db
from .db import Database, GuardedCursor

_FINAL = "('completed', 'partial', 'canceled', 'refunded', 'failed', 'expired')"
_OUTCOMES = """
    SELECT panel_id, service_id, outcome, currency_key, count(*), sum(charge_units),
        sum(charge_odd), min(rowid)
    FROM orders INDEXED BY orders_outcomes
    WHERE scored = 1 {panel}
    GROUP BY panel_id, service_id, outcome, currency_key"""
# Not final, and no progress for longer than asked: read through the status tabs such
# orders wait in (a repeated ID's row waits in none), the state checked in the index.
_STUCK = f"""
    SELECT panel_id, service_id, count(*) FROM orders INDEXED BY orders_tab_sort_state
    WHERE tab IN ('pending', 'in_progress', 'duplicate') AND journal_state = 'placed'
        AND (state IS NULL OR state NOT IN {_FINAL}) AND finished_at IS NULL
        AND (julianday(?) - julianday(coalesce(progressed_at, placed_at, created_at)))
            * 86400.0 > ? {{panel}}
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
    "outcome = 'completed' AND to_finish_s IS NOT NULL",
    "orders_to_finish_by_service",
    "orders_to_finish_by_panel",
)
_TIME_COUNTS = """
    SELECT panel_id, service_id, count(*) FROM orders INDEXED BY {index}
    WHERE scored = 1 AND {which} {panel}
    GROUP BY panel_id, service_id"""
_RANKED = """
    SELECT {column} FROM orders INDEXED BY {index}
    WHERE scored = 1 AND {which} AND panel_id = ? {service}
    ORDER BY {column} LIMIT ? OFFSET ?"""


class TimeSpread(NamedTuple):
    """Median and 90th percentile of some seconds, and how many orders they rest on."""

    median: float | None
    p90: float | None
    orders: int


_NO_TIMES = TimeSpread(None, None, 0)


class _OutcomeRow(NamedTuple):
    panel_id: int
    service_id: str
    outcome: str | None
    currency: str
    orders: int
    charge_units: int | None
    odd_charges: int
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
        not a plain decimal SQLite adds exactly, or the sums go beyond 64-bit integers
        (then `order_facts` and the Python rules are the way)."""
        panel, arguments = ("AND panel_id = ?", (panel_id,)) if panel_id is not None else ("", ())
        derived.settle(self._db)
        with self._db.read_snapshot() as conn:
            groups = _outcomes(conn, panel, arguments)
            if groups is None:
                return None
            starts = _time_spreads(conn, _TO_START, panel, arguments)
            finishes = _time_spreads(conn, _TO_FINISH, panel, arguments)
            for key, sums in groups.items():
                sums.to_start = starts.services.get(key, _NO_TIMES)
                sums.to_finish = finishes.services.get(key, _NO_TIMES)
            panel_times = {
                key: (starts.panels.get(key, _NO_TIMES), finishes.panels.get(key, _NO_TIMES))
                for key in {sums.panel_id for sums in groups.values()}
            }
            stuck_args = (dt_to_db(now), stuck_after_s, *arguments)
            for key_panel, service_id, count in conn.execute(
                _STUCK.format(panel=panel), stuck_args
            ):
                groups[key_panel, service_id].stuck = count
            refills = _REFILLS.format(panel=panel.replace("panel_id", "o.panel_id"))
            for key_panel, service_id, asked, done, refused in conn.execute(refills, arguments):
                groups[key_panel, service_id].refills = (asked, done, refused)
            _add_names(conn, list(groups.values()))
        return ScoreSums(sorted(groups.values(), key=_first), panel_times)


def _outcomes(
    conn: sqlite3.Connection, panel: str, arguments: tuple[object, ...]
) -> dict[tuple[int, str], ServiceSums] | None:
    """Each service's orders per outcome and charges per currency; None when SQLite
    cannot add the charges exactly."""
    cursor = conn.cursor(GuardedCursor)
    cursor.row_factory = None  # plain tuples
    try:
        fetched = cursor.execute(_OUTCOMES.format(panel=panel), arguments).fetchall()
    except sqlite3.OperationalError as error:
        if "overflow" in str(error):
            return None
        raise
    rows = list(map(_OutcomeRow._make, fetched))
    if any(row.odd_charges for row in rows):
        return None
    groups: dict[tuple[int, str], ServiceSums] = {}
    for row in rows:
        key = (row.panel_id, row.service_id)
        sums = groups.get(key)
        if sums is None:
            sums = groups[key] = ServiceSums(row.panel_id, row.service_id, row.first_id)
        sums.first_id = min(sums.first_id, row.first_id)
        sums.outcomes[row.outcome] = sums.outcomes.get(row.outcome, 0) + row.orders
        if row.charge_units is not None and row.currency:
            charges = sums.charge_units
            charges[row.currency] = charges.get(row.currency, 0) + row.charge_units
    return groups


@dataclass(frozen=True, slots=True)
class _Spreads:
    services: dict[tuple[int, str], TimeSpread]
    panels: dict[int, TimeSpread]


def _time_spreads(
    conn: sqlite3.Connection, times: _Times, panel: str, arguments: tuple[object, ...]
) -> _Spreads:
    """A time's spread per service and per panel: counted in one pass, then each median
    and 90th percentile read where it stands."""
    counts = conn.execute(
        _TIME_COUNTS.format(index=times.by_service, which=times.which, panel=panel), arguments
    ).fetchall()
    services: dict[tuple[int, str], TimeSpread] = {}
    per_panel: dict[int, int] = {}
    for panel_id, service_id, count in counts:
        key = (panel_id, service_id)
        services[key] = _spread(conn, times, times.by_service, key, count)
        per_panel[panel_id] = per_panel.get(panel_id, 0) + count
    panels = {
        panel_id: _spread(conn, times, times.by_panel, (panel_id,), count)
        for panel_id, count in per_panel.items()
    }
    return _Spreads(services, panels)


def _spread(
    conn: sqlite3.Connection, times: _Times, index: str, where: tuple[object, ...], count: int
) -> TimeSpread:
    """The median (of the two middle times when they are even) and the 90th percentile
    of `count` times, as `sorted(times)[rank]` gives them."""
    if not count:
        return _NO_TIMES
    service = "AND service_id = ?" if len(where) == 2 else ""
    sql = _RANKED.format(column=times.column, index=index, which=times.which, service=service)

    def ranked(rank: int, how_many: int = 1) -> list[float]:
        return [row[0] for row in conn.execute(sql, (*where, how_many, rank))]

    middle = count // 2
    if count % 2:
        [median] = ranked(middle)
    else:
        low, high = ranked(middle - 1, 2)
        median = (low + high) / 2
    [p90] = ranked(min(count - 1, int(count * 0.9)))
    return TimeSpread(median, p90, count)


def _add_names(conn: sqlite3.Connection, groups: list[ServiceSums]) -> None:
    """Each service's name as its first order has it (one read per 500 services)."""
    by_first = {sums.first_id: sums for sums in groups}
    ids = list(by_first)
    for start in range(0, len(ids), _IN_CHUNK):
        chunk = ids[start : start + _IN_CHUNK]
        marks = ",".join("?" * len(chunk))
        for record_id, name in conn.execute(
            f"SELECT id, service_name FROM orders WHERE id IN ({marks})", chunk
        ):
            by_first[record_id].name = name


def _first(sums: ServiceSums) -> int:
    return sums.first_id

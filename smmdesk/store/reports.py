"""The sums the spending reports are made of: spend, sell and profit by period, group and
currency, added up by SQLite exactly, by the same rules as every other total.

The rules are `services.profit`'s (an order counts at what was delivered; partial and
canceled ones by the delivered share, the charge scaled only when it is the full one;
refunded and failed ones at nothing). Schema 11 keeps each order's cost and sell price as
those rules count them, in integer units of 10^-7, with the local day it was created on
(`derived`), and their sums per day and panel, service or customer (`summaries`; per
category since schema 15): a report groups those sums by period and by what the user
asked, in the order the report lists them, and reads no order (bench/reports.py).
Orders whose amounts SQLite does not add (`counted = 0`: not plain decimals, or a million
or more) come back as `MoneyFacts` for the Python rules. A test holds every report to the
Python rules applied order by order.

Read-only but for `derived.settle` (the orders written since the last read worked out
first): `ReportQueries` reads on the calling thread's connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from smmdesk.api import OrderState

from . import derived
from .codec import dec_from_db, dt_from_db
from .db import Database, GuardedCursor
from .records import JournalState, MoneyFacts
from .store import Store


class Bucket(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


class Grouping(StrEnum):
    PANEL = "panel"
    SERVICE = "service"
    CATEGORY = "category"
    CUSTOMER = "customer"


# The sums kept per day (`summaries`): per panel and currency, per service too (and
# name: a renamed service has two), per category (the catalogue's when the sums were
# last settled: a year grouped from the sums per service, joined to the catalogue, took
# 183-246 ms, from these 104-127, by turns), per customer.
_BY_PANEL = """
    SELECT day, panel_id, currency_key AS currency, orders, cost, sold, sell, profit
    FROM panel_days WHERE day BETWEEN ? AND ?"""
_BY_SERVICE = """
    SELECT day, panel_id, currency_key AS currency, service_id, service_name, orders, cost,
        sold, sell, profit
    FROM service_days WHERE day BETWEEN ? AND ?"""
# A report by day and service: each row of those sums is a line, read in the report's
# order from the index kept in it (`summaries.SERVICE_DAYS`), so SQLite sorts nothing
# (the sort was 27 of 110 ms for a year, bench/reports.py's history). Unless a service
# was renamed on a day of the range (its names' rows make one line, the largest name its
# label; `summaries.note_renamed_days`): then the rows are grouped (`_DAILY_SERVICES`).
# Grouping every time cost 290 ms of CPU for a year of 35,000 rows, reading them
# 165-185. Ties: by panel and service ID.
_DAILY_SERVICE_ROWS = """
    SELECT day AS period, panel_id || ':' || service_id AS gk, service_name AS gl,
        currency_key AS cur, orders, cost AS spent, sold, sell, profit
    FROM service_days WHERE day BETWEEN ? AND ?
    ORDER BY day, currency_key, cost DESC, service_name, panel_id, service_id"""
_DAILY_SERVICES = """
    SELECT day AS period, panel_id || ':' || service_id AS gk, max(service_name) AS gl,
        currency_key AS cur, sum(orders), sum(cost) AS spent, sum(sold), sum(sell),
        sum(profit)
    FROM service_days WHERE day BETWEEN ? AND ?
    GROUP BY day, panel_id, currency_key, service_id
    ORDER BY period, cur, spent DESC, gl, panel_id, service_id"""
_BY_CATEGORY = """
    SELECT day, category, currency_key AS currency, orders, cost, sold, sell, profit
    FROM category_days WHERE day BETWEEN ? AND ?"""
_BY_CUSTOMER = """
    SELECT day, customer_key AS customer, currency_key AS currency, orders, cost, sold,
        sell, profit
    FROM customer_days WHERE day BETWEEN ? AND ?"""
# (rows, the group's key, its label, joins) over those rows (`r`).
_GROUPS = {
    Grouping.PANEL: (
        _BY_PANEL, "CAST(r.panel_id AS TEXT)", "coalesce(p.name, CAST(r.panel_id AS TEXT))",
        " LEFT JOIN panels p ON p.id = r.panel_id",
    ),
    Grouping.SERVICE: (_BY_SERVICE, "r.panel_id || ':' || r.service_id", "r.service_name", ""),
    Grouping.CATEGORY: (_BY_CATEGORY, "r.category", "r.category", ""),
    Grouping.CUSTOMER: (_BY_CUSTOMER, "r.customer", "r.customer", ""),
}  # fmt: skip
# In the order the report lists them (period, currency, spend largest first, label), so
# the caller sorts nothing.
_SUMS = """
    SELECT {period} AS period, {key} AS gk, max({label}) AS gl,
        r.currency AS cur, sum(r.orders), sum(r.cost), sum(r.sold), sum(r.sell),
        sum(r.profit)
    FROM ({rows}) r{joins}
    GROUP BY period, gk, cur HAVING sum(r.orders) > 0
    ORDER BY period, cur, sum(r.cost) DESC, gl, gk"""
# The orders the Python rules count, with their period and group.
_FACTS = """
    SELECT {period} AS period, {key}, {label}, r.journal_state, r.state, r.quantity, r.runs,
        r.remains, r.charge, r.charge_estimate, r.sell_price, coalesce(r.currency, '')
    FROM orders r{joins}
    WHERE {which} AND r.day BETWEEN ? AND ?"""
_ROW_GROUPS = {
    Grouping.PANEL: _GROUPS[Grouping.PANEL][1:],
    Grouping.SERVICE: _GROUPS[Grouping.SERVICE][1:],
    Grouping.CATEGORY: _GROUPS[Grouping.CATEGORY][1:],
    Grouping.CUSTOMER: ("r.customer", "r.customer", ""),
}
# The currencies of the sums above, by what was spent in them, largest first: from the
# sums per day and panel, a few thousand rows, where adding up a year's lines by day and
# service took 8-23 ms (bench/reports.py's history).
_CURRENCIES = """
    SELECT currency_key FROM panel_days WHERE day BETWEEN ? AND ?
    GROUP BY currency_key HAVING sum(orders) > 0
    ORDER BY sum(cost) DESC, currency_key"""
_RENAMED = "SELECT 1 FROM service_days_renamed WHERE day BETWEEN ? AND ? LIMIT 1"
_STATES = {state.value: state for state in OrderState}
# Rows fetched at a time: a year by day and service (35,000 rows) made into lines from
# one list took 117-181 ms, in batches of 256 or 512 rows 91-160 (by turns on this VM):
# a batch's rows are still in the cache when they are read again.
_BATCH = 512


def period_sql(bucket: Bucket, week_start: int) -> str:
    """The local date a period starts on, from a row's local day `r.day`.
    `week_start`: ISO weekday (1 Monday … 7 Sunday) that weeks begin on."""
    if bucket is Bucket.DAY:
        return "r.day"
    if bucket is Bucket.WEEK:
        return f"date(r.day, '-6 days', 'weekday {week_start % 7}')"
    return "date(r.day, 'start of month')"


# One period, group and currency, in units of 10^-7: (period: the ISO date it starts on,
# group key, group label, currency, the orders with a cost, their spend, how many have a
# sell price, their sell, their profit). A plain tuple, as SQLite gives it: a year by day
# and service is tens of thousands of them.
SpendSum = tuple[str, str, str, str, int, int, int, int, int]
# The sums of a report, in its order, a batch of them at a time, read as they are asked
# for. A sum beyond 64-bit integers raises `OverflowError` while they are read.
SpendSums = Iterator[list[SpendSum]]


@dataclass(frozen=True, slots=True)
class GroupedFacts:
    """An order SQLite could not add up exactly, with its period and group."""

    period: str
    group_key: str
    group_label: str
    facts: MoneyFacts


@dataclass(frozen=True, slots=True)
class OrderSpan:
    """How many placed orders the history holds, and when the first and last were placed."""

    orders: int
    first: datetime | None
    last: datetime | None


class ReportQueries:
    """Aggregate reads for the reports; built over a `Store`, never writes."""

    def __init__(self, store: Store) -> None:
        self._db: Database = store._db  # the store package's own connection holder

    @property
    def has_customers(self) -> bool:
        """Whether orders carry a customer and a sell price (schema 9 onwards)."""
        columns = {row[1] for row in self._db.query("PRAGMA table_info(orders)")}
        return {"customer", "sell_price"} <= columns

    def spend_sums(
        self, first: date, last: date, bucket: Bucket, grouping: Grouping, week_start: int
    ) -> tuple[SpendSums, list[GroupedFacts]]:
        """Placed orders created from local day `first` to `last` (both included) with a
        cost, summed by period, group and currency where SQLite adds them exactly, in the
        order a report lists them; the facts of the others. Sums beyond 64-bit integers
        raise `OverflowError`, here or while they are read (then `all_facts` is the way).
        The sums are read on this connection: read them before the next query."""
        derived.settle(self._db)
        rows_sql, key, label, joins = _GROUPS[self._grouping(grouping)]
        days = (first.isoformat(), last.isoformat())
        slow = self._facts("r.counted = 0", first, last, bucket, grouping, week_start)
        if (bucket, grouping) == (Bucket.DAY, Grouping.SERVICE):
            renamed = self._db.query_one(_RENAMED, days) is not None
            sql = _DAILY_SERVICES if renamed else _DAILY_SERVICE_ROWS
        else:
            period = period_sql(bucket, week_start)
            sql = _SUMS.format(period=period, key=key, label=label, rows=rows_sql, joins=joins)
        return self._sums(sql, days), slow

    def _sums(self, sql: str, days: tuple[str, str]) -> SpendSums:
        cursor = self._db.connection.cursor(GuardedCursor)
        cursor.row_factory = None  # plain tuples: a third of the time of `sqlite3.Row`s
        try:
            cursor.execute(sql, days)
            while batch := cursor.fetchmany(_BATCH):
                yield batch
        except sqlite3.OperationalError as error:
            if "overflow" in str(error):
                raise OverflowError(str(error)) from error
            raise

    def currencies_by_spend(self, first: date, last: date) -> list[str]:
        """The currencies of the sums `spend_sums` gives, by their spend, largest first."""
        rows = self._db.query(_CURRENCIES, (first.isoformat(), last.isoformat()))
        return [row[0] for row in rows]

    def all_facts(
        self, first: date, last: date, bucket: Bucket, grouping: Grouping, week_start: int
    ) -> list[GroupedFacts]:
        """Every order of `spend_sums` as facts, for the Python rules."""
        derived.settle(self._db)
        return self._facts("r.counted IS NOT NULL", first, last, bucket, grouping, week_start)

    def _facts(
        self,
        which: str,
        first: date,
        last: date,
        bucket: Bucket,
        grouping: Grouping,
        week_start: int,
    ) -> list[GroupedFacts]:
        key, label, joins = _ROW_GROUPS[self._grouping(grouping)]
        sql = _FACTS.format(
            period=period_sql(bucket, week_start), key=key, label=label, joins=joins, which=which
        )
        rows = self._db.query(sql, (first.isoformat(), last.isoformat()))
        return [GroupedFacts(r[0], r[1], str(r[2]), _money_facts(r)) for r in rows]

    def _grouping(self, grouping: Grouping) -> Grouping:
        if grouping is Grouping.CUSTOMER and not self.has_customers:
            raise ValueError("orders carry no customer in this history")
        return grouping

    def order_span(self) -> OrderSpan:
        """Three index reads: one query doing all three scanned the table (188 ms at
        100,000 orders; now 18 ms)."""
        placed = "FROM orders WHERE journal_state = 'placed'"
        counted = self._db.query_one(f"SELECT count(*) {placed}")
        if counted is None or not counted[0]:
            return OrderSpan(0, None, None)
        ends = [
            self._db.query_one(f"SELECT created_at {placed} ORDER BY created_at {way} LIMIT 1")
            for way in ("ASC", "DESC")
        ]
        first, last = (dt_from_db(end[0]) if end else None for end in ends)
        return OrderSpan(counted[0], first, last)


def _money_facts(row: sqlite3.Row) -> MoneyFacts:
    """Columns 3 to 11 of a `_FACTS` row."""
    state = row[4]
    return MoneyFacts(
        JournalState(row[3]), None if state is None else _STATES[state], row[5], row[6],
        row[7], dec_from_db(row[8]), dec_from_db(row[9]), dec_from_db(row[10]), row[11],
    )  # fmt: skip

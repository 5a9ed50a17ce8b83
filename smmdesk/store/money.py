"""The spend, sell and profit totals of a filter, added up by SQLite, exactly.

`services.profit` states the rules: an order counts at what was delivered (partial and
canceled ones by the delivered share, refunded and failed ones at nothing), the charge
scaled only when it is the full one, amounts rounded half-even to seven decimals. Done in
Python for 100,000 orders that took 2.5 s of a worker holding the interpreter, which the
GUI thread then shares (bench/orders_all_panels.py); here SQLite does it in integer units
of 10⁻⁷, and the interpreter is free while it runs.

Only rows whose amounts are plain decimal texts small enough to come out exact take that
path (`_FAST`: below 10⁸ with at most 7 decimals, so their units, below 2⁵⁰, are exact
from the nearest double); the others (an exponent such as `1E-7`, a negative or a huge
amount) are handed back as `MoneyFacts` for the Python rules. A test holds the two
ways to the same totals. The one approximation: whether a partial charge was already
reduced compares two products as REAL (exact below 2⁵³, so for any real order).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from smmdesk.api import OrderState

from . import order_view
from .codec import dec_from_db
from .db import Database
from .records import JournalState, MoneyFacts, OrderQuery

# The expressions below are shared with `store.reports` (its sums by period and group
# follow the same rules). A plain decimal text below 10⁸ with at most 7 decimals: its
# units (below 2⁵⁰) come out exact from the nearest double times 10⁷, rounded (the error
# stays under a quarter unit).
_PLAIN = (
    "({x} GLOB '[0-9]*' AND instr({x}, 'E') = 0 AND instr({x}, 'e') = 0"
    " AND instr({x}, '-') = 0 AND (instr({x}, '.') = 0 OR length({x}) - instr({x}, '.') <= 7)"
    " AND CAST({x} AS REAL) < 1e8)"
)
_UNITS = "CAST(round(CAST({x} AS REAL) * 1e7) AS INTEGER)"
_HALF_EVEN = (
    "(({a}) / ({b}) + CASE WHEN 2 * (({a}) % ({b})) > ({b}) THEN 1"
    " WHEN 2 * (({a}) % ({b})) = ({b}) THEN (({a}) / ({b})) % 2 ELSE 0 END)"
)
_TOTAL = "coalesce(quantity, 0) * coalesce(nullif(runs, 0), 1)"
# The delivered share when it is 0 or 1, NULL when it is (total - remains) / total: the
# rule of `profit.delivered`.
_SHARE = f"""
    CASE WHEN state IN ('refunded', 'failed') THEN 0
         WHEN state IS NULL OR state NOT IN ('partial', 'canceled') THEN 1
         WHEN {_TOTAL} <= 0 OR remains IS NULL OR remains < 0 OR remains > {_TOTAL}
              THEN CASE WHEN state = 'canceled' AND remains IS NULL THEN 0 ELSE 1 END
         ELSE NULL END"""
_COST = "coalesce(charge, charge_estimate)"
_FAST = (
    f"{_PLAIN.format(x=_COST)}"
    f" AND (charge_estimate IS NULL OR {_PLAIN.format(x='charge_estimate')})"
    f" AND (sell_price IS NULL OR {_PLAIN.format(x='sell_price')})"
    f" AND max(CAST({_COST} AS REAL), coalesce(CAST(charge_estimate AS REAL), 0),"
    f" coalesce(CAST(sell_price AS REAL), 0)) * 1e7 * max({_TOTAL}, 1) < 9e18"
)
# Each row's amounts in units, its currency and share, computed once: a subquery would be
# flattened into the sums, every mention of a column repeating its whole expression
# (MATERIALIZED halves the time of the sums, bench/orders_all_panels.py).
_BASE = f"""
    SELECT id, coalesce(currency, '') AS cur, remains, {_SHARE} AS share, {_TOTAL} AS total,
        CASE WHEN {_FAST} THEN 1 ELSE 0 END AS fast,
        {_UNITS.format(x=_COST)} AS cu,
        CASE WHEN charge_estimate IS NULL THEN NULL
             ELSE {_UNITS.format(x="charge_estimate")} END AS eu,
        CASE WHEN sell_price IS NULL THEN NULL ELSE {_UNITS.format(x="sell_price")} END AS su
    FROM orders {{where}} AND {_COST} IS NOT NULL"""
_SHARED = """
    SELECT cur, cu, eu, su,
        CASE WHEN share IS NULL THEN total - remains ELSE share END AS d,
        CASE WHEN share IS NULL THEN total ELSE 1 END AS t
    FROM base WHERE fast = 1"""
_COUNTED = f"""
    SELECT cur, su,
        CASE WHEN d = t OR (eu IS NOT NULL AND abs(cu * 1.0 * t - eu * 1.0 * d)
                                              < abs(cu - eu) * 1.0 * t)
             THEN cu ELSE {_HALF_EVEN.format(a="cu * d", b="t")} END AS cost,
        CASE WHEN su IS NULL OR d = t THEN su ELSE {_HALF_EVEN.format(a="su * d", b="t")} END
            AS sell
    FROM shared"""
# One pass over the orders: the sums of the rows SQLite adds exactly (kind 0, per
# currency), then the IDs of the others (kind 1).
_SUMS = f"""
    WITH base AS MATERIALIZED ({_BASE}), shared AS MATERIALIZED ({_SHARED})
    SELECT 0, cur, count(*), coalesce(sum(cost), 0), count(sell), coalesce(sum(sell), 0),
           coalesce(sum(sell - cost), 0)
    FROM ({_COUNTED}) GROUP BY cur
    UNION ALL
    SELECT 1, id, 0, 0, 0, 0, 0 FROM base WHERE fast = 0"""
_FACTS = (
    "SELECT journal_state, state, quantity, runs, remains, charge, charge_estimate,"
    " sell_price, currency FROM orders"
)
_IN_CHUNK = 500


@dataclass(frozen=True, slots=True)
class MoneySums:
    """One currency's sums in units of 10⁻⁷: the orders with a cost, their spend, how
    many have a sell price, their sell and profit."""

    currency: str
    orders: int
    spend_units: int
    sold: int
    sell_units: int
    profit_units: int


class MoneyRepository:
    _db: Database

    def money_sums(self, query: OrderQuery) -> tuple[list[MoneySums], list[MoneyFacts]]:
        """The sums of every placed order the query matches (its tab, panel and search)
        whose amounts SQLite adds exactly, per currency, and the facts of the others for
        the Python rules, from one pass over the orders. Rows whose order ID repeated an
        earlier one are left out: their order is counted on the earlier row. Sums beyond
        64-bit integers raise `OverflowError`."""
        where, params = _placed_where(query)
        try:
            rows = self._db.query(_SUMS.replace("{where}", where), params)
        except sqlite3.OperationalError as error:
            if "overflow" in str(error):
                raise OverflowError(str(error)) from error
            raise
        sums = sorted((MoneySums(*row[1:]) for row in rows if row[0] == 0), key=_currency)
        slow = [row[1] for row in rows if row[0] == 1]
        facts: list[MoneyFacts] = []
        for start in range(0, len(slow), _IN_CHUNK):
            chunk = slow[start : start + _IN_CHUNK]
            marks = ",".join("?" * len(chunk))
            facts += map(_facts, self._db.query(f"{_FACTS} WHERE id IN ({marks})", chunk))
        return sums, facts

    def money_facts(self, query: OrderQuery) -> list[MoneyFacts]:
        """The facts of every placed order the query matches, for the Python rules."""
        where, params = _placed_where(query)
        return [_facts(row) for row in self._db.query(f"{_FACTS}{where}", params)]


def _currency(sums: MoneySums) -> str:
    return sums.currency


def _placed_where(query: OrderQuery) -> tuple[str, list[object]]:
    where, params = order_view.where_clause(query)
    placed = "journal_state = 'placed' AND tab != ?"
    where = f"{where} AND {placed}" if where else f" WHERE {placed}"
    return where, [*params, order_view.DUPLICATE_TAB]


_STATES = {state.value: state for state in OrderState}


def _facts(row: sqlite3.Row) -> MoneyFacts:
    state = row[1]
    return MoneyFacts(
        JournalState(row[0]), None if state is None else _STATES[state], row[2], row[3],
        row[4], dec_from_db(row[5]), dec_from_db(row[6]), dec_from_db(row[7]), row[8],
    )  # fmt: skip

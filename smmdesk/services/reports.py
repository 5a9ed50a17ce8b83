"""Spending reports: what the user spent (and, where orders carry a sell price, earned) by
day, week or month, per panel, service, category or customer.

Amounts in different currencies are never added together: every line, total and chart
series belongs to one currency. A period is the user's local day, week or month of
placing (SQLite computes it, `store.reports`). Spend, sell and profit follow the rules
of every other total (`services.profit`: an order counts at what was delivered); profit
rests on the orders that have a sell price, and says how many those are.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import NamedTuple

from smmdesk.store.reports import (
    Bucket,
    GroupedFacts,
    Grouping,
    OrderSpan,
    ReportQueries,
    SpendSums,
)

from .export import ExportFailed, write_csv
from .profit import OrderMoney, order_money

__all__ = ["Bucket", "Grouping"]

# Bars on one axis: beyond this a chart is a smear, not a picture, and slow to draw (366
# days x 9 groups: 85-495 ms on this machine; 120 days under 40 ms; bench/reports.py).
MAX_CHART_PERIODS = 120
CHART_GROUPS = 8  # groups drawn one by one; the rest are added up as "Others"
OTHERS = "Others"
CSV_HEADER = (
    "period_start", "group", "currency", "orders", "spend", "orders_with_sell_price",
    "sales", "profit",
)  # fmt: skip
_ZERO = Decimal(0)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Measure(StrEnum):
    SPEND = "spend"
    PROFIT = "profit"


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """From `first_day` to `last_day` (local dates, both included)."""

    first_day: date
    last_day: date
    bucket: Bucket = Bucket.DAY
    grouping: Grouping = Grouping.PANEL
    week_start: int = 1  # ISO weekday weeks begin on (1 Monday … 7 Sunday)

    def period_start(self, day: date) -> date:
        if self.bucket is Bucket.DAY:
            return day
        if self.bucket is Bucket.WEEK:
            return day - timedelta(days=(day.isoweekday() - self.week_start) % 7)
        return day.replace(day=1)

    def period_count(self) -> int:
        """How many periods the range touches (0 when it is backwards)."""
        if self.last_day < self.first_day:
            return 0
        first, last = self.period_start(self.first_day), self.period_start(self.last_day)
        if self.bucket is Bucket.MONTH:
            return (last.year - first.year) * 12 + last.month - first.month + 1
        step = 7 if self.bucket is Bucket.WEEK else 1
        return (last - first).days // step + 1

    def periods(self) -> tuple[date, ...]:
        """Every period start the range touches, in order."""
        starts, at = [], self.period_start(self.first_day)
        for _ in range(self.period_count()):
            starts.append(at)
            at = _next_period(at, self.bucket)
        return tuple(starts)


class ReportLine(NamedTuple):
    """One period, group and currency, its amounts in whole units of 10^`exponent`
    (`spend`, `sales` and `profit` give them as Decimals). Every line of a report has
    the same exponent, so units compare as their amounts do. `profit` rests on the
    `priced` orders only (those with a sell price); None when there are none.

    A tuple of the values SQLite gives: a year by day and service is 35,000 lines, made
    in a third of a dataclass's time, and making three Decimals for each was 163 M of the
    report's 838 M instructions (callgrind, bench/reports.py's history)."""

    period: date
    group_key: str
    group: str
    currency: str
    orders: int
    spend_units: int
    priced: int = 0
    sales_units: int = 0
    profit_units: int | None = None
    exponent: int = -7

    @property
    def spend(self) -> Decimal:
        return _amount(self.spend_units, self.exponent)

    @property
    def sales(self) -> Decimal:
        return _amount(self.sales_units, self.exponent)

    @property
    def profit(self) -> Decimal | None:
        units = self.profit_units
        return None if units is None else _amount(units, self.exponent)

    def units(self, measure: Measure) -> int | None:
        return self.spend_units if measure is Measure.SPEND else self.profit_units


def _amount(units: int, exponent: int) -> Decimal:
    """`units` x 10^`exponent`; 0 as plain 0."""
    if not units:
        return _ZERO
    unit = _UNITS.get(exponent)
    if unit is None:
        unit = _UNITS[exponent] = Decimal(1).scaleb(exponent)
    return Decimal(units) * unit


_EXPONENT = -7  # the units of `store.reports`' sums: 10^-7
_UNITS: dict[int, Decimal] = {}


@dataclass(frozen=True, slots=True)
class Report:
    """`lines` by period, then currency, then spend (largest first); `currencies` by
    spend, largest first; `span`: every placed order in the history, whatever the range
    (so an empty report can say where the orders are)."""

    request: ReportRequest
    lines: tuple[ReportLine, ...]
    currencies: tuple[str, ...]
    span: OrderSpan
    annotated: bool  # orders carry customers and sell prices in this history

    @property
    def orders(self) -> int:
        return sum(line.orders for line in self.lines)

    @property
    def priced(self) -> int:
        return sum(line.priced for line in self.lines)

    def total(self, currency: str, measure: Measure = Measure.SPEND) -> Decimal | None:
        units = [line.units(measure) for line in self.lines if line.currency == currency]
        known = [value for value in units if value is not None]
        return _amount(sum(known), self.lines[0].exponent) if known else None


@dataclass(frozen=True, slots=True)
class ChartSeries:
    label: str
    values: tuple[Decimal, ...]  # one per period of the chart


@dataclass(frozen=True, slots=True)
class ChartData:
    """One currency and one measure: the periods on the axis, a series per group (the
    largest `CHART_GROUPS`, then the rest together)."""

    currency: str
    measure: Measure
    periods: tuple[date, ...]
    series: tuple[ChartSeries, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return not any(value for series in self.series for value in series.values)


def build_report(queries: ReportQueries, request: ReportRequest) -> Report:
    """Read the sums for `request` and put them in lines; the caller's thread runs the
    query (a worker: it reads every order of the range)."""
    asked = (
        request.first_day, request.last_day, request.bucket, request.grouping, request.week_start
    )  # fmt: skip
    try:
        sums, slow = queries.spend_sums(*asked)
        lines = _merged(sums, slow) if slow else _lines(sums)
    except OverflowError:  # sums beyond 64 bits: every order by the Python rules
        slow = queries.all_facts(*asked)
        lines = _merged(iter(()), slow)
    if slow:
        lines.sort(key=lambda line: (line.period, line.currency, -line.spend_units, line.group))
        spend = _spend_by_currency((line.currency, line.spend_units) for line in lines)
        currencies = tuple(sorted(spend, key=lambda c: (-spend[c], c)))
    else:  # the sums come in the report's order
        currencies = tuple(queries.currencies_by_spend(request.first_day, request.last_day))
    return Report(request, tuple(lines), currencies, queries.order_span(), queries.has_customers)


def _spend_by_currency(amounts: Iterable[tuple[str, int]]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for currency, units in amounts:
        totals[currency] = totals.get(currency, 0) + units
    return totals


def _lines(sums: SpendSums) -> list[ReportLine]:
    """A line per sum, in their order. A year by day and service is tens of thousands of
    lines: each is made in place, in about half the time of a function call per line."""
    day, make, exponent = _day, tuple.__new__, _EXPONENT
    lines: list[ReportLine] = []
    for batch in sums:
        lines += [
            make(ReportLine, (
                day(period), key, label, currency, orders, spend, sold, sell,
                profit if sold else None, exponent,
            ))
            for period, key, label, currency, orders, spend, sold, sell, profit in batch
        ]  # fmt: skip
    return lines


def _merged(sums: SpendSums, slow: list[GroupedFacts]) -> list[ReportLine]:
    """The sums with the orders SQLite could not add, counted by the Python rules."""
    tallies: dict[tuple[str, str, str], _Tally] = {}
    for period, group_key, label, currency, *amounts in chain.from_iterable(sums):
        tallies.setdefault((period, group_key, currency), _Tally(label)).add_sum(*amounts)
    for grouped in slow:
        money = order_money(grouped.facts)
        if money is not None:
            key = (grouped.period, grouped.group_key, grouped.facts.currency or "")
            tally = tallies.setdefault(key, _Tally(grouped.group_label))
            tally.label = max(tally.label, grouped.group_label)  # as SQLite labels a group
            tally.add_money(money)
    exponent = min([_EXPONENT, *(tally.exponent() for tally in tallies.values())])
    return [tally.line(_day(p), g, c, exponent) for (p, g, c), tally in tallies.items()]


@lru_cache(maxsize=4096)
def _day(text: str) -> date:
    return date.fromisoformat(text)


@dataclass(slots=True)
class _Tally:
    label: str
    orders: int = 0
    spend: Decimal = _ZERO
    sold: int = 0
    sales: Decimal = _ZERO
    profit: Decimal = _ZERO

    def add_sum(self, orders: int, spend: int, sold: int, sell: int, profit: int) -> None:
        """A sum's orders and amounts (units of 10^-7)."""
        self.orders += orders
        self.spend += _amount(spend, _EXPONENT)
        self.sold += sold
        self.sales += _amount(sell, _EXPONENT)
        self.profit += _amount(profit, _EXPONENT)

    def add_money(self, money: OrderMoney) -> None:
        self.orders += 1
        self.spend += money.cost
        if money.sell is not None:
            self.sold += 1
            self.sales += money.sell
            self.profit += money.sell - money.cost

    def exponent(self) -> int:
        """The smallest exponent of the amounts (the Python rules may give an amount
        finer than 10^-7: a charge a panel states with more decimals)."""
        amounts = (self.spend, self.sales, self.profit)
        exponents = (each.as_tuple().exponent for each in amounts)
        return min(exponent for exponent in exponents if isinstance(exponent, int))

    def line(self, period: date, group_key: str, currency: str, exponent: int) -> ReportLine:
        """The line, in units of 10^`exponent` (at most `exponent()`: whole units)."""
        amounts = (self.spend, self.sales, self.profit)
        spend, sales, profit = (int(each.scaleb(-exponent)) for each in amounts)
        return ReportLine(
            period, group_key, self.label, currency, self.orders, spend, self.sold, sales,
            profit if self.sold else None, exponent,
        )  # fmt: skip


def chart_data(
    report: Report, currency: str, measure: Measure = Measure.SPEND, groups: int = CHART_GROUPS
) -> ChartData:
    """The chart of one currency: the largest `groups` groups (by the measure's size over
    the whole range) one by one, the rest as "Others". Empty periods stay on the axis."""
    periods = report.request.periods()
    lines = [line for line in report.lines if line.currency == currency]
    sizes: dict[str, int] = {}
    labels: dict[str, str] = {}
    for line in lines:
        units = line.units(measure)
        if units is not None:
            sizes[line.group_key] = sizes.get(line.group_key, 0) + abs(units)
            labels[line.group_key] = line.group
    ranked = sorted(sizes, key=lambda key: (-sizes[key], labels[key]))
    shown = ranked[:groups] if len(ranked) <= groups else ranked[: groups - 1]
    slot = {key: i for i, key in enumerate(shown)}
    others = len(ranked) > len(shown)
    position = {period: i for i, period in enumerate(periods)}
    sums = [[0] * len(periods) for _ in range(len(shown) + others)]
    for line in lines:
        units = line.units(measure)
        at = position.get(line.period)
        if units is not None and at is not None:
            sums[slot.get(line.group_key, len(shown))][at] += units
    exponent = lines[0].exponent if lines else _EXPONENT
    names = [labels[key] or "(none)" for key in shown] + ([OTHERS] if others else [])
    series = tuple(
        ChartSeries(name, tuple(_amount(units, exponent) for units in row))
        for name, row in zip(names, sums, strict=True)
    )
    return ChartData(currency, measure, periods, series)


def write_report_csv(path: Path, lines: Sequence[ReportLine]) -> int:
    """The lines as CSV (UTF-8 with BOM, ISO dates, plain decimals; see `export`)."""
    rows = (_csv_row(line) for line in lines)
    return write_csv(path, CSV_HEADER, rows, len(lines))


def _csv_row(line: ReportLine) -> list[str]:
    group = "'" + line.group if line.group.startswith(_FORMULA_STARTS) else line.group
    return [
        line.period.isoformat(), group, line.currency, str(line.orders), _plain(line.spend),
        str(line.priced), _plain(line.sales) if line.priced else "",
        "" if line.profit is None else _plain(line.profit),
    ]  # fmt: skip


def _plain(amount: Decimal) -> str:
    """`12.5`, `0.0125`, `100`: no exponent, no trailing zeros."""
    return f"{amount.normalize():f}"


def write_file(path: Path, data: bytes) -> None:
    """`data` to `path` through a temporary file beside it, renamed once complete: a disk
    that refuses half-way leaves no half file (the chart's PNG)."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        with temporary.open("xb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise ExportFailed(f"Could not write {path}: {error.strerror or error}.") from error


def _next_period(start: date, bucket: Bucket) -> date:
    if bucket is Bucket.DAY:
        return start + timedelta(days=1)
    if bucket is Bucket.WEEK:
        return start + timedelta(days=7)
    month = start.month % 12 + 1
    return start.replace(year=start.year + (start.month == 12), month=month)

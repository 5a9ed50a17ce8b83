"""Every report shape over a random history equals the Python rules applied order by order
(`services.profit`, each order's local day of creation, its group as before schema 11):
what SQLite sums from the figures it keeps is what the rules give."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from smmdesk.services.profit import order_money
from smmdesk.services.reports import ReportLine, ReportRequest, build_report
from smmdesk.store import OrderRecord, Store
from smmdesk.store.reports import Bucket, Grouping, ReportQueries
from tests.services.generated_history import DAYS, generate

_ZERO = Decimal(0)


@pytest.fixture(scope="module", params=["odd amounts", "exact amounts"])
def store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """A history with some amounts SQLite does not add (the Python rules count them), and
    one where SQLite adds every amount (a report is read from its sums alone)."""
    path: Path = tmp_path_factory.mktemp("rules") / "history.db"
    with Store.open(path) as opened:
        generate(opened, seed=13, odd=request.param == "odd amounts")
        yield opened


@dataclass
class _Tally:
    label: str
    orders: int = 0
    spend: Decimal = _ZERO
    priced: int = 0
    sales: Decimal = _ZERO
    profit: Decimal = _ZERO


Seen = tuple[date, str, str, str, int, Decimal, int, Decimal, Decimal | None]


def _seen(lines: Iterable[ReportLine]) -> set[Seen]:
    """What each line says, amounts as Decimals (however the line keeps them)."""
    return {
        (line.period, line.group_key, line.group, line.currency, line.orders, line.spend,
         line.priced, line.sales, line.profit)
        for line in lines
    }  # fmt: skip


def _by_the_rules(store: Store, request: ReportRequest) -> set[Seen]:
    """The report as the Python rules give it, one order at a time."""
    repeated = {row[0] for row in store._db.query("SELECT id FROM orders WHERE tab = 'duplicate'")}
    ids = [row[0] for row in store._db.query("SELECT id FROM orders")]
    panels = {panel.id: panel.name for panel in store.panels()}
    tallies: dict[tuple[date, str, str], _Tally] = {}
    for order in store.orders_by_ids(ids):
        money = order_money(order)
        day = order.created_at.astimezone().date()
        if money is None or order.id in repeated:
            continue
        if not request.first_day <= day <= request.last_day:
            continue
        key, label = _group(store, order, request.grouping, panels)
        tally = tallies.setdefault((request.period_start(day), key, order.currency or ""),
                                   _Tally(label))  # fmt: skip
        tally.label = max(tally.label, label)
        tally.orders += 1
        tally.spend += money.cost
        if money.sell is not None:
            tally.priced += 1
            tally.sales += money.sell
            tally.profit += money.sell - money.cost
    return {
        (period, key, t.label, currency, t.orders, t.spend, t.priced, t.sales,
         t.profit if t.priced else None)
        for (period, key, currency), t in tallies.items()
    }  # fmt: skip


def _group(
    store: Store, order: OrderRecord, grouping: Grouping, panels: dict[int, str]
) -> tuple[str, str]:
    if grouping is Grouping.PANEL:
        return str(order.panel_id), panels[order.panel_id]
    if grouping is Grouping.SERVICE:
        return f"{order.panel_id}:{order.service_id}", order.service_name
    if grouping is Grouping.CATEGORY:
        cached = store.cached_services(order.panel_id)
        known = {s.id: s.category for s in cached.services} if cached else {}
        category = known.get(order.service_id, order.service_name)
        return category, category
    return order.customer, order.customer


@pytest.mark.parametrize("grouping", list(Grouping))
@pytest.mark.parametrize("bucket", list(Bucket))
def test_a_report_is_the_sum_of_its_orders_by_the_python_rules(
    store: Store, bucket: Bucket, grouping: Grouping
) -> None:
    today = date.today()
    request = ReportRequest(today - timedelta(days=DAYS), today, bucket, grouping)

    made = build_report(ReportQueries(store), request)

    assert made.orders > 50
    assert _seen(made.lines) == _by_the_rules(store, request)
    order = [(line.period, line.currency, -line.spend, line.group) for line in made.lines]
    assert order == sorted(order)
    spend: dict[str, Decimal] = {}
    for line in made.lines:
        spend[line.currency] = spend.get(line.currency, _ZERO) + line.spend
    assert made.currencies == tuple(sorted(spend, key=lambda c: (-spend[c], c)))


def test_a_range_within_the_history_counts_only_its_days(store: Store) -> None:
    last = date.today() - timedelta(days=10)
    request = ReportRequest(last - timedelta(days=6), last, Bucket.WEEK, Grouping.CUSTOMER, 7)

    made = build_report(ReportQueries(store), request)

    assert made.lines and _seen(made.lines) == _by_the_rules(store, request)

"""Spending reports over a real store: orders written by the journal's own calls, their
statuses recorded as a refresh records them, placed on chosen days."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from smmdesk.api import OrderState, Service
from smmdesk.services.reports import (
    CSV_HEADER,
    OTHERS,
    Measure,
    ReportRequest,
    build_report,
    chart_data,
    write_report_csv,
)
from smmdesk.store import OrderQuery, Panel, Store
from smmdesk.store.reports import Bucket, Grouping, ReportQueries
from tests.insight_orders import LIKES, order

DAY = date(2026, 3, 4)  # a Wednesday
VIEWS = Service("2", "Views", "Default", "TikTok Views", Decimal("0.5"), 10, 10_000)
GONE = Service("9", "Old followers", "Default", "Ghost", Decimal("1"), 10, 10_000)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "reports.db") as opened:
        yield opened


@pytest.fixture
def usd(store: Store) -> Panel:
    panel = store.add_panel("Dollar panel", "https://usd.example/api/v2")
    store.save_services(panel.id, [LIKES, VIEWS])
    return panel


@pytest.fixture
def eur(store: Store) -> Panel:
    return store.add_panel("Euro panel", "https://eur.example/api/v2")


def test_spend_by_day_per_panel_keeps_currencies_apart(
    store: Store, usd: Panel, eur: Panel
) -> None:
    order(store, usd, DAY, "1.50")
    order(store, usd, DAY, "2.25")
    order(store, eur, DAY, "4.00", currency="EUR")
    order(store, usd, DAY + timedelta(1), "0.10")

    made = build_report(ReportQueries(store), ReportRequest(DAY, DAY + timedelta(1)))

    lines = [
        (line.period, line.group, line.currency, line.orders, line.spend) for line in made.lines
    ]
    assert lines == [
        (DAY, "Euro panel", "EUR", 1, Decimal("4.00")),
        (DAY, "Dollar panel", "USD", 2, Decimal("3.75")),
        (DAY + timedelta(1), "Dollar panel", "USD", 1, Decimal("0.10")),
    ]
    assert made.currencies == ("EUR", "USD")
    assert made.total("USD") == Decimal("3.85") and made.total("EUR") == Decimal("4.00")


def test_the_totals_are_those_of_every_other_total(store: Store, usd: Panel) -> None:
    """The same rules as the Orders view's totals: partial by the delivered share,
    refunded at nothing, profit over the orders with a sell price."""
    order(store, usd, DAY, "10.00", state=OrderState.PARTIAL, remains=250, sell="20")
    order(store, usd, DAY, "5.00", state=OrderState.REFUNDED, remains=1000, sell="9")
    order(store, usd, DAY, "3.3333333", sell="4")
    order(store, usd, DAY, "1.00")

    made = build_report(ReportQueries(store), ReportRequest(DAY, DAY))
    sums, slow = store.money_sums(OrderQuery())

    [usd_sums] = sums
    assert not slow
    assert made.total("USD") == Decimal(usd_sums.spend_units).scaleb(-7)
    assert made.total("USD", Measure.PROFIT) == Decimal(usd_sums.profit_units).scaleb(-7)
    assert made.priced == usd_sums.sold == 3
    assert made.total("USD") == Decimal("7.5") + Decimal("3.3333333") + Decimal("1.00")


def test_amounts_sqlite_cannot_add_exactly_are_counted_by_the_python_rules(
    store: Store, usd: Panel
) -> None:
    order(store, usd, DAY, "1.5")
    odd = order(store, usd, DAY, "2")
    with store._db.transaction() as conn:  # a charge written with an exponent
        conn.execute("UPDATE orders SET charge = '2E+0' WHERE id = ?", (odd,))

    made = build_report(ReportQueries(store), ReportRequest(DAY, DAY))

    assert made.total("USD") == Decimal("3.5") and made.orders == 2


def test_a_charge_finer_than_a_ten_millionth_is_kept_whole(store: Store, usd: Panel) -> None:
    order(store, usd, DAY, "0.123456789", service=VIEWS)  # 9 decimals: the Python rules count it
    order(store, usd, DAY, "0.1234567")
    order(store, usd, DAY, "0.12345679")

    made = build_report(ReportQueries(store), ReportRequest(DAY, DAY, Bucket.DAY, Grouping.SERVICE))

    spends = [line.spend for line in made.lines]
    assert spends == [Decimal("0.12345679") + Decimal("0.1234567"), Decimal("0.123456789")]
    assert made.total("USD") == Decimal("0.370370279")
    assert len({line.exponent for line in made.lines}) == 1  # units compare as amounts


@pytest.mark.parametrize(
    ("bucket", "week_start", "periods"),
    [
        (Bucket.WEEK, 1, [date(2026, 3, 2), date(2026, 3, 9)]),  # Monday weeks
        (Bucket.WEEK, 7, [date(2026, 3, 1), date(2026, 3, 8)]),  # Sunday weeks
        (Bucket.MONTH, 1, [date(2026, 3, 1), date(2026, 4, 1)]),
    ],
)
def test_weeks_start_on_the_locale_s_first_day_and_months_on_the_first(
    store: Store, usd: Panel, bucket: Bucket, week_start: int, periods: list[date]
) -> None:
    order(store, usd, DAY, "1")  # Wednesday 4 March
    order(store, usd, DAY + timedelta(days=5 if bucket is Bucket.WEEK else 30), "2")

    request = ReportRequest(date(2026, 3, 1), date(2026, 4, 30), bucket, Grouping.PANEL, week_start)
    made = build_report(ReportQueries(store), request)

    assert [line.period for line in made.lines] == periods
    assert set(periods) <= set(request.periods())  # the chart's axis has them all


def test_categories_come_from_the_cached_catalogue_else_the_service_name(
    store: Store, usd: Panel
) -> None:
    order(store, usd, DAY, "1", service=LIKES)
    order(store, usd, DAY, "2", service=VIEWS)
    order(store, usd, DAY, "4", service=GONE)  # no longer in the catalogue

    made = build_report(
        ReportQueries(store), ReportRequest(DAY, DAY, Bucket.DAY, Grouping.CATEGORY)
    )

    assert {line.group: line.spend for line in made.lines} == {
        "Instagram Likes": Decimal(1),
        "TikTok Views": Decimal(2),
        "Old followers": Decimal(4),
    }


def test_a_catalogue_refresh_moves_orders_to_their_service_s_category_now(
    store: Store, usd: Panel
) -> None:
    order(store, usd, DAY, "1", service=LIKES)
    order(store, usd, DAY, "2", service=VIEWS)
    order(store, usd, DAY + timedelta(1), "4", service=VIEWS)
    request = ReportRequest(DAY, DAY + timedelta(1), Bucket.WEEK, Grouping.CATEGORY)
    build_report(ReportQueries(store), request)  # the sums kept by the catalogue before

    store.save_services(usd.id, [replace(LIKES, category="Likes"), GONE])  # Views gone

    made = build_report(ReportQueries(store), request)
    assert {line.group: line.spend for line in made.lines} == {
        "Likes": Decimal(1),
        "Views": Decimal(6),  # a service the catalogue lacks: its orders' service name
    }
    store.save_services(usd.id, [LIKES, replace(VIEWS, category="Instagram Likes")])
    made = build_report(ReportQueries(store), request)
    assert [(line.group, line.spend) for line in made.lines] == [("Instagram Likes", 7)]


def test_per_customer_and_service_with_profit_where_sold(store: Store, usd: Panel) -> None:
    order(store, usd, DAY, "1", customer="Acme", sell="1.5")
    order(store, usd, DAY, "2", customer="Acme")
    order(store, usd, DAY, "3", service=VIEWS, customer="Bob")

    by_customer = build_report(
        ReportQueries(store), ReportRequest(DAY, DAY, Bucket.DAY, Grouping.CUSTOMER)
    )
    by_service = build_report(
        ReportQueries(store), ReportRequest(DAY, DAY, Bucket.DAY, Grouping.SERVICE)
    )

    acme = next(line for line in by_customer.lines if line.group == "Acme")
    assert (acme.orders, acme.spend, acme.priced, acme.profit) == (2, 3, 1, Decimal("0.5"))
    bob = next(line for line in by_customer.lines if line.group == "Bob")
    assert bob.profit is None  # nothing sold: no profit, not zero
    assert {line.group for line in by_service.lines} == {LIKES.name, VIEWS.name}


def test_a_service_renamed_within_a_day_is_one_line_by_day_and_service(
    store: Store, usd: Panel
) -> None:
    renamed = replace(VIEWS, name="Views (renamed)")
    order(store, usd, DAY, "1", service=VIEWS)
    order(store, usd, DAY, "2", service=renamed)
    order(store, usd, DAY + timedelta(1), "4", service=renamed)
    order(store, usd, DAY + timedelta(1), "3", service=LIKES)

    made = build_report(
        ReportQueries(store), ReportRequest(DAY, DAY + timedelta(1), Bucket.DAY, Grouping.SERVICE)
    )

    lines = [(line.period, line.group, line.orders, line.spend) for line in made.lines]
    assert lines == [
        (DAY, "Views (renamed)", 2, Decimal(3)),  # the largest name, as every grouping labels
        (DAY + timedelta(1), "Views (renamed)", 1, Decimal(4)),  # the largest spend first
        (DAY + timedelta(1), LIKES.name, 1, Decimal(3)),
    ]


@pytest.mark.parametrize("grouping", [Grouping.SERVICE, Grouping.PANEL])
def test_sums_read_a_few_at_a_time_make_the_same_report(
    store: Store, usd: Panel, eur: Panel, grouping: Grouping, monkeypatch: pytest.MonkeyPatch
) -> None:
    for days, charge in enumerate(("1", "2.5", "0.25", "7")):
        order(store, usd, DAY + timedelta(days), charge)
        order(store, usd, DAY + timedelta(days), "1.5", service=VIEWS)
        order(store, eur, DAY + timedelta(days), charge, currency="EUR")
    request = ReportRequest(DAY, DAY + timedelta(3), Bucket.DAY, grouping)
    whole = build_report(ReportQueries(store), request)

    monkeypatch.setattr("smmdesk.store.reports._BATCH", 2)
    batched = build_report(ReportQueries(store), request)

    assert batched == whole and len(whole.lines) > 2 * 2


def test_orders_outside_the_range_and_unplaced_ones_are_left_out(store: Store, usd: Panel) -> None:
    order(store, usd, DAY - timedelta(1), "1")
    order(store, usd, DAY + timedelta(1), "1")
    store.insert_sending_order(usd.id, LIKES, link="https://x.example/u", quantity=10)

    made = build_report(ReportQueries(store), ReportRequest(DAY, DAY))

    assert made.lines == () and made.orders == 0
    assert made.span.orders == 2  # where the orders are, for the explanation


def test_an_empty_history_and_a_backwards_range(store: Store) -> None:
    made = build_report(ReportQueries(store), ReportRequest(DAY, DAY))
    assert (made.orders, made.span.orders, made.span.first) == (0, 0, None)
    assert ReportRequest(DAY, DAY - timedelta(1)).period_count() == 0


def test_the_chart_has_every_period_and_the_largest_groups_then_others(
    store: Store, usd: Panel
) -> None:
    for rank in range(5):
        service = Service(str(50 + rank), f"S{rank}", "Default", "C", Decimal(1), 1, 10)
        order(store, usd, DAY, str(10 - rank), service=service)
    made = build_report(
        ReportQueries(store),
        ReportRequest(DAY - timedelta(1), DAY + timedelta(1), Bucket.DAY, Grouping.SERVICE),
    )

    data = chart_data(made, "USD", Measure.SPEND, groups=3)

    assert data.periods == (DAY - timedelta(1), DAY, DAY + timedelta(1))
    assert [(s.label, s.values) for s in data.series] == [
        ("S0", (0, 10, 0)),
        ("S1", (0, 9, 0)),
        (OTHERS, (0, 8 + 7 + 6, 0)),
    ]


def test_the_csv_has_a_bom_iso_dates_plain_decimals_and_inert_formulas(
    store: Store, usd: Panel, tmp_path: Path
) -> None:
    order(store, usd, DAY, "0.0000001", customer="=cmd|' /C calc'!A0", sell="0.5")
    made = build_report(
        ReportQueries(store), ReportRequest(DAY, DAY, Bucket.DAY, Grouping.CUSTOMER)
    )
    path = tmp_path / "report.csv"

    assert write_report_csv(path, made.lines) == 1

    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header, row = raw.decode("utf-8-sig").splitlines()
    assert header == ",".join(CSV_HEADER)
    assert row == "2026-03-04,'=cmd|' /C calc'!A0,USD,1,0.0000001,1,0.5,0.4999999"

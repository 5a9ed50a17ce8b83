"""Sell prices, markups and profit: what is typed, and what an order counts for."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smmdesk.api import OrderState
from smmdesk.services.profit import (
    MoneyInputError,
    SellPriceInput,
    chosen_markup,
    delivered_share,
    marked_up,
    order_money,
    parse_amount,
    parse_markup,
    parse_sell_price,
    totals,
)
from smmdesk.store import JournalState
from smmdesk.store.records import MoneyFacts

LOCALES = [(".", ","), (",", "."), (",", "\u202f"), (".", "'")]


def facts(**changes: object) -> MoneyFacts:
    base = MoneyFacts(
        JournalState.PLACED, OrderState.COMPLETED, 1000, None, 0, Decimal(10), Decimal(10),
        Decimal(15), "USD",
    )  # fmt: skip
    return replace(base, **changes)  # type: ignore[arg-type]


# -- what is typed ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "point", "group", "expected"),
    [
        ("12.50", ".", ",", "12.50"),
        (" 1,234.5 ", ".", ",", "1234.5"),
        ("1.234,50", ",", ".", "1234.50"),
        ("12,50", ",", ".", "12.50"),
        ("12.50", ",", ".", "12.50"),  # a plain point reads anywhere it cannot be a group
        ("1\u202f234,5", ",", "\u202f", "1234.5"),
        ("0.0000001", ".", ",", "0.0000001"),
        ("+7", ".", ",", "7"),
    ],
)
def test_amounts_in_the_users_locale(text: str, point: str, group: str, expected: str) -> None:
    assert parse_amount(text, point, group) == Decimal(expected)


@pytest.mark.parametrize(
    "text", ["", "abc", "12,50", "1,23.4", "-3", "1e5", "NaN", "12.5.1", "0.00000001", "١٢", "$5"]
)
def test_what_is_not_an_amount_gets_words_for_the_field(text: str) -> None:
    with pytest.raises(MoneyInputError) as raised:
        parse_amount(text)
    assert str(raised.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("30", Decimal(30)), ("+30%", Decimal(30)), ("-5 %", Decimal(-5)), ("12.5%", Decimal("12.5")),
     ("", None), (" % ", None)],
)  # fmt: skip
def test_markups(text: str, expected: Decimal | None) -> None:
    assert parse_markup(text) == expected


@pytest.mark.parametrize("text", ["-100", "-150%", "thirty", "100001%"])
def test_markups_out_of_bounds_or_unreadable(text: str) -> None:
    with pytest.raises(MoneyInputError):
        parse_markup(text)


def test_a_sell_price_field_holds_an_amount_a_markup_or_nothing() -> None:
    assert parse_sell_price("  ") is None
    assert parse_sell_price("9.99") == SellPriceInput(amount=Decimal("9.99"))
    assert parse_sell_price("+25%") == SellPriceInput(markup=Decimal(25))
    assert SellPriceInput(markup=Decimal(25)).price_for(Decimal(8)) == Decimal(10)
    assert SellPriceInput(markup=Decimal(25)).price_for(None) is None
    with pytest.raises(MoneyInputError, match=r"12\.50"):
        parse_sell_price("twelve")


@given(st.text(max_size=30), st.sampled_from(LOCALES))
def test_any_text_is_a_price_or_a_field_message(text: str, locale: tuple[str, str]) -> None:
    try:
        parsed = parse_sell_price(text, *locale)
    except MoneyInputError as error:
        assert str(error)
        return
    if parsed is not None:
        value = parsed.amount if parsed.amount is not None else parsed.markup
        assert value is not None and value.is_finite()
        assert parsed.amount is None or parsed.amount >= 0


@given(
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(LOCALES),
)
def test_an_amount_written_in_a_locale_reads_back(amount: Decimal, locale: tuple[str, str]) -> None:
    point, group = locale
    whole, _, fraction = f"{amount:.2f}".partition(".")
    groups = [whole[max(0, end - 3) : end] for end in range(len(whole), 0, -3)][::-1]
    written = group.join(groups) + point + fraction
    assert parse_amount(written, point, group) == amount


@given(
    st.decimals(min_value=-99, max_value=1000, places=3),
    st.decimals(min_value=0, max_value=10**6, places=7),
)
def test_a_markup_is_applied_to_seven_decimals(percent: Decimal, cost: Decimal) -> None:
    price = marked_up(cost, percent)
    assert abs(price - cost * (100 + percent) / 100) <= Decimal("0.00000005")
    assert parse_markup(f"{percent}%") == percent


def test_a_customers_markup_wins() -> None:
    assert chosen_markup(Decimal(30), Decimal(10)) == Decimal(30)
    assert chosen_markup(None, Decimal(10)) == Decimal(10)
    assert chosen_markup(Decimal(0), Decimal(10)) == Decimal(0)  # zero is a markup too


# -- what an order counts for -----------------------------------------------------------------


def test_a_completed_order_counts_whole() -> None:
    money = order_money(facts())
    assert money is not None and (money.cost, money.sell, money.profit) == (10, 15, 5)


def test_a_partial_order_with_the_full_charge_counts_what_was_delivered() -> None:
    money = order_money(facts(state=OrderState.PARTIAL, remains=200))
    assert money is not None and money.charge_scaled
    assert (money.share, money.cost, money.sell, money.profit) == (Decimal("0.8"), 8, 12, 4)


def test_a_partial_charge_already_reduced_by_the_panel_is_not_reduced_again() -> None:
    money = order_money(facts(state=OrderState.PARTIAL, remains=200, charge=Decimal("8.01")))
    assert money is not None and not money.charge_scaled
    assert (money.cost, money.sell) == (Decimal("8.01"), 12)


def test_without_an_estimate_the_panels_charge_is_taken_as_the_full_one() -> None:
    money = order_money(facts(state=OrderState.PARTIAL, remains=500, charge_estimate=None))
    assert money is not None and money.cost == 5


def test_drip_feed_counts_runs_and_odd_remains_count_whole() -> None:
    drip = facts(state=OrderState.PARTIAL, quantity=100, runs=10, remains=250)
    assert delivered_share(drip) == Decimal("0.75")
    assert delivered_share(facts(state=OrderState.PARTIAL, remains=-5)) == 1
    assert delivered_share(facts(state=OrderState.PARTIAL, quantity=None)) == 1
    assert delivered_share(facts(state=OrderState.REFUNDED)) == 0
    assert delivered_share(facts(state=OrderState.CANCELED, remains=None)) == 0


@pytest.mark.parametrize(
    "journal",
    [JournalState.REJECTED, JournalState.DISMISSED, JournalState.SENDING, JournalState.UNCONFIRMED],
)
def test_orders_the_panel_never_took_have_no_money_side(journal: JournalState) -> None:
    assert order_money(facts(journal_state=journal)) is None


def test_before_a_charge_is_known_the_estimate_stands_in() -> None:
    money = order_money(facts(state=None, charge=None, sell_price=None))
    assert money is not None and money.cost == 10 and money.profit is None


def test_totals_are_per_currency_and_profit_counts_sold_orders_only() -> None:
    orders = [
        facts(),
        facts(sell_price=None),
        facts(state=OrderState.PARTIAL, remains=500),
        facts(currency="EUR", charge=Decimal("1.5"), charge_estimate=None, sell_price=Decimal(1)),
        facts(journal_state=JournalState.REJECTED),
    ]
    usd, eur = totals(orders).values()
    assert (usd.currency, usd.orders, usd.spend, usd.sold, usd.sell, usd.profit) == (
        "USD", 3, 25, 2, Decimal("22.5"), Decimal("7.5"),
    )  # fmt: skip
    assert (eur.currency, eur.profit) == ("EUR", Decimal("-0.5"))

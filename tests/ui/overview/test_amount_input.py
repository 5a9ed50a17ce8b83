"""Reading a typed amount: the user's number format or a plain one, exact digits, and a
sentence for anything else; never an exception, whatever is typed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QLocale

from smmdesk.ui.common.format import format_money
from smmdesk.ui.overview.amount_input import read_amount

ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
GERMAN = QLocale(QLocale.Language.German, QLocale.Country.Germany)
ARABIC = QLocale(QLocale.Language.Arabic, QLocale.Country.Egypt)


@pytest.mark.parametrize(
    ("typed", "locale", "stored"),
    [
        ("10", ENGLISH, "10"),
        ("0.10", ENGLISH, "0.10"),
        ("1,250.50", ENGLISH, "1250.50"),
        ("1.250,50", GERMAN, "1250.50"),
        ("10,5", GERMAN, "10.5"),
        ("10.5", GERMAN, "10.5"),  # a point where it cannot be a group separator
        ("\u0662\u0665\u066b\u0665", ARABIC, "25.5"),  # Arabic-Indic digits
        ("  7  ", ENGLISH, "7"),
        ("", ENGLISH, ""),  # empty: no warning
    ],
)
def test_an_amount_in_the_users_or_the_plain_format_is_read_exactly(
    typed: str, locale: QLocale, stored: str
) -> None:
    amount = read_amount(typed, locale)
    assert amount.ok and amount.stored() == stored


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("ten", "Type an amount such as"),
        ("10,5", "Type an amount such as"),  # English: a comma groups thousands
        ("-3", "cannot be negative"),
        ("inf", "Type an amount such as"),
        ("nan", "Type an amount such as"),
        ("0.00000001", "At most 7 decimals"),
        ("1" * 20, "Type an amount such as"),
    ],
)
def test_anything_else_gets_a_sentence_and_no_value(typed: str, problem: str) -> None:
    amount = read_amount(typed, ENGLISH)
    assert not amount.ok and amount.value is None and problem in amount.problem


amounts = st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False)


@given(amounts, st.sampled_from([ENGLISH, GERMAN, ARABIC]))
def test_what_the_app_shows_reads_back_as_the_same_amount(amount: Decimal, locale: QLocale) -> None:
    before = QLocale()
    QLocale.setDefault(locale)
    try:
        shown = format_money(amount)
    finally:
        QLocale.setDefault(before)
    assert read_amount(shown, locale).value == amount


@given(st.text(max_size=40), st.sampled_from([ENGLISH, GERMAN, ARABIC]))
def test_any_text_gives_an_amount_or_a_sentence(typed: str, locale: QLocale) -> None:
    amount = read_amount(typed, locale)
    assert (amount.value is not None or not typed.strip()) == amount.ok
    assert amount.ok or amount.problem
    if amount.value is not None:
        assert amount.value >= 0 and Decimal(amount.stored()) == amount.value

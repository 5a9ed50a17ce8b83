"""One format for what users read: money, rates, counts, IDs, following QLocale."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale

from smmdesk.api import Service
from smmdesk.ui.common.format import (
    counted,
    format_count,
    format_id,
    format_money,
    format_rate,
    plural,
    rate_basis,
)


@pytest.fixture
def english() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


@pytest.fixture
def german() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    QLocale.setDefault(before)


def service(kind: str, rate: str = "0.90") -> Service:
    return Service(id="1", name="x", type=kind, category="c", rate=Decimal(rate), min=10, max=1000)


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        ("1000", "USD", "1,000.00 USD"),
        ("1000.00", "USD", "1,000.00 USD"),
        ("100.84292", "USD", "100.84292 USD"),
        ("0.0125", None, "0.0125"),
        ("95200", "UZS", "95,200.00 UZS"),
        ("-12.5", "EUR", "-12.50 EUR"),
        ("0.123456789", "USD", "0.1234568 USD"),
        ("1234567.1", None, "1,234,567.10"),
    ],
)
def test_money_is_one_format(amount: str, currency: str | None, shown: str) -> None:
    assert format_money(Decimal(amount), currency) == shown


def test_money_follows_the_locale(german: None) -> None:
    assert format_money(Decimal("1234.5"), "EUR") == "1.234,50 EUR"
    assert format_count(12345) == "12.345"


@pytest.mark.usefixtures("english")
def test_counts_ids_and_plurals() -> None:
    assert format_count(None) == ""
    assert format_count(1_234_567) == "1,234,567"
    assert format_id("1234567") == "1234567"  # IDs are never grouped
    assert plural(1, "order") == "1 order"
    assert plural(2000, "order") == "2,000 orders"
    assert format_money(None) == ""


def test_a_counted_sentence_is_chosen_whole_and_grouped_as_the_locale_does(german: None) -> None:
    one, many = "Ein Auftrag auf {panel}", "{count} Aufträge auf {panel}"
    assert counted(1, one, many, panel="P") == "Ein Auftrag auf P"
    assert counted(0, one, many, panel="P") == "0 Aufträge auf P"
    assert counted(12345, one, many, panel="P") == "12.345 Aufträge auf P"


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("kind", "basis"),
    [
        ("Default", "per 1000"),
        ("Package", "per package"),
        ("Custom Comments Package", "per package"),
        ("Custom Comments", "per 1000"),
        ("Something New", "per 1000"),
    ],
)
def test_rate_basis_is_the_same_everywhere(kind: str, basis: str) -> None:
    assert rate_basis(service(kind)) == basis
    assert format_rate(service(kind), "USD") == f"0.90 USD {basis}"


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("rate", "shown"), [("1", "1.00"), ("0.9", "0.90"), ("0.0125", "0.0125"), ("12.340", "12.34")]
)
def test_rates_keep_the_panels_digits(rate: str, shown: str) -> None:
    assert format_money(Decimal(rate)) == shown


def test_money_uses_the_locales_own_digits_like_counts() -> None:
    before = QLocale()
    QLocale.setDefault(QLocale("ar"))
    try:
        # Arabic-Indic digits (U+0660...), Arabic thousands and decimal separators.
        assert (
            format_money(Decimal("1322.5"), "USD")
            == "\u0661\u066c\u0663\u0662\u0662\u066b\u0665\u0660 USD"
        )
        assert format_count(1234) == "\u0661\u066c\u0662\u0663\u0664"
    finally:
        QLocale.setDefault(before)

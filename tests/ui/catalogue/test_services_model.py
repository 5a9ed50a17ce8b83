"""ServicesModel: model contract, numeric sort, filters, changes."""

from __future__ import annotations

from decimal import Decimal
from types import MappingProxyType

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt
from PySide6.QtGui import QTextDocument
from pytestqt.modeltest import ModelTester

from smmdesk.api import Service
from smmdesk.store import CatalogueDiff
from smmdesk.ui.catalogue.services_model import (
    SERVICE_ROLE,
    SORT_ROLE,
    Column,
    ServiceFilter,
    ServicesModel,
)


def service(sid: str, name: str, rate: str, category: str = "Instagram", **flags: bool) -> Service:
    return Service(sid, name, "Default", category, Decimal(rate), 10, 1000, **flags)


CATALOGUE = [
    service("10", "Instagram Followers", "9.5", refill=True),
    service("2", "Instagram Likes", "10", cancel=True),
    service("33", "TikTok Views", "0.0125", "TikTok", dripfeed=True),
    service("ab-1", "YouTube Views", "1.2", "YouTube", refill=True, cancel=True),
]


@pytest.fixture
def model() -> ServicesModel:
    built = ServicesModel()
    built.set_catalogue(CATALOGUE, None, "USD")
    return built


def column_values(model: ServicesModel, column: Column) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_model_passes_the_model_tester(qtmodeltester: ModelTester, model: ServicesModel) -> None:
    qtmodeltester.check(model)
    model.set_filter(ServiceFilter(text="views"))
    model.sort(Column.RATE)
    qtmodeltester.check(model)


def test_display_roles(model: ServicesModel) -> None:
    assert model.index(0, Column.RATE).data() == "9.50 USD"
    assert model.index(2, Column.RATE).data() == "0.0125 USD"
    assert model.index(0, Column.REFILL).data() == "✓"
    assert model.index(0, Column.CANCEL).data() == ""
    assert model.index(1, Column.RATE).data(SORT_ROLE) == Decimal("10")
    assert model.index(3, Column.ID).data(SERVICE_ROLE) is CATALOGUE[3]
    assert model.headerData(Column.DRIPFEED, Qt.Orientation.Horizontal) == "Drip-feed"


def test_rates_sort_numerically_not_as_text(model: ServicesModel) -> None:
    model.sort(Column.RATE, Qt.SortOrder.AscendingOrder)
    assert column_values(model, Column.ID) == ["33", "ab-1", "10", "2"]
    model.sort(Column.RATE, Qt.SortOrder.DescendingOrder)
    assert column_values(model, Column.ID) == ["2", "10", "ab-1", "33"]


def test_ids_sort_numerically_then_opaque_ones(model: ServicesModel) -> None:
    model.sort(Column.ID, Qt.SortOrder.AscendingOrder)
    assert column_values(model, Column.ID) == ["2", "10", "33", "ab-1"]
    model.sort(-1)
    assert column_values(model, Column.ID) == ["10", "2", "33", "ab-1"]


def test_selection_follows_its_row_through_a_sort(model: ServicesModel) -> None:
    held = QPersistentModelIndex(model.index(0, Column.NAME))
    model.sort(Column.RATE)
    assert held.data() == "Instagram Followers"
    assert held.row() == 2


def test_text_search_matches_name_category_and_id_case_insensitively(
    model: ServicesModel,
) -> None:
    model.set_filter(ServiceFilter(text="VIEWS"))
    assert column_values(model, Column.ID) == ["33", "ab-1"]
    model.set_filter(ServiceFilter(text="tiktok"))
    assert column_values(model, Column.ID) == ["33"]
    model.set_filter(ServiceFilter(text="ab-"))
    assert column_values(model, Column.ID) == ["ab-1"]
    model.set_filter(ServiceFilter(text="nothing like this"))
    assert model.rowCount() == 0


def test_search_matches_every_word_in_any_order_without_accents() -> None:
    model = ServicesModel()
    model.set_catalogue(
        [
            service("1", "Instagram Followers | Brazil", "1"),
            service("2", "Seguidores Promoção", "1"),
            service("3", "Instagram Followers | India", "1"),
        ],
        None,
        "USD",
    )
    model.set_filter(ServiceFilter(text="brazil  instagram FOLLOWERS"))
    assert column_values(model, Column.ID) == ["1"]
    model.set_filter(ServiceFilter(text="promocao SEGUIDORES"))
    assert column_values(model, Column.ID) == ["2"]


@pytest.mark.parametrize(
    "typed",
    [
        ("v", "vi", "vie", "view", "views"),  # typing on narrows
        ("views", "view", "vi", ""),  # deleting widens
        ("tik", "tik views", "views"),  # a word removed widens again
        ("views", "you views", "yo views", "tube views"),
    ],
)
def test_typing_and_deleting_shows_what_a_fresh_search_shows(
    model: ServicesModel, typed: tuple[str, ...]
) -> None:
    for text in typed:
        model.set_filter(ServiceFilter(text=text))
        fresh = ServicesModel()
        fresh.set_catalogue(CATALOGUE, None, "USD")
        fresh.set_filter(ServiceFilter(text=text))
        assert column_values(model, Column.ID) == column_values(fresh, Column.ID), text


def test_category_and_flag_filters_combine(model: ServicesModel) -> None:
    model.set_filter(ServiceFilter(category="Instagram"))
    assert column_values(model, Column.ID) == ["10", "2"]
    model.set_filter(ServiceFilter(refill=True))
    assert column_values(model, Column.ID) == ["10", "ab-1"]
    model.set_filter(ServiceFilter(refill=True, cancel=True))
    assert column_values(model, Column.ID) == ["ab-1"]
    model.set_filter(ServiceFilter(dripfeed=True, text="tik"))
    assert column_values(model, Column.ID) == ["33"]


def test_filter_survives_a_new_catalogue(model: ServicesModel) -> None:
    model.set_filter(ServiceFilter(text="views"))
    model.set_catalogue([*CATALOGUE, service("5", "Twitter Views", "3")], None, "USD")
    assert column_values(model, Column.ID) == ["33", "ab-1", "5"]


def test_new_and_repriced_services_are_marked(model: ServicesModel) -> None:
    diff = CatalogueDiff(
        added=frozenset({"33"}),
        removed=frozenset(),
        repriced=MappingProxyType({"10": (Decimal("8"), Decimal("9.5"))}),
    )
    model.set_catalogue(CATALOGUE, diff, "USD")
    assert model.index(2, Column.NAME).data() == "New · TikTok Views"
    assert model.index(0, Column.RATE).data() == "9.50 USD ↑"
    tooltip = model.index(0, Column.NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert shown(tooltip) == "was 8.00 USD, now 9.50 USD"
    assert model.index(0, Column.ID).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(1, Column.ID).data(Qt.ItemDataRole.BackgroundRole) is None
    model.set_filter(ServiceFilter(changes_only=True))
    assert column_values(model, Column.ID) == ["10", "33"]


def test_first_fetch_highlights_nothing(model: ServicesModel) -> None:
    model.set_catalogue(CATALOGUE, CatalogueDiff(is_first_fetch=True), "USD")
    assert model.changes == {}


def test_currency_change_updates_rates(qtbot: object, model: ServicesModel) -> None:
    model.set_currency("EUR")
    assert model.index(0, Column.RATE).data() == "9.50 EUR"


def shown(tooltip: str) -> str:
    """What a tooltip displays: its rich text rendered, or the text as it is."""
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText()

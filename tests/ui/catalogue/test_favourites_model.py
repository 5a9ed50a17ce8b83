"""ServicesModel with favourites: the star column, the Favourites filter, sorting by star,
and favourites the panel no longer lists (greyed, "no longer listed", never dropped)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from types import MappingProxyType

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester

from smmdesk.api import Service
from smmdesk.store import CatalogueDiff, Favourite
from smmdesk.ui.catalogue.favourite_cells import NO_STAR, STAR
from smmdesk.ui.catalogue.services_model import Column, ServiceFilter, ServicesModel
from smmdesk.ui.common.tones import Tone
from tests.ui.cell_looks import assert_looks_match_roles

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
CATALOGUE = [
    Service("10", "Instagram Followers", "Default", "Instagram", Decimal("9.5"), 10, 1000),
    Service("2", "Instagram Likes", "Default", "Instagram", Decimal("1"), 10, 1000, refill=True),
    Service("33", "TikTok Views", "Default", "TikTok", Decimal("0.2"), 10, 1000),
]
GONE = Favourite(1, "77", "Seguidores Promoção <b>", "Instagram 🇧🇷", T0)


def favourite(service: Service) -> Favourite:
    return Favourite(1, service.id, service.name, service.category, T0)


@pytest.fixture
def model() -> ServicesModel:
    built = ServicesModel()
    built.set_catalogue(CATALOGUE, None, "USD")
    built.set_favourites([favourite(CATALOGUE[2]), GONE])
    return built


def names(model: ServicesModel) -> list[str]:
    return [model.index(row, Column.NAME).data() for row in range(model.rowCount())]


def test_the_model_tester_passes_with_stars_and_gone_rows(
    qtmodeltester: ModelTester, model: ServicesModel
) -> None:
    qtmodeltester.check(model)
    model.set_filter(ServiceFilter(favourites_only=True))
    qtmodeltester.check(model)
    model.sort(Column.FAVOURITE)
    model.set_favourites([GONE])
    qtmodeltester.check(model)


def test_the_star_column_says_which_are_favourites(model: ServicesModel) -> None:
    stars = [model.index(row, Column.FAVOURITE).data() for row in range(3)]
    assert stars == [NO_STAR, NO_STAR, STAR]
    starred = model.index(2, Column.FAVOURITE)
    assert starred.data(Qt.ItemDataRole.AccessibleTextRole) == "Favourite"
    assert starred.data(Qt.ItemDataRole.ForegroundRole) == model.tones.text(Tone.WARN)
    assert "Remove from favourites" in starred.data(Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(Column.FAVOURITE, Qt.Orientation.Horizontal) == STAR
    header_name = model.headerData(
        Column.FAVOURITE, Qt.Orientation.Horizontal, Qt.ItemDataRole.AccessibleTextRole
    )
    assert header_name == "Favourite"


def test_gone_favourites_show_only_among_favourites(model: ServicesModel) -> None:
    assert model.rowCount() == 3 and model.gone == [GONE]
    model.set_filter(ServiceFilter(favourites_only=True))
    assert names(model) == ["TikTok Views", "No longer listed · Seguidores Promoção <b>"]
    assert model.service(1) is None and model.gone_at(1) == GONE
    gone_name = model.index(1, Column.NAME)
    assert gone_name.data(Qt.ItemDataRole.ForegroundRole) == model.tones.text(Tone.MUTED)
    assert "no longer lists" in gone_name.data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;" in gone_name.data(Qt.ItemDataRole.ToolTipRole)  # plain text
    assert model.index(1, Column.FAVOURITE).data() == STAR
    assert model.index(1, Column.RATE).data() == ""


def test_search_and_filters_apply_to_gone_favourites(model: ServicesModel) -> None:
    model.set_filter(ServiceFilter(text="promocao seguidores", favourites_only=True))
    assert names(model) == ["No longer listed · Seguidores Promoção <b>"]
    model.set_filter(ServiceFilter(text="tiktok", favourites_only=True))
    assert names(model) == ["TikTok Views"]
    model.set_filter(ServiceFilter(favourites_only=True, refill=True))
    assert names(model) == []  # what it allows is unknown now


def test_a_star_changes_the_favourites_view_at_once(model: ServicesModel) -> None:
    model.set_filter(ServiceFilter(favourites_only=True))
    selected = QPersistentModelIndex(model.index(1, Column.NAME))  # the gone one
    model.set_favourites([favourite(CATALOGUE[0]), favourite(CATALOGUE[2]), GONE])
    assert names(model)[:2] == ["Instagram Followers", "TikTok Views"]
    assert selected.row() == 2  # the selection follows its row
    model.set_favourites([favourite(CATALOGUE[0])])
    assert names(model) == ["Instagram Followers"]
    assert not selected.isValid()


def test_sorting_by_star_puts_favourites_first(model: ServicesModel) -> None:
    model.sort(Column.FAVOURITE, Qt.SortOrder.AscendingOrder)
    assert names(model)[0] == "TikTok Views"
    model.set_favourites([favourite(CATALOGUE[1])])  # re-sorted while sorted by star
    assert names(model)[0] == "Instagram Likes"
    model.sort(Column.FAVOURITE, Qt.SortOrder.DescendingOrder)
    assert names(model)[-1] == "Instagram Likes"


def test_a_favourite_comes_back_when_the_panel_lists_it_again(model: ServicesModel) -> None:
    model.set_filter(ServiceFilter(favourites_only=True))
    back = Service("77", "Seguidores", "Default", "Instagram 🇧🇷", Decimal("3"), 10, 100)
    model.set_catalogue([*CATALOGUE, back], None, "USD")
    assert model.gone == []
    assert [model.service(row) for row in range(model.rowCount())] == [CATALOGUE[2], back]


def test_a_painted_cell_looks_as_its_roles_say(model: ServicesModel) -> None:
    """What `TextCellDelegate` paints (`cell_look`) is what `data()` answers, stars,
    changes and favourites the panel no longer lists included (those go to the style)."""
    diff = CatalogueDiff(
        added=frozenset({"33"}),
        removed=frozenset(),
        repriced=MappingProxyType({"10": (Decimal("8"), Decimal("9.5"))}),
    )
    model.set_catalogue(CATALOGUE, diff, "USD")
    model.set_filter(ServiceFilter(favourites_only=True))
    model.set_filter(ServiceFilter())
    assert model.rowCount() == 3
    assert_looks_match_roles(model, Column)
    model.set_filter(ServiceFilter(favourites_only=True))
    gone_row = model.rowCount() - 1
    assert model.gone_at(gone_row) == GONE
    assert all(model.cell_look(gone_row, column) is None for column in Column)

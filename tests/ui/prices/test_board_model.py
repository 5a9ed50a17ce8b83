"""The price board's model as the search line drives it: rows filtered in board order, the
selection kept on its service, no layout change when the same rows match."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from smmdesk.api import Service
from smmdesk.services.price_board import PanelCatalogue, PriceIndex
from smmdesk.ui.prices.board_model import ROW_ROLE, Column, PriceBoardModel
from tests.ui.cell_looks import assert_looks_match_roles

SERVICES = [
    Service(str(number), name, "Default", category, Decimal(rate), 10, 1000)
    for number, (name, category, rate) in enumerate(
        [
            ("Instagram Followers | Brazil", "Instagram", "0.50"),
            ("Instagram Likes | HQ", "Instagram", "0.20"),
            ("TikTok Views", "TikTok", "0.01"),
            ("Instagram Followers | Türkiye", "Instagram", "0.90"),
        ]
    )
]


def board() -> PriceBoardModel:
    model = PriceBoardModel()
    model.set_index(PriceIndex([PanelCatalogue(1, "Panel", "USD", SERVICES)], "USD", {}))
    return model


def names(model: PriceBoardModel) -> list[str]:
    return [model.index(row, Column.SERVICE).data() for row in range(model.rowCount())]


def test_typing_and_deleting_filters_in_board_order(qtmodeltester: ModelTester) -> None:
    model = board()
    qtmodeltester.check(model)
    for query, expected in [
        ("i", ["TikTok Views", "Instagram Likes | HQ", "Instagram Followers | Brazil",
               "Instagram Followers | Türkiye"]),
        ("insta", ["Instagram Likes | HQ", "Instagram Followers | Brazil",
                   "Instagram Followers | Türkiye"]),
        ("insta fol", ["Instagram Followers | Brazil", "Instagram Followers | Türkiye"]),
        ("insta fol turk", ["Instagram Followers | Türkiye"]),
        ("insta fol", ["Instagram Followers | Brazil", "Instagram Followers | Türkiye"]),
        ("", ["TikTok Views", "Instagram Likes | HQ", "Instagram Followers | Brazil",
              "Instagram Followers | Türkiye"]),
    ]:  # fmt: skip
        model.set_query(query)
        assert names(model) == expected, query
    qtmodeltester.check(model)


def test_the_selected_service_stays_selected_while_it_matches(qtbot: QtBot) -> None:
    model = board()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    model.set_query("instagram")
    selection = view.selectionModel()
    flags = (
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    selection.select(model.index(2, 0), flags)  # Instagram Followers | Türkiye
    model.set_query("instagram followers")
    [selected] = selection.selectedRows()
    assert selected.data(ROW_ROLE).service.name == "Instagram Followers | Türkiye"
    model.set_query("tiktok")
    assert selection.selectedRows() == []


def test_a_key_that_lets_the_same_rows_through_changes_no_layout(qtbot: QtBot) -> None:
    model = board()
    model.set_query("tik")
    with qtbot.assertNotEmitted(model.layoutChanged, wait=0):
        model.set_query("tikt")
        model.set_query("tiktok ")
    with qtbot.waitSignal(model.layoutChanged, timeout=0):
        model.set_query("tiktok x")
    assert model.rowCount() == 0


def test_cells_answer_their_text_and_alignment() -> None:
    model = board()
    model.set_query("tiktok")
    rate = model.index(0, Column.RATE)
    assert rate.data() == model.display(0, Column.RATE) == "0.01 USD per 1000"
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    assert rate.data(Qt.ItemDataRole.TextAlignmentRole) == right.value


def test_a_painted_cell_looks_as_its_roles_say() -> None:
    """What `TextCellDelegate` paints (`cell_look`) is what `data()` answers."""
    model = board()
    model.set_query("")
    assert model.rowCount() > 1
    assert_looks_match_roles(model, Column)

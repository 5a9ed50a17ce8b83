"""Sorting an insight table: a header click reorders the model's rows once, amounts as
numbers, rows without a value last, the selection kept, and new rows in the same order."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import IntEnum
from types import MappingProxyType

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from smmdesk.services.reports import ReportLine
from smmdesk.ui.insight.report_model import ReportColumn, ReportModel
from smmdesk.ui.insight.rows_model import ROW_ROLE, RowsModel, SortProxy
from smmdesk.ui.insight.tables import insight_table

DAY = date(2026, 11, 30)
ASCENDING, DESCENDING = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


def line(group: str, spend: str, profit: str | None = None, day: date = DAY) -> ReportLine:
    """A line of one order; amounts in units of 10^-7, as a report keeps them."""
    priced = 0 if profit is None else 1
    units = None if profit is None else int(Decimal(profit).scaleb(7))
    return ReportLine(day, group, group, "USD", 1, int(Decimal(spend).scaleb(7)), priced, 0, units)


LINES = [
    line("Likes", "9.50", "1.00"),
    line("views", "10.25"),
    line("Followers", "100.00", "-2.00"),
    line("comments", "9.50", "0.50"),
]


@pytest.fixture
def table(qtbot: QtBot) -> QTableView:
    model = ReportModel()
    view = insight_table(None, "table", SortProxy(model))  # type: ignore[arg-type]
    qtbot.addWidget(view)
    model.set_rows(LINES)
    view.show()
    return view


def groups(view: QTableView) -> list[str]:
    model = view.model()
    return [model.index(row, ReportColumn.GROUP).data() for row in range(model.rowCount())]


def click(qtbot: QtBot, view: QTableView, column: int) -> None:
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_the_rows_come_as_given_until_a_header_is_clicked(table: QTableView) -> None:
    assert groups(table) == ["Likes", "views", "Followers", "comments"]


def test_amounts_sort_as_numbers_and_equal_ones_keep_their_order(
    qtbot: QtBot, table: QTableView
) -> None:
    click(qtbot, table, ReportColumn.SPEND)
    assert groups(table) == ["Likes", "comments", "views", "Followers"]
    click(qtbot, table, ReportColumn.SPEND)
    assert table.horizontalHeader().sortIndicatorOrder() == DESCENDING
    assert groups(table) == ["Followers", "views", "Likes", "comments"]


def test_names_sort_without_regard_to_case(table: QTableView) -> None:
    table.sortByColumn(ReportColumn.GROUP, ASCENDING)
    assert groups(table) == ["comments", "Followers", "Likes", "views"]


@pytest.mark.parametrize("order", [ASCENDING, DESCENDING])
def test_lines_without_a_profit_go_last_either_way(table: QTableView, order: Qt.SortOrder) -> None:
    table.sortByColumn(ReportColumn.PROFIT, order)
    expected = ["Followers", "comments", "Likes"]
    assert groups(table) == [*(expected if order == ASCENDING else expected[::-1]), "views"]


def test_the_selected_line_stays_selected_when_sorted(table: QTableView) -> None:
    table.selectRow(1)  # views
    table.sortByColumn(ReportColumn.SPEND, DESCENDING)
    selected = table.selectionModel().selectedRows()
    assert [index.data(ROW_ROLE).group for index in selected] == ["views"]
    assert selected[0].row() == 1
    table.sortByColumn(ReportColumn.GROUP, ASCENDING)
    assert [index.row() for index in table.selectionModel().selectedRows()] == [3]


def test_new_rows_come_in_the_order_the_user_chose(table: QTableView) -> None:
    table.sortByColumn(ReportColumn.SPEND, DESCENDING)
    model = table.model().sourceModel()
    model.set_rows([line("a", "1"), line("b", "3"), line("c", "2")])
    assert groups(table) == ["b", "c", "a"]
    table.sortByColumn(-1, ASCENDING)
    assert groups(table) == ["a", "b", "c"]


def test_sorting_keeps_the_model_consistent(
    qtbot: QtBot, table: QTableView, qtmodeltester: ModelTester
) -> None:
    qtmodeltester.check(table.model())
    for column in ReportColumn:
        for order in (ASCENDING, DESCENDING):
            table.sortByColumn(column, order)
            assert sorted(groups(table)) == sorted(line.group for line in LINES)


class Mixed(IntEnum):
    VALUE = 0


class MixedModel(RowsModel[tuple[str, object]]):
    """Values of kinds that do not compare with each other."""

    columns = Mixed
    context = "Test"
    titles = MappingProxyType({Mixed.VALUE: "Value"})

    def display(self, row: tuple[str, object], column: int) -> str:
        return row[0]

    def sort_value(self, row: tuple[str, object], column: int) -> object:
        return row[1]


def test_values_that_do_not_compare_sort_as_text(qtbot: QtBot) -> None:
    model = MixedModel()
    model.set_rows([("b", 2), ("a", "10"), ("c", None), ("d", 1)])
    model.sort(Mixed.VALUE, ASCENDING)
    assert [row[0] for row in model.rows] == ["d", "a", "b", "c"]

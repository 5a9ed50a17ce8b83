"""The table view every insight tab uses: whole rows selected, sortable by any column,
no wrapped text, rows one line high."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


def insight_table(
    parent: QWidget,
    name: str,
    model: QAbstractItemModel,
    stretch: int | None = None,
) -> QTableView:
    """`stretch`: the column that takes the spare width (else the last one)."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setSortingEnabled(True)
    table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def fit_columns(table: QTableView, caps: dict[int, int]) -> None:
    """Columns as wide as their contents (Qt samples the rows), the text columns in
    `caps` no wider than that many em; the stretched column keeps its stretch."""
    header = table.horizontalHeader()
    em = table.fontMetrics().horizontalAdvance("M")
    for column in range(header.count()):
        if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch:
            continue
        table.resizeColumnToContents(column)
        cap = caps.get(column)
        if cap is not None and table.columnWidth(column) > cap * em:
            table.setColumnWidth(column, cap * em)

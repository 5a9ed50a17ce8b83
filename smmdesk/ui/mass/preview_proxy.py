"""`PreviewProxy`: the mass-order preview one kind of line at a time (the tabs).

It filters with its own regular expression on `KIND_ROLE`, so showing every line costs no
call-back per row; sorting is handed to `PreviewModel.sort` (see `preview_model`).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
)

from smmdesk.services.mass_check import CheckedLine
from smmdesk.ui.mass.columns import PreviewColumn
from smmdesk.ui.mass.preview_model import KIND_ROLE, PreviewModel

AnyIndex = QModelIndex | QPersistentModelIndex


class PreviewProxy(QSortFilterProxyModel):
    """Shows the lines of one kind (`show("held")`), or all (`show("")`); sorting is
    handed to `PreviewModel.sort` (see the module's docstring)."""

    def __init__(self, source: PreviewModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self.setSourceModel(source)
        self.setFilterRole(KIND_ROLE)
        # The kinds are the same in every column of a row; the Result column is the one
        # every change of them touches (see `PreviewModel.set_outcomes`).
        self.setFilterKeyColumn(PreviewColumn.RESULT)
        self.setDynamicSortFilter(True)
        self.kind = ""

    def show(self, kind: str) -> None:
        """Only rows whose `kinds` include the word `kind`; "" shows every row."""
        self.kind = kind
        pattern = f"(^| ){QRegularExpression.escape(kind)}( |$)" if kind else ""
        self.setFilterRegularExpression(pattern)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._source.sort(column, order)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """The source's flags without mapping the index to it (they depend on the column
        only, and every column is shown): one call-back per painted cell instead of four."""
        if not index.isValid():
            return super().flags(index)
        return self._source.column_flags(index.column())

    def multiData(self, index: AnyIndex, roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:
        """All of a cell's roles in one call-back: `QSortFilterProxyModel` has no
        `multiData` of its own, so a view painting through it asked the model's `data`
        once per role (756 call-backs for a 30-row repaint instead of ~250)."""
        if not index.isValid():
            return
        # Showing every line, the proxy's row is the source's (it never sorts by itself):
        # no mapping, which calls back into the model for each painted cell.
        row = self.mapToSource(index).row() if self.kind else index.row()
        self._source.fill_cell(row, index.column(), roleDataSpan)

    def line(self, row: int) -> CheckedLine:
        return self._source.line(self.mapToSource(self.index(row, 0)).row())

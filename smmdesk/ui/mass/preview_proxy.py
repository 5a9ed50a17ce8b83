"""`PreviewProxy`: the mass-order preview one kind of line at a time (the tabs).

It filters with its own regular expression on `KIND_ROLE`, so showing every line costs no
call-back per row; sorting is handed to `PreviewModel.sort` (see `preview_model`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRegularExpression, QSortFilterProxyModel, Qt

from smmdesk.services.mass_check import CheckedLine
from smmdesk.ui.mass.columns import PreviewColumn
from smmdesk.ui.mass.preview_model import KIND_ROLE, PreviewModel


class PreviewProxy(QSortFilterProxyModel):
    """Shows the lines of one kind (`show("held")`), or all (`show("")`); sorting is
    handed to `PreviewModel.sort` (see the module's docstring)."""

    def __init__(self, source: PreviewModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self.setSourceModel(source)
        self.setFilterRole(KIND_ROLE)
        self.setFilterKeyColumn(PreviewColumn.LINE)
        self.setDynamicSortFilter(True)
        self.kind = ""

    def show(self, kind: str) -> None:
        """Only rows whose `kinds` include the word `kind`; "" shows every row."""
        self.kind = kind
        pattern = f"(^| ){QRegularExpression.escape(kind)}( |$)" if kind else ""
        self.setFilterRegularExpression(pattern)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._source.sort(column, order)

    def line(self, row: int) -> CheckedLine:
        return self._source.line(self.mapToSource(self.index(row, 0)).row())

"""`RowsModel`: the read-only table model the insight tabs share. Rows are frozen values,
columns an `IntEnum`; each tab's model says what a cell shows (`display`) and what it
sorts by (`sort_value`, so "5 h" sorts after "50 min" and amounts sort as numbers).
Column titles are marked with QT_TRANSLATE_NOOP in the model's `context` and translated
when the header asks.

The model sorts its rows itself, working out each row's sort value once; the tab's
`SortProxy` hands a header click to it. The proxy sorting by itself asked for two sort
values per comparison: a year's report by day and service (35,000 lines) froze the
window for 7.6-10.4 s per click, and again at each new report while sorted.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from enum import IntEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from smmdesk.ui.common.text import plain_tooltip

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
translate = QCoreApplication.translate


class RowsModel(QAbstractTableModel, Generic[Row]):
    """Subclasses set `columns`, `context` (the translation context of their `titles`),
    `titles`, `numeric` and implement `display` and `sort_value`; `tooltip_columns` show
    their text as a (plain) tooltip too."""

    columns: type[IntEnum]
    context: str
    titles: Mapping[Any, object]
    numeric: frozenset[int] = frozenset()
    tooltip_columns: frozenset[int] = frozenset()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self._given: list[Row] = []  # in the order they came, for "not sorted"
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)

    def set_rows(self, rows: Sequence[Row]) -> None:
        """New rows, in the order the user sorted by (else as given)."""
        self.beginResetModel()
        self._given = list(rows)
        self.rows = self._sorted(*self._sort)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows in one layout change, persistent indexes (the selection)
        following their rows; -1 restores the order they came in."""
        if (column, order) == self._sort:  # a view sorting by code asks twice
            return
        self._sort = (column, order)
        if not self.rows:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [self.rows[index.row()] for index in persistent]
        self.rows = self._sorted(column, order)
        if persistent:
            position = {id(row): at for at, row in enumerate(self.rows)}
            moved = [
                self.index(position[id(row)], index.column())
                for row, index in zip(held, persistent, strict=True)
            ]
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _sorted(self, column: int, order: Qt.SortOrder) -> list[Row]:
        """The rows by `sort_value` in `column` (equal values keep their order), rows
        without one (None) last either way; values of kinds that do not compare are
        compared as text."""
        rows = self._given
        if column < 0 or column >= len(self.columns):
            return list(rows)
        values = list(map(self.sort_key(column), rows))
        known = [at for at, value in enumerate(values) if value is not None]
        unknown = [at for at, value in enumerate(values) if value is None]
        descending = order == Qt.SortOrder.DescendingOrder
        try:
            known.sort(key=values.__getitem__, reverse=descending)
        except TypeError:
            texts = [str(value) for value in values]
            known.sort(key=texts.__getitem__, reverse=descending)
        return [rows[at] for at in known + unknown]

    def display(self, row: Row, column: int) -> str:
        """How `row` reads in `column`: each insight model says it (the one hook it must
        give); the base has no columns of its own to read."""
        raise NotImplementedError(f"{type(self).__name__} must say how its rows read")

    def sort_value(self, row: Row, column: int) -> Any:
        """What `row` sorts by in `column` (None: last)."""
        return self.display(row, column)

    def sort_key(self, column: int) -> Callable[[Row], Any]:
        """`sort_value` for `column` as a function of the row: a model with many rows
        gives one that reads the field straight away."""
        return lambda row: self.sort_value(row, column)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.columns):
            return translate(self.context, str(self.titles[section]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in self.numeric else _LEFT
        if role == Qt.ItemDataRole.ToolTipRole and column in self.tooltip_columns:
            return plain_tooltip(self.display(row, column))
        if role == ROW_ROLE:
            return row
        return None


class SortProxy(QSortFilterProxyModel):
    """The tab's proxy: a header click is handed to `RowsModel.sort` (see the module's
    docstring); the proxy never sorts by itself."""

    def __init__(self, source: RowsModel[Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self.setSourceModel(source)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._source.sort(column, order)

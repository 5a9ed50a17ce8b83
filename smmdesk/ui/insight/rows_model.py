"""`RowsModel`: the read-only table model the insight tabs share. Rows are frozen values,
columns an `IntEnum`; each tab's model says what a cell shows (`display`) and what it
sorts by (`sort_value`, served as `SORT_ROLE` to the tab's `QSortFilterProxyModel`, so
"5 h" sorts after "50 min" and amounts sort as numbers). Column titles are marked with
QT_TRANSLATE_NOOP in the model's `context` and translated when the header asks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
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

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def display(self, row: Row, column: int) -> str:
        """How `row` reads in `column`: each insight model says it (the one hook it must
        give); the base has no columns of its own to read."""
        raise NotImplementedError(f"{type(self).__name__} must say how its rows read")

    def sort_value(self, row: Row, column: int) -> Any:
        return self.display(row, column)

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
        if role == SORT_ROLE:
            return self.sort_value(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in self.numeric else _LEFT
        if role == Qt.ItemDataRole.ToolTipRole and column in self.tooltip_columns:
            return plain_tooltip(self.display(row, column))
        if role == ROW_ROLE:
            return row
        return None


class SortProxy(QSortFilterProxyModel):
    """Sorts by `SORT_ROLE`; values that cannot be compared (None) go last."""

    def __init__(self, source: QAbstractTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None:
            return a is not None and b is None
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)

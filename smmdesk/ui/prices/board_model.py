"""`PriceBoardModel`: the rows of a `PriceIndex` that match the search, in board order.

The index is already in price order and searching only filters it, so a keystroke is a
look-up in the index's words and one layout change, or none when the same rows match
(typing on within a word often lets the same ones through); the view pages through the
positions. A row's texts are formatted once, when it is first shown, and kept.
"""

from __future__ import annotations

from bisect import bisect_left
from enum import IntEnum
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from smmdesk.api.refill_terms import RefillTerms, refill_terms
from smmdesk.services.price_board import PriceIndex, PriceRow
from smmdesk.services.scorecard import Spread
from smmdesk.ui.common.format import format_count, format_money, priced
from smmdesk.ui.common.roles import fill_roles
from smmdesk.ui.common.text import plain_tooltip
from smmdesk.ui.common.text_cells import CellLook
from smmdesk.ui.insight.wording import format_duration, spread_sentence

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole
CHECK_MARK = "✓"
NOT_COMPARED = str(QT_TRANSLATE_NOOP("PriceBoardModel", "not compared"))  # translated when shown


class Column(IntEnum):
    PANEL = 0
    SERVICE = 1
    TYPE = 2
    RATE = 3
    PANEL_RATE = 4
    MIN = 5
    MAX = 6
    REFILL = 7
    CANCEL = 8
    COMPLETION = 9

    @property
    def title(self) -> str:
        """The column's header, in the user's language."""
        return translate("PriceBoardModel", str(_TITLES[self]))


_TITLES = {
    Column.PANEL: QT_TRANSLATE_NOOP("PriceBoardModel", "Panel"),
    Column.SERVICE: QT_TRANSLATE_NOOP("PriceBoardModel", "Service"),
    Column.TYPE: QT_TRANSLATE_NOOP("PriceBoardModel", "Type"),
    Column.RATE: QT_TRANSLATE_NOOP("PriceBoardModel", "Rate"),
    Column.PANEL_RATE: QT_TRANSLATE_NOOP("PriceBoardModel", "Panel's rate"),
    Column.MIN: QT_TRANSLATE_NOOP("PriceBoardModel", "Min"),
    Column.MAX: QT_TRANSLATE_NOOP("PriceBoardModel", "Max"),
    Column.REFILL: QT_TRANSLATE_NOOP("PriceBoardModel", "Refill"),
    Column.CANCEL: QT_TRANSLATE_NOOP("PriceBoardModel", "Cancel"),
    Column.COMPLETION: QT_TRANSLATE_NOOP("PriceBoardModel", "Completion"),
}
COMPLETION_TIP = str(
    QT_TRANSLATE_NOOP(
        "PriceBoardModel",
        "From your own orders: the median time from placed to completed, and in brackets how "
        "many orders it rests on. Empty: you never had an order of it completed.",
    )
)
_COLUMN_COUNT = len(Column)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_LEFT = int((Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value)
_NUMERIC = frozenset({Column.RATE, Column.PANEL_RATE, Column.MIN, Column.MAX, Column.COMPLETION})
# Plain ints: an enum handed to Qt is converted on every call (it showed in a repaint).
_ALIGNMENTS = tuple(_RIGHT if column in _NUMERIC else _LEFT for column in Column)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ROW = int(ROW_ROLE.value)


def refill_text(terms: RefillTerms, allowed: bool) -> str:
    """What the service promises, read from its texts; the panel's refill flag when the
    texts say nothing."""
    if terms.lifetime:
        return translate("PriceBoardModel", "Lifetime")
    if terms.none:
        return translate("PriceBoardModel", "No refill")
    if terms.days is not None:
        return translate("PriceBoardModel", "{count} days").format(count=format_count(terms.days))
    return CHECK_MARK if allowed else ""


def completion_text(completion: Spread | None) -> str:
    """`4 h 53 min (12)`: the median and the orders it rests on; empty without one."""
    if completion is None or completion.median is None:
        return ""
    return translate("PriceBoardModel", "{duration} ({orders})").format(
        duration=format_duration(completion.median), orders=format_count(completion.orders)
    )


class PriceBoardModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.index_: PriceIndex | None = None
        self.shown: list[int] = []
        self._query = ""
        self._texts: dict[int, tuple[str, ...]] = {}  # board position → display texts

    def set_index(self, index: PriceIndex) -> None:
        """A new index (catalogues or rates changed): one reset, the search kept."""
        self.beginResetModel()
        self.index_ = index
        self._texts = {}
        self.shown = index.search(self._query)
        self.endResetModel()

    def show_completions(self, positions: list[int]) -> None:
        """These rows' completion times changed (`PriceIndex.set_completions`)."""
        for position in positions:
            self._texts.pop(position, None)
        if positions and self.shown:
            last = len(self.shown) - 1
            self.dataChanged.emit(
                self.index(0, Column.COMPLETION), self.index(last, Column.COMPLETION)
            )

    def set_query(self, query: str) -> None:
        """Show the rows matching every word of `query`: one layout change, or none when
        the same rows match (then nothing is repainted)."""
        self._query = query
        if self.index_ is None:
            return
        shown = self.index_.search(query)
        if shown is self.shown or shown == self.shown:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        positions = [self.shown[index.row()] for index in persistent]
        self.shown = shown
        moved = [
            self._index_of(at, index.column())
            for at, index in zip(positions, persistent, strict=True)
        ]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _index_of(self, position: int, column: int) -> QModelIndex:
        """Where the row at this board position is shown now, if it is (`shown` stays in
        board order: searching only filters it)."""
        row = bisect_left(self.shown, position)
        found = row < len(self.shown) and self.shown[row] == position
        return self.index(row, column) if found else QModelIndex()

    def row(self, at: int) -> PriceRow:
        assert self.index_ is not None
        return self.index_.rows[self.shown[at]]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < _COLUMN_COUNT:
            return None
        if role == _DISPLAY:
            return Column(section).title
        if role == _TOOLTIP and section == Column.COMPLETION:
            return translate("PriceBoardModel", COMPLETION_TIP)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self._value(index.row(), index.column(), role)

    def multiData(self, index: Index, roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:
        """One call-back per painted cell (see `smmdesk.ui.common.roles`)."""
        if index.isValid():
            fill_roles(roleDataSpan, partial(self._value, index.row(), index.column()))

    def cell_look(self, row: int, column: int) -> CellLook:
        """What `TextCellDelegate` paints: the display text and alignment `data()` gives
        (no cell has a colour of its own), in one call."""
        return self.display(row, column), _ALIGNMENTS[column], None, None

    def display(self, at: int, column: int) -> str:
        """The text shown in a cell, formatted when its row is first shown."""
        position = self.shown[at]
        texts = self._texts.get(position)
        if texts is None:
            texts = self._texts[position] = self._display_texts(self.row(at))
        return texts[column]

    def _value(self, at: int, column: int, role: int) -> Any:
        if role == _DISPLAY:
            return self.display(at, column)
        if role == _ALIGN:
            return _ALIGNMENTS[column]
        if role == _TOOLTIP and column == Column.SERVICE:
            return plain_tooltip(self.row(at).service.name)
        if role == _TOOLTIP and column == Column.COMPLETION:
            completion = self.row(at).completion
            return spread_sentence(completion) if completion is not None else None
        if role == _ROW:
            return self.row(at)
        return None

    def _display_texts(self, row: PriceRow) -> tuple[str, ...]:
        service = row.service
        board = self.index_.currency if self.index_ else ""
        rate = (
            priced(format_money(row.rate, board), row.per_package)
            if row.rate is not None
            else translate("PriceBoardModel", NOT_COMPARED)
        )
        return (
            row.panel_name,
            service.name,
            service.type,
            rate,
            format_money(service.rate, row.currency or None),
            format_count(service.min),
            format_count(service.max),
            refill_text(refill_terms(service), service.refill),
            CHECK_MARK if service.cancel else "",
            completion_text(row.completion),
        )

"""`RefillsModel`: a panel's refill requests as a table, with a sort-and-search proxy.

Refills number in the thousands, not the hundred thousands, so unlike the orders the
model holds them all, sorts them itself (each row's key worked out once per sort) and
keeps each row's folded text for `RefillsProxy`'s search (every word, in any order,
without case or accents, as the orders search does). The proxy asking the model for two
sort keys per comparison, and for a row's text freshly folded at each keystroke, took
1.5 s to show 10,000 refills, 2.0 s to sort them and 0.8 s per keystroke.

With every panel shown, the Panel column names each refill's panel. A refused request
(no refill ID, the panel's words in `error`) is a row too: it is history the user needs.

Signals: the standard model signals only.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from functools import partial

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QThread,
)

from smmdesk.api import RefillState
from smmdesk.search import fold, query_words
from smmdesk.store import RefillRecord
from smmdesk.ui.common.format import format_time
from smmdesk.ui.common.roles import fill_roles
from smmdesk.ui.common.text import plain_tooltip
from smmdesk.ui.common.tones import Tone, Tones, current_tones

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex
_NUMERIC_WIDTH = 30


class RefillColumn(IntEnum):
    REFILL_ID = 0
    ORDER_ID = 1
    PANEL = 2
    STATUS = 3
    CREATED = 4
    UPDATED = 5
    ERROR = 6


HEADERS = {
    RefillColumn.REFILL_ID: QT_TRANSLATE_NOOP("Refills", "Refill ID"),
    RefillColumn.ORDER_ID: QT_TRANSLATE_NOOP("Refills", "Order ID"),
    RefillColumn.PANEL: QT_TRANSLATE_NOOP("Refills", "Panel"),
    RefillColumn.STATUS: QT_TRANSLATE_NOOP("Refills", "Status"),
    RefillColumn.CREATED: QT_TRANSLATE_NOOP("Refills", "Requested"),
    RefillColumn.UPDATED: QT_TRANSLATE_NOOP("Refills", "Updated"),
    RefillColumn.ERROR: QT_TRANSLATE_NOOP("Refills", "Error"),
}
# A refill's state as the Status column names it (marked for lupdate).
STATE_WORDS = {
    RefillState.PENDING: QT_TRANSLATE_NOOP("Refills", "Pending"),
    RefillState.IN_PROGRESS: QT_TRANSLATE_NOOP("Refills", "In progress"),
    RefillState.COMPLETED: QT_TRANSLATE_NOOP("Refills", "Completed"),
    RefillState.REJECTED: QT_TRANSLATE_NOOP("Refills", "Rejected"),
    RefillState.FAILED: QT_TRANSLATE_NOOP("Refills", "Failed"),
    RefillState.UNKNOWN: QT_TRANSLATE_NOOP("Refills", "Unknown"),
}
assert set(STATE_WORDS) == set(RefillState)
_STATE_TONES = {
    RefillState.COMPLETED: Tone.GOOD,
    RefillState.IN_PROGRESS: Tone.BUSY,
    RefillState.REJECTED: Tone.BAD,
    RefillState.FAILED: Tone.BAD,
}


def refill_status(record: RefillRecord) -> str:
    """What the Status column says, in the user's language: a request the panel refused
    has no refill ID; a refill not yet checked is pending."""
    if record.refill_id is None:
        return translate("Refills", "Refused")
    state = record.state if record.state is not None else RefillState.PENDING
    return translate("Refills", str(STATE_WORDS[state]))


def refill_tone(record: RefillRecord) -> Tone | None:
    if record.refill_id is None:
        return Tone.BAD
    return None if record.state is None else _STATE_TONES.get(record.state)


def id_sort_key(value: str | None) -> str:
    """Numeric IDs in numeric order (`9` before `10`), then the others as text."""
    text = value or ""
    if text.isdigit() and len(text) <= _NUMERIC_WIDTH:
        return "0" + text.rjust(_NUMERIC_WIDTH, "0")
    return "1" + text.lower()


def _cell(record: RefillRecord, column: RefillColumn) -> str:
    if column is RefillColumn.REFILL_ID:
        return record.refill_id or ""
    if column is RefillColumn.ORDER_ID:
        return record.order_id
    if column is RefillColumn.STATUS:
        return refill_status(record)
    if column is RefillColumn.CREATED:
        return format_time(record.created_at)
    if column is RefillColumn.UPDATED:
        return format_time(record.updated_at)
    return record.error or ""


def _sort_key(record: RefillRecord, column: RefillColumn) -> str:
    if column is RefillColumn.REFILL_ID:
        return id_sort_key(record.refill_id)
    if column is RefillColumn.ORDER_ID:
        return id_sort_key(record.order_id)
    if column is RefillColumn.CREATED:
        return record.created_at.isoformat()
    if column is RefillColumn.UPDATED:
        return record.updated_at.isoformat()
    return _cell(record, column).lower()


class RefillsModel(QAbstractTableModel):
    """Rows are `RefillRecord`s; `RECORD_ROLE` gives the record."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RefillRecord] = []
        self._panel_names: Mapping[int, str] = {}
        self._tones = current_tones()
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self._texts: dict[int, str] = {}  # record ID → its row's folded text

    def set_records(self, records: list[RefillRecord]) -> bool:
        """Show `records`; True if the model had to reset (rows came or went).

        Same rows in the same order (only statuses moved) emit one ranged `dataChanged`,
        which keeps the view's selection.
        """
        assert QThread.currentThread() == self.thread(), "RefillsModel used off its thread"
        self._texts = {}
        ordered = self._sorted(records, *self._sort)
        if [r.id for r in ordered] == [r.id for r in self._rows]:
            self._rows = ordered
            if ordered:
                self.dataChanged.emit(self.index(0, 0), self._last_index())
            return False
        if sorted(r.id for r in ordered) == sorted(r.id for r in self._rows):
            self._relayout(ordered)  # a status moved a row: the selection stays with it
            return False
        self.beginResetModel()
        self._rows = ordered
        self.endResetModel()
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows in one layout change, the selection following its rows; -1
        keeps the order they came in from then on."""
        if (column, order) == self._sort:  # a view sorting by code asks twice
            return
        self._sort = (column, order)
        if self._rows:
            self._relayout(self._sorted(self._rows, column, order))

    def search_text(self, row: int) -> str:
        """Every cell of the row, folded for the search (worked out once per record)."""
        record = self._rows[row]
        text = self._texts.get(record.id)
        if text is None:
            cells = (self._cell(record, column) for column in RefillColumn)
            text = self._texts[record.id] = fold("\x1f".join(cells))
        return text

    def _sorted(
        self, records: list[RefillRecord], column: int, order: Qt.SortOrder
    ) -> list[RefillRecord]:
        if not 0 <= column < len(RefillColumn):
            return list(records)
        keys = [self._sort_key(record, RefillColumn(column)) for record in records]
        rows = sorted(
            range(len(records)),
            key=keys.__getitem__,
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        return [records[row] for row in rows]

    def _sort_key(self, record: RefillRecord, column: RefillColumn) -> str:
        if column is RefillColumn.PANEL:
            return self._cell(record, column).lower()
        return _sort_key(record, column)

    def _relayout(self, rows: list[RefillRecord]) -> None:
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [self._rows[index.row()].id for index in persistent]
        self._rows = rows
        if persistent:
            position = {record.id: row for row, record in enumerate(rows)}
            moved = [
                self.index(position[record_id], index.column())
                for record_id, index in zip(held, persistent, strict=True)
            ]
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def records(self) -> list[RefillRecord]:
        return list(self._rows)

    def set_panel_names(self, names: Mapping[int, str]) -> None:
        self._panel_names = dict(names)
        self._texts = {}
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self._last_index())

    def panel_name(self, panel_id: int) -> str:
        name = self._panel_names.get(panel_id)
        return name if name is not None else translate("Refills", "Panel {id}").format(id=panel_id)

    def set_tones(self, tones: Tones) -> None:
        self._tones = tones
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self._last_index())

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(RefillColumn)

    def multiData(self, index: AnyIndex, roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:
        """One call-back per painted cell (see `smmdesk.ui.common.roles`)."""
        if index.isValid():
            fill_roles(roleDataSpan, partial(self.data, index))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        column = RefillColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(record, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._cell(record, column))
        if role == RECORD_ROLE:
            return record
        tone = refill_tone(record)
        if tone is not None and role == Qt.ItemDataRole.ForegroundRole:
            return self._tones.text(tone) if column is RefillColumn.STATUS else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(RefillColumn):
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return translate("Refills", str(HEADERS[RefillColumn(section)]))

    def _cell(self, record: RefillRecord, column: RefillColumn) -> str:
        if column is RefillColumn.PANEL:
            return self.panel_name(record.panel_id)
        return _cell(record, column)

    def _last_index(self) -> QModelIndex:
        return self.index(len(self._rows) - 1, len(RefillColumn) - 1)


class RefillsProxy(QSortFilterProxyModel):
    """Searches every column: `set_search` by every word in any order (`smmdesk.search`),
    else Qt's fixed string. Sorting is handed to `RefillsModel.sort` (see the module's
    docstring): the proxy never sorts by itself."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._words: tuple[str, ...] = ()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._refills().sort(column, order)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._words = query_words(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._words:
            return super().filterAcceptsRow(source_row, source_parent)
        text = self._refills().search_text(source_row)
        return all(word in text for word in self._words)

    def _refills(self) -> RefillsModel:
        model = self.sourceModel()
        assert isinstance(model, RefillsModel), "RefillsProxy shows a RefillsModel"
        return model

"""`OrdersModel`: the order history as a table, read from the store a page at a time.

A history can hold 100,000 orders, so the model never loads it whole: it asks the store
for the total (`count_orders`) and the first page, and the view pulls further pages through
`canFetchMore`/`fetchMore` as the user scrolls. Filtering (status tab, search) and sorting
are part of the `OrderQuery`, executed by SQLite over the whole history with its indexes.

No `QSortFilterProxyModel` sits in between: one sorting by itself would sort only the
pages loaded so far, which is wrong for a history. The view's header calls
`OrdersModel.sort`, which re-queries the store with the new column and direction.

The model is only touched on the GUI thread (asserted): it reads the store there through
`LocalReads`, which is fast by design (≤ 50 ms a page at 100,000 orders).

Signals: the standard model signals only. `reload()` says whether it had to reset.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from enum import IntEnum
from functools import partial

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThread,
)
from PySide6.QtGui import QColor

from smmdesk.store import OrderQuery, OrderRecord
from smmdesk.ui.common.format import format_count, format_time
from smmdesk.ui.common.roles import fill_roles
from smmdesk.ui.common.text_cells import CellLook
from smmdesk.ui.common.tones import Tone, Tones, current_tones
from smmdesk.ui.orders.order_cells import (
    BADGES,
    charge_text,
    details_text,
    note_text,
    plain_tooltip,
    profit_text,
    profit_tone,
    profit_tooltip,
    quantity_text,
    sell_text,
    service_text,
    status_label,
    status_tone,
    status_tooltip,
)
from smmdesk.ui.orders.wording import translate
from smmdesk.workers import LocalReads

PAGE_SIZE = 200
RELOAD_LIMIT = 2_000  # rows re-read from the top in one go (~10 pages, tens of ms)
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex


class OrderColumn(IntEnum):
    """In the order a reseller reads them: what was ordered and how it stands first (they
    fit a 1024-pixel window), then the money, the notes and the rest."""

    DATE = 0
    PANEL = 1
    ORDER_ID = 2
    SERVICE = 3
    LINK = 4
    QUANTITY = 5
    CHARGE = 6
    REMAINS = 7
    STATUS = 8
    DETAILS = 9
    CUSTOMER = 10
    SELL = 11
    PROFIT = 12
    NOTE = 13
    START_COUNT = 14
    CURRENCY = 15


HEADERS = {
    OrderColumn.DATE: QT_TRANSLATE_NOOP("Orders", "Date"),
    OrderColumn.PANEL: QT_TRANSLATE_NOOP("Orders", "Panel"),
    OrderColumn.ORDER_ID: QT_TRANSLATE_NOOP("Orders", "Order ID"),
    OrderColumn.SERVICE: QT_TRANSLATE_NOOP("Orders", "Service"),
    OrderColumn.LINK: QT_TRANSLATE_NOOP("Orders", "Link"),
    OrderColumn.CUSTOMER: QT_TRANSLATE_NOOP("Orders", "Customer"),
    OrderColumn.QUANTITY: QT_TRANSLATE_NOOP("Orders", "Quantity"),
    OrderColumn.CHARGE: QT_TRANSLATE_NOOP("Orders", "Charge"),
    OrderColumn.SELL: QT_TRANSLATE_NOOP("Orders", "Sell price"),
    OrderColumn.PROFIT: QT_TRANSLATE_NOOP("Orders", "Profit"),
    OrderColumn.START_COUNT: QT_TRANSLATE_NOOP("Orders", "Start count"),
    OrderColumn.REMAINS: QT_TRANSLATE_NOOP("Orders", "Remains"),
    OrderColumn.STATUS: QT_TRANSLATE_NOOP("Orders", "Status"),
    OrderColumn.CURRENCY: QT_TRANSLATE_NOOP("Orders", "Currency"),
    OrderColumn.NOTE: QT_TRANSLATE_NOOP("Orders", "Note"),
    OrderColumn.DETAILS: QT_TRANSLATE_NOOP("Orders", "Details"),
}
# The store's sort key per column. None for Panel (names live outside the orders table),
# Profit (computed per row from the delivered share), Currency (one per panel), Note
# and Details (free text).
SORT_COLUMNS = {
    OrderColumn.DATE: "created_at",
    OrderColumn.ORDER_ID: "order_id",
    OrderColumn.SERVICE: "service_name",
    OrderColumn.LINK: "link",
    OrderColumn.CUSTOMER: "customer",
    OrderColumn.QUANTITY: "quantity",
    OrderColumn.CHARGE: "charge",
    OrderColumn.SELL: "sell_price",
    OrderColumn.START_COUNT: "start_count",
    OrderColumn.REMAINS: "remains",
    OrderColumn.STATUS: "state",
}
_NUMERIC = frozenset(
    {
        OrderColumn.QUANTITY, OrderColumn.CHARGE, OrderColumn.SELL, OrderColumn.PROFIT,
        OrderColumn.START_COUNT, OrderColumn.REMAINS,
    }
)  # fmt: skip
_CELLS: dict[OrderColumn, Callable[[OrderRecord], str]] = {
    OrderColumn.DATE: lambda r: format_time(r.created_at),
    OrderColumn.ORDER_ID: lambda r: r.order_id or "",
    OrderColumn.SERVICE: service_text,
    OrderColumn.LINK: lambda r: r.link or "",
    OrderColumn.CUSTOMER: lambda r: r.customer,
    OrderColumn.QUANTITY: quantity_text,
    OrderColumn.CHARGE: charge_text,
    OrderColumn.SELL: sell_text,
    OrderColumn.PROFIT: profit_text,
    OrderColumn.START_COUNT: lambda r: format_count(r.start_count),
    OrderColumn.REMAINS: lambda r: format_count(r.remains),
    OrderColumn.STATUS: status_label,
    OrderColumn.CURRENCY: lambda r: r.currency or "",
    OrderColumn.NOTE: note_text,
    OrderColumn.DETAILS: details_text,
}


_COLUMNS = tuple(OrderColumn)  # by position: `OrderColumn(n)` costs an enum look-up a role
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_COLOUR_ROLES = frozenset(
    {int(Qt.ItemDataRole.ForegroundRole), int(Qt.ItemDataRole.BackgroundRole)}
)


def _cell(record: OrderRecord, column: OrderColumn) -> str:
    return _CELLS[column](record)


class OrdersModel(QAbstractTableModel):
    """Rows are `OrderRecord`s (frozen); `RECORD_ROLE` returns the record of a row."""

    def __init__(self, reads: LocalReads, query: OrderQuery, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reads = reads
        self._query = query
        self._panel_names: Mapping[int, str] = {}
        self._rows: list[OrderRecord] = []
        self._total = 0
        self._tones = current_tones()
        self._load_first_page()

    # -- the query ------------------------------------------------------------------------

    @property
    def query(self) -> OrderQuery:
        return self._query

    @property
    def total(self) -> int:
        """How many orders match the query (loaded or not)."""
        return self._total

    def set_query(self, query: OrderQuery) -> None:
        """Show another tab, search or sort: one count and the first page."""
        self._assert_gui_thread()
        self.beginResetModel()
        self._query = query
        self._load_first_page()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_COLUMNS.get(OrderColumn(column)) if 0 <= column < len(OrderColumn) else None
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key != self._query.sort_column or descending != self._query.descending:
            self.set_query(replace(self._query, sort_column=key, descending=descending))

    def reload(self, first_visible: int = 0, last_visible: int = 0) -> bool:
        """Re-read the rows around the visible ones after statuses changed; True if the
        model had to reset.

        Only a window is re-read, so a refresh costs the same whether the user looked at
        200 rows or scrolled through 100,000: the rows from the top (or, when scrolled
        deep, from a page above the visible ones) to a page below them. Rows past the
        window are dropped and come back fresh through `fetchMore`; rows far above it
        are re-read by the next refresh that has them in view.

        When the window holds the same orders in the same places (the usual case: only
        statuses moved) it emits one ranged `dataChanged`, so the selection and scroll
        position stay untouched. When rows came, went or moved it resets, and the pane
        restores the selection by record ID.
        """
        self._assert_gui_thread()
        self._total = self._reads.count_orders(self._query)
        end = max(PAGE_SIZE, min(len(self._rows), last_visible + 1 + PAGE_SIZE))
        start = 0 if end <= RELOAD_LIMIT else max(0, first_visible - PAGE_SIZE)
        fresh = self._reads.orders_page(self._query, start, end - start)
        old = self._rows[start:end]
        if [r.id for r in fresh[: len(old)]] != [r.id for r in old]:
            self.beginResetModel()
            self._rows = self._reads.orders_page(self._query, 0, min(end, RELOAD_LIMIT))
            self.endResetModel()
            return True
        self._trim(end)
        self._rows[start : start + len(old)] = fresh[: len(old)]
        if old:
            last = self.index(start + len(old) - 1, len(OrderColumn) - 1)
            self.dataChanged.emit(self.index(start, 0), last)
        self._append(fresh[len(old) :])
        return False

    def set_tones(self, tones: Tones) -> None:
        """The palette changed (light/dark): repaint the status colours."""
        self._tones = tones
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(OrderColumn) - 1)
            )

    def set_panel_names(self, names: Mapping[int, str]) -> None:
        """What the Panel column calls each panel (a panel renamed or removed meanwhile)."""
        self._panel_names = dict(names)
        if self._rows:
            column = OrderColumn.PANEL
            top, bottom = self.index(0, column), self.index(len(self._rows) - 1, column)
            self.dataChanged.emit(top, bottom, [Qt.ItemDataRole.DisplayRole])

    def panel_name(self, panel_id: int) -> str:
        name = self._panel_names.get(panel_id)
        return translate("Orders", "Panel {id}").format(id=panel_id) if name is None else name

    def record(self, row: int) -> OrderRecord:
        return self._rows[row]

    def row_of(self, record_id: int) -> int | None:
        for row, record in enumerate(self._rows):
            if record.id == record_id:
                return row
        return None

    # -- QAbstractTableModel --------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(OrderColumn)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex) -> None:
        if parent.isValid():
            return
        self._assert_gui_thread()
        page = self._reads.orders_page(self._query, len(self._rows), PAGE_SIZE)
        if not page:
            self._total = len(self._rows)  # the history shrank under us
            return
        self._append(page)

    def multiData(self, index: AnyIndex, roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:
        """One call-back per painted cell (see `smmdesk.ui.common.roles`), the row's record
        and column looked up once for its seven roles."""
        if index.isValid():
            record, column = self._rows[index.row()], _COLUMNS[index.column()]
            fill_roles(roleDataSpan, partial(self._value, record, column))

    def cell_look(self, row: int, column: int) -> CellLook:
        """What `TextCellDelegate` paints: the display text, alignment, background and
        text colour `data()` gives, in one call."""
        record, shown = self._rows[row], _COLUMNS[column]
        if shown is OrderColumn.PANEL:
            text = self.panel_name(record.panel_id)
        else:
            text = _cell(record, shown)
        return (
            text,
            _RIGHT if shown in _NUMERIC else 0,
            self._colour(record, shown, _BACKGROUND),
            self._colour(record, shown, _FOREGROUND),
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        return self._value(self._rows[index.row()], _COLUMNS[index.column()], role)

    def _value(self, record: OrderRecord, column: OrderColumn, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self.panel_name(record.panel_id)
                if column is OrderColumn.PANEL
                else _cell(record, column)
            )
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._tooltip(record, column))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return _RIGHT
        if role in _COLOUR_ROLES:
            return self._colour(record, column, role)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(OrderColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return translate("Orders", str(HEADERS[OrderColumn(section)]))
        return None

    # -- internals ------------------------------------------------------------------------

    def _tooltip(self, record: OrderRecord, column: OrderColumn) -> str:
        if column is OrderColumn.STATUS:
            return status_tooltip(record)
        if column is OrderColumn.DETAILS:
            return record.error or details_text(record)  # the whole text, not the cell's
        if column is OrderColumn.NOTE:
            return record.note
        if column is OrderColumn.PROFIT:
            return profit_tooltip(record)
        if column is OrderColumn.PANEL:
            return self.panel_name(record.panel_id)
        return _cell(record, column)

    def _colour(self, record: OrderRecord, column: OrderColumn, role: int) -> QColor | None:
        if column is OrderColumn.PROFIT and role == Qt.ItemDataRole.ForegroundRole:
            loss = profit_tone(record)
            if loss is not None:
                return self._tones.text(loss)
        unnamed = column is OrderColumn.SERVICE and not (record.service_id or record.service_name)
        if unnamed and role == Qt.ItemDataRole.ForegroundRole:  # "Not known (…)", not a name
            return self._tones.text(Tone.MUTED)
        tone = status_tone(record)
        if tone is None:
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column is OrderColumn.STATUS:
            return self._tones.text(tone)
        if role == Qt.ItemDataRole.BackgroundRole and record.journal_state in BADGES:
            return self._tones.background(tone)  # only journal badges tint the whole row
        return None

    def _trim(self, end: int) -> None:
        if end < len(self._rows):
            self.beginRemoveRows(QModelIndex(), end, len(self._rows) - 1)
            del self._rows[end:]
            self.endRemoveRows()

    def _append(self, records: list[OrderRecord]) -> None:
        if records:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(records) - 1)
            self._rows.extend(records)
            self.endInsertRows()

    def _load_first_page(self) -> None:
        self._total = self._reads.count_orders(self._query)
        self._rows = self._reads.orders_page(self._query, 0, PAGE_SIZE) if self._total else []

    def _assert_gui_thread(self) -> None:
        assert QThread.currentThread() == self.thread(), "OrdersModel used off its thread"

"""`OrdersSelection`: what the user has selected in the orders view, including "all".

The view holds only the pages it has loaded, so Ctrl+A (or the corner button) selects
200 rows out of 3,000. This object remembers that the user asked for *all* and turns it
into "every order matching the current filter" (`OrderSelection.matching`), which `Desk`
resolves in the store; rows loaded later are shown selected too. Picking rows by hand
afterwards (a click, Ctrl+click on a selected row, another tab or search) ends it, and the
selection is the record IDs picked.

Signals:
    changed()   the selection, or what it means, changed
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Signal,
    Slot,
)

from smmdesk.services.bulk import OrderSelection
from smmdesk.store import OrderQuery, OrderRecord
from smmdesk.ui.orders.orders_model import OrdersModel
from smmdesk.ui.orders.orders_view import OrdersView


class OrdersSelection(QObject):
    changed = Signal()

    def __init__(self, view: OrdersView, model: OrdersModel) -> None:
        super().__init__(view)
        self._view = view
        self._model = model
        self._all: OrderQuery | None = None  # the filter "all" was asked under
        self._selecting = False  # a selection change made here, not by the user
        view.all_selected.connect(self.on_view_all_selected)
        view.selectionModel().selectionChanged.connect(self.on_selection_selectionChanged)
        model.rowsInserted.connect(self.on_model_rowsInserted)
        model.modelReset.connect(self.on_model_modelReset)

    # -- what is selected -----------------------------------------------------------------

    @property
    def is_all(self) -> bool:
        return self._all is not None

    @property
    def count(self) -> int:
        """How many orders the selection means (all matching ones after a select-all)."""
        return self._model.total if self.is_all else len(self._view.selectionModel().selectedRows())

    @property
    def shown_count(self) -> int:
        """How many orders the tab and search show (loaded or not)."""
        return self._model.total

    @property
    def is_loaded(self) -> bool:
        """True when every selected order is a loaded row (`records()` is all of them)."""
        return not self.is_all or self._model.rowCount() >= self._model.total

    def records(self) -> list[OrderRecord]:
        """The selected rows that are loaded, top to bottom."""
        rows = sorted(index.row() for index in self._view.selectionModel().selectedRows())
        return [self._model.record(row) for row in rows]

    def selection(self) -> OrderSelection:
        """What an action should act on, for `Desk`."""
        if self._all is not None:
            return OrderSelection.matching(self._model.query)
        return OrderSelection.of([record.id for record in self.records()])

    def selection_or_shown(self) -> OrderSelection:
        """The selection; with nothing selected, every order the tab and search show (in
        the view's order): what Export acts on."""
        if self.count:
            return self.selection()
        return OrderSelection.matching(self._model.query)

    def restore(self, record_ids: set[int]) -> None:
        """After the model reset: select these records again (all rows when "all")."""
        if not self.is_all:
            self._select_rows(
                row
                for row in range(self._model.rowCount())
                if self._model.record(row).id in record_ids
            )

    # -- keeping "all" true ---------------------------------------------------------------

    @Slot()
    def on_view_all_selected(self) -> None:
        if self._model.total:
            self._all = _filter_of(self._model.query)
            self.changed.emit()

    @Slot()
    def on_selection_selectionChanged(self) -> None:
        if self._selecting:
            return
        if self._all is not None and self._selected_count() < self._model.rowCount():
            self._all = None  # the user took rows out: now it is what they see
        self.changed.emit()

    @Slot(QModelIndex, int, int)
    def on_model_rowsInserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        if self._all is not None:
            self._select_rows(range(first, last + 1), clear=False)

    @Slot()
    def on_model_modelReset(self) -> None:
        """Another tab, search or panel ends "all"; another sort order or a reload keeps
        it, since the same orders still match."""
        if self._all is not None and self._all == _filter_of(self._model.query):
            self._select_rows(range(self._model.rowCount()))
        else:
            self._all = None
        self.changed.emit()

    def _selected_count(self) -> int:
        return len(self._view.selectionModel().selectedRows())

    def _select_rows(self, rows: Iterable[int], clear: bool = True) -> None:
        """Select whole rows, contiguous ones as one range (3,000 rows, one range)."""
        selection = QItemSelection()
        last = self._model.columnCount() - 1
        for first, final in _runs(rows):
            selection.select(self._model.index(first, 0), self._model.index(final, last))
        flag = QItemSelectionModel.SelectionFlag
        self._selecting = True
        try:
            self._view.selectionModel().select(
                selection, flag.ClearAndSelect if clear else flag.Select
            )
        finally:
            self._selecting = False
        self.changed.emit()


def _runs(rows: Iterable[int]) -> list[tuple[int, int]]:
    """`[1, 2, 3, 7]` -> `[(1, 3), (7, 7)]`."""
    runs: list[tuple[int, int]] = []
    for row in sorted(rows):
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


def _filter_of(query: OrderQuery) -> OrderQuery:
    """The part of a query that decides which orders match (not their order)."""
    return replace(query, sort_column="created_at", descending=True)

"""The catalogue as a Qt model that searches, filters and sorts itself.

Sized for a reseller's 20,000-service catalogue: everything per-row that searching or
sorting needs (a lower-case haystack, the catalogue position) is computed once when the
catalogue arrives, in flat lists rather than per-row objects, so a keystroke costs a list
comprehension and one layout change.

Filtering and sorting are done by `ServicesModel` (bulk list operations, then one
`layoutChanged`) instead of by a `QSortFilterProxyModel`'s per-row call-backs: a Python
`lessThan` called O(n log n) times would take seconds, a Python `filterAcceptsRow` cost
40-60 ms a keystroke at 20,000 services (the budget is 20), and even an identity proxy in
between rebuilt its mapping on every layout change for nothing. The view sits on the model
itself; its header calls `ServicesModel.sort`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import IntEnum, StrEnum
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import QColor

from smmdesk.api import Service
from smmdesk.api.forms import is_package
from smmdesk.search import find_all, fold, narrows, query_words
from smmdesk.store import CatalogueDiff
from smmdesk.ui.common.format import PER_PACKAGE, format_count, format_money
from smmdesk.ui.common.roles import fill_roles
from smmdesk.ui.common.text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
SERVICE_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
CHECK_MARK = "✓"


class Column(IntEnum):
    ID = 0
    CATEGORY = 1
    NAME = 2
    TYPE = 3
    RATE = 4
    MIN = 5
    MAX = 6
    REFILL = 7
    CANCEL = 8
    DRIPFEED = 9

    @property
    def title(self) -> str:
        return _TITLES[self]


_TITLES = {
    Column.ID: "ID",
    Column.CATEGORY: "Category",
    Column.NAME: "Name",
    Column.TYPE: "Type",
    Column.RATE: "Rate / 1000",
    Column.MIN: "Min",
    Column.MAX: "Max",
    Column.REFILL: "Refill",
    Column.CANCEL: "Cancel",
    Column.DRIPFEED: "Drip-feed",
}
_NUMERIC = frozenset({Column.ID, Column.RATE, Column.MIN, Column.MAX})
_FLAGS = frozenset({Column.REFILL, Column.CANCEL, Column.DRIPFEED})


class Change(StrEnum):
    """How a service differs from the previous fetch of the catalogue."""

    NEW = "New"
    PRICE_UP = "Price ↑"
    PRICE_DOWN = "Price ↓"


# Translucent so that the highlight reads on light and dark palettes alike.
_CHANGE_COLOURS = {
    Change.NEW: QColor(46, 160, 67, 60),
    Change.PRICE_UP: QColor(218, 54, 51, 60),
    Change.PRICE_DOWN: QColor(31, 111, 235, 60),
}


@dataclass(frozen=True, slots=True)
class ChangeInfo:
    change: Change
    old_rate: Decimal | None = None

    def tooltip(self, new_rate: Decimal, currency: str) -> str:
        if self.change is Change.NEW or self.old_rate is None:
            return "New since the previous fetch of the catalogue"
        return (
            f"was {format_money(self.old_rate, currency)}, now {format_money(new_rate, currency)}"
        )


def changes_from(diff: CatalogueDiff | None) -> dict[str, ChangeInfo]:
    """What to highlight: nothing on a first fetch, else new and re-priced services."""
    if diff is None or diff.is_first_fetch:
        return {}
    changes = {sid: ChangeInfo(Change.NEW) for sid in diff.added}
    for sid, (old, new) in diff.repriced.items():
        changes[sid] = ChangeInfo(Change.PRICE_UP if new > old else Change.PRICE_DOWN, old)
    return changes


def _id_key(service_id: str) -> tuple[int, int | str]:
    """IDs are opaque: numeric ones sort as numbers, before any others."""
    return (0, int(service_id)) if service_id.isdigit() else (1, service_id.lower())


_SORT_KEYS: dict[Column, Callable[[Service], Any]] = {
    Column.ID: lambda s: _id_key(s.id),
    Column.CATEGORY: lambda s: s.category.casefold(),
    Column.NAME: lambda s: s.name.casefold(),
    Column.TYPE: lambda s: s.type.casefold(),
    Column.RATE: lambda s: s.rate,
    Column.MIN: lambda s: s.min,
    Column.MAX: lambda s: s.max,
    Column.REFILL: lambda s: s.refill,
    Column.CANCEL: lambda s: s.cancel,
    Column.DRIPFEED: lambda s: s.dripfeed,
}


@dataclass(frozen=True, slots=True)
class ServiceFilter:
    """What the user asked to see; empty fields filter nothing."""

    text: str = ""
    category: str = ""
    refill: bool = False
    cancel: bool = False
    dripfeed: bool = False
    changes_only: bool = False


class ServicesModel(QAbstractTableModel):
    """Rows are the panel's `Service` objects that pass the current `ServiceFilter`.

    Mutated only on the GUI thread, in bulk: `set_catalogue` is one model reset; `sort`
    and `set_filter` are one layout change each, with the selection (persistent indexes)
    following its rows. `services` is the whole catalogue in display order; `visible`
    holds the positions in it that the filter lets through.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services: list[Service] = []
        self.visible: list[int] = []
        self._haystacks: list[str] | None = []
        self.changes: dict[str, ChangeInfo] = {}
        self._positions: list[int] = []
        self._texts: dict[int, tuple[str, ...]] = {}
        self._filter = ServiceFilter()
        self._currency = ""
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    # -- mutation -------------------------------------------------------------------------

    def set_catalogue(
        self, services: Sequence[Service], diff: CatalogueDiff | None, currency: str = ""
    ) -> None:
        """Replace every row (emits modelAboutToBeReset/modelReset), keeping sort and filter."""
        self.beginResetModel()
        self.services = list(services)
        self._haystacks = None  # built on the first search, not on the load path
        self._positions = list(range(len(self.services)))
        self._texts = {}
        self.changes = changes_from(diff)
        self._currency = currency
        if self._sort_column >= 0:
            self._reorder(self._sorted_order(self._sort_column, self._sort_order))
        self.visible = self._passing_rows()
        self.endResetModel()
        if self.services:
            QTimer.singleShot(0, self, self._prepare_search)

    @Slot()
    def _prepare_search(self) -> None:
        """Build the search haystacks in their own turn of the event loop, after the
        catalogue is shown, rather than on the first keystroke (~25 ms at 20,000)."""
        _ = self.haystacks

    def set_currency(self, currency: str) -> None:
        """Show rates in this currency (emits dataChanged for the rate column)."""
        if currency == self._currency:
            return
        self._currency = currency
        self._texts = {}
        if self.visible:
            top = self.index(0, Column.RATE)
            bottom = self.index(len(self.visible) - 1, Column.RATE)
            self.dataChanged.emit(top, bottom, [Qt.ItemDataRole.DisplayRole])

    @property
    def currency(self) -> str:
        return self._currency

    @property
    def current_filter(self) -> ServiceFilter:
        return self._filter

    def set_filter(self, wanted: ServiceFilter) -> None:
        """Show only the services `wanted` lets through (one layout change)."""
        if wanted == self._filter:
            return
        narrower = _narrows(self._filter, wanted)
        self._filter = wanted
        self._relayout(lambda: None, among=self.visible if narrower else None)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows (one layout change); -1 restores the panel's own order."""
        self._sort_column, self._sort_order = column, order
        if self.services:
            self._relayout(lambda: self._reorder(self._sorted_order(column, order)))

    def _relayout(self, rearrange: Callable[[], None], among: list[int] | None = None) -> None:
        """Rearrange the catalogue, re-filter it (only the positions `among`, when the new
        filter can only let fewer through), and move persistent indexes along (to an
        invalid index when their service is filtered out)."""
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        identities = [self._positions[self.visible[index.row()]] for index in old_persistent]
        rearrange()
        self.visible = self._passing_rows(among)
        new_persistent = [
            self._index_of(identity, index.column())
            for identity, index in zip(identities, old_persistent, strict=True)
        ]
        self.changePersistentIndexList(old_persistent, new_persistent)
        self.layoutChanged.emit()

    def _index_of(self, identity: int, column: int) -> QModelIndex:
        """Where the service with this catalogue position is shown now, if it is."""
        at = self._positions.index(identity)
        row = bisect_left(self.visible, at)
        shown = row < len(self.visible) and self.visible[row] == at
        return self.index(row, column) if shown else QModelIndex()

    def _passing_rows(self, among: list[int] | None = None) -> list[int]:
        """Positions that pass the filter, looked for `among` these positions (all when
        None): bulk list work, no per-row Qt call-backs."""
        wanted = self._filter
        words = query_words(wanted.text)
        if words:  # the haystacks are built on the first search, not with the catalogue
            rows = find_all(self.haystacks, words, among)
        else:
            rows = list(range(len(self.services))) if among is None else among
        for check in _service_checks(wanted, self.changes):
            services = self.services
            rows = [at for at in rows if check(services[at])]
        return rows

    def _sorted_order(self, column: int, order: Qt.SortOrder) -> list[int]:
        rows = range(len(self.services))
        descending = order == Qt.SortOrder.DescendingOrder and column >= 0
        if column < 0:
            return sorted(rows, key=self._positions.__getitem__)
        key = _SORT_KEYS[Column(column)]
        keys = [key(service) for service in self.services]
        return sorted(rows, key=keys.__getitem__, reverse=descending)

    def _reorder(self, new_order: list[int]) -> None:
        self.services = [self.services[i] for i in new_order]
        if self._haystacks is not None:
            self._haystacks = [self._haystacks[i] for i in new_order]
        self._positions = [self._positions[i] for i in new_order]

    # -- reading --------------------------------------------------------------------------

    @property
    def haystacks(self) -> list[str]:
        """Per service, the folded text a search looks in: ID, category and name."""
        if self._haystacks is None:
            self._haystacks = [fold(f"{s.id}\n{s.category}\n{s.name}") for s in self.services]
        return self._haystacks

    def service(self, row: int) -> Service:
        return self.services[self.visible[row]]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return Column(section).title if 0 <= section < _COLUMN_COUNT else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self._value(self.visible[index.row()], index.column(), role)

    def multiData(self, index: Index, roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:
        """One call-back per painted cell (see `smmdesk.ui.common.roles`)."""
        if index.isValid():
            at, column = self.visible[index.row()], index.column()
            fill_roles(roleDataSpan, partial(self._value, at, column))

    def _value(self, at: int, column: int, role: int) -> Any:
        """Display texts are built once per service and kept; other roles are look-ups."""
        if role == _DISPLAY_ROLE:
            return self._display_texts(at)[column]
        if role == _ALIGNMENT_ROLE:
            return _ALIGNMENTS[column]
        if role in _CHANGE_ROLES:
            return self._change_data(self.services[at], role) if self.changes else None
        if role == SORT_ROLE:
            return _SORT_KEYS[Column(column)](self.services[at])
        if role == SERVICE_ROLE:
            return self.services[at]
        return None

    def _display_texts(self, at: int) -> tuple[str, ...]:
        identity = self._positions[at]
        texts = self._texts.get(identity)
        if texts is None:
            service = self.services[at]
            texts = self._texts[identity] = tuple(self._display(service, c) for c in Column)
        return texts

    def _display(self, service: Service, column: Column) -> str:
        if column in _FLAGS:
            return CHECK_MARK if getattr(service, _FLAG_ATTRIBUTES[column]) else ""
        info = self.changes.get(service.id)
        if column == Column.RATE:
            text = format_money(service.rate, self._currency)
            if is_package(service):
                text = f"{text} {PER_PACKAGE}"
            if info is not None and info.change is not Change.NEW:
                return f"{text} {info.change.value[-1]}"
            return text
        if column == Column.NAME and info is not None and info.change is Change.NEW:
            return f"{Change.NEW.value} · {service.name}"
        return str(_PLAIN_VALUES[column](service))

    def _change_data(self, service: Service, role: int) -> Any:
        info = self.changes.get(service.id)
        if info is None:
            return None
        if role == _BACKGROUND_ROLE:
            return _CHANGE_COLOURS[info.change]
        return plain_tooltip(info.tooltip(service.rate, self._currency))


_COLUMN_COUNT = len(Column)
_DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole
_ALIGNMENT_ROLE = Qt.ItemDataRole.TextAlignmentRole
_BACKGROUND_ROLE = Qt.ItemDataRole.BackgroundRole
_CHANGE_ROLES = frozenset({Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole})
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_ALIGNMENTS = tuple(
    Qt.AlignmentFlag.AlignCenter if c in _FLAGS else _RIGHT if c in _NUMERIC else None
    for c in Column
)
_FLAG_ATTRIBUTES = {Column.REFILL: "refill", Column.CANCEL: "cancel", Column.DRIPFEED: "dripfeed"}
_PLAIN_VALUES: dict[Column, Callable[[Service], object]] = {
    Column.ID: lambda s: s.id,
    Column.CATEGORY: lambda s: s.category,
    Column.NAME: lambda s: s.name,
    Column.TYPE: lambda s: s.type,
    Column.MIN: lambda s: format_count(s.min),
    Column.MAX: lambda s: format_count(s.max),
}


def _narrows(before: ServiceFilter, after: ServiceFilter) -> bool:
    """Whether `after` lets through only services `before` let through: the same choices,
    and the user typed on."""
    same_choices = replace(before, text="") == replace(after, text="")
    return same_choices and narrows(query_words(before.text), query_words(after.text))


def _service_checks(
    wanted: ServiceFilter, changes: dict[str, ChangeInfo]
) -> list[Callable[[Service], bool]]:
    checks: list[Callable[[Service], bool]] = []
    if wanted.category:
        checks.append(lambda s: s.category == wanted.category)
    if wanted.refill:
        checks.append(lambda s: s.refill)
    if wanted.cancel:
        checks.append(lambda s: s.cancel)
    if wanted.dripfeed:
        checks.append(lambda s: s.dripfeed)
    if wanted.changes_only:
        checks.append(lambda s: s.id in changes)
    return checks

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

Favourites the panel no longer lists follow the catalogue's rows when the Favourites
filter is on: a few rows at the end that belong to no service (`gone_at`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from smmdesk.api import Service
from smmdesk.api.forms import is_package
from smmdesk.search import SearchTexts, query_words
from smmdesk.services.catalogue import search_texts
from smmdesk.store import CatalogueDiff, Favourite
from smmdesk.ui.catalogue.changes import (
    ARROWS,
    CHANGE_COLOURS,
    Change,
    ChangeInfo,
    changes_from,
)
from smmdesk.ui.catalogue.columns import (
    ALIGNMENTS,
    FLAG_ATTRIBUTES,
    FLAGS,
    SORT_KEYS,
    Column,
    HeaderWords,
)
from smmdesk.ui.catalogue.favourite_cells import (
    NO_STAR,
    STAR,
    StarWords,
    gone_value,
    star_value,
)
from smmdesk.ui.catalogue.service_filter import ServiceFilter, filter_narrows, service_checks
from smmdesk.ui.common.format import format_count, format_money
from smmdesk.ui.common.text import plain_tooltip
from smmdesk.ui.common.text_cells import CellLook
from smmdesk.ui.common.tones import Tones, current_tones

__all__ = ["SERVICE_ROLE", "SORT_ROLE", "Column", "ServiceFilter", "ServicesModel"]

Index = QModelIndex | QPersistentModelIndex
SERVICE_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
CHECK_MARK = "✓"
Identity = int | str  # a catalogue position, or the service ID of a gone favourite
Passing = tuple[list[int], list[Favourite]]  # what a filter lets through
translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


@dataclass(frozen=True, slots=True)
class CellWords:
    """The words the cells put around the panel's data, in the user's language: translated
    once, when the model is made, since a cell's text is built for every service shown and
    its other roles are read on every repaint."""

    new_name: str  # "New · {name}"
    package_rate: str  # "{rate} per package"
    flags: tuple[str, str]  # what a screen reader says for a flag cell: no, yes

    @classmethod
    def now(cls) -> CellWords:
        """Translated with the translations installed now."""
        return cls(
            new_name=translate("Services", "New · {name}"),
            package_rate=translate("Format", "{rate} per package"),
            flags=(translate("Services", "no"), translate("Services", "yes")),
        )


class ServicesModel(QAbstractTableModel):
    """Rows are the panel's `Service` objects that pass the current `ServiceFilter`, then
    (among favourites only) the favourites it no longer lists.

    Mutated only on the GUI thread, in bulk: `set_catalogue` is one model reset; `sort`,
    `set_filter` and `set_favourites` are one layout change each (a star alone, one
    `dataChanged` of its column), with the selection (persistent indexes) following its
    rows. `services` is the whole catalogue in display order; `visible` holds the
    positions in it that the filter lets through.
    """

    def __init__(self, parent: QObject | None = None, tones: Tones | None = None) -> None:
        super().__init__(parent)
        self.services: list[Service] = []
        self.visible: list[int] = []
        self._haystacks: SearchTexts | None = SearchTexts([])
        self.changes: dict[str, ChangeInfo] = {}
        self.starred: frozenset[str] = frozenset()
        self._favourites: tuple[Favourite, ...] = ()
        self.gone: list[Favourite] = []  # favourites the catalogue does not list
        self.gone_shown: list[Favourite] = []
        self.tones = tones or current_tones()
        self._positions: list[int] = []
        self._texts: dict[int, tuple[str, ...]] = {}
        self._filter = ServiceFilter()
        self._currency = ""
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._header = HeaderWords.now()
        self._star_words = StarWords.now()
        self._words = CellWords.now()

    # -- mutation -------------------------------------------------------------------------

    def set_catalogue(
        self,
        services: Sequence[Service],
        diff: CatalogueDiff | None,
        currency: str = "",
        search_texts: SearchTexts | None = None,
    ) -> None:
        """Replace every row (emits modelAboutToBeReset/modelReset), keeping sort and filter.
        `search_texts` are the services' haystacks when a worker folded them already."""
        self.beginResetModel()
        self.services = list(services)
        ready = search_texts is not None and len(search_texts) == len(self.services)
        self._haystacks = search_texts if ready else None
        self._positions = list(range(len(self.services)))
        self._texts = {}
        self.changes = changes_from(diff)
        self._currency = currency
        self.gone = self._gone_of(self._favourites)
        if self._sort_column >= 0:
            self._reorder(self._sorted_order(self._sort_column, self._sort_order))
        self.visible, self.gone_shown = self._passing()
        self.endResetModel()

    def set_currency(self, currency: str) -> None:
        """Show rates in this currency (emits dataChanged for the rate column)."""
        if currency == self._currency:
            return
        self._currency = currency
        self._texts = {}
        self._column_changed(Column.RATE)

    def set_favourites(self, favourites: Sequence[Favourite]) -> None:
        """The panel's favourites: their stars, and the rows of those it no longer lists.
        A layout change when the filter or the sort depends on them, else the star column
        changes."""
        self._favourites = tuple(favourites)
        starred = frozenset(favourite.service_id for favourite in favourites)
        gone = self._gone_of(self._favourites)
        if starred == self.starred and gone == self.gone:
            return
        column = self._sort_column
        if self._filter.favourites_only or column == Column.FAVOURITE:
            order = self._sort_order

            def rearrange() -> None:
                self.starred, self.gone = starred, gone
                if column == Column.FAVOURITE:
                    self._reorder(self._sorted_order(column, order))

            self._relayout(rearrange)
        else:
            self.starred, self.gone = starred, gone
            self._column_changed(Column.FAVOURITE)

    @property
    def currency(self) -> str:
        return self._currency

    @property
    def current_filter(self) -> ServiceFilter:
        return self._filter

    def set_filter(self, wanted: ServiceFilter) -> None:
        """Show only the services `wanted` lets through: one layout change, or none when
        the same rows pass (typing on within a word often lets the same few through, and
        a layout change of a 20,000-row table costs more than the search)."""
        if wanted == self._filter:
            return
        narrower = filter_narrows(self._filter, wanted)
        self._filter = wanted
        passing = self._passing(self.visible if narrower else None)
        if passing != (self.visible, self.gone_shown):
            self._relayout(lambda: None, passing=passing)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows (one layout change); -1 restores the panel's own order."""
        self._sort_column, self._sort_order = column, order
        if self.services:
            self._relayout(lambda: self._reorder(self._sorted_order(column, order)))

    def _relayout(self, rearrange: Callable[[], None], passing: Passing | None = None) -> None:
        """Rearrange the catalogue, re-filter it (unless what passes is known already),
        and move persistent indexes along (to an invalid index when their service is
        filtered out)."""
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        identities = [self._identity(index.row()) for index in old_persistent]
        rearrange()
        self.visible, self.gone_shown = passing or self._passing()
        new_persistent = [
            self._index_of(identity, index.column())
            for identity, index in zip(identities, old_persistent, strict=True)
        ]
        self.changePersistentIndexList(old_persistent, new_persistent)
        self.layoutChanged.emit()

    def _identity(self, row: int) -> Identity:
        if row < len(self.visible):
            return self._positions[self.visible[row]]
        return self.gone_shown[row - len(self.visible)].service_id

    def _index_of(self, identity: Identity, column: int) -> QModelIndex:
        """Where the service with this catalogue position (or this gone favourite) is
        shown now, if it is."""
        if isinstance(identity, str):
            ids = [favourite.service_id for favourite in self.gone_shown]
            if identity not in ids:
                return QModelIndex()
            return self.index(len(self.visible) + ids.index(identity), column)
        at = self._positions.index(identity)
        row = bisect_left(self.visible, at)
        shown = row < len(self.visible) and self.visible[row] == at
        return self.index(row, column) if shown else QModelIndex()

    def _passing(self, among: list[int] | None = None) -> Passing:
        """The catalogue positions and the gone favourites the filter lets through (the
        positions looked for `among` these, when the new filter can only let fewer by)."""
        words = query_words(self._filter.text)
        gone = [f for f in self.gone if self._filter.admits_gone(f, words)]
        return self._passing_rows(among), gone

    def _passing_rows(self, among: list[int] | None = None) -> list[int]:
        """Positions that pass the filter, looked for `among` these positions (all when
        None): bulk list work, no per-row Qt call-backs."""
        wanted = self._filter
        words = query_words(wanted.text)
        if words:  # the haystacks are built on the first search, not with the catalogue
            rows = self.haystacks.find(words, among)
        else:
            rows = list(range(len(self.services))) if among is None else among
        for check in service_checks(wanted, self.changes, self.starred):
            services = self.services
            rows = [at for at in rows if check(services[at])]
        return rows

    def _sorted_order(self, column: int, order: Qt.SortOrder) -> list[int]:
        rows = range(len(self.services))
        descending = order == Qt.SortOrder.DescendingOrder and column >= 0
        if column < 0:
            return sorted(rows, key=self._positions.__getitem__)
        if column == Column.FAVOURITE:  # favourites first, ascending
            starred = self.starred
            keys: list[Any] = [service.id not in starred for service in self.services]
        else:
            key = SORT_KEYS[Column(column)]
            keys = [key(service) for service in self.services]
        return sorted(rows, key=keys.__getitem__, reverse=descending)

    def _reorder(self, new_order: list[int]) -> None:
        self.services = [self.services[i] for i in new_order]
        if self._haystacks is not None:
            self._haystacks = self._haystacks.reordered(new_order)
        self._positions = [self._positions[i] for i in new_order]

    def _gone_of(self, favourites: Sequence[Favourite]) -> list[Favourite]:
        if not favourites:
            return []
        listed = {service.id for service in self.services}
        return [favourite for favourite in favourites if favourite.service_id not in listed]

    def _column_changed(self, column: Column) -> None:
        if self.rowCount():
            top, bottom = self.index(0, column), self.index(self.rowCount() - 1, column)
            self.dataChanged.emit(top, bottom)

    # -- reading --------------------------------------------------------------------------

    @property
    def haystacks(self) -> SearchTexts:
        """Per service, the folded text a search looks in: ID, category and name (folded
        here, on the first search, only when `set_catalogue` was not given them)."""
        if self._haystacks is None:
            self._haystacks = search_texts(self.services)
        return self._haystacks

    def service(self, row: int) -> Service | None:
        """The service shown at `row`; None for a favourite the panel no longer lists."""
        return self.services[self.visible[row]] if row < len(self.visible) else None

    def row_of(self, service_id: str) -> int | None:
        """The row showing the service with this ID, if the filter shows it."""
        services = self.services
        rows = (row for row, at in enumerate(self.visible) if services[at].id == service_id)
        return next(rows, None)

    def gone_at(self, row: int) -> Favourite | None:
        """The favourite shown at `row` when the panel no longer lists it."""
        at = row - len(self.visible)
        return self.gone_shown[at] if 0 <= at < len(self.gone_shown) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.visible) + len(self.gone_shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < _COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._header.titles[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header.tooltips[section]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._header.names[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self._cell(index.row(), index.column(), role)

    def multiData(self, index: Index, roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:
        """One call-back per painted cell (see `smmdesk.ui.common.roles`), and no look-up
        for the roles this model never answers (most of what a delegate asks)."""
        if not index.isValid():
            return
        row, column = index.row(), index.column()
        items = (roleDataSpan,) if isinstance(roleDataSpan, QModelRoleData) else roleDataSpan
        for role_data in cast("Sequence[QModelRoleData]", items):
            role = role_data.role()
            value = self._cell(row, column, role) if role in _ANSWERED else None
            if value is None:
                role_data.clearData()
            else:
                role_data.setData(value)

    def cell_look(self, row: int, column: int) -> CellLook | None:
        """What `TextCellDelegate` paints: the display text, alignment, background and
        text colour `data()` gives, in one call (None for a gone favourite's row)."""
        visible = self.visible
        if row >= len(visible):
            return None
        at = visible[row]
        if column == _STAR_COLUMN:
            starred = self.services[at].id in self.starred
            colour = star_value(starred, _FOREGROUND_ROLE, self.tones, self._star_words)
            return (STAR if starred else NO_STAR), _LOOK_ALIGNMENTS[column], None, colour
        text = self._display_texts(at)[column]
        info = self.changes.get(self.services[at].id) if self.changes else None
        background = None if info is None else CHANGE_COLOURS[info.change]
        return text, _LOOK_ALIGNMENTS[column], background, None

    def _cell(self, row: int, column: int, role: int) -> Any:
        if row < len(self.visible):
            return self._value(self.visible[row], column, role)
        gone = self.gone_shown[row - len(self.visible)]
        return gone_value(gone, column, role, self.tones, self._star_words)

    def _value(self, at: int, column: int, role: int) -> Any:
        """Display texts are built once per service and kept; other roles are look-ups."""
        if column == _STAR_COLUMN:
            if role == SORT_ROLE:
                return self.services[at].id not in self.starred
            starred = self.services[at].id in self.starred
            return star_value(starred, role, self.tones, self._star_words)
        if role == _DISPLAY_ROLE:
            return self._display_texts(at)[column]
        if role == _ALIGNMENT_ROLE:
            return ALIGNMENTS[column]
        if role in _CHANGE_ROLES:
            return self._change_data(self.services[at], role) if self.changes else None
        if role == SORT_ROLE:
            return SORT_KEYS[Column(column)](self.services[at])
        if role == SERVICE_ROLE:
            return self.services[at]
        if role == _ACCESSIBLE_ROLE and column in FLAGS:
            return self._words.flags[getattr(self.services[at], FLAG_ATTRIBUTES[Column(column)])]
        return None

    def _display_texts(self, at: int) -> tuple[str, ...]:
        identity = self._positions[at]
        texts = self._texts.get(identity)
        if texts is None:
            service = self.services[at]
            texts = self._texts[identity] = tuple(self._display(service, c) for c in Column)
        return texts

    def _display(self, service: Service, column: Column) -> str:
        if column in FLAGS:
            return CHECK_MARK if getattr(service, FLAG_ATTRIBUTES[column]) else ""
        info = self.changes.get(service.id)
        if column == Column.RATE:
            text = format_money(service.rate, self._currency)
            if is_package(service):
                text = self._words.package_rate.format(rate=text)
            if info is not None and info.change is not Change.NEW:
                return f"{text} {ARROWS[info.change]}"
            return text
        if column == Column.NAME and info is not None and info.change is Change.NEW:
            return self._words.new_name.format(name=service.name)
        plain = _PLAIN_VALUES.get(column)
        return "" if plain is None else str(plain(service))

    def _change_data(self, service: Service, role: int) -> Any:
        info = self.changes.get(service.id)
        if info is None:
            return None
        if role == _BACKGROUND_ROLE:
            return CHANGE_COLOURS[info.change]
        return plain_tooltip(info.tooltip(service.rate, self._currency))


_COLUMN_COUNT = len(Column)
_STAR_COLUMN = int(Column.FAVOURITE)
_DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole
_ALIGNMENT_ROLE = Qt.ItemDataRole.TextAlignmentRole
_BACKGROUND_ROLE = Qt.ItemDataRole.BackgroundRole
_FOREGROUND_ROLE = Qt.ItemDataRole.ForegroundRole
_LOOK_ALIGNMENTS = tuple(alignment or 0 for alignment in ALIGNMENTS)
_ACCESSIBLE_ROLE = Qt.ItemDataRole.AccessibleTextRole
_CHANGE_ROLES = frozenset({Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole})
_ANSWERED = frozenset(
    {
        int(Qt.ItemDataRole.DisplayRole),
        int(Qt.ItemDataRole.TextAlignmentRole),
        int(Qt.ItemDataRole.BackgroundRole),
        int(Qt.ItemDataRole.ForegroundRole),
        int(Qt.ItemDataRole.ToolTipRole),
        int(Qt.ItemDataRole.AccessibleTextRole),
        int(SORT_ROLE),
        int(SERVICE_ROLE),
    }
)
_PLAIN_VALUES: dict[Column, Callable[[Service], object]] = {
    Column.ID: lambda s: s.id,
    Column.CATEGORY: lambda s: s.category,
    Column.NAME: lambda s: s.name,
    Column.TYPE: lambda s: s.type,
    Column.MIN: lambda s: format_count(s.min),
    Column.MAX: lambda s: format_count(s.max),
}

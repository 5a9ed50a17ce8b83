"""The service picker's list: the catalogue with favourites first, then recently ordered
services, then the rest, narrowed by the typed words.

Built for 20,000 services the way the Services table is: each service's folded search
text is made once per catalogue; the favourites-first order is a list of catalogue
positions with the haystacks laid out in that order, so a search (`find_all`, every word
in any order, without accents) hands back matches already grouped, and typing on only
looks again at what the previous keystroke matched. A keystroke is one model reset.

Folding 20,000 names full of emoji and accents takes ~100 ms, too long for one turn of the
event loop when a catalogue arrives: it is done 2,000 services a turn after the catalogue
is shown, and finished at once only if the user searches before it is done.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from enum import Enum, IntEnum
from typing import Any, cast

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
    QTimer,
    Slot,
)

from smmdesk.api import Service
from smmdesk.api.forms import is_package
from smmdesk.search import find_all, fold, narrows, query_words
from smmdesk.ui.common.format import PER_PACKAGE, format_count, format_money
from smmdesk.ui.common.text import plain_tooltip
from smmdesk.ui.common.tones import Tone, Tones, current_tones

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
Index = QModelIndex | QPersistentModelIndex
SERVICE_ROLE = Qt.ItemDataRole.UserRole


class PickerColumn(IntEnum):
    MARK = 0
    SERVICE = 1
    RATE = 2
    LIMITS = 3


class Group(Enum):
    """Where a service stands in the list; the value is what a screen reader says (in
    the user's language: `words`)."""

    FAVOURITE = QT_TRANSLATE_NOOP("ServicePicker", "Favourite")
    RECENT = QT_TRANSLATE_NOOP("ServicePicker", "Ordered recently")
    OTHER = ""

    @property
    def words(self) -> str | None:
        return translate("ServicePicker", str(self.value)) if self.value else None


MARKS = {Group.FAVOURITE: "★", Group.RECENT: "↺", Group.OTHER: ""}
_COLUMN_COUNT = len(PickerColumn)
_TITLES: tuple[str, ...] = (
    "",
    str(QT_TRANSLATE_NOOP("ServicePicker", "Service")),
    str(QT_TRANSLATE_NOOP("ServicePicker", "Rate / 1000")),
    str(QT_TRANSLATE_NOOP("ServicePicker", "Min \u2013 max")),
)


def entry_text(service: Service) -> str:
    """What the picker shows and searches: ID, name and category."""
    return f"{service.id} · {service.name} · {service.category}"


class PickerModel(QAbstractTableModel):
    """Rows are the services matching the last `search`, favourites first.

    Mutated on the GUI thread only: `set_services` and `set_groups` re-order the list,
    `search` narrows it, each one model reset."""

    def __init__(self, parent: QObject | None = None, tones: Tones | None = None) -> None:
        super().__init__(parent)
        self.services: list[Service] = []
        self._at: dict[str, int] = {}  # service ID -> catalogue position (the last one)
        self._folded: list[str] = []  # per catalogue position, filled in slices
        self._order: list[int] = []  # catalogue positions, favourites first
        self._ordered: list[str] | None = None  # folded texts in `_order`'s order
        self._groups: dict[int, Group] = {}  # catalogue position -> favourite or recent
        self._matches: list[int] = []  # indexes into `_order`
        self._words: tuple[str, ...] = ()
        self._found: dict[tuple[str, ...], list[int]] = {}  # recent queries' matches
        self._texts: dict[int, tuple[str, str, str]] = {}
        self._currency = ""
        self.tones = tones or current_tones()
        self._folding = QTimer(self)
        self._folding.setInterval(0)
        self._folding.timeout.connect(self.on_folding_timeout)

    # -- mutation -------------------------------------------------------------------------

    def set_services(
        self,
        services: Sequence[Service],
        starred: Collection[str] = (),
        recent: Sequence[str] = (),
    ) -> None:
        self.services = list(services)
        self._at = {service.id: position for position, service in enumerate(self.services)}
        self._folded = []
        self._texts = {}
        self.set_groups(starred, recent)
        if self.services:
            self._folding.start()

    def set_groups(self, starred: Collection[str], recent: Sequence[str]) -> None:
        """Favourites (in catalogue order), then recent services (newest first), then the
        rest; the search is run again over the new order."""
        at = self._at
        favourites = [at[sid] for sid in at if sid in starred]
        recents = [at[sid] for sid in dict.fromkeys(recent) if sid in at and sid not in starred]
        self._groups = dict.fromkeys(favourites, Group.FAVOURITE)
        self._groups.update(dict.fromkeys(recents, Group.RECENT))
        rest = [position for position in range(len(self.services)) if position not in self._groups]
        self._order = [*favourites, *recents, *rest]
        self._ordered = None
        self._found = {}
        every = list(range(len(self._order)))
        self._apply(find_all(self._haystacks, self._words) if self._words else every)

    def set_currency(self, currency: str) -> None:
        if currency != self._currency:
            self._currency = currency
            self._texts = {}
            if self._matches:
                top = self.index(0, PickerColumn.RATE)
                self.dataChanged.emit(top, self.index(len(self._matches) - 1, PickerColumn.RATE))

    def search(self, text: str) -> None:
        """Keep the services whose entry holds every word of `text`. Typing on looks only
        at the previous matches; a query met lately (deleting back to it) is not searched
        again."""
        words = query_words(text)
        if words == self._words:
            return
        matches = self._found.get(words)
        if matches is None:
            among = self._matches if narrows(self._words, words) else None
            matches = find_all(self._haystacks, words, among)
            self._remember(words, matches)
        self._words = words
        if matches != self._matches:  # typing on often keeps the same few: nothing to paint
            self._apply(matches)

    @Slot()
    def on_folding_timeout(self) -> None:
        done = len(self._folded)
        self._fold(self.services[done : done + _FOLD_SLICE])

    def _fold(self, services: Sequence[Service]) -> None:
        self._folded.extend(fold(entry_text(service)) for service in services)
        if len(self._folded) >= len(self.services):
            self._folding.stop()

    @property
    def _haystacks(self) -> list[str]:
        if len(self._folded) < len(self.services):  # a search came first: finish now
            self._fold(self.services[len(self._folded) :])
        if self._ordered is None:
            folded = self._folded
            self._ordered = [folded[position] for position in self._order]
        return self._ordered

    def _remember(self, words: tuple[str, ...], matches: list[int]) -> None:
        if len(self._found) >= _QUERIES_KEPT:
            del self._found[next(iter(self._found))]
        self._found[words] = matches

    def _apply(self, matches: list[int]) -> None:
        self.beginResetModel()
        self._matches = matches
        self.endResetModel()

    # -- reading --------------------------------------------------------------------------

    @property
    def query(self) -> tuple[str, ...]:
        return self._words

    def find(self, service_id: str) -> Service | None:
        """The catalogue's service with this ID (the last, should the panel list two)."""
        position = self._at.get(service_id)
        return None if position is None else self.services[position]

    def service(self, row: int) -> Service | None:
        if 0 <= row < len(self._matches):
            return self.services[self._order[self._matches[row]]]
        return None

    def row_of(self, service_id: str) -> int | None:
        """Where the service is listed now, if it matches."""
        for row, match in enumerate(self._matches):
            if self.services[self._order[match]].id == service_id:
                return row
        return None

    def group(self, row: int) -> Group:
        return self._groups.get(self._order[self._matches[row]], Group.OTHER)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._matches)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and 0 <= section < len(_TITLES)
        if horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("ServicePicker", _TITLES[section]) if _TITLES[section] else ""
        if horizontal and role == Qt.ItemDataRole.AccessibleTextRole:
            if _TITLES[section]:
                return translate("ServicePicker", _TITLES[section])
            return translate("ServicePicker", "Favourite or recent")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self._value(self._order[self._matches[index.row()]], index.column(), role)

    def multiData(self, index: Index, roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:
        """One call-back per painted cell (see `smmdesk.ui.common.roles`), and no call at
        all for the roles this model has no answer for (two thirds of what a view asks):
        painting the list is most of a keystroke's cost."""
        if not index.isValid():
            return
        position, column = self._order[self._matches[index.row()]], index.column()
        items = (roleDataSpan,) if isinstance(roleDataSpan, QModelRoleData) else roleDataSpan
        for role_data in cast("Sequence[QModelRoleData]", items):
            role = role_data.role()
            value = self._value(position, column, role) if role in _ANSWERED else None
            if value is None:
                role_data.clearData()
            else:
                role_data.setData(value)

    def _value(self, position: int, column: int, role: int) -> Any:
        """Most roles a view asks for have no answer here: they leave first."""
        if role not in _ANSWERED:
            return None
        if column == _MARK:
            return self._mark(self._groups.get(position, Group.OTHER), role)
        if role == _DISPLAY:
            return self._display_texts(position)[column - 1]
        if role == _ALIGNMENT:
            return None if column == _SERVICE else _RIGHT
        if role == _TOOLTIP and column == _SERVICE:
            return plain_tooltip(entry_text(self.services[position]))
        if role == SERVICE_ROLE:
            return self.services[position]
        return None

    def _mark(self, group: Group, role: int) -> Any:
        if role == _DISPLAY:
            return MARKS[group]
        if role in (_ACCESSIBLE, _TOOLTIP):
            return group.words
        if role == _FOREGROUND and group is Group.FAVOURITE:
            return self.tones.text(Tone.WARN)
        if role == _ALIGNMENT:
            return _CENTRE
        return None

    def _display_texts(self, position: int) -> tuple[str, str, str]:
        texts = self._texts.get(position)
        if texts is None:
            service = self.services[position]
            rate = format_money(service.rate, self._currency)
            if is_package(service):
                rate = f"{rate} {PER_PACKAGE}"
            limits = f"{format_count(service.min)} \N{EN DASH} {format_count(service.max)}"
            texts = self._texts[position] = (entry_text(service), rate, limits)
        return texts


_QUERIES_KEPT = 64
_FOLD_SLICE = 2_000  # services folded in one turn of the event loop: ~10 ms
_MARK, _SERVICE = int(PickerColumn.MARK), int(PickerColumn.SERVICE)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ANSWERED = frozenset({_DISPLAY, _ALIGNMENT, _TOOLTIP, _ACCESSIBLE, _FOREGROUND, int(SERVICE_ROLE)})
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTRE = Qt.AlignmentFlag.AlignCenter

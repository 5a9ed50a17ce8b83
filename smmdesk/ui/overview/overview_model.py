"""`OverviewModel`: one row per panel, and `OverviewProxy` that sorts it.

Rows are replaced whole (`PanelRow` is frozen) and announced with one `dataChanged` per
change: a new set of figures is one ranged signal for the whole table, a balance one for
its row. The count cells are links: `LINK_ROLE` gives the Orders tab and the record IDs
they count, and they are drawn as links (the colour the pane hands in, underlined).

The warning column is edited in place: `setData` reads the amount (`amount_input`); an
amount that is not one changes nothing and is reported by `threshold_refused`, a good one
by `threshold_edited` for the pane to store.

Signals:
    threshold_edited(panel_id, text)      a valid warning typed ("" clears it)
    threshold_refused(panel_id, message)  what was typed is not an amount, and why
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from decimal import Decimal
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from smmdesk.api import Balance
from smmdesk.store import TABS, Overview, Panel, PanelFigures
from smmdesk.ui.common.errors import Described
from smmdesk.ui.common.format import format_count
from smmdesk.ui.common.roles import fill_roles
from smmdesk.ui.common.text import plain_tooltip
from smmdesk.ui.common.tones import Tone, Tones
from smmdesk.ui.overview import panel_row as cells
from smmdesk.ui.overview.amount_input import read_amount
from smmdesk.ui.overview.columns import Column, explanation, title
from smmdesk.ui.overview.panel_row import PanelRow

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex
PANEL_ROLE = Qt.ItemDataRole.UserRole  # the row's panel ID
LINK_ROLE = Qt.ItemDataRole.UserRole + 1  # (tab, record IDs) of a count cell, else None
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
ALL_TAB, UNCONFIRMED_TAB = "all", "unconfirmed"
assert {ALL_TAB, UNCONFIRMED_TAB} <= set(TABS)


_COLUMNS = len(Column)
_LINKS: dict[int, tuple[str, Callable[[PanelFigures], tuple[int, ...]]]] = {
    Column.ACTIVE: (ALL_TAB, lambda f: f.active),
    Column.UNCONFIRMED: (UNCONFIRMED_TAB, lambda f: f.unconfirmed),
    Column.FAILED_REFILLS: (ALL_TAB, lambda f: f.failed_refills),
}
_SPEND: dict[int, Callable[[PanelFigures], Mapping[str, Decimal]]] = {
    Column.SPENT_TODAY: lambda f: f.spend_today,
    Column.SPENT_WEEK: lambda f: f.spend_week,
    Column.SPENT_MONTH: lambda f: f.spend_month,
}
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_R = Qt.ItemDataRole


class OverviewModel(QAbstractTableModel):
    threshold_edited = Signal(int, str)
    threshold_refused = Signal(int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[PanelRow] = []
        self._texts: dict[int, tuple[PanelRow, tuple[str, ...]]] = {}  # by row position
        self._tones = Tones(dark=False)
        self._link = QColor("#1565c0")
        self._link_font = QFont()
        self._link_font.setUnderline(True)

    # -- changes ------------------------------------------------------------------------

    def set_panels(self, panels: Iterable[Panel], thresholds: dict[int, Decimal | None]) -> None:
        """The panels to show (real ones first, the demo last), keeping what is known of
        each one already shown."""
        known = {row.panel.id: row for row in self.rows}
        ordered = sorted(panels, key=lambda panel: panel.is_demo)
        self.beginResetModel()
        self.rows = [
            replace(known[p.id], panel=p, threshold=thresholds.get(p.id))
            if p.id in known
            else PanelRow(p, PanelFigures(p.id), threshold=thresholds.get(p.id))
            for p in ordered
        ]
        self.endResetModel()

    def set_overview(self, overview: Overview) -> None:
        self.rows = [replace(row, figures=overview.of(row.panel.id)) for row in self.rows]
        if self.rows:
            last = self.index(len(self.rows) - 1, _COLUMNS - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def set_balance(self, panel_id: int, balance: Balance | None) -> None:
        self._update(panel_id, balance=balance, problem=None)

    def set_problem(self, panel_id: int, problem: Described) -> None:
        self._update(panel_id, problem=problem)

    def set_threshold(self, panel_id: int, threshold: Decimal | None) -> None:
        self._update(panel_id, threshold=threshold)

    def set_style(self, tones: Tones, link: QColor) -> None:
        """The palette's tones and link colour (the pane hands them in when it changes)."""
        self._tones, self._link = tones, link
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, _COLUMNS - 1))

    def _update(self, panel_id: int, **changes: Any) -> None:
        for at, row in enumerate(self.rows):
            if row.panel.id == panel_id:
                updated = replace(row, **changes)
                if updated != row:
                    self.rows[at] = updated
                    self.dataChanged.emit(self.index(at, 0), self.index(at, _COLUMNS - 1))
                return

    def row_of(self, panel_id: int) -> PanelRow | None:
        return next((row for row in self.rows if row.panel.id == panel_id), None)

    # -- Qt -----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = _R.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < _COLUMNS:
            return None
        if role == _R.DisplayRole:
            return title(Column(section))
        if role == _R.ToolTipRole:
            return explanation(Column(section))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == Column.THRESHOLD:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = _R.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self._value(index.row(), index.column(), role)

    def multiData(self, index: Index, roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:
        """One call-back per painted cell (see `smmdesk.ui.common.roles`)."""
        if index.isValid():
            fill_roles(roleDataSpan, partial(self._value, index.row(), index.column()))

    def setData(self, index: Index, value: Any, role: int = _R.EditRole) -> bool:
        if not index.isValid() or index.column() != Column.THRESHOLD or role != _R.EditRole:
            return False
        row = self.rows[index.row()]
        typed = read_amount(str(value or ""))
        if not typed.ok:
            self.threshold_refused.emit(row.panel.id, typed.problem)
            return False
        self.set_threshold(row.panel.id, typed.value)
        self.threshold_edited.emit(row.panel.id, typed.stored())
        return True

    # -- cells --------------------------------------------------------------------------

    def _display(self, at: int) -> tuple[str, ...]:
        """A row's texts, kept until the row is replaced (a view asks for them on every
        paint and every measure of a column)."""
        row = self.rows[at]
        cached = self._texts.get(at)
        if cached is None or cached[0] is not row:
            cached = self._texts[at] = (row, tuple(_text(row, column) for column in Column))
        return cached[1]

    def _value(self, at: int, column: int, role: int) -> Any:
        if role == _R.DisplayRole:
            return self._display(at)[column]
        row = self.rows[at]
        if role == _R.EditRole:
            return cells.threshold_edit_text(row) if column == Column.THRESHOLD else None
        if role == _R.TextAlignmentRole:
            return _LEFT if column in (Column.PANEL, Column.BALANCE) else _RIGHT
        if role == PANEL_ROLE:
            return row.panel.id
        if role == LINK_ROLE:
            return _link(row, column)
        if role == SORT_ROLE:
            return _sort_key(row, column)
        return self._look(row, column, role)

    def _look(self, row: PanelRow, column: int, role: int) -> Any:
        link = _link(row, column) is not None
        if role == _R.ToolTipRole:
            return _tooltip(row, column, link)
        if role == _R.ForegroundRole:
            if link:
                return self._link
            if column == Column.BALANCE and (row.problem or row.is_low):
                return self._tones.text(Tone.BAD if row.problem else Tone.WARN)
            return None
        if role == _R.BackgroundRole and column == Column.BALANCE and row.is_low:
            return self._tones.background(Tone.WARN)
        if role == _R.FontRole and link:
            return self._link_font
        if role == _R.AccessibleDescriptionRole and link:
            return translate("Overview", "Link: shows these orders in the Orders tab")
        return None


def _text(row: PanelRow, column: Column) -> str:
    figures = row.figures
    if column == Column.PANEL:
        return cells.name_text(row)
    if column == Column.BALANCE:
        return cells.balance_text(row)
    if column == Column.THRESHOLD:
        return cells.threshold_text(row)
    if column in _LINKS:
        return format_count(len(_LINKS[column][1](figures)))
    return cells.spend_text(_SPEND[column](figures))


def _link(row: PanelRow, column: int) -> tuple[str, tuple[int, ...]] | None:
    if column not in _LINKS:
        return None
    tab, ids_of = _LINKS[column]
    record_ids = ids_of(row.figures)
    return (tab, record_ids) if record_ids else None


def _tooltip(row: PanelRow, column: int, link: bool) -> str | None:
    if column == Column.PANEL:
        return plain_tooltip(cells.name_text(row))
    if column == Column.BALANCE:  # a panel's refusal is its own words: plain text
        return plain_tooltip(cells.balance_tooltip(row)) or None
    if column == Column.THRESHOLD:
        return translate("Overview", "Double-click or press F2 to change; empty: no warning")
    if link:
        return translate("Overview", "Show these orders in the Orders tab")
    if column in _SPEND:
        return cells.spend_text(_SPEND[column](row.figures))
    return None


def _sort_key(row: PanelRow, column: int) -> Any:
    if column == Column.PANEL:
        return row.panel.name.casefold()
    if column == Column.BALANCE:
        return float(row.balance.amount) if row.balance is not None else -1.0
    if column == Column.THRESHOLD:
        return float(row.threshold) if row.threshold is not None else -1.0
    if column in _LINKS:
        return len(_LINKS[column][1](row.figures))
    return cells.spend_sort_key(_SPEND[column](row.figures))


class OverviewProxy(QSortFilterProxyModel):
    """Sorts by `SORT_ROLE` (numbers for amounts and counts, folded text for names)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

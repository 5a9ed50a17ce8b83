"""`PreviewModel`: the lines of a mass order as a table, each with its verdict and, once
the batch is placed, its outcome (`PreviewProxy` shows one kind of line at a time).

Sized for 10,000 lines: rows are the checker's frozen `CheckedLine`s as they arrive (no
per-row objects are built on the GUI thread), a re-check that keeps the lines in place is
one ranged `dataChanged` (the selection and scroll stay), and sorting is one Python sort
and one layout change done here. A `QSortFilterProxyModel` sorting by itself would call
back into Python for every comparison (~130,000 at 10,000 lines, about a second); its
filter is its own regular expression on `KIND_ROLE`, which costs nothing while the user
looks at every line.

Signals:
    line_edited(int, str, str)   the user typed a new value into line N's field (link or
                                 quantity); the owner re-checks and calls `set_lines`
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
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
    Qt,
    QThread,
    Signal,
)

from smmdesk.services.mass_check import CheckedLine, LineVerdict
from smmdesk.store import JournalState, OrderRecord
from smmdesk.ui.common.roles import fill_roles
from smmdesk.ui.common.text import plain_tooltip
from smmdesk.ui.common.tones import Tone, Tones, current_tones
from smmdesk.ui.mass import cells
from smmdesk.ui.mass.columns import PreviewColumn
from smmdesk.ui.mass.ordering import by_number, descending, sort_key

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
AnyIndex = QModelIndex | QPersistentModelIndex
# Roles as the plain ints the views ask with: comparing an int with an enum member
# converts it every time, seven times a painted cell.
LINE_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # the row's CheckedLine
KIND_ROLE = int(Qt.ItemDataRole.UserRole) + 2  # words the proxy filters on (see `kinds`)
_DISPLAY, _EDIT, _TOOLTIP, _ALIGNMENT, _FOREGROUND, _BACKGROUND = (
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
    )
)

COLUMNS = tuple(PreviewColumn)  # by index: the views ask per cell, and Enum() is slow
COLUMN_COUNT = len(COLUMNS)
_FIELD_OF = {PreviewColumn.LINK: "link", PreviewColumn.QUANTITY: "quantity"}
_RIGHT = frozenset({PreviewColumn.LINE, PreviewColumn.QUANTITY, PreviewColumn.CHARGE})
_RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CELL = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_PLACED_FLAGS = tuple(_CELL for _column in COLUMNS)
_FLAGS = tuple(
    _CELL | Qt.ItemFlag.ItemIsEditable if column in _FIELD_OF else _CELL for column in COLUMNS
)
_ROLES = frozenset(
    {_DISPLAY, _EDIT, _TOOLTIP, _ALIGNMENT, _FOREGROUND, _BACKGROUND, LINE_ROLE, KIND_ROLE}
)


class PreviewModel(QAbstractTableModel):
    """One row per `CheckedLine`; `outcomes` maps the numbers of the lines stored in the
    placed batch to their latest journal row (None: never sent). Mutated on the GUI
    thread only (asserted)."""

    line_edited = Signal(int, str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CheckedLine] = []
        self._row_of: dict[int, int] = {}
        self.checking: set[int] = set()
        self.outcomes: dict[int, OrderRecord | None] = {}
        self.placed = False
        # What painted cells show, by (line number, column), until the line changes: the
        # texts go through QLocale and were half of a repaint's call-back time.
        self._texts: dict[tuple[int, PreviewColumn], str] = {}
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self._tones = current_tones()

    # -- mutation -------------------------------------------------------------------------

    def set_lines(self, rows: Sequence[CheckedLine]) -> None:
        """Show a (re-)checked batch: in place when the same lines are in the same order
        (one `dataChanged`), else a reset, keeping the sort."""
        self._assert_gui_thread()
        self.checking.clear()
        self._texts.clear()
        same = len(rows) == len(self._rows) and all(
            a.line.number == b.line.number for a, b in zip(rows, self._rows, strict=True)
        )
        if same and rows:
            self._rows = list(rows)
            self._changed(0, len(self._rows) - 1)
            return
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort[0] >= 0:
            self._rows.sort(key=sort_key(self._sort[0], self), reverse=descending(self._sort[1]))
        self._index_rows()
        self.endResetModel()

    def show_checking(self, checked: CheckedLine) -> None:
        """Line N was edited: show its new fields, `Checking…` until `set_lines`."""
        row = self._row_of.get(checked.line.number)
        if row is not None:
            self._rows[row] = checked
            self.checking.add(checked.line.number)
            self._forget(checked.line.number, *COLUMNS)
            self._changed(row, row)

    def start_batch(
        self, numbers: Iterable[int], outcomes: Mapping[int, OrderRecord | None]
    ) -> None:
        """The batch is stored: these lines are in it, never sent unless `outcomes` says.
        Only the Result column changes (one ranged `dataChanged`), except for rows an
        outcome tints."""
        self._assert_gui_thread()
        self.placed = True
        self.outcomes = {number: outcomes.get(number) for number in numbers}
        self._texts.clear()
        if self._rows:
            result = PreviewColumn.RESULT
            last = len(self._rows) - 1
            self.dataChanged.emit(self.index(0, result), self.index(last, result))
        for number, record in self.outcomes.items():
            row = self._row_of.get(number)
            if record is not None and _needs_eye(record) and row is not None:
                self._changed(row, row)

    def set_outcomes(self, outcomes: Mapping[int, OrderRecord | None]) -> None:
        """Lines of the batch got an outcome: one ranged `dataChanged` of the Result
        column, and whole rows only where the outcome tints the row (rejected,
        unconfirmed). While a batch is placed each repaint call-back waits for the GIL
        the placer's threads hold; repainting every column of the changed rows ten
        times a second stalled the GUI thread 100-220 ms (bench/mass_gui.py)."""
        self._assert_gui_thread()
        rows, tinted = [], []
        for number, record in outcomes.items():
            row = self._row_of.get(number)
            if number in self.outcomes and row is not None:
                self.outcomes[number] = record
                self._forget(number, PreviewColumn.RESULT)
                rows.append(row)
                if record is not None and _needs_eye(record):
                    tinted.append(row)
        if rows:
            result = PreviewColumn.RESULT
            self.dataChanged.emit(self.index(min(rows), result), self.index(max(rows), result))
        for row in tinted:
            self._changed(row, row)

    def clear(self) -> None:
        self.beginResetModel()
        self._rows, self._row_of, self.outcomes = [], {}, {}
        self.placed = False
        self.checking.clear()
        self._texts.clear()
        self.endResetModel()

    def set_tones(self, tones: Tones) -> None:
        self._tones = tones
        if self._rows:
            self._changed(0, len(self._rows) - 1)

    # -- reading --------------------------------------------------------------------------

    @property
    def lines(self) -> list[CheckedLine]:
        """Every row in display order."""
        return list(self._rows)

    def line(self, row: int) -> CheckedLine:
        return self._rows[row]

    def row_of(self, number: int) -> int | None:
        return self._row_of.get(number)

    def record(self, number: int) -> OrderRecord | None:
        return self.outcomes.get(number)

    def in_batch(self, number: int) -> bool:
        return number in self.outcomes

    def kinds(self, checked: CheckedLine) -> str:
        """Space-separated words the proxy filters on: the verdict (`ready`, `held`,
        `invalid`, `skipped`), `send` for a line that is or will be sent, and once the
        batch is placed its outcome (`placed`, `rejected`, `unconfirmed`, `sending`,
        `unsent`) or `out` for a line left out of it."""
        number = checked.line.number
        words = [checked.verdict.value]
        if checked.verdict is LineVerdict.READY:
            words.append("send")
        if self.placed:
            if number not in self.outcomes:
                words.append("out")
            else:
                record = self.outcomes[number]
                words.append("unsent" if record is None else record.journal_state.value)
        return " ".join(words)

    # -- QAbstractTableModel --------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        """As `QAbstractTableModel.index`, in one call-back instead of its two (`rowCount`
        and `columnCount`): the proxy asks for every painted cell, twice."""
        if parent.isValid() or not (0 <= row < len(self._rows) and 0 <= column < COLUMN_COUNT):
            return QModelIndex()
        return self.createIndex(row, column)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return self.column_flags(index.column()) if index.isValid() else _NO_FLAGS

    def column_flags(self, column: int) -> Qt.ItemFlag:
        """A cell's flags, the same in every row: link and quantity are edited in place
        until the batch is placed."""
        return (_PLACED_FLAGS if self.placed else _FLAGS)[column]

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        checked = self._rows[index.row()]
        name = _FIELD_OF[COLUMNS[index.column()]]
        text = str(value).strip()
        if text == checked.line.fields.get(name, ""):
            return False
        self.line_edited.emit(checked.line.number, name, text)
        return True

    def multiData(self, index: AnyIndex, roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:
        """One call-back per painted cell (see `smmdesk.ui.common.roles`), the row and
        column read once for its seven roles."""
        if index.isValid():
            self.fill_cell(index.row(), index.column(), roleDataSpan)

    def fill_cell(self, row: int, column: int, span: QModelRoleDataSpan | QModelRoleData) -> None:
        fill_roles(span, partial(self._value, self._rows[row], COLUMNS[column]))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        return self._value(self._rows[index.row()], COLUMNS[index.column()], role)

    def _value(self, checked: CheckedLine, column: PreviewColumn, role: int) -> object:
        if role not in _ROLES:
            return None  # decoration, font, check state…: asked for every painted cell
        if role == _DISPLAY:
            key = (checked.line.number, column)
            text = self._texts.get(key)
            if text is None:
                text = self._texts[key] = self.cell_text(checked, column)
            return text
        if role == _ALIGNMENT:
            return _RIGHT_ALIGNED if column in _RIGHT else None
        if role in (_FOREGROUND, _BACKGROUND):
            return self._colour(checked, column, role)
        if role == _EDIT:
            return checked.line.fields.get(_FIELD_OF.get(column, ""), "")
        if role == _TOOLTIP:
            return plain_tooltip(self._tooltip(checked, column))
        return checked if role == LINE_ROLE else self.kinds(checked)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return PreviewColumn(section).title
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows in one layout change, persistent indexes following their
        lines; -1 restores the order of the text."""
        self._assert_gui_thread()
        self._sort = (column, order)
        if not self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        numbers = [self._rows[index.row()].line.number for index in persistent]
        key = sort_key(column, self) if column >= 0 else by_number
        self._rows.sort(key=key, reverse=column >= 0 and descending(order))
        self._index_rows()
        moved = [
            self.index(self._row_of[number], index.column())
            for number, index in zip(numbers, persistent, strict=True)
        ]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    # -- internals ------------------------------------------------------------------------

    def cell_text(self, checked: CheckedLine, column: PreviewColumn) -> str:
        """What the cell shows (one line, bounded)."""
        fields = checked.line.fields
        number = checked.line.number
        if column is PreviewColumn.LINE:
            return str(number)
        if column is PreviewColumn.PANEL:
            return cells.panel_text(checked)
        if column is PreviewColumn.SERVICE:
            return cells.one_line(cells.service_text(checked))
        if column is PreviewColumn.LINK:
            return cells.one_line(fields.get("link", ""))
        if column is PreviewColumn.QUANTITY:
            return cells.quantity_text(fields)
        if column is PreviewColumn.DETAILS:
            return cells.one_line(cells.details_text(fields))
        if column is PreviewColumn.CHARGE:
            return cells.charge_text(checked)
        if column is PreviewColumn.CHECK:
            return cells.one_line(cells.verdict_text(checked, number in self.checking))
        return cells.one_line(cells.outcome_text(self.outcomes.get(number), self.in_batch(number)))

    def _tooltip(self, checked: CheckedLine, column: PreviewColumn) -> str:
        number = checked.line.number
        if column is PreviewColumn.LINE:
            return translate("MassOrder", "Line {number} as written:\n{source}").format(
                number=number, source=checked.line.source
            )
        if column is PreviewColumn.DETAILS:
            return cells.details_tooltip(checked.line.fields)
        if column is PreviewColumn.CHECK:
            return cells.verdict_text(checked)
        if column is PreviewColumn.RESULT:
            return cells.outcome_text(self.outcomes.get(number), self.in_batch(number))
        return self._text_whole(checked, column)

    def _text_whole(self, checked: CheckedLine, column: PreviewColumn) -> str:
        if column is PreviewColumn.LINK:
            return checked.line.fields.get("link", "")
        if column is PreviewColumn.SERVICE:
            return cells.service_text(checked)
        return self.cell_text(checked, column)

    def _colour(self, checked: CheckedLine, column: PreviewColumn, role: int) -> object:
        number = checked.line.number
        if role == _FOREGROUND:
            if column is PreviewColumn.CHECK and number not in self.checking:
                return self._tones.text(cells.verdict_tone(checked))
            if column is PreviewColumn.RESULT:
                tone = cells.outcome_tone(self.outcomes.get(number))
                return None if tone is None else self._tones.text(tone)
            return None
        tone = self._row_tone(checked)
        return None if tone is None else self._tones.background(tone)

    def _row_tone(self, checked: CheckedLine) -> Tone | None:
        """Rows that need the user: rejected and unconfirmed lines of the batch; invalid
        and held lines (which stay out of the batch, and the tint says why)."""
        record = self.outcomes.get(checked.line.number)
        if record is not None and _needs_eye(record):
            return cells.outcome_tone(record)
        if checked.verdict is LineVerdict.INVALID:
            return Tone.BAD
        if checked.verdict is LineVerdict.HELD:
            return Tone.WARN
        return None

    def _index_rows(self) -> None:
        self._row_of = {checked.line.number: row for row, checked in enumerate(self._rows)}

    def _forget(self, number: int, *columns: PreviewColumn) -> None:
        for column in columns:
            self._texts.pop((number, column), None)

    def _changed(self, first: int, last: int) -> None:
        self.dataChanged.emit(self.index(first, 0), self.index(last, COLUMN_COUNT - 1))

    def _assert_gui_thread(self) -> None:
        assert QThread.currentThread() == self.thread(), "PreviewModel used off its thread"


def _needs_eye(record: OrderRecord) -> bool:
    return record.journal_state in (JournalState.REJECTED, JournalState.UNCONFIRMED)
